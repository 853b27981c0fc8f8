"""Demo online forms for `manage.py seed_demo`: the request types residents of Wyebridge use most,
with their questions and the answers that stop a form because the matter is urgent, and the
general forms (report a problem, request a service, complaint, compliment, comment).

Each is created through contacts.services, as a manager would in the browser, and linked to its
directory topic by slug when the directory has it. Run again, it leaves existing types alone."""

from django.db import transaction

from directory.models import Topic
from standards.models import CaseType

from . import services
from .models import Datatype, RequestType

EMERGENCY = "999"
GAS = "0800 111 999"
COUNCIL = "01632 960000"
COUNTY_EMERGENCY = "01632 960999"

# Each value: (key, name) or (key, name, stop message, stop phone).
_YES_NO = [("yes", "Yes"), ("no", "No")]

REQUEST_TYPES: list[dict] = [
    {
        "slug": "bulky-waste-collection",
        "name": "Book a bulky waste collection",
        "group": RequestType.Group.REQUEST,
        "topic": "bulky-waste-collection",
        "case_type": CaseType.SERVICE_REQUEST,
        "description": "We collect up to 3 large household items, like furniture and fridges, for £35. "
        "We will contact you to arrange a day and take payment.",
        "location_label": "Where should we collect the items from?",
        "questions": [
            ("items", Datatype.MULTI, True, "What do you need us to collect?", "Select all that apply.",
             [("sofa", "Sofa or armchair"), ("mattress", "Mattress or bed frame"), ("fridge", "Fridge or freezer"),
              ("washing-machine", "Washing machine or cooker"), ("wardrobe", "Wardrobe, table or other furniture"),
              ("other", "Something else")]),
            ("item-count", Datatype.NUMBER, True, "How many items are there?", "We collect up to 3 items at a time.",
             []),
            ("item-details", Datatype.TEXT, False, "Tell us anything else about the items",
             "For example, if an item is very heavy or in pieces.", []),
            ("left-at", Datatype.SINGLE, True, "Where will the items be left?", "",
             [("front", "In the front garden or on the driveway"), ("kerb", "At the kerbside"),
              ("communal", "In a communal bin area")]),
        ],
    },
    {
        "slug": "missed-bin",
        "name": "Report a missed bin collection",
        "group": RequestType.Group.REPORT,
        "topic": "missed-bin-collection",
        "case_type": CaseType.PROBLEM_REPORT,
        "description": "Tell us if we did not empty your bin on your collection day. "
        "Wait until 6pm on your collection day before you report it.",
        "location_label": "What is the address of the bin?",
        "questions": [
            ("bin-type", Datatype.SINGLE, True, "Which bin was missed?", "",
             [("rubbish", "Rubbish (green bin)"), ("recycling", "Recycling (blue bin)"),
              ("food", "Food waste (small brown caddy)"), ("garden", "Garden waste (brown bin)")]),
            ("out-by-7", Datatype.SINGLE, True, "Was the bin out by 7am on your collection day?", "", _YES_NO),
        ],
    },
    {
        "slug": "fly-tipping",
        "name": "Report fly-tipping",
        "group": RequestType.Group.REPORT,
        "topic": "fly-tipping",
        "case_type": CaseType.PROBLEM_REPORT,
        "description": "Tell us about rubbish dumped on a road, path or public land. Do not touch it: "
        "it may be dangerous.",
        "location_label": "Where is the fly-tipping?",
        "attachments": True,
        "questions": [
            ("waste-type", Datatype.MULTI, True, "What has been dumped?", "Select all that apply.",
             [("bags", "Bags of household rubbish"), ("furniture", "Furniture or mattresses"),
              ("building", "Building rubble or garden waste"), ("tyres", "Tyres"),
              ("chemicals", "Drums or containers that may hold chemicals",
               "Containers that may hold chemicals can be dangerous. Keep away from them and phone us now", COUNCIL),
              ("other", "Something else")]),
            ("seen-at", Datatype.DATETIME, False, "When did you see it?", "For example, 27 3 2026 and 2pm.", []),
            ("blocking", Datatype.SINGLE, True, "Is it blocking a road or footpath?", "",
             [("yes", "Yes", "Rubbish blocking a road or footpath is a danger to traffic: phone us now", COUNCIL),
              ("no", "No")]),
        ],
    },
    {
        "slug": "noise-complaint",
        "name": "Report noise",
        "group": RequestType.Group.REPORT,
        "topic": "noise-complaints",
        "case_type": CaseType.PROBLEM_REPORT,
        "description": "Tell us about noise from a neighbour, a business or the street that happens often. "
        "We may ask you to keep a diary of the noise.",
        "location_label": "Where is the noise coming from?",
        "questions": [
            ("danger", Datatype.SINGLE, True, "Is anyone in danger, or is there violence or a threat of it?", "",
             [("yes", "Yes", "If anyone is in danger, phone the police on 999 now", EMERGENCY), ("no", "No")]),
            ("noise-type", Datatype.SINGLE, True, "What kind of noise is it?", "",
             [("music", "Loud music or parties"), ("dog", "A barking dog"), ("alarm", "An alarm"),
              ("works", "Building works or machinery"), ("other", "Something else")]),
            ("when", Datatype.TEXT, True, "When does the noise happen?",
             "For example, every Friday and Saturday from 11pm to 3am.", []),
        ],
    },
    {
        "slug": "abandoned-vehicle",
        "name": "Report an abandoned vehicle",
        "group": RequestType.Group.REPORT,
        "topic": "abandoned-vehicles",
        "case_type": CaseType.PROBLEM_REPORT,
        "description": "Tell us about a vehicle that has not moved for weeks and looks abandoned. "
        "Report untaxed vehicles to the DVLA instead.",
        "location_label": "Where is the vehicle?",
        "attachments": True,
        "questions": [
            ("dangerous", Datatype.SINGLE, True, "Is the vehicle burnt out, leaking fuel or blocking the road?", "",
             [("yes", "Yes", "A dangerous vehicle needs the police now: phone 999", EMERGENCY), ("no", "No")]),
            ("registration", Datatype.STRING, False, "What is the vehicle's registration number?",
             "For example, AB12 CDE. Leave it empty if there are no number plates.", []),
            ("make-colour", Datatype.STRING, True, "What make and colour is the vehicle?",
             "For example, blue Ford Fiesta.", []),
            ("how-long", Datatype.SINGLE, True, "How long has it been there?", "",
             [("weeks", "2 to 4 weeks"), ("month", "More than a month"), ("not-sure", "I'm not sure")]),
        ],
    },
    {
        "slug": "street-light-fault",
        "name": "Report a faulty street light",
        "group": RequestType.Group.REPORT,
        "topic": "street-lights",
        "case_type": CaseType.PROBLEM_REPORT,
        "description": "Wyeshire County Council repairs street lights. Tell us about a fault and we will pass it on "
        "and tell you when it is booked.",
        "location_label": "Where is the street light?",
        "questions": [
            ("fault", Datatype.SINGLE, True, "What is wrong with the light?", "",
             [("out", "It does not come on"), ("day", "It is on during the day"), ("flicker", "It flickers"),
              ("damaged", "It is knocked down or has exposed wires",
               "A damaged street light can give an electric shock. Keep away and phone the County Council's "
               "emergency line now", COUNTY_EMERGENCY)]),
            ("column-number", Datatype.STRING, False, "What is the number on the lamp post?",
             "It is on a small plate on the post, like WY123.", []),
        ],
    },
    {
        "slug": "council-tax-question",
        "name": "Ask a question about council tax",
        "group": RequestType.Group.ASK,
        "topic": "council-tax-bills",
        "case_type": CaseType.SERVICE_REQUEST,
        "description": "Ask about your council tax bill, band, discounts or payments.",
        "questions": [
            ("account-number", Datatype.STRING, False, "What is your council tax account number?",
             "It is 8 digits, at the top of your bill. Leave it empty if you do not know it.", []),
            ("subject", Datatype.SINGLE, True, "What is your question about?", "",
             [("bill", "My bill"), ("discount", "A discount or exemption"), ("moving", "Moving home"),
              ("payments", "Payments or arrears"), ("other", "Something else")]),
            ("question", Datatype.TEXT, True, "What is your question?", "", []),
        ],
    },
    {
        "slug": "housing-repair",
        "name": "Report a repair to your rented home",
        "group": RequestType.Group.REPORT,
        "topic": "disrepair-in-private-rented-homes",
        "case_type": CaseType.PROBLEM_REPORT,
        "description": "Tell us if your landlord will not repair your home. We can inspect it and make the "
        "landlord put it right.",
        "location_label": "What is the address of the home?",
        "attachments": True,
        "questions": [
            ("gas", Datatype.SINGLE, True, "Can you smell gas?", "",
             [("yes", "Yes", "If you can smell gas, leave the building and phone the National Gas Emergency "
               "Service on 0800 111 999 now", GAS), ("no", "No")]),
            ("landlord", Datatype.SINGLE, True, "Who is your landlord?", "",
             [("private", "A private landlord or letting agent"),
              ("wyebridge-homes", "Wyebridge Homes",
               "Wyebridge Homes repairs its own homes: phone their repairs line", "01632 960123"),
              ("association", "Another housing association",
               "Your housing association repairs your home: phone them. If they do not, phone us", COUNCIL)]),
            ("problem", Datatype.TEXT, True, "What needs repairing?", "For example, damp and mould in the bedroom.",
             []),
            ("landlord-told", Datatype.SINGLE, True, "Have you told your landlord about it in writing?", "", _YES_NO),
        ],
    },
    # The general forms.
    {
        "slug": "report-a-problem",
        "name": "Report another problem",
        "group": RequestType.Group.REPORT,
        "case_type": CaseType.PROBLEM_REPORT,
        "description": "Tell us about a problem we have no form for.",
        "location_label": "Where is the problem?",
        "attachments": True,
        "questions": [("problem", Datatype.TEXT, True, "What is the problem?", "", [])],
    },
    {
        "slug": "request-a-service",
        "name": "Request another service",
        "group": RequestType.Group.REQUEST,
        "case_type": CaseType.SERVICE_REQUEST,
        "description": "Ask for a service we have no form for.",
        "questions": [("request", Datatype.TEXT, True, "What would you like us to do?", "", [])],
    },
    {
        "slug": "complaint",
        "name": "Make a complaint",
        "group": RequestType.Group.FEEDBACK,
        "topic": "make-a-complaint",
        "case_type": CaseType.COMPLAINT_STAGE_1,
        "description": "Tell us if we got something wrong. We will look into it and reply in writing.",
        "attachments": True,
        "questions": [
            ("service", Datatype.STRING, True, "Which service is your complaint about?",
             "For example, bin collections.", []),
            ("what-happened", Datatype.TEXT, True, "What went wrong?",
             "Include dates and who you spoke to, if you can.", []),
            ("put-right", Datatype.TEXT, False, "What would you like us to do to put it right?", "", []),
        ],
    },
    {
        "slug": "compliment",
        "name": "Give a compliment",
        "group": RequestType.Group.FEEDBACK,
        "topic": "give-a-compliment",
        "case_type": CaseType.COMPLIMENT,
        "description": "Tell us about someone who did a good job. We pass every compliment on.",
        "questions": [
            ("who", Datatype.STRING, False, "Who would you like to compliment?", "Their name or their team.", []),
            ("what", Datatype.TEXT, True, "What did they do well?", "", []),
        ],
    },
    {
        "slug": "comment",
        "name": "Leave a comment",
        "group": RequestType.Group.FEEDBACK,
        "case_type": CaseType.COMMENT,
        "description": "Tell us what you think of a service or how we could do better. We read every comment "
        "but do not reply to them.",
        "questions": [("comment", Datatype.TEXT, True, "What is your comment?", "", [])],
    },
    # Not online: what needs a phone call, and why.
    {
        "slug": "homeless-tonight",
        "name": "Homeless or at risk of losing your home tonight",
        "group": RequestType.Group.ASK,
        "case_type": CaseType.SERVICE_REQUEST,
        "takes_online": False,
        "phone_reason": "We need to talk to you straight away to find you somewhere to stay.",
    },
    {
        "slug": "dangerous-structure",
        "name": "Report a dangerous building or wall",
        "group": RequestType.Group.REPORT,
        "topic": "dangerous-structures",
        "case_type": CaseType.PROBLEM_REPORT,
        "takes_online": False,
        "phone_reason": "A building control officer needs to check it now. Out of hours, phone the same number.",
    },
]  # fmt: skip


