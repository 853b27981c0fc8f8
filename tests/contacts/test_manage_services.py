"""The request type services and selectors behind the managers' pages: who may edit which form,
moving questions, the history's link from each question and answer to its form, and the Open311
definition following the questions' order."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404

from contacts import selectors, services
from contacts.models import ContactsChange, Datatype, RequestType
from standards.models import CaseType


def test_nobody_outside_the_managers_edits_a_form(world, request_types):
    for user in (AnonymousUser(), world.no_role, world.adviser, world.officer_a, world.councillor):
        assert not selectors.request_types_for_user(user).exists()
        with pytest.raises(Http404):
            selectors.request_type_get_for_user(pk=request_types["bulky"].pk, user=user)


def test_each_manager_edits_the_topics_of_their_area(world, request_types):
    assert set(selectors.request_type_topics_for_user(world.team_manager)) == {
        world.directory[name] for name in ("bulky", "potholes", "private")
    }
    assert set(selectors.request_type_topics_for_user(world.service_manager)) == {world.directory["homeless"]}
    assert selectors.request_type_topics_for_user(world.administrator).count() == 5
    # Questions and answers follow their form.
    items = request_types["bulky"].questions.get(code="items")
    assert selectors.question_get_for_user(pk=items.pk, user=world.team_manager) == items
    with pytest.raises(Http404):
        selectors.question_get_for_user(pk=items.pk, user=world.service_manager)
    with pytest.raises(Http404):
        selectors.question_value_get_for_user(pk=items.values.first().pk, user=world.service_manager)


def test_moving_the_last_question_down_changes_nothing(request_types):
    bulky = request_types["bulky"]
    last = bulky.questions.order_by("order").last()
    before = ContactsChange.objects.count()
    services.question_move(question=last, by=None, up=False)
    assert ContactsChange.objects.count() == before
    services.question_move(question=last, by=None, up=True)
    selectors.request_type_questions(bulky)
    codes = [attribute["code"] for attribute in selectors.open311_definition(bulky)["attributes"]]
    assert codes == ["items", "item-details", "item-count"]


def test_every_history_row_names_its_form_even_once_deleted(world, request_types):
    bulky = request_types["bulky"]
    items = bulky.questions.get(code="items")
    services.question_value_delete(value=items.values.get(key="fridge"), by=world.team_manager)
    services.question_delete(question=items, by=world.team_manager)
    rows = ContactsChange.objects.filter(request_type_pk=bulky.pk)
    # The form, its three questions, three answers (all created), an answer and a question deleted.
    assert rows.count() == 9
    assert {(row.entry_type, row.action) for row in rows.filter(action="deleted")} == {
        ("question", "deleted"), ("questionvalue", "deleted")
    }  # fmt: skip
    assert [change.entry_label for change in selectors.request_type_history(request_type=bulky)][:2] == [
        "What do you need us to collect?", "Fridge"
    ]  # fmt: skip


def test_a_new_form_may_be_published_at_once(world):
    request_type = services.request_type_create(by=None, fields={
        "name": "Leave feedback", "slug": "feedback", "group": "feedback", "case_type": CaseType.COMMENT,
        "is_published": True,
    })  # fmt: skip
    assert request_type.is_published


def test_a_form_becoming_online_is_checked_too(world, request_types):
    phone_only = request_types["phone_only"]
    question = services.question_create(request_type=phone_only, by=None, fields={
        "code": "tonight", "datatype": Datatype.MULTI, "description": "Where will you sleep tonight?",
    })  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.request_type_update(request_type=phone_only, by=None, fields={"takes_online": True})
    assert list(refused.value.message_dict) == ["is_published"]
    assert not RequestType.objects.get(pk=phone_only.pk).takes_online
    for key in ("friends", "street"):
        services.question_value_create(question=question, by=None, fields={"key": key, "name": key.title()})
    services.request_type_update(request_type=phone_only, by=None, fields={"takes_online": True})
