"""Demo customers, routing rules and cases for `manage.py seed_demo`: a few hundred residents,
businesses and groups of the invented district of Wyebridge (postcodes WY1 to WY6, which no real
postcode area uses), about twenty routing rules over the demo directory, and a few hundred cases
received over the last five weeks in every status and type, so a fresh `make run` shows full
queues, overdue cases, complaints at both stages, compliments and a councillor's enquiries;
before them, eighteen months of cases worked to their end (History), for the dashboard's story.

Everything goes through cases.services, as the front door and the back office would: each case
is routed by the rules, and its timeline is what the services wrote. Every case is received in
the past (case_create's received_at), so its due times and overdue flags are believable, and its
work (claims, updates, transfers, decisions) is done at its own times after that, the clock
travelled to each step (time-machine: docs/decisions/0015-demo-history-in-travelled-time.md);
what a live system also has (reopened, linked and merged cases) happens now.

The plan is drawn from a seeded random generator, so every run makes the same demo, and it adapts
to the directory it finds: rules naming a team, area or topic the directory lacks are left out,
and cases that no rule routes are moved on from triage to their topic's team. Run once: nothing
is done when customers or cases already exist (routing rules likewise)."""

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import time_machine
from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from directory.models import Officer, ServiceArea, Team, Topic
from directory.vocabulary import FIRST_NAMES, LAST_NAMES
from standards.models import CaseType, Channel, Priority

from . import services
from .models import (
    COMPLAINT_TYPES,
    Case,
    ComplaintOutcome,
    ContactMethod,
    Customer,
    CustomerType,
    NeedsCondition,
    RootCause,
    RoutingRule,
    Status,
)

SEED = 20261201
CUSTOMER_COUNT = 240
CASE_COUNT = 330
DAYS_BACK = 35
# Before the last DAYS_BACK days: HISTORY_MONTHS months of cases, about HISTORY_PER_MONTH a
# month, each worked to its end. The council gets better at it: fewer replies late, fewer stage 1
# complaints taken to stage 2, fewer cases passed on twice (first month, last month).
HISTORY_MONTHS = 18
HISTORY_PER_MONTH = 24
LATE_FIRST, LATE_LAST = 0.4, 0.12
ESCALATED_FIRST, ESCALATED_LAST = 0.4, 0.15
PASSED_ON_FIRST, PASSED_ON_LAST = 0.15, 0.04
STAGE_TWO_REASON = "The customer is not satisfied with the stage 1 answer."
STAGE_TWO_UPDATE = "Your complaint is now at stage 2 and is being reviewed by a senior officer."

# --- Places --------------------------------------------------------------------------------------

# Wyebridge's wards and the postcode district each lies in.
WARDS = [
    ("Abbey", "WY1"),
    ("Castle", "WY1"),
    ("Riverside", "WY2"),
    ("Old Town", "WY2"),
    ("Northgate", "WY3"),
    ("St Anne's", "WY4"),
    ("Hillside", "WY5"),
    ("Meadowbank", "WY6"),
]
STREETS = [
    "Mill Lane", "Station Road", "Church Street", "Abbey Road", "Castle Hill", "Riverside Walk",
    "Northgate", "Queen's Road", "Victoria Terrace", "Orchard Close", "The Crescent", "Brook Street",
    "Market Place", "Elm Grove", "Kingsway", "Willow Drive", "Bridge Street", "Park View",
    "St Anne's Road", "Meadow Way", "Tanners Row", "Weavers Court", "Ferry Lane", "Chapel Street",
]  # fmt: skip
# The letters a postcode's inward code may end with.
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

BUSINESSES = [
    "The Copper Kettle Café", "Wyebridge Motors", "Riverside Dental Practice", "Patel & Sons Newsagents",
    "Castle Hill Dry Cleaners", "The Old Bakery", "Abbey Road Garage", "Northgate Fish Bar",
    "Kowalski Builders Ltd", "Market Place Florist", "Hughes Butchers", "Meadowbank Nursery",
    "Golden Dragon Takeaway", "Ferry Lane Boatyard", "The Weavers Arms", "Bridge Street Barbers",
]  # fmt: skip
VOLUNTARY = [
    "Wyebridge Food Bank", "Friends of Riverside Park", "Old Town Residents' Association",
    "Hillside Community Centre", "St Anne's Youth Club", "Wyebridge Carers' Network",
]  # fmt: skip
COUNCILLOR_CONTACTS = ["Cllr Peter Hughes", "Cllr Nadia Iqbal", "Cllr Gwen Rees"]

VULNERABILITIES = [
    "Lives alone and is recovering from a stroke; may need more time on the phone.",
    "Recently bereaved; please be gentle and avoid repeated calls.",
    "Has a learning disability; her brother helps with letters.",
    "Mental health condition; prefers one named contact.",
    "Elderly and hard of hearing; speak clearly and confirm in writing.",
]
ACCESSIBILITY = [
    "Large print letters (18 point).",
    "Uses a wheelchair: ground-floor appointments only.",
    "Partially sighted: email rather than letters.",
    "Deaf: contact by email or text relay, not voice calls.",
]
LANGUAGES = ["Polish", "Punjabi", "Arabic", "Romanian", "Bengali", "Urdu"]

# --- Routing rules -------------------------------------------------------------------------------

