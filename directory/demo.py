"""Demo directory data for `manage.py seed_demo`: about 15 service areas, 40 teams, 150 officers,
10 partners and 300 topics of an invented district council. Deterministic and idempotent: a second
run updates the same rows (matched by slug or username) rather than adding more."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .demo_data import AREAS, EXTRA_TOPICS, FIRST_NAMES, JOB_TITLES, LAST_NAMES, PARTNERS
from .models import Absence, Officer, Partner, ServiceArea, Team, Topic
from .services import search_index_rebuild

OFFICER_COUNT = 150
# The group is looked up by name: directory sits below portal, which defines the roles.
OFFICER_GROUP = "Officer"
DEMO_OFFICER_PREFIX = "demo."


def _upsert(model, rows: list, unique: str, fields: list[str]) -> None:
    model.objects.bulk_create(rows, update_conflicts=True, unique_fields=[unique], update_fields=fields)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _topic(line: str) -> dict:
    name, synonyms, keywords, flags, *script = [part.strip() for part in line.split("|")]
    flags_list = flags.split()
    partner = next((flag[2:] for flag in flags_list if flag.startswith("p=")), None)
    return {
        "name": name,
        "slug": slugify(name),
        "synonyms": _split(synonyms),
        "keywords": _split(keywords),
        "partner": partner,
        "online": "online" in flags_list,
        "internal": "internal" in flags_list,
        "script": script[0] if script else "",
    }


@transaction.atomic
def directory_seed() -> None:
    today = timezone.localdate()
    _upsert(
        Partner,
        [
            Partner(slug=slug, name=name, handles=handles, phone=phone, web_url=web, opening_hours=hours,
                    how_to_refer=how, last_reviewed=today)
            for slug, name, handles, phone, web, hours, how in PARTNERS
        ],
        "slug",
        ["name", "handles", "phone", "web_url", "opening_hours", "how_to_refer"],
    )  # fmt: skip
    partners = {p.slug: p for p in Partner.objects.all()}
    _upsert(
        ServiceArea,
        [
            ServiceArea(slug=slug, name=name, summary=summary, handles=handles, public_phone=phone,
                        opening_hours=hours, is_public=public, public_email=f"{slug}@wyebridge.example.gov.uk",
                        web_url=f"https://www.wyebridge.example.gov.uk/{slug}", last_reviewed=today)
            for name, slug, summary, handles, phone, hours, public, _ in AREAS
        ],
        "slug",
        ["name", "summary", "handles", "public_phone", "opening_hours", "is_public", "public_email", "web_url"],
    )  # fmt: skip
    areas = {a.slug: a for a in ServiceArea.objects.all()}
    team_rows = []
    for _, area_slug, *_rest, teams in AREAS:
        for name, slug, internal, public, ooh, _script, _topics in teams:
            team_rows.append(
                Team(service_area=areas[area_slug], slug=slug, name=name, internal_phone=internal,
                     public_phone=public, out_of_hours=ooh, email=f"{slug}@wyebridge.example.gov.uk",
                     last_reviewed=today)
            )  # fmt: skip
    _upsert(
        Team, team_rows, "slug", ["service_area", "name", "internal_phone", "public_phone", "out_of_hours", "email"]
    )
    teams_by_slug = {t.slug: t for t in Team.objects.all()}

    topic_rows = []
    for _, area_slug, *_rest, teams in AREAS:
        for _team_name, team_slug, *_t, default_script, topic_lines in teams:
            for index, line in enumerate([*topic_lines, *EXTRA_TOPICS.get(team_slug, [])]):
                topic = _topic(line)
                partner = partners[topic["partner"]] if topic["partner"] else None
                if partner:
                    script = topic["script"] or (
                        f"This is dealt with by {partner.name}, not the council. Give the caller "
                        f"{partner.phone} ({partner.opening_hours}). {partner.how_to_refer}"
                    )
                else:
                    script = f"{topic['script']} {default_script}".strip()
                topic_rows.append(
                    Topic(
                        slug=topic["slug"],
                        name=topic["name"],
                        synonyms=topic["synonyms"],
                        keywords=topic["keywords"],
                        service_area=areas[area_slug],
                        team=None if partner else teams_by_slug[team_slug],
                        partner=partner,
                        adviser_script=script,
                        online_url=f"https://www.wyebridge.example.gov.uk/{topic['slug']}" if topic["online"] else "",
                        is_public=not topic["internal"],
                        # A few entries are overdue for review, so the review list has something in it.
                        last_reviewed=today - timedelta(days=200 if index == 3 else 10),
                    )
                )
    _upsert(
        Topic,
        topic_rows,
        "slug",
        ["name", "synonyms", "keywords", "service_area", "team", "partner", "adviser_script", "online_url",
         "is_public", "last_reviewed"],
    )  # fmt: skip
    _officers(list(teams_by_slug.values()), today)
    search_index_rebuild()


def _officers(teams: list[Team], today) -> None:
    User = get_user_model()
    unusable = make_password(None)
    people = []
    for number in range(OFFICER_COUNT):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[(number * 7) % len(LAST_NAMES)]
        people.append((f"{DEMO_OFFICER_PREFIX}{first}.{last}.{number}".lower(), first, last))
    User.objects.bulk_create(
        [
            User(username=username, first_name=first, last_name=last, email=f"{username}@wyebridge.example",
                 password=unusable)
            for username, first, last in people
        ],
        update_conflicts=True,
        unique_fields=["username"],
        update_fields=["first_name", "last_name", "email"],
    )  # fmt: skip
    users = {u.username: u for u in User.objects.filter(username__startswith=DEMO_OFFICER_PREFIX)}
    group = Group.objects.filter(name=OFFICER_GROUP).first()
    if group is not None:
        Membership = User.groups.through
        Membership.objects.bulk_create(
            [Membership(user_id=users[username].pk, group_id=group.pk) for username, _, _ in people],
            ignore_conflicts=True,
        )
    teams = sorted(teams, key=lambda team: team.slug)
    officers = []
    for number, (username, _first, _last) in enumerate(people):
        team = teams[number % len(teams)]
        internal = int(team.internal_phone[-3:]) if team.internal_phone else 0
        officers.append(
            Officer(
                user=users[username],
                team=team,
                job_title=f"{JOB_TITLES[(number // len(teams)) % len(JOB_TITLES)]}, {team.name.lower()}",
                # Direct lines in the drama range 020 7946 0xxx.
                direct_line=f"020 7946 {(number + internal) % 1000:04d}",
                email=f"{username}@wyebridge.example.gov.uk",
                number_shareable=number % 3 == 0,
                last_reviewed=today - timedelta(days=400 if number % 25 == 0 else 30),
            )
        )
    _upsert(
        Officer, officers, "user", ["team", "job_title", "direct_line", "email", "number_shareable", "last_reviewed"]
    )
    # Who is away: recreated on every run, relative to today, so the guide always shows some.
    demo_officers = list(
        Officer.objects.filter(user__username__startswith=DEMO_OFFICER_PREFIX).order_by("user__username")
    )
    Absence.objects.filter(officer__in=demo_officers).delete()
    start_of_day = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    reasons = [Absence.Reason.LEAVE, Absence.Reason.TRAINING, Absence.Reason.SICKNESS, Absence.Reason.OFF_SITE]
    absences = []
    for index, officer in enumerate(demo_officers[::10]):
        reason = reasons[index % len(reasons)]
        ends = start_of_day + timedelta(days=1 + index % 5)
        absences.append(
            Absence(
                officer=officer,
                starts_at=start_of_day - timedelta(days=index % 3),
                ends_at=ends,
                reason=reason,
                caller_message=f"{Absence.Reason(reason).label}, back {ends:%A %-d %B}. Please contact the team.",
            )
        )
    Absence.objects.bulk_create(absences)
