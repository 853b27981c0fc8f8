"""Face-to-face reception: check-in, the waiting list's order per desk, calling (one visitor to one
desk, under real concurrency too), the wait stored, people who leave, permissions and bad input."""

import re
import threading
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from contacts import selectors, services
from contacts.models import ReceptionVisit


@pytest.fixture(autouse=True)
def _midday():
    """Late morning on the council's clock: the waiting list is today's, so a test that ran across
    midnight would see its visitors of a few minutes ago as yesterday's."""
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(11)))
    with time_machine.travel(noon, tick=True):
        yield


def _visit(by, *, name="Sam Visitor", reason="Council tax", specialist=False, minutes_ago=0) -> ReceptionVisit:
    visit = services.visit_check_in(by=by, fields={"name": name, "reason": reason, "needs_specialist": specialist})
    if minutes_ago:
        # Time passing: the one write a test may make directly.
        ReceptionVisit.objects.filter(pk=visit.pk).update(arrived_at=timezone.now() - timedelta(minutes=minutes_ago))
        visit.refresh_from_db()
    return visit


def test_check_in_needs_a_reason_and_keeps_an_anonymous_visitor(world):
    with pytest.raises(ValidationError) as error:
        services.visit_check_in(by=world.adviser, fields={"name": "Ann", "reason": "   "})
    assert error.value.message_dict == {"reason": ["Enter why they have come in"]}
    visit = services.visit_check_in(by=world.adviser, fields={"name": " ", "reason": " Housing "})
    assert (visit.name, visit.reason, visit.needs_specialist) == ("", "Housing", False)
    assert selectors.visit_who(visit) == "Visitor (no name given)"


def test_the_queue_is_longest_wait_first_per_desk(world):
    by = world.adviser
    general_new = _visit(by, name="G new", minutes_ago=2)
    general_old = _visit(by, name="G old", minutes_ago=9)
    special_new = _visit(by, name="S new", specialist=True, minutes_ago=1)
    special_old = _visit(by, name="S old", specialist=True, minutes_ago=5)
    yesterday = _visit(by, name="Yesterday", minutes_ago=60 * 30)
    assert [row.visit for row in selectors.waiting_list()] == [general_old, special_old, general_new, special_new]
    assert yesterday not in [row.visit for row in selectors.waiting_list()]
    # The general desk never takes a specialist visitor; the specialist desk takes its own first,
    # then the longest-waiting general visitor.
    called = [
        services.visit_call_next(by=by, specialist=True),
        services.visit_call_next(by=by, specialist=False),
        services.visit_call_next(by=by, specialist=True),
        services.visit_call_next(by=by, specialist=False),
        services.visit_call_next(by=by, specialist=True),
    ]
    assert called == [special_old, general_old, special_new, general_new, None]
    assert services.visit_call_next(by=by, specialist=False) is None


def test_the_wait_is_stored_to_the_second(world):
    visit = _visit(world.adviser, minutes_ago=7)
    called = services.visit_call(visit=visit, by=world.officer_a)
    called.refresh_from_db()
    assert called.called_by == world.officer_a
    assert called.wait_seconds == int((called.called_at - called.arrived_at).total_seconds())
    assert 7 * 60 <= called.wait_seconds < 7 * 60 + 5
    waits = selectors.reception_waits()
    assert (waits.seen, waits.left, waits.longest) == (1, 0, timedelta(seconds=called.wait_seconds))


def test_called_or_gone_twice_is_refused_in_words(world):
    visit = _visit(world.adviser, name="Pat")
    services.visit_call(visit=visit, by=world.team_manager)
    with pytest.raises(ValidationError, match="Pat has already been called to a desk, by"):
        services.visit_call(visit=visit, by=world.adviser)
    with pytest.raises(ValidationError, match="already been called"):
        services.visit_leave(visit=visit, by=world.adviser)
    gone = _visit(world.adviser, name="Lee")
    services.visit_leave(visit=gone, by=world.adviser)
    with pytest.raises(ValidationError, match="Lee left without being seen"):
        services.visit_call(visit=gone, by=world.adviser)
    assert selectors.reception_waits().left == 1
    old = _visit(world.adviser, name="Old", minutes_ago=60 * 30)
    with pytest.raises(ValidationError, match="earlier day"):
        services.visit_call(visit=old, by=world.adviser)


@pytest.mark.django_db(transaction=True)
def test_two_desks_calling_next_at_once_never_call_the_same_visitor(world):
    for minutes in range(6):
        _visit(world.adviser, name=f"V{minutes}", minutes_ago=minutes + 1)
    count = 6
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            barrier.wait(timeout=10)
            results[index] = services.visit_call_next(by=world.adviser, specialist=False)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(isinstance(result, ReceptionVisit) for result in results), results
    assert len({result.pk for result in results}) == count
    assert not ReceptionVisit.objects.waiting().exists()


