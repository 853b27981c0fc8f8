"""Demo online forms for `manage.py seed_demo`: the request types residents of Wyebridge use most,
with their questions and the answers that stop a form because the matter is urgent, and the
general forms (report a problem, request a service, complaint, compliment, comment); and
18 months of contacts logged by the demo staff, with reception visits and survey answers.

Each is created through contacts.services, as a manager would in the browser, and linked to its
directory topic by slug when the directory has it. Run again, it leaves existing types alone."""

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import time_machine
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cases import services as cases
from cases.demo import LATE_FIRST, LATE_LAST, done_at, phone_number, place
from cases.models import Case, Customer
from directory.models import Officer, Partner, Topic
from directory.vocabulary import FIRST_NAMES, LAST_NAMES
from standards.models import CaseType, Channel

from . import services
from .models import Contact, Datatype, Outcome, ReceptionVisit, RequestType

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


# --- Contacts logged by advisers, reception visits and surveys: 18 months of history -------------

CONTACT_SEED = 20261202
MONTHS = 18
PER_MONTH = 50
# First-point resolution rises through the months, from the first to the last.
FPR_FIRST, FPR_LAST = 0.38, 0.48
# The reception wait, in minutes, falls as the floor-walkers and the specialist desk bed in.
WAIT_FIRST, WAIT_LAST = 8.0, 0.7
# Of the contacts not resolved at first point (an existing case falls back to raising one).
OTHER_OUTCOMES = {Outcome.EXISTING_CASE: 34, Outcome.CASE_RAISED: 28, Outcome.SIGNPOSTED: 24, Outcome.PASSED_ON: 14}
# Of the contacts about an existing case, those chasing progress (avoidable), first and last month.
CHASING_FIRST, CHASING_LAST = 0.7, 0.35
CONTACT_CHANNELS = {
    Channel.PHONE: 47,
    Channel.EMAIL: 18,
    Channel.FACE_TO_FACE: 13,
    Channel.LETTER: 9,
    Channel.WEB_CHAT: 6,
    Channel.SOCIAL_MEDIA: 4,
    Channel.COUNCILLOR: 3,
}
# Busiest mid-morning, and on Mondays (the weekend's questions).
HOURS = {8: 4, 9: 10, 10: 16, 11: 15, 12: 9, 13: 8, 14: 10, 15: 9, 16: 7, 17: 3}
WEEKDAYS = [30, 22, 19, 16, 13]
# How long each channel's contact takes, in minutes (from, to).
DURATIONS = {Channel.PHONE: (2, 12), Channel.FACE_TO_FACE: (4, 20), Channel.EMAIL: (3, 15), Channel.LETTER: (4, 15)}
CLOSED_DAYS = {(12, 25), (12, 26), (1, 1)}
ANONYMOUS = 0.15
# Face-to-face contacts with a reception visit; of the visitors, those who left before being
# called and those seen at the specialist desk.
VISITED, LEFT_UNSEEN, SPECIALIST = 0.85, 0.05, 0.07
# Survey answers: a share of the invitations, the scores skewed to satisfied.
ANSWERED = 0.3
SATISFACTION = {5: 10, 4: 6, 3: 2, 2: 1, 1: 1}  # a deck of 20, dealt in turn
# Cases raised longer ago than this are resolved and closed; newer ones are still being worked.
CASE_WORKED_DAYS = 35
# Web forms sent, as a share of all contacts, in the first month and the last: digital take-up
# rising past the 40% baseline. Sent at any hour of any day, most in the evening; fewer from the
# wards of cases.demo's WARDS' last districts (older residents, poorer broadband): the hot spots to work on.
WEB_FIRST, WEB_LAST = 0.36, 0.51
WEB_HOURS = {7: 3, 8: 5, 9: 6, 10: 6, 11: 6, 12: 7, 13: 6, 14: 5, 15: 5, 16: 5, 17: 6, 18: 8, 19: 10, 20: 10,
             21: 8, 22: 4}  # fmt: skip