# (name, conditions, team slug, priority). Conditions name areas and topics by slug; a rule whose
# team, area or topic this directory lacks is left out. Topic and word rules come before the
# broad rule of their area, as a manager would order them.
RULES: list[tuple[str, dict, str, str]] = [
    ("Homeless tonight", {"words": ["homeless", "evicted", "sleeping rough", "nowhere to stay"]},
     "housing-options", Priority.URGENT),
    ("Vulnerable customers with a housing need", {"area": "housing", "needs": NeedsCondition.VULNERABLE},
     "housing-options", Priority.HIGH),
    ("Damp, mould and disrepair", {"area": "housing", "words": ["damp", "mould", "boiler", "disrepair"]},
     "private-sector-housing", Priority.HIGH),
    ("Housing", {"area": "housing"}, "housing-register", ""),
    ("Missed bins", {"topic": "missed-bin-collection"}, "waste-collections", ""),
    ("Bulky waste", {"topic": "bulky-waste-collection"}, "bulky-and-trade-waste", ""),
    ("Needles and broken glass", {"words": ["needle", "needles", "syringe", "broken glass"]},
     "street-cleansing", Priority.URGENT),
    ("Fly-tipping and dumped rubbish", {"words": ["fly-tipping", "fly-tipped", "dumped"]}, "street-cleansing", ""),
    ("Town centre litter", {"words": ["litter", "graffiti"], "postcodes": ["WY1"]}, "street-cleansing",
     Priority.HIGH),
    ("Waste and recycling", {"area": "waste-and-recycling"}, "waste-collections", ""),
    ("Noise", {"words": ["noise", "loud music", "barking"]}, "environmental-protection", ""),
    ("Rats, mice and insects", {"words": ["rats", "mice", "wasps", "cockroaches", "bedbugs"]}, "pest-control", ""),
    ("Food premises", {"area": "environmental-health", "words": ["food", "takeaway", "restaurant", "kitchen"]},
     "food-and-safety", ""),
    ("Council tax arrears", {"words": ["summons", "arrears", "enforcement agent", "bailiff"]},
     "council-tax-recovery", ""),
    ("Council tax", {"area": "council-tax-and-business-rates"}, "council-tax", ""),
    ("Benefits", {"area": "benefits"}, "benefits-processing", ""),
    ("Planning breaches", {"area": "planning-and-building-control", "words": ["without permission", "breach"]},
     "planning-enforcement", ""),
    ("Planning", {"area": "planning-and-building-control"}, "planning-applications", ""),
    ("Antisocial behaviour", {"words": ["antisocial", "intimidating", "harassment"]}, "community-safety-team",
     Priority.HIGH),
    ("Parking", {"area": "parking"}, "parking-enforcement", ""),
    ("Trees in parks and streets", {"area": "parks-and-leisure", "words": ["tree", "trees", "branch"]},
     "trees-and-grounds-maintenance", ""),
    ("Parks", {"area": "parks-and-leisure"}, "parks-and-open-spaces", ""),
    ("Licensing", {"area": "licensing"}, "licensing-team", ""),
    ("Councillor enquiries not about a service", {"case_types": [CaseType.COUNCILLOR_ENQUIRY]},
     "democratic-services", ""),
    ("Complaints and comments not about a service", {"case_types": [CaseType.COMPLAINT_STAGE_1, CaseType.COMMENT]},
     "customer-contact-centre", ""),
]  # fmt: skip

# --- What residents tell us ----------------------------------------------------------------------

