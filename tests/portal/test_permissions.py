"""Who may do what on every staff URL, for GET and for POST, for every role and for anonymous
visitors; and a walk of the URLconf that fails when a route is in neither table below.

A new staff page cannot be forgotten: its route has no row, so `test_every_route_has_a_row`
fails until one is added. Each row says, per method, the status every world user gets (see
`tests/conftest.py`: two service areas, team A in area A, team B in area B). The defaults: 403
for a signed-in user without the role, a redirect to sign in for anonymous visitors, 405 for
everyone when the page does not accept the method."""

import uuid
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

LOGIN = "sign in"  # a 302 to the sign-in page
USERS = ["adviser", "officer_a", "officer_b", "team_manager", "service_manager", "councillor", "administrator",
         "no_role"]  # fmt: skip
ALL_STAFF = {"adviser", "officer_a", "officer_b", "team_manager", "service_manager", "councillor", "administrator"}
MANAGERS = {"team_manager", "service_manager", "administrator"}
EVERYONE = {*USERS, None}


def only(allowed: set[str], status: int | str = 200, **special: int | str) -> dict:
    """`status` for the allowed users, 403 for other signed-in users, sign-in for anonymous
    visitors; `special` overrides single users (say, 404 outside their editing scope)."""
    outcome: dict = {user: (status if user in allowed else 403) for user in USERS}
    outcome[None] = LOGIN
    outcome.update(special)
    return outcome


def anyone(status: int | str, *, signed_in: int | str | None = None) -> dict:
    """The same status for everyone (signed in or not), or another for signed-in users."""
    return {user: (status if user is None or signed_in is None else signed_in) for user in EVERYONE}


NOT_ALLOWED = anyone(405)


@dataclass(frozen=True)
class Row:
    url_name: str
    get: dict
    post: dict
    # Names of world objects whose ids or slugs the URL takes: {"pk": ("directory", "bulky")}.
    kwargs: dict = field(default_factory=dict)

    def url(self, world) -> str:
        kwargs = {}
        for name, value in self.kwargs.items():
            if isinstance(value, tuple):
                container, key, attr = value
                kwargs[name] = getattr(getattr(world, container)[key], attr)
            else:
                kwargs[name] = value
        return reverse(self.url_name, kwargs=kwargs)


# The team manager edits area A (waste) only; the service manager area B (housing) only:
# an entry of the other area is a 404, as if it did not exist.
A_TOPIC = {"kind": "topic", "pk": ("directory", "bulky", "pk")}
OUT_OF_SCOPE = {"service_manager": 404}
STANDARDS_EDITORS = {"service_manager", "administrator"}
A_CALENDAR = {"pk": ("standards", "calendar_a", "pk")}
B_CALENDAR = {"pk": ("standards", "calendar_b", "pk")}
B_STANDARD = {"pk": ("standards", "standard_b", "pk")}
TARGET = {"pk": ("standards", "target", "pk")}
AREA_A = {"area_pk": ("directory", "waste", "pk")}
AREA_B = {"area_pk": ("directory", "housing", "pk")}

CASE_WORKERS = {"officer_a", "officer_b", "team_manager", "service_manager", "administrator"}
CASE_RAISERS = {*CASE_WORKERS, "adviser"}
CUSTOMER_USERS = CASE_RAISERS
NOT_TEAM_A = {"officer_b": 404, "service_manager": 404}
CASE_A = {"reference": ("cases", "a", "reference")}
ENQUIRY = {"reference": ("cases", "enquiry", "reference")}
CUSTOMER = {"pk": ("cases", "customer", "pk")}
CONTACT = {"pk": ("contacts", "contact", "pk")}
# The world's adviser is in no team of the directory: their contact is theirs and the
# administrator's to see, a 404 to the officers and to the managers of teams and areas.
CONTACT_HIDDEN = {"officer_a": 404, "officer_b": 404, "team_manager": 404, "service_manager": 404}
RULE_A = {"pk": ("cases", "rule_a", "pk")}
# The online forms: the world's form is on area A's potholes topic (bulky waste is deleted by the
# directory rows), with a list question and an answer.
FORM_A = {"pk": ("contacts", "form_a", "pk")}
QUESTION_A = {"pk": ("contacts", "question_a", "pk")}
ANSWER_A = {"pk": ("contacts", "answer_a", "pk")}
RECEIVERS = {"adviser", "team_manager", "service_manager", "administrator"}
VISIT = {"pk": ("contacts", "visit", "pk")}

