"""Demo directory for `manage.py seed_demo`: about 15 service areas, 40 teams, 150 officers,
10 partners and 300 topics of an invented district council (`directory.vocabulary`).

The demo is loaded the way an administrator loads a directory: written as the directory's CSV
file (the same writer as the export), read back through the upload form's parser and imported
with `services.directory_import`, so every entry is validated and recorded, and the demo proves
the import. The import never creates staff accounts, so the demo officers' accounts are created
first; absences are not in the CSV and go through the directory services, and the council's
contact details through theirs.

Every topic's public page text (what it is, what it costs and, for another body's topics, how to
contact them) and each partner topic's adviser script are written per topic in the vocabulary;
every phone number belongs to one entry only (tests/directory/test_import_demo.py checks it).

Deterministic and idempotent: a second run the same day finds every row unchanged.
"""

import io
from collections.abc import Sequence
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.csv_cells import csv_writer

from . import csv_io, services
from .models import Absence, Officer, Topic
from .vocabulary import (
    AREAS,
    CONTACT_DETAILS,
    DEMO_PARTNERS,
    EXTRA_TOPICS,
    FIRST_NAMES,
    LAST_NAMES,
    PARTNER_TOPICS,
    PARTNERS,
    TEAM_JOBS,
    TOPIC_PAGES,
)

OFFICER_COUNT = 150
# The group is looked up by name: directory sits below portal, which defines the roles.
OFFICER_GROUP = "Officer"
DEMO_OFFICER_PREFIX = "demo."
SITE = "https://www.wyebridge.example.gov.uk"


class DemoDataError(Exception):
    """The demo CSV was refused by the import: the demo data itself is wrong."""


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _list(values: list[str]) -> str:
    return f"{csv_io.LIST_SEPARATOR} ".join(values)


def _topic(line: str) -> dict:
    name, synonyms, keywords, flags, *script = [part.strip() for part in line.split("|")]
    flags_list = flags.split()
    partner = next((flag[2:] for flag in flags_list if flag.startswith("p=")), None)
    slug = slugify(name)
    task, description, cost = TOPIC_PAGES.get(slug, ("", "", ""))
    # A topic renamed to read as a task keeps its slug (its address), and its old name stays
    # findable as one of its other names.
    synonyms_list = _split(synonyms)
    if task and task != name and name.lower() not in (synonym.lower() for synonym in synonyms_list):
        synonyms_list.append(name.lower())
    return {
        "name": task or name,
        "slug": slug,
        "description": description,
        "cost": cost,
        "synonyms": synonyms_list,
        "keywords": _split(keywords),
        "partner": partner,
        "online": "online" in flags_list,
        "internal": "internal" in flags_list,
        "script": script[0] if script else "",
    }


def demo_people() -> list[tuple[str, str, str]]:
    """(username, first name, last name) of the demo officers."""
    people = []
    for number in range(OFFICER_COUNT):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[(number * 7) % len(LAST_NAMES)]
        people.append((f"{DEMO_OFFICER_PREFIX}{first}.{last}.{number}".lower(), first, last))
    return people


def job_title(*, team_slug: str, team_name: str, rank: int) -> str:
    """The job title of a team's `rank`th demo officer (0: its leader), in sentence case with the
    team's name as written: "Waste collections team leader", "Senior waste services officer"."""
    officer, junior = TEAM_JOBS.get(team_slug, ("officer", "assistant"))
    titles = [f"{team_name} team leader", f"Senior {officer}", officer, junior]
    title = titles[rank % len(titles)]
    return title[0].upper() + title[1:]


