"""The managers' online forms pages (/staff/online-forms/): the list, adding and changing a request
type, its page with questions, answers and the Open311 definition, moving questions, deleting,
history; per role and scope, with GOV.UK errors, and hostile input that must never be a 500.

The world's forms (tests/contacts/conftest.py): bulky waste (area A's topic: the team manager's),
a comment (no topic: a general form, for service managers and administrators) and a phone-only
type on area B's homelessness topic (the service manager's)."""

import json

import pytest
from django.urls import reverse

from contacts import selectors, services
from contacts.models import ContactsChange, Datatype, Question, QuestionValue, RequestType
from standards.models import CaseType

# Every staff page costs the same four queries before its own: session, user, and the user's and
# groups' permissions (looked up once, then cached on the user).
STAFF_OVERHEAD = 4
NOT_EDITORS = ["adviser", "officer_a", "officer_b", "councillor", "no_role"]


def _text(response) -> str:
    return response.content.decode()


def _errors(response) -> dict:
    return response.context["form"].errors


def _type_form(topic, **values) -> dict:
    """A valid request type form on `topic` (None: no topic), with `values` over it."""
    data = {"name": "Report a dead animal", "slug": "", "group": "report", "description": "",
            "topic": topic.pk if topic is not None else "", "case_type": CaseType.PROBLEM_REPORT,
            "location_label": "", "phone_reason": "", "position": "", "takes_online": "on"}  # fmt: skip
    data.update(values)
    return {name: value for name, value in data.items() if value is not None}


def _question_form(**values) -> dict:
    data = {"description": "What colour is the bin?", "datatype": Datatype.SINGLE, "required": "on",
            "datatype_description": "", "code": ""}  # fmt: skip
    data.update(values)
    return {name: value for name, value in data.items() if value is not None}


def _value_form(**values) -> dict:
    data = {"name": "Green", "key": "", "stop_message": "", "stop_phone": ""}
    data.update(values)
    return data


@pytest.fixture
def bulky(request_types):
    return request_types["bulky"]


@pytest.fixture
def items(bulky):
    return bulky.questions.get(code="items")


# --- Who may open them ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_others_are_refused(client, world, request_types, role):
    client.force_login(world.users[role])
    bulky = request_types["bulky"]
    question = bulky.questions.first()
    value = QuestionValue.objects.filter(question__request_type=bulky).first()
    urls = [
        reverse("contacts:request-type-list"),
        reverse("contacts:request-type-create"),
        *[reverse(f"contacts:{name}", args=[bulky.pk]) for name in
          ("request-type-detail", "request-type-update", "request-type-delete", "request-type-history",
           "question-create")],
        *[reverse(f"contacts:{name}", args=[question.pk]) for name in
          ("question-update", "question-delete", "question-move-up", "question-move-down", "value-create")],
        *[reverse(f"contacts:{name}", args=[value.pk]) for name in ("value-update", "value-delete")],
    ]  # fmt: skip
    for url in urls:
        assert client.get(url).status_code in (403, 405), url
        assert client.post(url).status_code in (403, 405), url
    assert RequestType.objects.count() == 3 and Question.objects.filter(pk=question.pk).exists()


def test_anonymous_visitors_sign_in_first(client, request_types):
    response = client.get(reverse("contacts:request-type-list"))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "listed"),
    [
        ("team_manager", {"bulky"}),
        ("service_manager", {"comment", "phone_only"}),
        ("administrator", {"bulky", "comment", "phone_only"}),
    ],
)
def test_each_manager_sees_the_forms_of_their_scope(client, world, request_types, role, listed):
    client.force_login(world.users[role])
    page = _text(client.get(reverse("contacts:request-type-list")))
    for key, request_type in request_types.items():
        assert (request_type.name in page) == (key in listed), key
    for key, request_type in request_types.items():
        question = request_type.questions.first()
        status = client.get(reverse("contacts:request-type-detail", args=[request_type.pk])).status_code
        assert status == (200 if key in listed else 404), key
        assert client.get(reverse("contacts:request-type-history", args=[request_type.pk])).status_code == status
        assert client.post(reverse("contacts:request-type-delete", args=[request_type.pk])).status_code in (
            (302,) if key in listed else (404,)
        )
        if question is not None and key not in listed:
            assert client.get(reverse("contacts:question-update", args=[question.pk])).status_code == 404
            assert client.post(reverse("contacts:question-move-up", args=[question.pk])).status_code == 404