# By topic slug: (summary, description) of service requests and problem reports. "{street}" and
# "{address}" are filled in from the case's location. A topic without stories gets a plain one.
STORIES: dict[str, list[tuple[str, str]]] = {
    "missed-bin-collection": [
        ("Recycling bin not emptied", "Our blue recycling bin was out by 7am on collection day but the crew went "
         "past it. The rest of {street} was done."),
        ("Bin missed again this week", "Third time in a month the general waste bin has been missed at {address}. "
         "It is now overflowing and foxes are getting into it."),
        ("Food waste caddy not collected", "The food waste caddy was left at the kerb on {street} and not emptied."),
    ],
    "new-or-replacement-bins": [
        ("Bin lid broken by the lorry", "The lid of our black bin snapped off when the lorry tipped it. Please can "
         "we have a replacement."),
        ("Recycling box for a new home", "We moved into {address} last month and there are no recycling boxes."),
    ],
    "garden-waste-subscription": [
        ("Garden waste sticker not arrived", "Paid for garden waste collections online three weeks ago but the "
         "sticker has not come, so the crew will not take the brown bin."),
    ],
    "assisted-bin-collections": [
        ("Assisted collection after an operation", "Resident has had a hip operation and cannot take the bin to "
         "the kerb. Asks for an assisted collection for the next three months."),
    ],
    "bulky-waste-collection": [
        ("Collect an old sofa and a fridge", "Would like to book a bulky waste collection for a three-seater sofa "
         "and an old fridge freezer from {address}."),
        ("Bulky collection did not happen", "Booked and paid for a wardrobe to be collected on Monday; it is still "
         "in the front garden."),
    ],
    "fly-tipping": [
        ("Fly-tipping in the lane behind the shops", "Someone has dumped mattresses, black bags and a broken "
         "wardrobe in the lane behind {street}. It is blocking the garages."),
        ("Rubbish dumped by the bottle bank", "Bags of household rubbish dumped next to the bottle bank in the "
         "car park on {street}. Has been there since the weekend."),
    ],
    "dog-fouling": [
        ("Dog fouling on the path to the school", "The footpath between {street} and the primary school is covered "
         "in dog mess. Children walk this way every morning."),
    ],
    "graffiti-removal": [
        ("Offensive graffiti on the bus shelter", "Offensive graffiti sprayed on the bus shelter on {street}. "
         "Please remove it before the school run."),
    ],
    "needles-and-syringes-in-public-places": [
        ("Needles in the play park", "Two used needles found under the bench near the swings in the park off "
         "{street}."),
    ],
    "litter": [
        ("Litter after the market", "Litter all along {street} after the market; the bins were full by lunchtime."),
    ],
    "council-tax-bills": [
        ("Bill for a home I have left", "I moved out of {address} on the 3rd of last month but have received a "
         "bill for the whole year."),
        ("Council tax bill looks wrong", "My bill has gone up by far more than the increase in the leaflet. "
         "Please check the band and the discount."),
    ],
    "single-person-discount": [
        ("Single person discount", "My partner moved out in September. I live alone now and would like the single "
         "person discount."),
    ],
    "council-tax-direct-debit": [
        ("Change the direct debit date", "Please move my council tax direct debit to the 28th, when I am paid."),
    ],
    "council-tax-reminders-and-summons": [
        ("Summons after paying", "Received a summons for arrears but I paid the full amount by card on the 12th. "
         "Please check and cancel it."),
    ],
    "housing-benefit": [
        ("Housing benefit claim not decided", "Claimed housing benefit six weeks ago and have heard nothing. Rent "
         "arrears are building up."),
    ],
    "report-a-change-of-circumstances": [
        ("Change in working hours", "My hours at work have been cut to 16 a week from this month; my benefit "
         "needs to change."),
    ],
    "homelessness": [
        ("Family homeless from Friday", "Landlord has told the family to leave by Friday. Two children and nowhere "
         "to stay. Needs help urgently."),
    ],
    "threatened-with-eviction": [
        ("Section 21 notice received", "Received a section 21 notice giving two months to leave {address}. Wants "
         "advice on options."),
    ],
    "damp-and-mould-in-rented-homes": [
        ("Black mould in the bedroom", "Black mould spreading across the children's bedroom wall; the landlord has "
         "not answered three emails."),
    ],
    "disrepair-in-private-rented-homes": [
        ("No heating for two weeks", "The landlord has not repaired the boiler for two weeks: no heating or hot "
         "water at {address}."),
    ],
    "disabled-facilities-grants": [
        ("Level-access shower", "Asks about a grant for a level-access shower for her husband, who can no longer "
         "use the bath."),
    ],
    "join-the-housing-register": [
        ("Housing register application", "Applied to join the housing register in August and has not heard back."),
    ],
    "noise-complaints": [
        ("Loud music every night", "Neighbours play loud music until 3am most nights. It has gone on for a month."),
        ("Dog barking all day", "The dog next door is barking all day while the owners are at work."),
    ],
    "bonfire-smoke": [
        ("Bonfire smoke from a garden", "A neighbour burns garden rubbish every Sunday; the smoke fills our house."),
    ],
    "rats-and-mice": [
        ("Rats in the garden", "Rats seen in the back garden and under the decking; we think they come from the "
         "empty house next door."),
    ],
    "wasps-nests": [
        ("Wasps nest by the front door", "A wasps nest in the eaves above the front door; my grandson is allergic."),
    ],
    "food-hygiene-complaints": [
        ("Dirty kitchen at a takeaway", "Could see into the kitchen of the takeaway on {street}: food left "
         "uncovered and a dirty floor."),
    ],
    "food-poisoning-complaints": [
        ("Ill after a restaurant meal", "Three of us were ill the day after eating chicken at a restaurant on "
         "{street}."),
    ],
    "report-a-planning-breach": [
        ("Extension built without permission", "Next door is building a two-storey extension, I believe without "
         "permission. Work started last week."),
    ],
    "planning-applications": [
        ("Question about an application", "Wants to know when the application for the houses behind {street} will "
         "be decided."),
    ],
    "parking-fines": [
        ("Ticket while unloading", "Was given a parking ticket while unloading shopping for my disabled mother "
         "outside her house on {street}."),
    ],
    "report-illegal-parking": [
        ("Cars on the school zig-zags", "Cars park on the zig-zag lines outside the school every afternoon."),
    ],
    "abandoned-vehicles": [
        ("Abandoned van", "A white van with flat tyres has been parked on {street} for six weeks."),
    ],
    "antisocial-behaviour": [
        ("Youths intimidating shop staff", "A group gathers outside the shops on {street} every evening, "
         "intimidating staff and customers."),
    ],
    "play-area-repairs": [
        ("Broken swing in the play area", "One of the swings in the play area off {street} has a broken chain."),
    ],
    "council-trees": [
        ("Branch hanging over the pavement", "A large branch from the council tree outside {address} has split and "
         "hangs over the pavement."),
    ],
    "grass-cutting": [
        ("Verge not cut", "The grass verge on {street} has not been cut since June and blocks the view at the "
         "junction."),
    ],
    "late-night-noise-from-licensed-premises": [
        ("Noise from a pub garden", "Music and shouting from the pub garden on {street} until after midnight."),
    ],
    "postal-votes": [
        ("Postal vote not received", "Applied for a postal vote in the spring; nothing has arrived."),
    ],
    "stray-dogs": [
        ("Stray dog on the estate", "A brown dog without a collar has been wandering round {street} for two days."),
    ],
    "burials-and-graves": [
        ("Grave plot overgrown", "My parents' grave in the cemetery is overgrown with brambles."),
    ],
}  # fmt: skip

# By topic slug: stage 1 complaints. Other topics get a plain one.
COMPLAINTS: dict[str, list[tuple[str, str]]] = {
    "missed-bin-collection": [
        ("Bins missed repeatedly", "Complaining because the bins have been missed four times since the summer, and "
         "each time I was told it would not happen again."),
    ],
    "council-tax-bills": [
        ("No reply about my council tax", "I wrote twice about my bill and nobody answered. I want a formal "
         "complaint."),
    ],
    "housing-benefit": [
        ("Benefit claim delays", "My claim has taken two months and I have been asked for the same documents three "
         "times."),
    ],
    "noise-complaints": [
        ("Nothing done about the noise", "I reported the noise in June and again in September and nothing has been "
         "done."),
    ],
    "fly-tipping": [
        ("Fly-tipping reported, never cleared", "Reported the fly-tipping behind {street} twice; it is still there "
         "after three weeks."),
    ],
    "make-a-complaint": [
        ("Kept on hold for 40 minutes", "Complaint about waiting 40 minutes on the phone and then being cut off."),
        ("Rude at the reception desk", "The person at the town hall reception was rude and would not take my "
         "documents."),
    ],
    "parking-fines": [
        ("Manner of a parking officer", "Complaint about the way a parking officer spoke to my elderly father."),
    ],
}  # fmt: skip
COMMENTS = [
    ("More dog bins in the park", "Please put more dog bins along the river path: the two there are always full."),
    ("Website hard to use on a phone", "The council tax pages are hard to read on a phone; the buttons are tiny."),
    ("Bring back the paper timetable", "Many older residents would like the bin calendar posted, not only online."),
    ("Thanks for the new benches", "The new benches in the market place are lovely, but more shade would help."),
]
COMPLIMENT_DEEDS = [
    "sorted out my council tax in one call",
    "came out the same day to clear the fly-tipping",
    "was so patient with my mother on the phone",
    "went out of their way to find us somewhere to stay",
    "explained the planning process clearly",
    "kept me updated every step of the way",
]
NOTES = [
    "Called the customer: no answer, left a voicemail.",
    "Spoke to the customer; they are happy to wait for the visit.",
    "Checked the crew's round sheet: the street was marked as done.",
    "Photos received by email and saved to the file.",
    "Asked the contractor for a date.",
    "Customer called back; confirmed the details above.",
    "Visited the site: as described.",
]
UPDATES = [
    "Thank you for getting in touch. We are looking into this and will update you within the time we promised.",
    "An officer has been to look and has booked the work. We will let you know when it is done.",
    "We have asked our contractor to attend and expect them this week.",
    "We need a little more information from you; we will call you to arrange this.",
]
RESOLUTIONS = [
    "Work completed and the customer told.",
    "Explained the position to the customer, who is satisfied.",
    "Cleared on the visit; photos on file.",
    "Account corrected and a new bill sent.",
    "Referred to the right organisation with the customer's agreement.",
    "No further action possible; explained why to the customer.",
]
PAUSE_REASONS = [
    "Waiting for the customer to send photos.",
    "Waiting for proof of the date they moved.",
    "Waiting for the customer to confirm a time we can visit.",
]
DECISIONS = [
    services.ComplaintDecision(ComplaintOutcome.UPHELD, RootCause.SERVICE_FAILURE,
                               "Apologised, and the crew's round was changed so the street is not missed."),
    services.ComplaintDecision(ComplaintOutcome.PARTLY_UPHELD, RootCause.COMMUNICATION,
                               "Apologised for not replying; replies to letters are now logged as cases."),
    services.ComplaintDecision(ComplaintOutcome.NOT_UPHELD, RootCause.POLICY,
                               "Explained the policy; no fault found."),
    services.ComplaintDecision(ComplaintOutcome.UPHELD, RootCause.DELAY,
                               "Apologised for the delay and paid £50 for the time and trouble."),
]  # fmt: skip