@transaction.atomic
def request_types_seed() -> int:
    """Create the demo request types the database lacks; returns how many were made."""
    existing = set(RequestType.objects.values_list("slug", flat=True))
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=[r.get("topic") for r in REQUEST_TYPES])}
    made = 0
    for position, spec in enumerate(REQUEST_TYPES):
        if spec["slug"] in existing:
            continue
        request_type = services.request_type_create(
            by=None,
            fields={
                "slug": spec["slug"],
                "name": spec["name"],
                "group": spec["group"],
                "description": spec.get("description", ""),
                "topic": topics.get(spec.get("topic", "")),
                "case_type": spec["case_type"],
                "asks_location": bool(spec.get("location_label")),
                "location_label": spec.get("location_label", ""),
                "takes_attachments": spec.get("attachments", False),
                "takes_online": spec.get("takes_online", True),
                "phone_reason": spec.get("phone_reason", ""),
                "is_published": True,
                "position": position,
            },
        )
        for order, (code, datatype, required, text, hint, values) in enumerate(spec.get("questions", [])):
            question = services.question_create(
                request_type=request_type,
                by=None,
                fields={"code": code, "datatype": datatype, "required": required, "order": order,
                        "description": text, "datatype_description": hint},
            )  # fmt: skip
            for value_order, (key, name, *stop) in enumerate(values):
                services.question_value_create(
                    question=question,
                    by=None,
                    fields={"key": key, "name": name, "order": value_order,
                            "stop_message": stop[0] if stop else "", "stop_phone": stop[1] if stop else ""},
                )  # fmt: skip
        made += 1
    return made