def test_an_answer_of_another_area_is_a_404(client, world, items):
    client.force_login(world.service_manager)
    value = items.values.first()
    for name in ("value-update", "value-delete"):
        assert client.get(reverse(f"contacts:{name}", args=[value.pk])).status_code == 404
        assert client.post(reverse(f"contacts:{name}", args=[value.pk])).status_code == 404
    assert client.post(reverse("contacts:value-create", args=[items.pk]), _value_form()).status_code == 404
    assert QuestionValue.objects.filter(pk=value.pk).exists() and items.values.count() == 3


def test_the_list_shows_tags_and_groups(client, world, request_types):
    client.force_login(world.administrator)
    page = _text(client.get(reverse("contacts:request-type-list")))
    assert page.count("Published</strong>") == 3 and "Phone only" in page
    assert page.index("Request a service") < page.index("Ask a question") < page.index("Complaints, compliments")
    services.request_type_update(request_type=request_types["comment"], by=None, fields={"is_published": False})
    assert "Not published" in _text(client.get(reverse("contacts:request-type-list")))


@pytest.mark.parametrize(("role", "queries"), [("team_manager", 2), ("administrator", 1)])
def test_list_query_count_does_not_grow_with_the_forms(
    client, world, request_types, role, queries, django_assert_num_queries
):
    for n in range(30):
        services.request_type_create(by=None, fields={
            "name": f"Form {n}", "slug": f"form-{n}", "group": "report", "topic": world.directory["bulky"],
            "case_type": CaseType.PROBLEM_REPORT,
        })  # fmt: skip
    client.force_login(world.users[role])
    # The forms with their topic and its area and their number of questions: one query; a
    # manager's editing area (their officer profile): one more (administrators edit everything).
    with django_assert_num_queries(STAFF_OVERHEAD + queries):
        response = client.get(reverse("contacts:request-type-list"))
    assert response.status_code == 200
    assert _text(response).count('<th scope="row"') == 31 + (2 if role == "administrator" else 0)


def test_the_staff_navigation_links_the_forms_for_managers(client, world, request_types):
    url = reverse("contacts:request-type-list")
    for role in ("team_manager", "service_manager", "administrator"):
        client.force_login(world.users[role])
        assert f'href="{url}"' in _text(client.get(reverse("portal:staff-home"))), role
    client.force_login(world.officer_a)
    assert f'href="{url}"' not in _text(client.get(reverse("portal:staff-home")))


# --- Adding and changing a form ----------------------------------------------------------------------


def test_a_team_manager_adds_a_form_on_their_topic(client, world, request_types):
    client.force_login(world.team_manager)
    response = client.post(reverse("contacts:request-type-create"), _type_form(world.directory["potholes"]))
    request_type = RequestType.objects.get(slug="report-a-dead-animal")
    assert response.status_code == 302 and response["Location"] == reverse(
        "contacts:request-type-detail", args=[request_type.pk]
    )
    assert request_type.topic == world.directory["potholes"] and not request_type.is_published
    change = ContactsChange.objects.get(entry_type="requesttype", entry_id=request_type.pk)
    assert change.action == "created" and change.changed_by == world.team_manager
    assert change.request_type_pk == request_type.pk


def test_the_topic_must_be_one_of_the_managers_areas(client, world, request_types):
    client.force_login(world.team_manager)
    page = _text(client.get(reverse("contacts:request-type-create")))
    assert "Bulky waste collection" in page and "Homelessness" not in page and "No topic" not in page
    response = client.post(reverse("contacts:request-type-create"), _type_form(world.directory["homeless"]))
    assert _errors(response) == {"topic": ["Select a topic from the list"]}
    response = client.post(reverse("contacts:request-type-create"), _type_form(None))
    assert _errors(response) == {"topic": ["Select the topic"]}
    assert RequestType.objects.count() == 3


def test_a_service_manager_may_add_a_general_form(client, world, request_types):
    client.force_login(world.service_manager)
    response = client.post(reverse("contacts:request-type-create"), _type_form(None, slug="feedback"))
    assert response.status_code == 302
    assert RequestType.objects.get(slug="feedback").topic is None