# Case types, by how often they arrive.
TYPE_WEIGHTS = {
    CaseType.SERVICE_REQUEST: 40,
    CaseType.PROBLEM_REPORT: 28,
    CaseType.COMPLAINT_STAGE_1: 12,
    CaseType.COMPLIMENT: 6,
    CaseType.COMMENT: 5,
    CaseType.COUNCILLOR_ENQUIRY: 9,
}
CHANNEL_WEIGHTS = {
    Channel.PHONE: 35,
    Channel.WEB: 30,
    Channel.EMAIL: 18,
    Channel.FACE_TO_FACE: 6,
    Channel.LETTER: 4,
    Channel.WEB_CHAT: 4,
    Channel.SOCIAL_MEDIA: 3,
}
# How much busier than the others a team's topics are: the demo officer's queue is full.
BUSY_TEAMS = {"waste-collections": 8, "street-cleansing": 3, "council-tax": 3, "housing-options": 2,
              "environmental-protection": 2}  # fmt: skip
# The channels an adviser logs for the resident (the others arrive by themselves).
ADVISER_CHANNELS = {Channel.PHONE, Channel.FACE_TO_FACE, Channel.LETTER, Channel.WEB_CHAT, Channel.SOCIAL_MEDIA}


@dataclass
class Summary:
    rules: int = 0
    customers: int = 0
    cases: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        statuses = ", ".join(f"{n} {Status(s).label.lower()}" for s, n in sorted(self.by_status.items()))
        return f"{self.rules} routing rules, {self.customers} customers, {self.cases} cases ({statuses})"


# --- Customers -----------------------------------------------------------------------------------


def _postcode(rng: random.Random, district: str) -> str:
    return f"{district} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def place(rng: random.Random, weights: list[int] | None = None) -> tuple[str, str, str]:
    """(address, postcode, ward) somewhere in Wyebridge; `weights`: of each of WARDS (None: alike)."""
    ward, district = rng.choices(WARDS, weights)[0] if weights else rng.choice(WARDS)
    return f"{rng.randint(1, 120)} {rng.choice(STREETS)}, Wyebridge", _postcode(rng, district), ward


def phone_number(number: int) -> str:
    # Ofcom's drama ranges: landlines 01632 960xxx, mobiles 07700 900xxx.
    return f"01632 960{number % 1000:03d}" if number % 3 else f"07700 900{number % 1000:03d}"


def _customer_fields(rng: random.Random, number: int, today) -> dict:
    address, postcode, _ward = place(rng)
    kind = rng.choices(["individual", "business", "voluntary", "councillor"], [88, 7, 3, 2])[0]
    if kind == "business":
        name, customer_type = BUSINESSES[number % len(BUSINESSES)], CustomerType.BUSINESS
    elif kind == "voluntary":
        name, customer_type = VOLUNTARY[number % len(VOLUNTARY)], CustomerType.VOLUNTARY
    elif kind == "councillor":
        name, customer_type = COUNCILLOR_CONTACTS[number % len(COUNCILLOR_CONTACTS)], CustomerType.COUNCILLOR
    else:
        name, customer_type = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", CustomerType.INDIVIDUAL
    handle = re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".")
    email = f"{handle}{number}@example.org" if rng.random() < 0.75 else ""
    phone = phone_number(number) if rng.random() < 0.85 or not email else ""
    preferred = ContactMethod.EMAIL if email else ContactMethod.PHONE if phone else ContactMethod.LETTER
    if email and phone and rng.random() < 0.4:
        preferred = ContactMethod.PHONE
    fields = {
        "name": name,
        "customer_type": customer_type,
        "is_organisation": customer_type in (CustomerType.BUSINESS, CustomerType.VOLUNTARY),
        "email": email,
        "phone": phone,
        "address": address,
        "postcode": postcode,
        "preferred_contact": preferred,
    }
    if customer_type == CustomerType.INDIVIDUAL and rng.random() < 0.15:
        # Recorded with the customer's consent, to be reviewed; a few reviews are already due.
        need = rng.choice(["vulnerability", "accessibility", "interpreter_language"])
        value = {"vulnerability": VULNERABILITIES, "accessibility": ACCESSIBILITY, "interpreter_language": LANGUAGES}
        fields |= {"needs_consent": True, need: rng.choice(value[need]),
                   "needs_review_on": today + timedelta(days=rng.choice([-10, 30, 60, 90, 180, 365]))}  # fmt: skip
    return fields