def test_visit_get_for_user_the_log_screens_contract(world):
    visit = _visit(world.adviser)
    with pytest.raises(Exception, match="No such visitor"):  # not called yet
        selectors.visit_get_for_user(pk=visit.pk, user=world.adviser)
    services.visit_call(visit=visit, by=world.adviser)
    for user in ("adviser", "officer_a", "team_manager", "service_manager", "administrator"):
        assert selectors.visit_get_for_user(pk=visit.pk, user=world.users[user]) == visit
    for user in ("councillor", "no_role"):
        with pytest.raises(Exception, match="No such visitor"):
            selectors.visit_get_for_user(pk=visit.pk, user=world.users[user])


RECEIVERS = {"adviser", "team_manager", "service_manager", "administrator"}


@pytest.mark.parametrize("user", ["adviser", "officer_a", "team_manager", "service_manager", "administrator",
                                  "councillor", "no_role"])  # fmt: skip
def test_permissions_per_role(client, world, user):
    """Advisers and managers run reception; officers log contacts (a visitor handed to them) but do
    not check visitors in or call them; councillors and users without a role do nothing here."""
    visit = _visit(world.adviser)
    client.force_login(world.users[user])
    allowed = user in RECEIVERS
    assert client.get(reverse("contacts:reception")).status_code == (200 if allowed else 403)
    assert client.get(reverse("contacts:reception-check-in")).status_code == (200 if allowed else 403)
    response = client.post(reverse("contacts:reception-call", args=[visit.pk]))
    assert response.status_code == (302 if allowed else 403)
    if allowed:
        assert response["Location"] == f"{reverse('contacts:log')}?visit={visit.pk}"


def test_the_pages_journey_and_hostile_input(client, world):
    client.force_login(world.adviser)
    url = reverse("contacts:reception-check-in")
    response = client.post(url, {"name": "", "reason": ""})
    assert response.status_code == 200
    assert "Enter why they have come in" in response.content.decode()
    for name, reason in [("x" * 10_000, "ok"), ("ok", "x" * 10_000), ("a\x00b", "ok"), ("ok", "a\x00b")]:
        response = client.post(url, {"name": name, "reason": reason})
        assert response.status_code == 200, (name[:5], reason[:5])
    assert not ReceptionVisit.objects.exists()
    response = client.post(url, {"name": "!!!", "reason": "<script>alert(1)</script>", "needs_specialist": "on"})
    assert response.status_code == 302
    page = client.get(reverse("contacts:reception")).content.decode()
    assert "&lt;script&gt;" in page and "Specialist desk" in page and "1 person waiting" in page
    visit = ReceptionVisit.objects.get()
    # Bad ids, a bad desk, and a visitor already seen: a 404 or a message, never a 500.
    for path in ("/staff/reception/0/call/", "/staff/reception/99999999999999999999/call/",
                 "/staff/reception/0/left/", "/staff/reception/abc/call/"):  # fmt: skip
        assert client.post(path).status_code == 404
    assert client.post(reverse("contacts:reception-call-next"), {"desk": "x\x00" * 5000}).status_code == 302
    assert client.post(reverse("contacts:reception-call-next"), {"desk": "general"}).status_code == 302
    assert client.post(reverse("contacts:reception-call-next"), {"desk": "specialist"})["Location"].endswith(
        f"?visit={visit.pk}"
    )
    response = client.post(reverse("contacts:reception-call", args=[visit.pk]), follow=True)
    assert "has already been called to a desk" in response.content.decode()
    response = client.post(reverse("contacts:reception-left", args=[visit.pk]), follow=True)
    assert "has already been called to a desk" in response.content.decode()
    assert client.get(reverse("contacts:reception-call", args=[visit.pk])).status_code == 405


def test_the_same_check_in_sent_twice_checks_the_visitor_in_once(client, world):
    client.force_login(world.adviser)
    url = reverse("contacts:reception-check-in")
    key = re.search(r'name="key" value="([0-9a-f-]{36})"', client.get(url).content.decode())
    assert key is not None
    fields = {"name": "Vera Visitor", "reason": "Council tax", "key": key[1]}
    assert client.post(url, fields).status_code == 302
    assert client.post(url, fields).status_code == 302
    assert ReceptionVisit.objects.count() == 1
    # A fresh form (a new key) is the next visitor; a damaged key still checks them in.
    assert client.post(url, {**fields, "key": "not-a-key"}).status_code == 302
    assert ReceptionVisit.objects.count() == 2


def test_two_check_ins_of_one_form_at_once_keep_one_visit(world, transactional_db):
    import uuid

    key, barrier, made = uuid.uuid4(), threading.Barrier(2), []

    def check_in():
        try:
            barrier.wait()
            made.append(services.visit_check_in(by=world.adviser, fields={"reason": "Bins"}, key=key).pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=check_in) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 2 and made[0] == made[1] and ReceptionVisit.objects.count() == 1


def test_the_waiting_list_query_count(client, world, django_assert_num_queries):
    for minutes in range(5):
        _visit(world.adviser, minutes_ago=minutes)
    client.force_login(world.adviser)
    client.get(reverse("contacts:reception"))
    # session, user, the user's and the groups' permissions, the waiting list with customers, the
    # day's waits: however many wait (the navigation's permission look-ups are cached on the user).
    with django_assert_num_queries(6):
        client.get(reverse("contacts:reception"))