STAFF_ROWS = [
    Row("portal:staff-home", get=only(ALL_STAFF), post=NOT_ALLOWED),
    Row("portal:dashboard", get=only({*MANAGERS, "councillor"}), post=NOT_ALLOWED),
    # Signed-in users are sent on from the sign-in page to staff home.
    Row("portal:login", get=anyone(200, signed_in=302), post=anyone(200, signed_in=302)),
    Row("portal:logout", get=NOT_ALLOWED, post=anyone(302)),
    Row("portal:password-reset", get=anyone(200), post=anyone(200)),
    Row("portal:password-reset-done", get=anyone(200), post=NOT_ALLOWED),
    Row(
        "portal:password-reset-confirm",
        get=anyone(200),
        post=anyone(200),
        kwargs={"uidb64": "MQ", "token": "not-a-token"},
    ),
    Row("portal:password-reset-complete", get=anyone(200), post=NOT_ALLOWED),
    Row("directory:phone-guide", get=only(ALL_STAFF), post=NOT_ALLOWED),
    Row("directory:phone-guide-search", get=only(ALL_STAFF), post=NOT_ALLOWED),
    Row("directory:phone-guide-print", get=only(ALL_STAFF), post=NOT_ALLOWED),
    Row("directory:phone-guide-area", get=only(ALL_STAFF), post=NOT_ALLOWED, kwargs={"slug": "waste"}),
    Row("directory:edit-home", get=only(MANAGERS), post=NOT_ALLOWED),
    Row("directory:review", get=only(MANAGERS), post=NOT_ALLOWED),
    Row("directory:export", get=only(MANAGERS), post=NOT_ALLOWED),
    # An empty POST shows the form's errors and changes nothing.
    Row("directory:import", get=only({"administrator"}), post=only({"administrator"})),
    # The council's contact details (footer, home page): administrators only. A POST without the
    # form's fields is a page of errors (200), not a save.
    Row("directory:contact-details", get=only({"administrator"}), post=only({"administrator"})),
    Row("directory:contact-details-history", get=only({"administrator"}), post=NOT_ALLOWED),
    Row("directory:entry-create", get=only(MANAGERS), post=only(MANAGERS), kwargs={"kind": "topic"}),
    Row("directory:entry-create", get=only(MANAGERS), post=only(MANAGERS), kwargs={"kind": "absence"}),
    # A new service area is council-wide: administrators only.
    Row(
        "directory:entry-create",
        get=only({"administrator"}),
        post=only({"administrator"}),
        kwargs={"kind": "service-area"},
    ),
    Row(
        "directory:entry-update",
        get=only(MANAGERS, **OUT_OF_SCOPE),
        post=only(MANAGERS, **OUT_OF_SCOPE),
        kwargs=A_TOPIC,
    ),
    Row(
        "directory:entry-delete",
        get=only(MANAGERS, **OUT_OF_SCOPE),
        post=only(MANAGERS, 302, **OUT_OF_SCOPE),
        kwargs=A_TOPIC,
    ),
    Row("directory:entry-reviewed", get=NOT_ALLOWED, post=only(MANAGERS, 302, **OUT_OF_SCOPE), kwargs=A_TOPIC),
    Row("directory:entry-history", get=only(MANAGERS, **OUT_OF_SCOPE), post=NOT_ALLOWED, kwargs=A_TOPIC),
    # Standards: every staff role previews; service managers edit their area's calendars and
    # standards (area B's: the world's), administrators everything; targets are administrators'.
    Row("standards:preview", get=only(ALL_STAFF), post=NOT_ALLOWED),
    Row("standards:edit-home", get=only(STANDARDS_EDITORS), post=NOT_ALLOWED),
    # An empty POST shows the form's errors and changes nothing.
    Row("standards:calendar-create", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS)),
    # An empty POST: "Enter the name of the calendar", nothing saved.
    Row("standards:calendar-update", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS), kwargs=B_CALENDAR),
    Row("standards:calendar-update", get=only(STANDARDS_EDITORS, **OUT_OF_SCOPE),
        post=only(STANDARDS_EDITORS, **OUT_OF_SCOPE), kwargs=A_CALENDAR),
    # Empty hours: "Enter working hours for at least one day of the week".
    Row("standards:calendar-hours", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS), kwargs=B_CALENDAR),
    # Area A's calendar is outside the service manager's area.
    Row("standards:calendar-hours", get=only(STANDARDS_EDITORS, **OUT_OF_SCOPE),
        post=only(STANDARDS_EDITORS, **OUT_OF_SCOPE), kwargs=A_CALENDAR),
    # No teams ticked, and none there before: saved as it was, back to the editing home.
    Row("standards:calendar-teams", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS, 302),
        kwargs=B_CALENDAR),
    Row("standards:calendar-history", get=only(STANDARDS_EDITORS), post=NOT_ALLOWED, kwargs=B_CALENDAR),
    Row("standards:closure-create", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS), kwargs=B_CALENDAR),
    Row("standards:closure-delete", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS, 302),
        kwargs={"pk": ("standards", "closure_b", "pk")}),
    Row("standards:standard-create", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS)),
    Row("standards:standard-update", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS), kwargs=B_STANDARD),
    Row("standards:standard-delete", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS, 302),
        kwargs=B_STANDARD),
    Row("standards:standard-history", get=only(STANDARDS_EDITORS), post=NOT_ALLOWED, kwargs=B_STANDARD),
    Row("standards:target-create", get=only({"administrator"}), post=only({"administrator"})),
    Row("standards:target-update", get=only({"administrator"}), post=only({"administrator"}), kwargs=TARGET),
    # Service managers may read the standards' history, but targets are council-wide.
    Row("standards:target-history", get=only({"administrator"}, **OUT_OF_SCOPE), post=NOT_ALLOWED, kwargs=TARGET),
    # The cost of a contact on each channel: council-wide figures, set by service managers and
    # administrators (a POST with nothing typed clears the cost and redirects).
    Row("standards:channel-cost-update", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS, 302),
        kwargs={"channel": "phone"}),
    Row("standards:channel-cost-history", get=only(STANDARDS_EDITORS), post=NOT_ALLOWED, kwargs={"channel": "phone"}),
    # The chasing rules: the service manager edits area B's (housing); the council's and area A's
    # are a 404 to them. Area B follows the council's rules, so there is nothing to reset (302).
    Row("standards:chase-index", get=only(STANDARDS_EDITORS), post=NOT_ALLOWED),
    Row("standards:chase-edit-council", get=only(STANDARDS_EDITORS, **OUT_OF_SCOPE),
        post=only(STANDARDS_EDITORS, **OUT_OF_SCOPE)),
    Row("standards:chase-history-council", get=only(STANDARDS_EDITORS, **OUT_OF_SCOPE), post=NOT_ALLOWED),
    Row("standards:chase-edit", get=only(STANDARDS_EDITORS), post=only(STANDARDS_EDITORS), kwargs=AREA_B),
    Row("standards:chase-edit", get=only(STANDARDS_EDITORS, **OUT_OF_SCOPE),
        post=only(STANDARDS_EDITORS, **OUT_OF_SCOPE), kwargs=AREA_A),
    Row("standards:chase-reset", get=only(STANDARDS_EDITORS, 302), post=only(STANDARDS_EDITORS, 302), kwargs=AREA_B),
    Row("standards:chase-history", get=only(STANDARDS_EDITORS), post=NOT_ALLOWED, kwargs=AREA_B),
    # The dry run of the council's rules (no ?area=): administrators only.
    Row("cases:chase-preview", get=only(STANDARDS_EDITORS, **OUT_OF_SCOPE), post=NOT_ALLOWED),
    # A resident to phone that is nobody's: 404 to whoever may work cases.
    Row("cases:chase-called", get=NOT_ALLOWED, post=only(CASE_WORKERS, 404), kwargs={"pk": 99999}),
    # Cases (cases/selectors.py has the scopes). The world below adds case A (team A), a ward
    # enquiry by the councillor, a customer and a rule routing to team A. Empty POSTs to form pages
    # show the form's errors (200); buttons redirect with a message (302).
    Row("cases:queues", get=only(CASE_WORKERS), post=NOT_ALLOWED),
    Row("cases:my-cases", get=only(CASE_WORKERS), post=NOT_ALLOWED),
    Row("cases:case-list", get=only(CASE_WORKERS), post=NOT_ALLOWED),
    Row("cases:case-create", get=only(CASE_RAISERS), post=only(CASE_RAISERS)),
    Row("cases:triage", get=only(MANAGERS), post=NOT_ALLOWED),
    # Team A's queue: another team's officer and another area's manager get a 404.
    Row("cases:queue", get=only(CASE_WORKERS, **NOT_TEAM_A), post=NOT_ALLOWED, kwargs={"slug": "waste-collections"}),
    # The administrator is in no team: told so on the queue page (302) rather than given a case.
    Row("cases:claim-next", get=NOT_ALLOWED, post=only(CASE_WORKERS, 302, **NOT_TEAM_A),
        kwargs={"slug": "waste-collections"}),
    # Advisers see any case's summary; a councillor only their own enquiries.
    Row("cases:case-detail", get=only(ALL_STAFF, **NOT_TEAM_A, councillor=404), post=NOT_ALLOWED, kwargs=CASE_A),
    # The confirmation of a raised case is for whoever raised it (the adviser raised case A).
    Row("cases:case-raised", get=only(CASE_RAISERS, 404, adviser=200), post=NOT_ALLOWED, kwargs=CASE_A),
    *[Row(f"cases:{name}", get=NOT_ALLOWED, post=only(CASE_WORKERS, status, **NOT_TEAM_A), kwargs=CASE_A)
      for name, status in (("case-note", 200), ("case-update", 200), ("case-claim", 302), ("case-close", 302))],
    *[Row(f"cases:{name}", get=only(CASE_WORKERS, **NOT_TEAM_A), post=only(CASE_WORKERS, **NOT_TEAM_A), kwargs=CASE_A)
      for name in ("case-assign", "case-transfer", "case-status", "case-resolve", "case-reopen", "case-edit",
                   "case-extend", "case-escalate", "case-link", "case-merge")],
    # The customer's files: for those who may work the case (advisers see its summary only).
    Row("cases:attachment-download", get=only(CASE_WORKERS, **NOT_TEAM_A), post=NOT_ALLOWED,
        kwargs={**CASE_A, "pk": ("cases", "attachment", "pk")}),
    Row("cases:customer-list", get=only(CUSTOMER_USERS), post=NOT_ALLOWED),
    Row("cases:customer-create", get=only(CUSTOMER_USERS), post=only(CUSTOMER_USERS)),
    Row("cases:customer-detail", get=only(CUSTOMER_USERS), post=NOT_ALLOWED, kwargs=CUSTOMER),
    Row("cases:customer-update", get=only(CUSTOMER_USERS), post=only(CUSTOMER_USERS), kwargs=CUSTOMER),
    # Without ?into= naming the other record, a merge POST has nothing to merge into: 404.
    Row("cases:customer-merge", get=only(MANAGERS), post=only(MANAGERS, 404), kwargs=CUSTOMER),
    Row("cases:customer-history", get=only(CUSTOMER_USERS), post=NOT_ALLOWED, kwargs=CUSTOMER),
    Row("cases:enquiry-list", get=only({"councillor"}), post=NOT_ALLOWED),
    Row("cases:enquiry-create", get=only({"councillor"}), post=only({"councillor"})),
    Row("cases:enquiry-detail", get=only({"councillor"}), post=NOT_ALLOWED, kwargs=ENQUIRY),
    Row("cases:rule-list", get=only(MANAGERS), post=NOT_ALLOWED),
    Row("cases:rule-create", get=only(MANAGERS), post=only(MANAGERS)),
    Row("cases:rule-test", get=only(MANAGERS), post=NOT_ALLOWED),
    # The rule routes to team A: the service manager (area B) may not edit it.
    Row("cases:rule-update", get=only(MANAGERS, **OUT_OF_SCOPE), post=only(MANAGERS, **OUT_OF_SCOPE), kwargs=RULE_A),
    Row("cases:rule-delete", get=only(MANAGERS, **OUT_OF_SCOPE), post=only(MANAGERS, 302, **OUT_OF_SCOPE),
        kwargs=RULE_A),
    Row("cases:rule-history", get=only(MANAGERS, **OUT_OF_SCOPE), post=NOT_ALLOWED, kwargs=RULE_A),
    # Online forms: managers edit those of their area's topics (the service manager, area B, gets
    # a 404 for area A's form, its questions and answers). Empty POSTs to form pages show the
    # form's errors (200); deleting and moving redirect (302).
    Row("contacts:request-type-list", get=only(MANAGERS), post=NOT_ALLOWED),
    Row("contacts:request-type-create", get=only(MANAGERS), post=only(MANAGERS)),
    Row("contacts:request-type-detail", get=only(MANAGERS, **OUT_OF_SCOPE), post=NOT_ALLOWED, kwargs=FORM_A),
    Row("contacts:request-type-update", get=only(MANAGERS, **OUT_OF_SCOPE), post=only(MANAGERS, **OUT_OF_SCOPE),
        kwargs=FORM_A),
    Row("contacts:request-type-delete", get=only(MANAGERS, **OUT_OF_SCOPE),
        post=only(MANAGERS, 302, **OUT_OF_SCOPE), kwargs=FORM_A),
    Row("contacts:request-type-history", get=only(MANAGERS, **OUT_OF_SCOPE), post=NOT_ALLOWED, kwargs=FORM_A),
    Row("contacts:question-create", get=only(MANAGERS, **OUT_OF_SCOPE), post=only(MANAGERS, **OUT_OF_SCOPE),
        kwargs=FORM_A),
    Row("contacts:question-update", get=only(MANAGERS, **OUT_OF_SCOPE), post=only(MANAGERS, **OUT_OF_SCOPE),
        kwargs=QUESTION_A),
    Row("contacts:question-delete", get=only(MANAGERS, **OUT_OF_SCOPE), post=only(MANAGERS, 302, **OUT_OF_SCOPE),
        kwargs=QUESTION_A),
    *[Row(f"contacts:question-move-{way}", get=NOT_ALLOWED, post=only(MANAGERS, 302, **OUT_OF_SCOPE),
          kwargs=QUESTION_A) for way in ("up", "down")],
    Row("contacts:value-create", get=only(MANAGERS, **OUT_OF_SCOPE), post=only(MANAGERS, **OUT_OF_SCOPE),
        kwargs=QUESTION_A),
    Row("contacts:value-update", get=only(MANAGERS, **OUT_OF_SCOPE), post=only(MANAGERS, **OUT_OF_SCOPE),
        kwargs=ANSWER_A),
    Row("contacts:value-delete", get=only(MANAGERS, **OUT_OF_SCOPE), post=only(MANAGERS, 302, **OUT_OF_SCOPE),
        kwargs=ANSWER_A),
    # Logging a contact: everyone who logs contacts (councillors do not). An empty POST is the
    # screen with its errors; a confirmation of a contact nobody logged is a 404.
    Row("contacts:log", get=only(CASE_RAISERS), post=only(CASE_RAISERS)),
    Row("contacts:log-logged", get=only(CASE_RAISERS, 404), post=NOT_ALLOWED, kwargs={"pk": 999999}),
    Row("contacts:log-customers", get=only(CASE_RAISERS), post=NOT_ALLOWED),
    Row("contacts:log-customer", get=only(CASE_RAISERS), post=NOT_ALLOWED, kwargs=CUSTOMER),
    Row("contacts:log-directory", get=only(CASE_RAISERS), post=NOT_ALLOWED),
    Row("contacts:log-topic", get=only(CASE_RAISERS), post=NOT_ALLOWED, kwargs={"slug": "potholes"}),
    # Reception: advisers and managers (officers log contacts but do not receive visitors). The
    # world's visitor is waiting: calling them or marking them gone redirects (302), as does an
    # empty call-next (a message: choose the desk).
    Row("contacts:reception", get=only(RECEIVERS), post=NOT_ALLOWED),
    Row("contacts:reception-check-in", get=only(RECEIVERS), post=only(RECEIVERS)),
    Row("contacts:reception-call-next", get=NOT_ALLOWED, post=only(RECEIVERS, 302)),
    Row("contacts:reception-call", get=NOT_ALLOWED, post=only(RECEIVERS, 302), kwargs=VISIT),
    Row("contacts:reception-left", get=NOT_ALLOWED, post=only(RECEIVERS, 302), kwargs=VISIT),
    # The contacts list: everyone who logs contacts, each seeing their own (managers their
    # scope's).
    Row("contacts:contact-list", get=only(CASE_RAISERS), post=NOT_ALLOWED),
    Row("contacts:contact-detail", get=only(CASE_RAISERS, **CONTACT_HIDDEN), post=NOT_ALLOWED, kwargs=CONTACT),
    # The survey answers behind the dashboards' figures: the managers (councillors have figures only).
    Row("contacts:survey-list", get=only(MANAGERS), post=NOT_ALLOWED),
    Row("contacts:reception-visits", get=only({"adviser", *MANAGERS}), post=NOT_ALLOWED),
    # The API answers anonymous callers with a 403, not a sign-in redirect; a case outside the
    # caller's scope is a 404 as on the pages. An empty body to raise a case: 400.
    Row("cases:api-case-list", get={**anyone(200), None: 403}, post=NOT_ALLOWED),
    Row("cases:api-case-detail", get={**only(ALL_STAFF, **NOT_TEAM_A, councillor=404, no_role=404), None: 403},
        post=NOT_ALLOWED, kwargs=CASE_A),
    Row("cases:api-case-raise", get=NOT_ALLOWED, post={**only(CASE_RAISERS, 400), None: 403}),
]  # fmt: skip