def _customers(rng: random.Random, today, count: int) -> tuple[list[Customer], list[tuple[Customer, Customer]]]:
    """`count` customers and a few duplicates of them, and the (duplicate, original) pairs."""
    made = [services.customer_create(by=None, fields=_customer_fields(rng, n, today)) for n in range(count)]
    # Some residents were recorded twice (a different spelling or a new phone): the duplicates
    # the customer page points out. The same email, the same phone, or the same name and postcode.
    people = [c for c in made if c.customer_type == CustomerType.INDIVIDUAL and c.email and c.phone]
    pairs = []
    for number, original in enumerate(people[:9]):
        first, last = original.name.split(" ", 1)
        fields = {"name": f"{first[0]}. {last}", "customer_type": CustomerType.INDIVIDUAL, "address": original.address,
                  "postcode": original.postcode, "preferred_contact": ContactMethod.PHONE}  # fmt: skip
        if number % 3 == 0:
            fields |= {"email": original.email.upper(), "phone": "", "preferred_contact": ContactMethod.EMAIL}
        elif number % 3 == 1:
            fields |= {"phone": original.phone}
        else:
            fields |= {"name": original.name, "phone": phone_number(number + 500)}
        pairs.append((services.customer_create(by=None, fields=fields), original))
    return made + [duplicate for duplicate, _ in pairs], pairs


# --- Rules ---------------------------------------------------------------------------------------


def _rules(by) -> int:
    areas = dict(ServiceArea.objects.values_list("slug", "id"))
    topics = dict(Topic.objects.values_list("slug", "id"))
    teams = dict(Team.objects.values_list("slug", "id"))
    made = 0
    for name, conditions, team_slug, priority in RULES:
        area, topic = conditions.get("area"), conditions.get("topic")
        if team_slug not in teams or (area and area not in areas) or (topic and topic not in topics):
            continue
        fields = {
            "name": name,
            "team_id": teams[team_slug],
            "priority": priority,
            "service_area_id": areas[area] if area else None,
            "topic_id": topics[topic] if topic else None,
            **{key: conditions[key] for key in ("words", "postcodes", "case_types", "needs") if key in conditions},
        }
        services.routing_rule_create(by=by, fields=fields)
        made += 1
    return made


# --- Cases ---------------------------------------------------------------------------------------


@dataclass
class Cast:
    """Who does what in the demo: the adviser logging calls, the manager triaging, the
    councillor raising enquiries, each team's officers, and the demo officer who takes half of
    their own team's cases."""

    adviser: object
    manager: object
    councillor: object
    officer_of_the_day: object
    officers: dict[int | None, list]  # team id -> users
    profiles: list[Officer]  # for compliments

    def officer(self, rng: random.Random, team_id: int | None, *, besides=None):
        choices = [user for user in self.officers.get(team_id, []) if user != besides]
        if self.officer_of_the_day in choices and rng.random() < 0.5:
            return self.officer_of_the_day
        return rng.choice(choices) if choices else None


def _cast(*, adviser, manager, councillor, officer) -> Cast:
    officers: dict[int | None, list] = {}
    profiles = list(Officer.objects.filter(user__is_active=True).select_related("user", "team").order_by("id"))
    for profile in profiles:
        officers.setdefault(profile.team_id, []).append(profile.user)
    return Cast(adviser=adviser, manager=manager, councillor=councillor, officer_of_the_day=officer,
                officers=officers, profiles=profiles)  # fmt: skip


def _received(rng: random.Random, now: datetime) -> datetime:
    """A time in the last DAYS_BACK days: weekdays in office hours, or any time for online forms."""
    while True:
        day = timezone.localtime(now).date() - timedelta(days=rng.randint(0, DAYS_BACK))
        moment = timezone.make_aware(datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59))))
        if moment < now and (day.weekday() < 5 or rng.random() < 0.2):
            return moment


def _target(rng: random.Random, age: timedelta) -> str:
    """The status a case of this age has reached: recent ones are mostly waiting, old ones done."""
    if age < timedelta(days=2):
        weights = [12, 50, 28, 4, 6, 0]
    elif age < timedelta(days=10):
        weights = [4, 18, 34, 14, 20, 10]
    else:
        weights = [1, 2, 8, 5, 30, 54]
    statuses = [Status.NEW, Status.ROUTED, Status.IN_PROGRESS, Status.AWAITING_CUSTOMER, Status.RESOLVED]
    return rng.choices([*statuses, Status.CLOSED], weights)[0]


def _story(rng: random.Random, case_type: str, topic: Topic | None) -> tuple[str, str]:
    slug = topic.slug if topic else ""
    if case_type == CaseType.COMPLAINT_STAGE_1:
        if slug in COMPLAINTS:
            return rng.choice(COMPLAINTS[slug])
        # Topic names read as tasks ("Report a missed bin"), so they are quoted, not put in a sentence.
        subject = f"their request ({topic.name})" if topic else "the council's service"
        return (f"Complaint: {topic.name if topic else 'council service'}",
                f"Unhappy with how the council has dealt with {subject} at {{address}}, "
                "and wants it looked at as a formal complaint.")  # fmt: skip
    if case_type == CaseType.COMMENT:
        return rng.choice(COMMENTS)
    if slug in STORIES:
        return rng.choice(STORIES[slug])
    subject = f"“{topic.name}”" if topic else "a council service"
    return (f"Help needed: {topic.name if topic else 'general enquiry'}",
            f"Asked for help at {{address}} ({subject}) and would like someone to get back to them.")  # fmt: skip