WEB_WEEKDAYS = [18, 16, 15, 14, 13, 11, 13]
WEB_WARD_WEIGHTS = [14, 14, 12, 12, 10, 8, 4, 3]
WEB_FORMS = {"missed-bin": 30, "bulky-waste-collection": 18, "fly-tipping": 12, "council-tax-question": 12,
             "street-light-fault": 6, "noise-complaint": 6, "abandoned-vehicle": 4, "housing-repair": 4,
             "report-a-problem": 4, "request-a-service": 2, "comment": 2}  # fmt: skip
WEB_WORDS = "Sent through the website: please see the details above."

SUMMARIES: dict[str, list[str]] = {
    Outcome.RESOLVED: ["answered their question", "explained what happens next", "booked it for them",
                       "took the details and sorted it on the call", "gave the information they needed",
                       "walked them through doing it online"],
    Outcome.SIGNPOSTED: ["not ours: gave them the partner's number", "referred to the partner who deals with this"],
    Outcome.CASE_RAISED: ["raised a case for the service team", "needs a visit: raised a case"],
    Outcome.EXISTING_CASE: ["asked how their case is going", "added details to their open case"],
    Outcome.PASSED_ON: ["needed the specialist officer: passed on", "transferred to the officer dealing with it"],
}  # fmt: skip
CHASING_SUMMARIES = ["chasing: no update since they reported it", "chasing: asked when it will be done"]
SURVEY_COMMENTS = [
    "Quick and helpful, thank you.",
    "The adviser knew exactly what to do.",
    "Sorted in one call, which I did not expect.",
    "Had to wait a while to get through, but it was dealt with.",
    "Friendly at the front desk.",
    "I still do not understand my bill.",
    "It would be easier if I could do this online.",
]
ACKNOWLEDGED = "We have your request and the team is dealing with it."
RESOLUTIONS_DONE = ["Done as asked; the customer was told.", "Visited and put right.", "Dealt with by the team."]


@dataclass
class ContactSummary:
    contacts: int = 0
    web: int = 0
    visits: int = 0
    left_unseen: int = 0
    invitations: int = 0
    answers: int = 0
    fpr_first: float = 0.0
    fpr_last: float = 0.0

    def __str__(self) -> str:
        return (f"{self.contacts} logged and {self.web} sent online over {MONTHS} months (first-point "
                f"resolution {self.fpr_first:.0%} rising to {self.fpr_last:.0%}), {self.visits} reception visits "
                f"({self.left_unseen} left unseen), {self.invitations} survey invitations, "
                f"{self.answers} answered")  # fmt: skip