# Routes anyone may use without signing in; staff see more on some of them (the API).
PUBLIC_ROUTES = {
    "portal:home", "portal:accessibility-statement", "portal:accessibility-settings", "portal:health",
    "directory:service-list", "directory:service-search", "directory:service-detail", "directory:topic-detail",
    "directory:api-search", "directory:api-service-list", "directory:api-service-detail", "directory:api-team-list",
    "directory:api-team-detail", "directory:api-topic-list", "directory:api-topic-detail", "api-schema",
    "standards:public",
    "contacts:track", "contacts:track-link",
    "contacts:form-files",
    "contacts:start", "contacts:form-start", "contacts:form-step", "contacts:form-stop", "contacts:form-sent",
    "contacts:form-keep", "contacts:survey", "contacts:survey-done",
}  # fmt: skip


def _routes(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name


def test_every_route_has_a_row():
    """Django admin governs its own pages (is_staff); every other route is in one table."""
    with_rows = {row.url_name for row in STAFF_ROWS}
    missing = []
    for route, name in _routes(get_resolver().url_patterns):
        if route.startswith("admin/") or name in PUBLIC_ROUTES:
            continue
        if name is None or name not in with_rows:
            missing.append(f"{route} ({name})")
        elif not route.startswith(("staff/", "api/")):
            missing.append(f"{route} ({name}) is not under staff/ (or api/): a staff page must be")
    assert not missing, "Add a row to STAFF_ROWS (or PUBLIC_ROUTES) for: " + ", ".join(missing)
    assert not with_rows & PUBLIC_ROUTES


@pytest.fixture
def world(world, settings, tmp_path):
    """The shared world plus what the cases rows need, made through the cases services."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases import services
    from contacts import services as contacts_services
    from standards.models import CaseType, Channel

    # No topic: the directory rows delete the world's topics, which a case would protect.
    rule_a = services.routing_rule_create(by=None, fields={"name": "Waste", "service_area": world.area_a,
                                                          "team": world.team_a})  # fmt: skip
    customer = services.customer_create(by=None, fields={"name": "Rita Resident", "email": "rita@example.org"})
    case_a = services.case_create(by=world.adviser, fields={
        "case_type": CaseType.SERVICE_REQUEST, "channel": Channel.EMAIL, "service_area": world.area_a,
        "summary": "Collect a sofa", "description": "By the front door.", "customer": customer,
    })  # fmt: skip
    enquiry = services.enquiry_create(councillor=world.councillor, ward="Abbey", summary="Bins missed",
                                      resident={"name": "Sam Voter", "email": "sam@example.org"},
                                      asked="The bins were missed twice.")  # fmt: skip
    settings.ATTACHMENTS_ROOT = tmp_path
    key = uuid.uuid4()
    attachment = services.attachment_add(key=key, upload=SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n%%EOF\n"))
    services.attachments_claim(key=key, case=case_a)
    world.cases = {"a": case_a, "enquiry": enquiry, "customer": customer, "rule_a": rule_a, "attachment": attachment}
    world.contacts = _online_form_make(world)
    world.contacts["visit"] = contacts_services.visit_check_in(by=world.adviser, fields={"reason": "Council tax"})
    world.contacts["contact"] = contacts_services.contact_log(
        by=world.adviser, key=uuid.uuid4(), customer=customer,
        fields={"channel": Channel.PHONE, "summary": "Asked about bins", "outcome": "resolved"},
    ).contact  # fmt: skip
    return world


def _online_form_make(world) -> dict:
    """An unpublished online form on area A's potholes topic, with a list question and an answer."""
    from contacts import services
    from contacts.models import Datatype
    from standards.models import CaseType

    form_a = services.request_type_create(by=None, fields={
        "name": "Report a pothole", "slug": "pothole", "group": "report", "topic": world.directory["potholes"],
        "case_type": CaseType.PROBLEM_REPORT,
    })  # fmt: skip
    question_a = services.question_create(request_type=form_a, by=None, fields={
        "code": "size", "datatype": Datatype.SINGLE, "description": "How big is it?",
    })  # fmt: skip
    answer_a = services.question_value_create(question=question_a, by=None, fields={"key": "big", "name": "Big"})
    return {"form_a": form_a, "question_a": question_a, "answer_a": answer_a}


def _check(client, world, row: Row, method: str, expected: dict) -> list[str]:
    url = row.url(world)
    wrong = []
    for user in [*USERS, None]:
        client.logout()
        if user is not None:
            client.force_login(world.users[user])
        # Each user's request starts from the same world: a POST that deletes is rolled back.
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, {})
            transaction.set_rollback(True)
        want = expected[user]
        if want == LOGIN:
            ok = response.status_code == 302 and response["Location"].startswith(reverse("portal:login"))
        else:
            ok = response.status_code == want
        if not ok:
            wrong.append(f"{user or 'anonymous'}: wanted {want}, got {response.status_code}")
    return wrong


@pytest.mark.parametrize("row", STAFF_ROWS, ids=lambda row: f"{row.url_name}{row.kwargs.get('kind', '')}")
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_each_user_gets_the_outcome_in_the_table(client, world, row, method):
    wrong = _check(client, world, row, method, row.get if method == "GET" else row.post)
    assert not wrong, f"{method} {row.url(world)}: " + "; ".join(wrong)