class Seeder:
    """Raises the demo cases one by one and walks each to its target status through the services."""

    def __init__(self, rng: random.Random, cast: Cast, customers: list[Customer], now: datetime):
        self.rng, self.cast, self.now = rng, cast, now
        self.customers = customers
        # However the dice fall (a small demo, today's times), one complaint goes to stage 2 and
        # is decided there, so every stage is there to look at.
        self.stage_two_decided = False
        # Teams with officers to work their cases, and the topics they deal with: one of each
        # team's first, so every queue has something, then weighted towards the busy services.
        self.teams = {team.pk: team for team in Team.objects.filter(pk__in=list(cast.officers)).order_by("pk")}
        topics = list(Topic.objects.filter(team__in=list(self.teams)).select_related("team").order_by("slug"))
        self.first_topics = list({topic.team_id: topic for topic in reversed(topics)}.values())
        self.topics = [
            topic
            for topic in topics
            for _ in range((3 if topic.slug in STORIES else 1) * BUSY_TEAMS.get(topic.team.slug, 1))
        ]
        self.complaint_topics = [topic for topic in topics if topic.slug in COMPLAINTS] or topics
        self.worked: set[int] = set()  # the teams with a case so far
        self.moment = now  # the time of the case's last step (run, _later)

    def fields(self, case_type: str) -> dict:
        rng = self.rng
        customer = rng.choice(self.customers)
        address, postcode, ward = place(rng)
        if customer.postcode and rng.random() < 0.6:
            address, postcode = customer.address, customer.postcode  # about their own home
        channel = rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0]
        topic = None
        if case_type == CaseType.COMPLAINT_STAGE_1 and self.complaint_topics:
            topic = rng.choice(self.complaint_topics)
        elif case_type in (CaseType.SERVICE_REQUEST, CaseType.PROBLEM_REPORT) and self.first_topics:
            topic = self.first_topics.pop()
        elif case_type in (CaseType.SERVICE_REQUEST, CaseType.PROBLEM_REPORT, CaseType.COUNCILLOR_ENQUIRY):
            topic = rng.choice(self.topics) if self.topics and rng.random() < 0.88 else None
        summary, description = _story(rng, case_type, topic)
        street = address.split(", ")[0].lstrip("0123456789 ")
        fields = {
            "case_type": case_type,
            "channel": Channel.COUNCILLOR if case_type == CaseType.COUNCILLOR_ENQUIRY else channel,
            "customer": customer,
            "topic": topic,
            "summary": summary,
            "description": description.format(street=street, address=address.split(", ")[0]),
            "location_address": address,
            "location_postcode": postcode,
            "ward": ward,
        }
        if case_type == CaseType.COMPLIMENT and self.cast.profiles:
            officer = rng.choice(self.cast.profiles)
            first = officer.user.first_name or "the officer"
            deed = rng.choice(COMPLIMENT_DEEDS)
            fields |= {"named_officer": officer, "summary": f"Thank you to {first}",
                       "description": f"Wanted to say thank you to {first}, who {deed}."}  # fmt: skip
        if rng.random() < 0.06 and case_type not in (CaseType.COMPLIMENT, CaseType.COMMENT):
            fields["priority"] = Priority.HIGH
        return fields

    def raise_case(self, case_type: str, received_at: datetime):
        fields = self.fields(case_type)
        councillor = self.cast.councillor if case_type == CaseType.COUNCILLOR_ENQUIRY else None
        by = councillor or (self.cast.adviser if fields["channel"] in ADVISER_CHANNELS else None)
        return services.case_create(by=by, fields=fields, received_at=received_at, councillor=councillor)

    def run(self, count: int) -> None:
        rng = self.rng
        types = list(TYPE_WEIGHTS)
        if self.cast.councillor is None:
            types.remove(CaseType.COUNCILLOR_ENQUIRY)
        for _ in range(count):
            case_type = rng.choices(types, [TYPE_WEIGHTS[t] for t in types])[0]
            received_at = _received(rng, self.now)
            case = self.raise_case(case_type, received_at)
            self.moment = received_at
            self.work(case, _target(rng, self.now - received_at), self.now - received_at)
        self.extras()

    def _later(self, *, soon: bool = False):
        """The clock travelled on to the case's next step (`soon`: within hours of the last), before
        now: the last weeks' work done over those weeks, not all on the day the seed runs."""
        left = self.now - timedelta(minutes=1) - self.moment
        step = timedelta(hours=self.rng.uniform(0.1, 4)) if soon else left * self.rng.uniform(0.05, 0.35)
        self.moment += max(min(step, left), timedelta(0))
        return time_machine.travel(self.moment, tick=False)

    def route(self, case):
        """Triage moves an unrouted case on to its topic's team (or any team); a case routed by a
        broad rule to the wrong team of its area is passed to the right one, counting a handoff."""
        wanted = case.topic.team_id if case.topic_id and case.topic.team_id in self.teams else None
        if case.team_id is None:
            team = self.teams[wanted] if wanted else self.rng.choice(list(self.teams.values()))
            return services.case_transfer(
                case=case, team=team, by=self.cast.manager, reason=f"From triage: {team.name} deals with this."
            )
        if wanted and wanted != case.team_id:
            team = self.teams[wanted]
            reason = f"{team.name} deals with “{case.topic.name}”."
            return services.case_transfer(
                case=case, team=team, by=self.cast.officer(self.rng, case.team_id), reason=reason
            )
        return case

    def work(self, case, target: str, age: timedelta) -> None:
        rng = self.rng
        # No rule routed it: it waits in the triage queue, unless it is the first case of its
        # topic's team (every queue gets one). The latest ones without a topic still wait.
        waits = target == Status.NEW or (case.topic_id is None and age < timedelta(days=3))
        if case.team_id is None and waits and not (case.topic_id and case.topic.team_id not in self.worked):
            return
        with self._later(soon=True):
            case = self.route(case)
            self.worked.add(case.team_id)
            if target == Status.NEW or target == Status.ROUTED:
                if rng.random() < 0.2:
                    services.case_note_add(case=case, by=self.cast.manager, text=rng.choice(NOTES))
                return
            case, owner = self.take(case)
            if owner is None:
                return  # nobody in this team to work it: it waits in the queue
            if rng.random() < 0.6:
                services.case_update_publish(case=case, by=owner, text=rng.choice(UPDATES))
        with self._later():
            if rng.random() < 0.4:
                services.case_note_add(case=case, by=owner, text=rng.choice(NOTES))
            if target == Status.IN_PROGRESS:
                extendable = case.standard is not None and (case.standard.extension_max_days or 0) >= 5
                if case.case_type == CaseType.COMPLAINT_STAGE_1 and extendable and rng.random() < 0.4:
                    services.case_extend(
                        case=case, by=owner, days=5, reason="Waiting for the service's own report before we can answer."
                    )
                return
            if target == Status.AWAITING_CUSTOMER:
                services.case_status_set(case=case, by=owner, action="pause", reason=rng.choice(PAUSE_REASONS))
                return
            case = self.resolve(case, owner)
        if case.case_type == CaseType.COMPLAINT_STAGE_1 and (rng.random() < 0.45 or not self.stage_two_decided):
            self.escalate(case, owner, target)
        elif target == Status.CLOSED:
            with self._later():
                services.case_close(case=case, by=owner)

    def take(self, case):
        """(the case, its owner) once work on it starts: a compliment given to the team manager
        they start on themselves; any other case an officer of its team claims. (case, None) when
        the team has nobody to work it."""
        if case.owner_id is not None:
            return services.case_status_set(case=case, by=case.owner, action="start"), case.owner
        owner = self.cast.officer(self.rng, case.team_id)
        if owner is None:
            return case, None
        return services.case_claim(case=case, by=owner), owner

    def resolve(self, case, owner):
        decision = self.rng.choice(DECISIONS) if case.is_complaint else None
        resolution = decision.action_taken if decision else self.rng.choice(RESOLUTIONS)
        return services.case_resolve(case=case, by=owner, resolution=resolution, decision=decision)

    def escalate(self, case, stage_one, target: str) -> None:
        """The customer is not satisfied: stage 2, handled by a different officer of the team."""
        with self._later():
            case = services.complaint_escalate(case=case, by=self.cast.adviser, reason=STAGE_TWO_REASON)
            handler = self.cast.officer(self.rng, case.team_id, besides=stage_one)
            waits = self.rng.random() < 0.3
            if handler is None or (waits and self.stage_two_decided):
                return  # stage 2 waits in the queue for someone else
        with self._later(soon=True):
            case = services.case_claim(case=case, by=handler)
            services.case_update_publish(case=case, by=handler, text=STAGE_TWO_UPDATE)
        if target in (Status.RESOLVED, Status.CLOSED):
            with self._later():
                case = self.resolve(case, handler)
            self.stage_two_decided = True
        if target == Status.CLOSED:
            with self._later():
                services.case_close(case=case, by=handler)

    def extras(self) -> None:
        """What a live system also has: reopened cases, linked cases, merged duplicates, and the
        latest vague enquiries waiting in the triage queue (no rule routes them)."""
        for hours in (1, 4, 26):
            fields = self.fields(CaseType.SERVICE_REQUEST) | {
                "topic": None,
                "summary": "Not sure which service this is for",
                "description": "The caller had a letter about their road and could not tell which department sent it.",
            }
            services.case_create(by=self.cast.adviser, fields=fields, received_at=self.now - timedelta(hours=hours))
        # Resolved recently enough to reopen.
        window = timezone.now() - timedelta(days=settings.CASE_REOPEN_DAYS - 1)
        done = Case.objects.filter(status=Status.RESOLVED, owner__isnull=False, resolved_at__gte=window).exclude(
            case_type__in=COMPLAINT_TYPES
        )
        for case in done.select_related("owner").order_by("id")[:2]:
            services.case_reopen(case=case, by=case.owner, reason="The customer says the problem is back.")
        reports = Case.objects.open().filter(
            team__isnull=False, case_type__in=[CaseType.SERVICE_REQUEST, CaseType.PROBLEM_REPORT]
        )
        # Handed on though no rule misrouted them: what the council's handoff count is there to show.
        for case in reports.filter(status=Status.ROUTED).order_by("-id")[:3]:
            team = self.rng.choice([team for pk, team in self.teams.items() if pk != case.team_id] or [None])
            if team is not None:
                reason = f"Not something we can deal with: passing to {team.name}."
                services.case_transfer(case=case, team=team, by=self.cast.manager, reason=reason)
        by_team: dict[int, list[Case]] = {}
        for case in reports.select_related("customer", "topic").order_by("id"):
            by_team.setdefault(case.team_id, []).append(case)
        linked = [cases[:2] for cases in by_team.values() if len(cases) >= 2][:2]
        for first, second in linked:
            services.case_link(case=first, other=second, by=self.cast.manager)
        others = [case for cases in by_team.values() for case in cases if not any(case in pair for pair in linked)]
        for into in others[:2]:
            same = ("case_type", "channel", "customer", "topic", "summary", "location_address", "location_postcode")
            fields = {name: getattr(into, name) for name in same} | {
                "description": f"Reported again: {into.description}"
            }
            duplicate = services.case_create(by=self.cast.adviser, fields=fields)
            services.case_merge(duplicate=duplicate, into=into, by=self.cast.manager)