def test_the_form_refuses_what_the_model_refuses(client, world, request_types):
    client.force_login(world.administrator)
    url = reverse("contacts:request-type-create")
    response = client.post(url, _type_form(None, slug="bulky-waste"))
    assert _errors(response) == {"slug": ["Another request type has this web address"]}
    response = client.post(url, _type_form(None, takes_online=None))
    assert _errors(response) == {"phone_reason": ["Say why residents need to phone about this"]}
    response = client.post(url, _type_form(None, asks_location="on"))
    assert list(_errors(response)) == ["location_label"]
    response = client.post(url, _type_form(None, slug="Not A Slug!"))
    assert _errors(response)["slug"] == [
        "The web address must use only lowercase letters, numbers and hyphens, like bulky-waste"
    ]
    response = client.post(url, _type_form(None, name="!!!"))
    assert _errors(response) == {"slug": ["Enter the web address, like bulky-waste"]}
    response = client.post(url, {})
    assert set(_errors(response)) == {"name", "group", "case_type"}
    assert "Error:" in _text(response) and "govuk-error-summary" in _text(response)
    assert RequestType.objects.count() == 3


def test_changing_a_form_keeps_its_history(client, world, bulky):
    client.force_login(world.team_manager)
    url = reverse("contacts:request-type-update", args=[bulky.pk])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.update({"name": "Book a collection of large items", "topic": bulky.topic_id, "is_published": "on"})
    response = client.post(url, data)
    assert response.status_code == 302
    bulky.refresh_from_db()
    assert bulky.name == "Book a collection of large items" and bulky.is_published
    change = ContactsChange.objects.filter(entry_type="requesttype", entry_id=bulky.pk).latest("id")
    assert change.changes == {"name": ["Book a bulky waste collection", "Book a collection of large items"]}


# --- The rules for publishing --------------------------------------------------------------------------


def test_a_published_form_needs_two_answers_to_each_list_question(client, world, bulky):
    colour = services.question_create(request_type=bulky, by=None, fields={
        "code": "colour", "datatype": Datatype.SINGLE, "description": "What colour is the <b>bin</b>?",
    })  # fmt: skip
    services.question_value_create(question=colour, by=None, fields={"key": "green", "name": "Green"})
    with pytest.raises(services.ValidationError) as refused:
        services.request_type_update(request_type=bulky, by=None, fields={"name": "Bulky items"})
    assert refused.value.message_dict == {
        "is_published": ["Add at least 2 answers to “What colour is the <b>bin</b>?” before the form is published"]
    }
    bulky.refresh_from_db()
    assert bulky.name == "Book a bulky waste collection"
    assert not ContactsChange.objects.filter(entry_type="requesttype", action="updated").exists()
    # Unpublished, it may be saved; and its page warns the manager.
    services.request_type_update(request_type=bulky, by=None, fields={"is_published": False})
    client.force_login(world.team_manager)
    page = _text(client.get(reverse("contacts:request-type-detail", args=[bulky.pk])))
    assert "Add at least 2 answers: a published form cannot be saved until it has them." in page
    assert "What colour is the &lt;b&gt;bin&lt;/b&gt;?" in page and "<b>bin</b>" not in page
    # Publishing through the page shows the message on the field.
    url = reverse("contacts:request-type-update", args=[bulky.pk])
    data = {
        name: value for name, value in client.get(url).context["form"].initial.items() if value not in (None, False)
    }
    response = client.post(url, {**data, "topic": bulky.topic_id, "is_published": "on"})
    assert list(_errors(response)) == ["is_published"]
    assert "&lt;b&gt;bin&lt;/b&gt;" in _text(response) and "<b>bin</b>" not in _text(response)
    services.question_value_create(question=colour, by=None, fields={"key": "black", "name": "Black"})
    assert client.post(url, {**data, "topic": bulky.topic_id, "is_published": "on"}).status_code == 302
    bulky.refresh_from_db()
    assert bulky.is_published


def test_a_phone_only_or_unpublished_form_is_not_held_to_it(world, request_types):
    phone_only = request_types["phone_only"]
    question = services.question_create(request_type=phone_only, by=None, fields={
        "code": "where-now", "datatype": Datatype.SINGLE, "description": "Where are you now?",
    })  # fmt: skip
    services.request_type_update(request_type=phone_only, by=None, fields={"name": "Homeless tonight?"})
    services.question_delete(question=question, by=None)