def _months(today, months: int) -> list[tuple[date, date]]:
    """(first day, last day) of each of the `months` calendar months ending with today's."""
    spans = []
    year, month = today.year, today.month
    for _ in range(months):
        first = date(year, month, 1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        spans.append((first, min(last, today)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return spans[::-1]


def _share(first: float, last: float, index: int, count: int) -> float:
    return first + (last - first) * index / max(count - 1, 1)


class ContactSeeder:
    """Logs the months of contacts in time order through contacts.services, each at its own time."""

    def __init__(self, rng: random.Random, loggers: dict, now: datetime):
        self.rng, self.now = rng, now
        self.loggers, self.weights = list(loggers), list(loggers.values())
        self.receptionist = self.loggers[0]
        # Who moves on the cases no rule routed: the manager when there is one.
        self.triage = self.loggers[-1]
        self.topics = list(Topic.objects.select_related("service_area", "team", "partner").order_by("slug"))
        self.team_topics = [topic for topic in self.topics if topic.team_id]
        self.partners = list(Partner.objects.order_by("slug"))
        officers = Officer.objects.filter(user__is_active=True).select_related("user").order_by("id")
        self.officers: dict[int, list[Officer]] = {}
        for officer in officers:
            self.officers.setdefault(officer.team_id, []).append(officer)
        self.all_officers = [officer for team in self.officers.values() for officer in team]
        customers = list(Customer.objects.current().order_by("id"))
        self.customers = customers
        # Cases the seed resolves are of customers a survey cannot reach, so resolving sends no email.
        self.unreachable = [customer for customer in customers if not customer.email]
        # The demo cases already there (the last weeks'), which later contacts may be about.
        # (case, open from, closed at or None), for the contacts about an open case.
        self.open_cases: list[tuple[Case, datetime, datetime | None]] = [
            (case, case.received_at, None)
            for case in Case.objects.open().filter(customer__isnull=False).select_related("customer").order_by("id")
        ]
        self.to_resolve: list[tuple[Case, datetime]] = []
        # The forms whose cases a team of the demo works (or that raise none, as a comment).
        self.web_types = [
            request_type
            for request_type in RequestType.objects.filter(slug__in=WEB_FORMS, is_published=True)
            .select_related("topic")
            .prefetch_related("questions__values")
            if request_type.is_comment or (request_type.topic and request_type.topic.team_id in self.officers)
        ]
        self.web_sent = 0
        # The forms' own dice, so the logged contacts are the same with or without them.
        self.web_rng = random.Random(CONTACT_SEED + 1)  # noqa: S311 - demo data, the same every run
        self.owed: dict[str, float] = {}
        self.scores: list[int] = []
        self.summary = ContactSummary()

    def due(self, what: str, share: float) -> bool:
        """Whether this one is of the `share` that `what` (a chasing contact, a survey answered): the
        share is owed until it adds up to one, so every month has its share, not left to chance."""
        owed = self.owed.get(what, 0.0) + share
        self.owed[what] = owed - (owed >= 1)
        return owed >= 1

    def moments(self, first: date, last: date, count: int, *, web: bool = False) -> list[datetime]:
        """`count` times in the month, on working days in office hours (`web`: any day and hour
        the forms are sent)."""
        rng = self.web_rng if web else self.rng
        weekdays, hours = (WEB_WEEKDAYS, WEB_HOURS) if web else (WEEKDAYS, HOURS)
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        days = [
            day for day in days if day.weekday() < len(weekdays) and (web or (day.month, day.day) not in CLOSED_DAYS)
        ]
        moments: list[datetime] = []
        # Bounded: early on the first working day of a month, none of today's times has passed yet.
        for _ in range(count * 20 if days else 0):
            if len(moments) == count:
                break
            day = rng.choices(days, [weekdays[day.weekday()] for day in days])[0]
            hour = rng.choices(list(hours), list(hours.values()))[0]
            moment = timezone.make_aware(datetime.combine(day, time(hour, rng.randint(0, 59), rng.randint(0, 59))))
            if moment < self.now - timedelta(minutes=30):
                moments.append(moment)
        return sorted(moments)

    def run(self, months: int, per_month: int) -> ContactSummary:
        spans = _months(timezone.localdate(self.now), months)
        for index, (first, last) in enumerate(spans):
            # The month so far, for the current one.
            count = round(self.rng.randint(per_month * 4 // 5, per_month * 6 // 5) * last.day / 30)
            fpr = _share(FPR_FIRST, FPR_LAST, index, months)
            moments = self.moments(first, last, count)
            resolved = round(fpr * len(moments))
            outcomes = [Outcome.RESOLVED] * resolved + self.rng.choices(
                list(OTHER_OUTCOMES), list(OTHER_OUTCOMES.values()), k=len(moments) - resolved
            )
            self.rng.shuffle(outcomes)
            for moment, outcome in zip(moments, outcomes, strict=True):
                self.contact(moment, outcome, index, months)
            web = _share(WEB_FIRST, WEB_LAST, index, months) if self.web_types else 0
            for moment in self.moments(first, last, round(len(moments) * web / (1 - web)), web=True):
                self.web_form(moment)
        self.cases_resolve()
        return self.summary

    def web_form(self, at: datetime) -> None:
        """A form sent online through contacts.services, as the resident's browser would: every
        question it asks answered with the first answer that does not stop it, and a phone number
        only (no email is sent for the past). Its case is worked later, as a logged one's."""
        rng = self.web_rng
        request_type = rng.choices(self.web_types, [WEB_FORMS[t.slug] for t in self.web_types])[0]
        answers = []
        for question in request_type.questions.all():
            keys = [value for value in question.values.all() if not value.stops]
            if question.datatype in (Datatype.SINGLE, Datatype.MULTI) and keys:
                chosen = rng.choice(keys)
                stored: object = [chosen.key] if question.datatype == Datatype.MULTI else chosen.key
                text = chosen.name
            elif question.datatype == Datatype.NUMBER:
                stored = text = str(rng.randint(1, 3))
            elif question.datatype == Datatype.DATETIME:
                stored = (at - timedelta(days=1)).isoformat()
                text = f"{at - timedelta(days=1):%-d %B %Y}"
            else:
                stored = text = WEB_WORDS
            answers.append(services.Answer(code=question.code, question=question.description, value=stored, text=text))
        address, postcode, _ward = place(rng, WEB_WARD_WEIGHTS)
        self.web_sent += 1
        sent = services.web_request_send(
            key=uuid.uuid4(),
            request_type=request_type,
            answers=answers,
            details={"name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                     "phone": phone_number(700 + self.web_sent)},
            location={"address": address, "postcode": postcode} if request_type.asks_location else None,
            received_at=at,
        )  # fmt: skip
        self.summary.web += 1
        if sent.case is not None:
            done = done_at(rng, sent.case.respond_by, at, late=rng.random() < 0.2)
            if self.now - done > timedelta(days=3) and self.now - at > timedelta(days=CASE_WORKED_DAYS):
                self.to_resolve.append((sent.case, done))

    def contact(self, at: datetime, outcome: str, index: int, months: int) -> None:
        rng = self.rng
        channel = rng.choices(list(CONTACT_CHANNELS), list(CONTACT_CHANNELS.values()))[0]
        by = rng.choices(self.loggers, self.weights)[0]
        low, high = DURATIONS.get(channel, (2, 8))
        ended = at + timedelta(minutes=rng.randint(low, high), seconds=rng.randint(0, 59))
        customer = None if rng.random() < ANONYMOUS else rng.choice(self.customers)
        case, chasing, new_case, passed_to, partner = None, False, None, None, None
        if outcome == Outcome.EXISTING_CASE:
            about = [(c, start, end) for c, start, end in self.open_cases if start < at and (end is None or at < end)]
            if about:
                case = rng.choice(about[-30:])[0]
                customer = case.customer
                chasing = self.due("chasing", _share(CHASING_FIRST, CHASING_LAST, index, months))
            else:
                outcome = Outcome.CASE_RAISED
        topic: Topic = rng.choice(self.team_topics or self.topics)
        if case is not None and case.topic is not None:
            topic = case.topic
        if outcome == Outcome.SIGNPOSTED:
            signposted = [t for t in self.topics if t.partner_id]
            if signposted and rng.random() < 0.7:
                topic = rng.choice(signposted)
                partner = topic.partner
            else:
                partner = rng.choice(self.partners)
        elif outcome == Outcome.PASSED_ON:
            passed_to = rng.choice((self.officers.get(topic.team_id) if topic.team_id else None) or self.all_officers)
        elif outcome == Outcome.CASE_RAISED:
            old = self.now - at > timedelta(days=CASE_WORKED_DAYS)
            if old:
                customer = rng.choice(self.unreachable) if self.unreachable and rng.random() < 0.8 else None
            kind = rng.choice([CaseType.SERVICE_REQUEST, CaseType.PROBLEM_REPORT])
            new_case = {"case_type": kind, "description": f"Raised by {channel.label.lower()}: {topic.name}."}
            if customer is not None and customer.address:
                new_case |= {"location_address": customer.address, "location_postcode": customer.postcode}
        if (outcome == Outcome.PASSED_ON and passed_to is None) or (outcome == Outcome.SIGNPOSTED and partner is None):
            outcome, passed_to, partner = Outcome.RESOLVED, None, None
        phrase = rng.choice(CHASING_SUMMARIES if chasing else SUMMARIES[outcome])
        visit = self.visit(at, customer, topic, index, months) if channel == Channel.FACE_TO_FACE else None
        logged = services.contact_log(
            by=by,
            key=uuid.uuid4(),
            fields={"channel": channel, "started_at": at, "ended_at": ended, "topic": topic, "partner": partner,
                    "passed_to": passed_to, "summary": f"{topic.name}: {phrase}"[:200], "outcome": outcome},
            customer=customer,
            case=case,
            chasing=chasing,
            new_case=new_case,
            visit=visit,
            survey=False,
        )  # fmt: skip
        self.summary.contacts += 1
        if outcome == Outcome.CASE_RAISED and logged.case is not None:
            Case.objects.filter(pk=logged.case.pk).update(created_at=at)
            # Answered by its due time, mostly (the same shares late as the cases' history).
            late = rng.random() < LATE_FIRST + (LATE_LAST - LATE_FIRST) * index / max(months - 1, 1)
            done = done_at(rng, logged.case.respond_by, ended, late=late)
            worked = self.now - done > timedelta(days=3) and self.now - at > timedelta(days=CASE_WORKED_DAYS)
            if logged.case.customer_id is not None:
                self.open_cases.append((logged.case, ended, done if worked else None))
            if worked:
                self.to_resolve.append((logged.case, done))
        elif outcome == Outcome.RESOLVED:
            self.survey(logged.contact, ended)

    def visit(self, at: datetime, customer, topic, index: int, months: int):
        """The visitor's check-in and call, their wait at its time; now and then a visitor who gave up."""
        rng = self.rng
        wait_mean = _share(WAIT_FIRST, WAIT_LAST, index, months) * 60
        if self.due("left unseen", LEFT_UNSEEN):
            gone = services.visit_check_in(by=self.receptionist, fields={"name": "", "reason": topic.name})
            services.visit_leave(visit=gone, by=self.receptionist)
            arrived = at - timedelta(seconds=int(wait_mean * rng.uniform(2, 4)))
            ReceptionVisit.objects.filter(pk=gone.pk).update(arrived_at=arrived, left_at=arrived + (at - arrived) / 2)
            self.summary.visits += 1
            self.summary.left_unseen += 1
        if rng.random() > VISITED:
            return None
        specialist = self.due("specialist", SPECIALIST)
        fields = {"name": customer.name if customer else "", "customer": customer, "reason": topic.name,
                  "needs_specialist": specialist}  # fmt: skip
        visit = services.visit_check_in(by=self.receptionist, fields=fields)
        visit = services.visit_call(visit=visit, by=self.receptionist)
        wait = int(rng.gammavariate(4, wait_mean / 4))
        ReceptionVisit.objects.filter(pk=visit.pk).update(
            arrived_at=at - timedelta(seconds=wait), called_at=at, wait_seconds=wait
        )
        self.summary.visits += 1
        return visit

    def survey(self, contact: Contact, ended: datetime) -> None:
        """The invitation, sent at the contact's end (no email now: it went then), and an answer to
        some of them."""
        rng = self.rng
        invitation = services.survey_invite(contact=contact, sent_at=ended)
        if invitation is None:
            return
        self.summary.invitations += 1
        answered_at = ended + timedelta(hours=rng.uniform(0.5, 96))
        if not self.due("answered", rng.uniform(0.5, 1.5) * ANSWERED) or answered_at >= self.now:
            return
        if not self.scores:
            # Dealt from a shuffled deck, so each quarter's few answers keep the skew.
            self.scores = [score for score, count in SATISFACTION.items() for _ in range(count)]
            rng.shuffle(self.scores)
        satisfaction = self.scores.pop()
        resolved = rng.random() < (0.95 if satisfaction >= 4 else 0.6 if satisfaction == 3 else 0.3)
        comment = rng.choice(SURVEY_COMMENTS) if rng.random() < 0.2 else ""
        if comment in SURVEY_COMMENTS[-2:] and satisfaction >= 4:
            comment = ""
        services.survey_answer(
            invitation=invitation, satisfaction=satisfaction, resolved=resolved, comment=comment,
            answered_at=answered_at,
        )  # fmt: skip
        self.summary.answers += 1

    def cases_resolve(self) -> None:
        """The older cases raised are worked by their team through the cases services at the
        times it happened (the clock travelled to each step, as cases.demo's History):
        acknowledged by an update, resolved (the reply, met or missed against its time), closed.
        Their customers have no email address, or there is none, so no email goes for the past
        and resolving them invites no one to a survey."""
        rng = self.rng
        for case, done in self.to_resolve:
            team = case.team or (case.topic.team if case.topic is not None else None)
            officers = self.officers.get(team.pk) if team is not None else None
            if team is None or not officers:
                continue
            due = case.acknowledge_by
            taken = case.received_at + ((due - case.received_at) * rng.uniform(0.1, 0.9) if due and due < done
                                        else (done - case.received_at) / 3)  # fmt: skip
            owner = rng.choice(officers).user
            with time_machine.travel(taken, tick=False):
                if case.team_id is None:
                    # No rule routed it: triage sent it on to the topic's team.
                    reason = f"From triage: {team.name} deals with this."
                    case = cases.case_transfer(case=case, team=team, by=self.triage, reason=reason)
                case = cases.case_claim(case=case, by=owner)
                cases.case_update_publish(case=case, by=owner, text=ACKNOWLEDGED)
            with time_machine.travel(done, tick=False):
                case = cases.case_resolve(case=case, by=owner, resolution=rng.choice(RESOLUTIONS_DONE))
            with time_machine.travel(done + timedelta(days=2), tick=False):
                cases.case_close(case=case, by=owner)


@transaction.atomic
def contacts_seed(*, adviser, officer=None, manager=None, months: int = MONTHS, per_month: int = PER_MONTH):
    """Seed `months` months of contacts logged by the demo staff (`adviser` most, and checking
    visitors in at reception; `officer` and `manager` some), about `per_month` a month, on every
    logged channel, with their reception visits and survey invitations and answers, each at its
    own time. Returns what was made, or None when advisers' contacts are already there.

    History is recorded through contacts.services with each row's own time: the contact's start and
    end are its fields; the visits are dated after they are called; the survey invitations are
    recorded with survey_invite(sent_at=...), which queues no email (they went at the time), and
    answered with survey_answer(answered_at=...)."""
    if Contact.objects.logged().exists():
        return None
    loggers = {user: weight for user, weight in ((adviser, 75), (officer, 15), (manager, 10)) if user is not None}
    rng = random.Random(CONTACT_SEED)  # noqa: S311 - demo data, the same every run; nothing secret
    started = timezone.now()
    summary = ContactSeeder(rng, loggers, started).run(months, per_month)
    Contact.objects.filter(created_at__gte=started).update(created_at=F("ended_at"))
    logged = Contact.objects.logged()
    spans = _months(timezone.localdate(), months)
    for first, name in ((0, "fpr_first"), (max(months - 3, 0), "fpr_last")):
        start, end = spans[first][0], spans[min(first + 2, months - 1)][1]
        window = logged.filter(started_at__date__range=(start, end))
        total = window.count()
        setattr(summary, name, window.first_point().count() / total if total else 0.0)
    return summary