def done_at(rng: random.Random, due: datetime | None, earliest: datetime, *, late: bool) -> datetime:
    """When a step of the demo's past was done: after `earliest`, before its due time, or after
    it when `late`."""
    if due is None:
        return earliest + timedelta(hours=rng.uniform(1, 48))
    if late:
        return max(due, earliest) + timedelta(hours=rng.uniform(2, 96))
    return earliest + (max(due, earliest) - earliest) * rng.uniform(0.1, 0.9)


class History:
    """The months before the last weeks: cases received then and worked to their end through the
    services at the times it happened, the clock travelled to each step (time-machine: see
    docs/decisions/0015-demo-history-in-travelled-time.md), so their acknowledgements, replies,
    transfers, extensions, complaint stages and timelines are dated as they would have been. The
    customers are those with no email address: nothing is sent for the past."""

    def __init__(self, seeder: Seeder, now: datetime):
        self.seeder, self.rng, self.now = seeder, seeder.rng, now
        self.cast = seeder.cast

    def _received(self, count: int, months: int) -> list[datetime]:
        start = self.now - timedelta(days=round(months * 30.44))
        end = self.now - timedelta(days=DAYS_BACK + 1)
        moments = []
        while len(moments) < count:
            moment = start + (end - start) * self.rng.random()
            local = timezone.localtime(moment)
            if local.weekday() < 5 and 8 <= local.hour < 18:
                moments.append(moment)
        return sorted(moments)

    def run(self, months: int, per_month: int) -> None:
        rng, seeder = self.rng, self.seeder
        types = list(TYPE_WEIGHTS)
        if self.cast.councillor is None:
            types.remove(CaseType.COUNCILLOR_ENQUIRY)
        moments = self._received(months * per_month, months)
        for index, received in enumerate(moments):
            progress = index / max(len(moments) - 1, 1)
            case_type = rng.choices(types, [TYPE_WEIGHTS[t] for t in types])[0]
            with self._at(received):
                case = seeder.raise_case(case_type, received)
            self.work(case, received, progress)

    def _at(self, moment: datetime):
        return time_machine.travel(moment, tick=False)

    def work(self, case, received: datetime, progress: float) -> None:
        rng, cast = self.rng, self.cast
        late = rng.random() < LATE_FIRST + (LATE_LAST - LATE_FIRST) * progress
        step = received + timedelta(hours=rng.uniform(0.5, 6))
        with self._at(step):
            case = self.seeder.route(case)
            case, owner = self.seeder.take(case)
            if owner is None:
                return  # nobody in this team: it waited, and was closed by other means
        passed_on = rng.random() < PASSED_ON_FIRST + (PASSED_ON_LAST - PASSED_ON_FIRST) * progress
        others = [team for pk, team in self.seeder.teams.items() if pk != case.team_id]
        if passed_on and others and case.owner_id is not None:
            # Passed from officer to officer: on to another team, which sends it back.
            home, team = case.team, rng.choice(others)
            for hours, to, reason in ((1, team, f"Passing to {team.name}."), (5, home, "Not ours: back to you.")):
                with self._at(step + timedelta(hours=hours)):
                    case = services.case_transfer(case=case, team=to, by=owner, reason=reason)
                    owner = cast.officer(rng, to.pk)
                    if owner is None:
                        return
                    case = services.case_claim(case=case, by=owner)
            step += timedelta(hours=5)
        acknowledged = done_at(rng, case.acknowledge_by, step + timedelta(hours=2), late=late and rng.random() < 0.5)
        self.chase(case.acknowledge_by, acknowledged)
        with self._at(acknowledged):
            services.case_update_publish(case=case, by=owner, text=rng.choice(UPDATES))
        case.refresh_from_db()
        extendable = case.standard is not None and (case.standard.extension_max_days or 0) >= 5
        if case.is_complaint and extendable and rng.random() < 0.2:
            with self._at(acknowledged + timedelta(hours=1)):
                case = services.case_extend(case=case, by=owner, days=5, reason="Waiting for the service's report.")
        answered = done_at(self.rng, case.respond_by, acknowledged + timedelta(hours=3), late=late)
        self.chase(case.respond_by, answered)
        if answered > self.now - timedelta(days=1):
            return
        with self._at(answered):
            case = self.seeder.resolve(case, owner)
        escalated = rng.random() < ESCALATED_FIRST + (ESCALATED_LAST - ESCALATED_FIRST) * progress
        if case.case_type == CaseType.COMPLAINT_STAGE_1 and escalated:
            self.escalate(case, owner, answered + timedelta(days=rng.randint(2, 8)), late)
            return
        closed = answered + timedelta(days=rng.randint(1, 4))
        if closed < self.now:
            with self._at(closed):
                services.case_close(case=case, by=owner)

    def chase(self, due: datetime | None, done: datetime) -> None:
        """A due time missed: the chaser's run half an hour after it, at its own time, escalates
        the case (and whatever else is overdue then) before the late answer comes. Not drawn from
        the random stream: the rest of the story stays as it was."""
        run = due + timedelta(minutes=30) if due is not None else None
        if run is not None and run < done and run < self.now - timedelta(days=DAYS_BACK):
            with self._at(run):
                services.chase_run()

    def escalate(self, case, stage_one, at: datetime, late: bool) -> None:
        if at > self.now - timedelta(days=1):
            return
        with self._at(at):
            case = services.complaint_escalate(case=case, by=self.cast.adviser, reason=STAGE_TWO_REASON)
            handler = self.cast.officer(self.rng, case.team_id, besides=stage_one)
            if handler is None:
                return
            case = services.case_claim(case=case, by=handler)
        acknowledged = done_at(self.rng, case.acknowledge_by, at + timedelta(hours=2), late=False)
        with self._at(acknowledged):
            services.case_update_publish(case=case, by=handler, text=STAGE_TWO_UPDATE)
        case.refresh_from_db()
        answered = done_at(self.rng, case.respond_by, acknowledged + timedelta(hours=3), late=late)
        self.chase(case.respond_by, answered)
        if answered > self.now - timedelta(days=1):
            return
        with self._at(answered):
            case = self.seeder.resolve(case, handler)
        if answered + timedelta(days=2) < self.now:
            with self._at(answered + timedelta(days=2)):
                services.case_close(case=case, by=handler)