def test_a_list_question_with_answers_stays_a_list(client, world, items):
    with pytest.raises(services.ValidationError) as refused:
        services.question_update(question=items, by=None, fields={"datatype": Datatype.STRING})
    assert list(refused.value.message_dict) == ["datatype"]
    items.refresh_from_db()
    assert items.datatype == Datatype.MULTI
    client.force_login(world.team_manager)
    url = reverse("contacts:question-update", args=[items.pk])
    response = client.post(url, _question_form(description=items.description, code="items", datatype="text"))
    assert _errors(response)["datatype"][0].startswith("This question has answers to choose from.")
    # A list question may change between the list kinds, and one without answers to anything.
    assert client.post(url, _question_form(description=items.description, code="items")).status_code == 302
    empty = services.question_create(request_type=items.request_type, by=None, fields={
        "code": "size", "datatype": Datatype.SINGLE, "description": "How big?",
    })  # fmt: skip
    services.question_update(question=empty, by=None, fields={"datatype": Datatype.NUMBER})


# --- Questions and answers ---------------------------------------------------------------------------


def test_adding_a_question_at_the_end_with_a_code_made_from_it(client, world, bulky):
    client.force_login(world.team_manager)
    response = client.post(reverse("contacts:question-create", args=[bulky.pk]), _question_form())
    question = bulky.questions.get(code="what-colour-is-the-bin")
    assert response["Location"].endswith(f"#question-{question.pk}")
    assert question.order == 4 and question.required and question.datatype == Datatype.SINGLE
    assert ContactsChange.objects.get(entry_type="question", entry_id=question.pk).request_type_pk == bulky.pk


def test_question_codes_refused(client, world, bulky):
    client.force_login(world.team_manager)
    url = reverse("contacts:question-create", args=[bulky.pk])
    response = client.post(url, _question_form(code="check"))
    assert _errors(response)["code"][0].startswith("“check” is a step of every form")
    response = client.post(url, _question_form(code="items"))
    assert _errors(response) == {"code": ["Another question of this form has this code"]}
    response = client.post(url, _question_form(code="Bin Type"))
    assert _errors(response) == {"code": ["Use lowercase letters, numbers and hyphens only, like bin-type"]}
    response = client.post(url, _question_form(code="Bin-Type"))
    assert response.status_code == 302 and bulky.questions.filter(code="bin-type").exists()