def demo_rows(*, officers: Sequence[dict] = ()) -> tuple[list[dict], dict]:
    """The demo directory as CSV rows (dicts keyed by `csv_io.COLUMNS`), and the review dates the
    CSV cannot carry ({"topic": [slugs], "officer": [usernames]} overdue for review). `officers`:
    more officer rows (the demo staff's profiles)."""
    rows: list[dict] = []
    for slug, name, handles, phone, web, hours, how in PARTNERS[:DEMO_PARTNERS]:
        rows.append({"record_type": "partner", "slug": slug, "name": name, "handles": handles, "phone": phone,
                     "web_url": web, "opening_hours": hours, "how_to_refer": how})  # fmt: skip
    teams = []
    for name, slug, summary, handles, phone, hours, public, area_teams in AREAS:
        rows.append({"record_type": "service_area", "slug": slug, "name": name, "summary": summary,
                     "handles": handles, "phone": phone, "email": f"{slug}@wyebridge.example.gov.uk",
                     "opening_hours": hours, "web_url": f"{SITE}/{slug}",
                     "is_public": "yes" if public else "no"})  # fmt: skip
        for team_name, team_slug, internal, public_phone, ooh, _script, _topics in area_teams:
            teams.append((team_slug, team_name))
            rows.append({"record_type": "team", "slug": team_slug, "name": team_name, "service_area": slug,
                         "phone": public_phone, "internal_phone": internal, "out_of_hours": ooh,
                         "email": f"{team_slug}@wyebridge.example.gov.uk"})  # fmt: skip
    overdue: dict[str, list[str]] = {"topic": [], "officer": []}
    teams.sort()
    for number, (username, first, last) in enumerate(demo_people()):
        team_slug, team_name = teams[number % len(teams)]
        rows.append({
            "record_type": "officer", "slug": username, "name": f"{first} {last}", "team": team_slug,
            "job_title": job_title(team_slug=team_slug, team_name=team_name, rank=number // len(teams)),
            # Direct lines in Ofcom's drama range 020 7946 0xxx, one each (0100 to 0249).
            "phone": f"020 7946 {100 + number:04d}",
            "email": f"{username}@wyebridge.example.gov.uk", "number_shareable": "yes" if number % 3 == 0 else "no",
        })  # fmt: skip
        if number % 25 == 0:
            overdue["officer"].append(username)
    rows.extend({"record_type": "officer", **officer} for officer in officers)
    for _name, area_slug, *_rest, area_teams in AREAS:
        for _team_name, team_slug, *_t, default_script, topic_lines in area_teams:
            for index, line in enumerate([*topic_lines, *EXTRA_TOPICS.get(team_slug, [])]):
                topic = _topic(line)
                if topic["partner"]:
                    referral, script = PARTNER_TOPICS[topic["slug"]]
                else:
                    referral, script = "", f"{topic['script']} {default_script}".strip()
                rows.append({
                    "record_type": "topic", "slug": topic["slug"], "name": topic["name"], "service_area": area_slug,
                    "team": "" if topic["partner"] else team_slug, "partner": topic["partner"] or "",
                    "synonyms": _list(topic["synonyms"]), "keywords": _list(topic["keywords"]),
                    "adviser_script": script, "online_url": f"{SITE}/{topic['slug']}" if topic["online"] else "",
                    "is_public": "no" if topic["internal"] else "yes", "summary": topic["description"],
                    "cost": topic["cost"], "how_to_refer": referral,
                })  # fmt: skip
                # A few entries are overdue for review, so the review list has something in it.
                if index == 3:
                    overdue["topic"].append(topic["slug"])
    return rows, overdue


def demo_csv(*, officers: Sequence[dict] = ()) -> bytes:
    """The demo directory as the CSV file an administrator would upload (written like the export)."""
    stream = io.StringIO()
    writer = csv_writer(stream, csv_io.COLUMNS)
    writer.writeheader()
    writer.writerows(demo_rows(officers=officers)[0])
    return stream.getvalue().encode()


def officer_accounts_create() -> None:
    """The demo officers' staff accounts (no usable password, in the Officer group), made with
    Django's `create_user` when missing: the import sets profiles but never creates accounts."""
    User = get_user_model()
    people = demo_people()
    usernames = [username for username, _, _ in people]
    # Demo officers of an older version of the demo data are removed, so the demo stays the size it says.
    stale = Officer.objects.filter(user__username__startswith=DEMO_OFFICER_PREFIX).exclude(user__username__in=usernames)
    for officer in stale.select_related("user"):
        services.entry_delete(entry=officer, by=None)
        officer.user.delete()
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    group = Group.objects.filter(name=OFFICER_GROUP).first()
    for username, first, last in people:
        if username in existing:
            continue
        user = User.objects.create_user(
            username=username, email=f"{username}@wyebridge.example", password=None, first_name=first, last_name=last
        )
        if group is not None:
            user.groups.add(group)


@transaction.atomic
def directory_seed(*, officers: Sequence[dict] = ()) -> services.ImportResult:
    """Create or refresh the demo directory through the CSV import. `officers`: extra officer rows
    (CSV columns: slug = username, team, job_title, phone, email, number_shareable) for staff
    whose accounts the caller has made. Raises DemoDataError if the import refuses a row."""
    officer_accounts_create()
    rows = csv_io.rows_parse(demo_csv(officers=officers))
    result = services.directory_import(rows=rows, by=None)
    if not result.ok:
        raise DemoDataError("; ".join(f"Line {line}: {message}" for line, message in result.errors[:20]))
    _review_dates(demo_rows(officers=officers)[1])
    _absences()
    # Recorded only when something differs (entry_update compares): a second run changes nothing.
    services.contact_details_update(by=None, fields=dict(CONTACT_DETAILS))
    return result


def _review_dates(overdue: dict[str, list[str]]) -> None:
    # Review dates are not in the CSV (the import leaves them alone); set them directly, without
    # a change record, as they are the demo's state rather than directory content.
    today = timezone.localdate()
    Topic.objects.filter(slug__in=overdue["topic"]).update(last_reviewed=today - timedelta(days=200))
    Officer.objects.filter(user__username__in=overdue["officer"]).update(last_reviewed=today - timedelta(days=400))


def _absences() -> None:
    """Every tenth demo officer away, relative to today, so the phone guide always shows some.
    Only the dates and the reason: callers are told only when the officer is back."""
    officers = list(Officer.objects.filter(user__username__startswith=DEMO_OFFICER_PREFIX).order_by("user__username"))
    start_of_day = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    reasons = [Absence.Reason.LEAVE, Absence.Reason.TRAINING, Absence.Reason.SICKNESS, Absence.Reason.OFF_SITE]
    planned = {}
    for index, officer in enumerate(officers[::10]):
        starts = start_of_day - timedelta(days=index % 3)
        planned[(officer.pk, starts, start_of_day + timedelta(days=1 + index % 5))] = reasons[index % len(reasons)]
    for absence in Absence.objects.filter(officer__in=officers):
        key = (absence.officer_id, absence.starts_at, absence.ends_at)
        if planned.get(key) == absence.reason:
            del planned[key]  # already there (a second run the same day)
        else:
            services.entry_delete(entry=absence, by=None)
    by_pk = {officer.pk: officer for officer in officers}
    for (officer_id, starts, ends), reason in planned.items():
        fields = {"officer": by_pk[officer_id], "starts_at": starts, "ends_at": ends, "reason": reason}
        services.entry_create(model=Absence, by=None, fields=fields)