@transaction.atomic
def cases_seed(
    *,
    adviser=None,
    manager=None,
    councillor=None,
    officer=None,
    customers=CUSTOMER_COUNT,
    cases=CASE_COUNT,
    history_months=HISTORY_MONTHS,
    history_per_month=HISTORY_PER_MONTH,
) -> Summary | None:
    """Seed the demo's routing rules, customers and cases over the directory in the database.
    `adviser` logs the calls, `manager` triages, `councillor` raises the ward enquiries (none: no
    enquiries) and `officer` takes half the cases of their team, so their own list is full.
    `customers` and `cases`: how many (the tests make fewer), received in the last DAYS_BACK
    days; before them, `history_months` months of about `history_per_month` cases (History).
    Returns what was made, or None when there was nothing to do."""
    summary = Summary()
    if not RoutingRule.objects.exists():
        summary.rules = _rules(manager)
    if Customer.objects.exists() or Case.objects.exists():
        return summary if summary.rules else None
    rng = random.Random(SEED)  # noqa: S311 - demo data, the same every run; nothing secret
    now = timezone.now()
    made, duplicates = _customers(rng, timezone.localdate(now), customers)
    # One duplicate already merged, so a merged record is there to look at; the rest wait.
    duplicate, original = duplicates[0]
    services.customer_merge(source=duplicate, target=original, by=adviser)
    cast = _cast(adviser=adviser, manager=manager, councillor=councillor, officer=officer)
    current = [c for c in made if c.pk != duplicate.pk]
    Seeder(rng, cast, current, now).run(cases)
    if history_months and history_per_month:
        # Its own dice, so the last weeks are the same with or without it.
        past = random.Random(SEED + 1)  # noqa: S311 - demo data, as above
        unreachable = [customer for customer in current if not customer.email] or current
        History(Seeder(past, cast, unreachable, now), now).run(history_months, history_per_month)
    summary.customers = len(made)
    summary.cases = Case.objects.count()
    summary.by_status = dict(Case.objects.order_by().values_list("status").annotate(n=Count("id")))
    return summary