def test_moving_questions_up_and_down(client, world, bulky):
    client.force_login(world.team_manager)
    first, second, third = bulky.questions.order_by("order")
    response = client.post(reverse("contacts:question-move-up", args=[third.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"#question-{third.pk}")
    assert list(bulky.questions.order_by("order").values_list("code", flat=True)) == [
        first.code,
        third.code,
        second.code,
    ]
    client.post(reverse("contacts:question-move-down", args=[first.pk]))
    client.post(reverse("contacts:question-move-up", args=[first.pk]))
    client.post(reverse("contacts:question-move-up", args=[first.pk]))  # already first: no change
    assert list(bulky.questions.order_by("order").values_list("code", "order")) == [
        (first.code, 1),
        (third.code, 2),
        (second.code, 3),
    ]
    moves = ContactsChange.objects.filter(
        entry_type="question", changes__has_key="order", changed_by=world.team_manager
    )
    assert moves.count() == 6
    assert client.get(reverse("contacts:question-move-up", args=[first.pk])).status_code == 405


def test_answers_with_a_stop_message_and_phone(client, world, items):
    client.force_login(world.team_manager)
    url = reverse("contacts:value-create", args=[items.pk])
    response = client.post(url, _value_form(name="Gas bottle", stop_message="Gas bottles can explode: phone us now",
                                            stop_phone="01632 960999"))  # fmt: skip
    assert response.status_code == 302
    value = items.values.get(key="gas-bottle")
    assert value.order == 3 and value.stops  # after the three answers numbered 0, 1 and 2
    response = client.post(url, _value_form(name="Paint", stop_phone="01632 960999"))
    assert _errors(response) == {"stop_message": ["Enter what to tell the resident, or remove the phone number"]}
    response = client.post(url, _value_form(name="Sofa again", key="sofa"))
    assert _errors(response) == {"key": ["Another answer of this question has this code"]}
    page = _text(client.get(reverse("contacts:request-type-detail", args=[items.request_type_id])))
    stop = 'Stops the form</strong><span class="govuk-visually-hidden">:</span> Gas bottles can explode: phone us now'
    assert f"{stop} (phone" in page
    assert "01632 960999" in page and "Asbestos is dangerous: phone us now" in page
    url = reverse("contacts:value-update", args=[value.pk])
    response = client.post(url, _value_form(name="Gas cylinder", key="gas-bottle"))
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.name == "Gas cylinder" and not value.stops
    assert client.post(reverse("contacts:value-delete", args=[value.pk])).status_code == 302
    assert not QuestionValue.objects.filter(pk=value.pk).exists()


def test_a_published_forms_list_keeps_two_answers(client, world, items):
    client.force_login(world.team_manager)
    _sofa, fridge, asbestos = items.values.order_by("order")
    assert client.post(reverse("contacts:value-delete", args=[asbestos.pk])).status_code == 302
    response = client.post(reverse("contacts:value-delete", args=[fridge.pk]))
    page = _text(response)
    assert response.status_code == 200 and "<title>Error:" in page
    assert "“What do you need us to collect?” needs at least 2 answers while the form is published." in page
    assert items.values.count() == 2
    assert not ContactsChange.objects.filter(entry_type="questionvalue", entry_id=fridge.pk, action="deleted").exists()
    # Unpublished, the form may lose it.
    services.request_type_update(request_type=items.request_type, by=None, fields={"is_published": False})
    assert client.post(reverse("contacts:value-delete", args=[fridge.pk])).status_code == 302
    assert items.values.count() == 1


def test_a_question_without_a_list_takes_no_answers(client, world, bulky):
    client.force_login(world.team_manager)
    count = bulky.questions.get(code="item-count")
    response = client.post(reverse("contacts:value-create", args=[count.pk]), _value_form())
    assert response.status_code == 200 and "has answers to choose from" in _text(response)
    assert not count.values.exists()


def test_deleting_a_question(client, world, items):
    client.force_login(world.team_manager)
    url = reverse("contacts:question-delete", args=[items.pk])
    assert "Are you sure you want to delete the question" in _text(client.get(url))
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith("#questions")
    assert not Question.objects.filter(pk=items.pk).exists()


# --- Deleting a form, and its history -----------------------------------------------------------------


def test_a_form_residents_sent_cannot_be_deleted(client, world, bulky, send_bulky):
    send_bulky()
    client.force_login(world.team_manager)
    response = client.post(reverse("contacts:request-type-delete", args=[bulky.pk]))
    page = _text(response)
    assert response.status_code == 200 and "Residents have sent this form, so it cannot be deleted." in page
    assert "govuk-error-summary" in page and page.count('href="#delete-button"') == 1
    assert RequestType.objects.filter(pk=bulky.pk).exists()


def test_deleting_a_form(client, world, request_types):
    comment = request_types["comment"]
    client.force_login(world.administrator)
    response = client.post(reverse("contacts:request-type-delete", args=[comment.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("contacts:request-type-list")
    assert not RequestType.objects.filter(pk=comment.pk).exists()
    assert ContactsChange.objects.filter(request_type_pk=comment.pk, action="deleted").count() == 1


def test_history_covers_the_form_its_questions_and_answers(client, world, bulky, items):
    client.force_login(world.team_manager)
    client.post(reverse("contacts:value-create", args=[items.pk]), _value_form(name="Piano"))
    client.post(reverse("contacts:question-create", args=[bulky.pk]), _question_form(datatype="string"))
    client.post(reverse("contacts:question-delete", args=[bulky.questions.get(code="item-details").pk]))
    response = client.get(reverse("contacts:request-type-history", args=[bulky.pk]))
    page = _text(response)
    assert response.status_code == 200
    assert "Created: Piano" in page and "Answer: Piano" in page
    assert "Created: What colour is the bin?" in page and "Kind of answer: Short answer" in page
    assert "Deleted: Tell us anything else about the items" in page
    assert "Tessa" in page and page.count("<tr") == 1 + ContactsChange.objects.filter(request_type_pk=bulky.pk).count()
    # Another form's changes are not in it.
    assert "Leave a comment" not in page


# --- The Open311 definition -------------------------------------------------------------------------


def test_the_open311_definition_of_a_form(bulky):
    selectors.request_type_questions(bulky)
    definition = selectors.open311_definition(bulky)
    assert definition["service_code"] == "bulky-waste"
    assert [a["code"] for a in definition["attributes"]] == ["items", "item-count", "item-details"]
    items = definition["attributes"][0]
    assert items == {
        "variable": True, "code": "items", "datatype": "multivaluelist", "required": True,
        "datatype_description": "", "order": 1, "description": "What do you need us to collect?",
        "values": [{"key": "sofa", "name": "Sofa"}, {"key": "fridge", "name": "Fridge"},
                   {"key": "asbestos", "name": "Asbestos sheets"}],
    }  # fmt: skip
    # Only list questions have values (GeoReport v2).
    assert "values" not in definition["attributes"][1] and definition["attributes"][2]["required"] is False
    assert json.loads(json.dumps(definition)) == definition


def test_the_definition_on_the_page_is_escaped_json(client, world, bulky):
    services.question_create(request_type=bulky, by=None, fields={
        "code": "note", "datatype": Datatype.STRING, "description": "</code><script>alert(1)</script>",
    })  # fmt: skip
    client.force_login(world.team_manager)
    response = client.get(reverse("contacts:request-type-detail", args=[bulky.pk]))
    page = _text(response)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert json.loads(response.context["definition"]) == selectors.open311_definition(bulky)
    assert 'href="/contact/bulky-waste/"' in page  # published and online: the preview link


def test_an_unpublished_form_has_no_preview_link(client, world, bulky):
    services.request_type_update(request_type=bulky, by=None, fields={"is_published": False})
    client.force_login(world.team_manager)
    assert "Preview the form" not in _text(client.get(reverse("contacts:request-type-detail", args=[bulky.pk])))


# --- Hostile input: never a 500 ---------------------------------------------------------------------


def test_null_characters_in_every_field_are_refused(client, world, bulky, items):
    client.force_login(world.administrator)
    nul = "a\x00b"
    type_fields = {"name", "slug", "group", "description", "topic", "case_type", "location_label", "phone_reason",
                   "position"}  # fmt: skip
    response = client.post(
        reverse("contacts:request-type-create"), {**dict.fromkeys(type_fields, nul), "takes_online": nul}
    )
    assert response.status_code == 200 and set(_errors(response)) == type_fields
    question_fields = {"description", "datatype", "datatype_description", "code"}
    response = client.post(
        reverse("contacts:question-create", args=[bulky.pk]), {**dict.fromkeys(question_fields, nul), "required": nul}
    )
    assert response.status_code == 200 and set(_errors(response)) == question_fields
    value_fields = {"name", "key", "stop_message", "stop_phone"}
    response = client.post(reverse("contacts:value-create", args=[items.pk]), dict.fromkeys(value_fields, nul))
    assert response.status_code == 200 and set(_errors(response)) == value_fields
    response = client.post(reverse("contacts:request-type-update", args=[bulky.pk]), {"name": "\x00"})
    assert response.status_code == 200 and "name" in _errors(response)
    assert RequestType.objects.count() == 3 and bulky.questions.count() == 3 and items.values.count() == 3


def test_oversized_input_in_every_field_is_refused(client, world, bulky, items):
    client.force_login(world.administrator)
    big = "x" * 3000
    response = client.post(reverse("contacts:request-type-create"), {**_type_form(
        None, name=big, slug=big, description=big, location_label=big, phone_reason=big, position="9" * 30,
        group=big, case_type=big,
    ), "topic": big})  # fmt: skip
    assert set(_errors(response)) == {"name", "slug", "description", "location_label", "phone_reason", "position",
                                      "group", "case_type", "topic"}  # fmt: skip
    assert _errors(response)["name"] == ["The name of the form must be 120 characters or fewer"]
    response = client.post(
        reverse("contacts:question-create", args=[bulky.pk]),
        _question_form(description=big, datatype=big, datatype_description=big, code=big),
    )
    assert set(_errors(response)) == {"description", "datatype", "datatype_description", "code"}
    response = client.post(reverse("contacts:value-create", args=[items.pk]),
                           _value_form(name=big, key=big, stop_message=big, stop_phone=big))  # fmt: skip
    assert set(_errors(response)) == {"name", "key", "stop_message", "stop_phone"}
    assert RequestType.objects.count() == 3


def test_a_code_made_from_long_words_fits(client, world, bulky):
    client.force_login(world.team_manager)
    words = "Is the thing you want collected heavier than two people can lift safely?"
    response = client.post(reverse("contacts:question-create", args=[bulky.pk]), _question_form(description=words))
    assert response.status_code == 302, response.context["form"].errors
    code = bulky.questions.latest("id").code
    assert len(code) <= 50 and not code.endswith("-")


def test_pages_of_missing_entries_are_404(client, world, request_types):
    client.force_login(world.administrator)
    assert client.get(reverse("contacts:request-type-detail", args=[999999])).status_code == 404
    assert client.get(reverse("contacts:question-update", args=[999999])).status_code == 404
    assert client.get(reverse("contacts:value-update", args=[999999])).status_code == 404
