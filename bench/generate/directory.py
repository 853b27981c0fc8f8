"""Directory rows: service areas, teams, staff users with officer profiles, absences, partners and
topics, from the council vocabulary the demo shares (directory/vocabulary.py)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.utils.text import slugify

from directory import vocabulary as words
from directory.models import Absence, DirectoryChange, Officer, Partner, SearchEntry, ServiceArea, Team, Topic
from portal import roles

User = get_user_model()
UserGroups = User.groups.through

# Filled here (and compared by the reproducibility digest), in load order.
TABLES = [User, UserGroups, ServiceArea, Team, Officer, Absence, Partner, Topic]
# Emptied before a rebuild but not filled here: derived from the rows above, or run-time only.
EMPTIED = [SearchEntry, DirectoryChange, Session]

OFFICE_HOURS = "Monday to Friday, 9am to 5pm"


def _stamps(ctx, rng) -> dict:
    reviewed = ctx.today - dt.timedelta(days=rng.randint(0, 400))
    return {
        "last_reviewed": reviewed,
        "updated_at": dt.datetime.combine(reviewed, dt.time(9, 0), tzinfo=dt.UTC),
    }


def _phone(rng) -> str:
    # 01632 960xxx is Ofcom's range for drama: never a real line, and accepted by phone_normalise.
    return f"01632 960{rng.randint(0, 999):03d}"


def generate(ctx) -> None:
    from . import copy_rows

    rng, scale = ctx.rng, ctx.scale
    area_names = list(words.SUBJECT_AREAS)[: scale.service_areas]

    # --- Service areas.
    areas = []
    for i, name in enumerate(area_names, start=1):
        summary, subjects = words.SUBJECT_AREAS[name]
        slug = slugify(name)
        areas.append(
            {
                "id": i,
                **_stamps(ctx, rng),
                "name": name,
                "slug": slug,
                "summary": summary,
                "handles": "; ".join(s for s, _ in subjects),
                "public_phone": _phone(rng),
                "public_email": f"{slug}@wyebridge.example",
                "opening_hours": OFFICE_HOURS,
                "web_url": f"https://www.wyebridge.example/{slug}",
                "is_public": True,
            }
        )
    area_id = {a["name"]: a["id"] for a in areas}

    # --- Teams: spread over the areas, named after what they do.
    teams = []
    per_area: dict[int, list[int]] = {a["id"]: [] for a in areas}
    for i in range(scale.teams):
        area = areas[i % len(areas)]
        suffix = words.TEAM_SUFFIXES[(i // len(areas)) % len(words.TEAM_SUFFIXES)]
        rounds = i // (len(areas) * len(words.TEAM_SUFFIXES))
        name = f"{area['name']} {suffix}" + (f" {rounds + 1}" if rounds else "")
        team_id = i + 1
        per_area[area["id"]].append(team_id)
        teams.append(
            {
                "id": team_id,
                **_stamps(ctx, rng),
                "service_area_id": area["id"],
                "name": name,
                "slug": slugify(name),
                "email": f"{slugify(name)}@wyebridge.example",
                "internal_phone": f"ext {4000 + team_id}",
                "public_phone": area["public_phone"],
                "out_of_hours": "For emergencies call 01632 960999 (24 hours)." if rng.random() < 0.3 else "",
            }
        )

    # --- Staff users and their officer profiles.
    groups = dict(Group.objects.values_list("name", "id"))
    users, memberships, officers = [], [], []
    joined = dt.datetime.combine(ctx.today - dt.timedelta(days=3650), dt.time(9, 0), tzinfo=dt.UTC)
    for i in range(1, scale.officers + 1):
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
        username = f"{first}.{last}.{i}".lower().replace("'", "")
        email = f"{username}@wyebridge.example"
        users.append(
            {
                "id": i,
                # Unusable password (hashing 2,000 real ones would take minutes): the bench signs in
                # with its own user.
                "password": f"!{rng.getrandbits(64):016x}",
                "last_login": None,
                "is_superuser": False,
                "username": username,
                "first_name": first,
                "last_name": last,
                "email": email,
                "is_staff": False,
                "is_active": True,
                "date_joined": joined,
            }
        )
        team = teams[rng.randrange(len(teams))]
        role = roles.TEAM_MANAGER if rng.random() < 0.08 else roles.OFFICER
        memberships.append({"id": i, "user_id": i, "group_id": groups[role]})
        area_name = area_names[team["service_area_id"] - 1]
        title = "Team manager" if role == roles.TEAM_MANAGER else rng.choice(words.JOB_TITLES)
        officers.append(
            {
                "id": i,
                **_stamps(ctx, rng),
                "user_id": i,
                "team_id": team["id"],
                "job_title": f"{area_name} {title.lower()}",
                "direct_line": _phone(rng),
                "email": email,
                "number_shareable": rng.random() < 0.4,
            }
        )

    # --- Absences: some away today (ctx.scale.absent_today), some booked ahead, some past.
    absences = []
    noon = dt.datetime.combine(ctx.today, dt.time(12, 0), tzinfo=dt.UTC)
    away_today = set(rng.sample(range(1, scale.officers + 1), max(1, round(scale.officers * scale.absent_today))))
    for officer_id in range(1, scale.officers + 1):
        spans = []
        if officer_id in away_today:
            start = noon - dt.timedelta(days=rng.randint(0, 6), hours=3)
            spans.append((start, noon + dt.timedelta(days=rng.randint(1, 10))))
        if rng.random() < 0.15:  # booked leave later on
            start = noon + dt.timedelta(days=rng.randint(14, 60))
            spans.append((start, start + dt.timedelta(days=rng.randint(1, 14))))
        if rng.random() < 0.2:  # finished last month
            start = noon - dt.timedelta(days=rng.randint(30, 60))
            spans.append((start, start + dt.timedelta(days=rng.randint(1, 10))))
        for start, end in spans:
            reason = rng.choice(list(Absence.Reason.values))
            absences.append(
                {
                    "id": len(absences) + 1,
                    "officer_id": officer_id,
                    "starts_at": start,
                    "ends_at": end,
                    "reason": reason,
                    # Callers are told only when the officer is back, never the reason.
                    "caller_note": rng.choice(words.CALLER_NOTES),
                }
            )

    # --- Partners.
    partners = []
    for i, (slug, name, handles, phone, web, hours, how) in enumerate(words.PARTNERS[: scale.partners], start=1):
        partners.append(
            {
                "id": i,
                **_stamps(ctx, rng),
                "name": name,
                "slug": slug,
                "handles": handles,
                "phone": phone,
                "email": f"enquiries@{slug}.example",
                "web_url": web,
                "opening_hours": hours,
                "how_to_refer": how,
            }
        )
    partner_id = {p["name"]: p["id"] for p in partners}

    # --- Topics: subject x action, a seeded sample of every combination.
    subjects = []  # (subject, synonyms, area id, partner id or None)
    for name in area_names:
        for subject, synonyms in words.SUBJECT_AREAS[name][1]:
            subjects.append((subject, synonyms, area_id[name], None))
    for subject, synonyms, partner, area in words.PARTNER_SUBJECTS:
        if partner in partner_id and area in area_id:
            subjects.append((subject, synonyms, area_id[area], partner_id[partner]))
    combos = [(s, a) for s in range(len(subjects)) for a in range(len(words.ACTIONS))]
    # Every subject's first action comes first, so even small scales cover every subject.
    first = [(s, 0) for s in range(len(subjects))]
    rest = [c for c in combos if c[1] != 0]
    rng.shuffle(rest)
    chosen = (first + rest)[: scale.topics]
    chosen.sort()
    topics = []
    for s, a in chosen:
        subject, synonyms, area, partner = subjects[s]
        action, action_words = words.ACTIONS[a]
        name = f"{subject}: {action}"
        team_id = None if partner else rng.choice(per_area[area] or [teams[0]["id"]])
        script = (
            f"This is dealt with by another organisation. Give the caller the partner's contact details "
            f"and explain why ({subject.lower()})."
            if partner
            else f"Check the caller's details, then {action} for {subject.lower()} in the back-office system. "
            f"If you cannot resolve it now, raise a case for the team."
        )
        topics.append(
            {
                "id": len(topics) + 1,
                **_stamps(ctx, rng),
                "name": name,
                "slug": slugify(name)[:120],
                "synonyms": synonyms,
                "keywords": [*subject.lower().split(), *action_words],
                "service_area_id": area,
                "team_id": team_id,
                "partner_id": partner,
                "adviser_script": script,
                "description": f"How to {action} for {subject.lower()}.",
                "cost": "",
                "referral": "Contact them directly: the council cannot do this for you." if partner else "",
                "online_url": f"https://www.wyebridge.example/{slugify(subject)}" if rng.random() < 0.6 else "",
                "is_public": rng.random() < 0.92,
            }
        )

    for model, rows in [
        (User, users),
        (UserGroups, memberships),
        (ServiceArea, areas),
        (Team, teams),
        (Officer, officers),
        (Absence, absences),
        (Partner, partners),
        (Topic, topics),
    ]:
        ctx.counts[model._meta.label] = copy_rows(model, rows)
    ctx.made["service_area_slugs"] = [a["slug"] for a in areas if a["is_public"]]
    ctx.made["topic_slugs"] = [t["slug"] for t in topics if t["is_public"]]
    ctx.counts["absent today"] = len(away_today)


def after_load(ctx) -> None:
    """The directory's own set-based rebuild of its search table."""
    from directory.services import search_index_rebuild

    search_index_rebuild()
    ctx.counts[SearchEntry._meta.label] = SearchEntry.objects.count()
