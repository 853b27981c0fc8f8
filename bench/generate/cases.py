"""Cases rows: customers, routing rules, cases with their timelines, complaint stages and pauses.

Hundreds of thousands of customers and cases and millions of events are made set-based inside
PostgreSQL (INSERT ... SELECT over generate_series), not row by row: every "random" choice is a
hash of the row number and the seed (hashint8extended), so the same seed and day give the same
rows. The 200 routing rules are made in Python and loaded with COPY.

The shape of the data, as a council's back office would have it:
- cases are received over three years (as the contacts that raised them,
  bench/generate/contacts.py); the open ones (scale.open_cases) in the last ten days, most of
  them recently, so their due times are around now and some are overdue; the rest resolved
  within days and closed a week later;
- a case's team is its topic's team, so open cases are spread across the teams; about 3% of the
  open ones wait in the triage queue; owned cases belong to an officer of their team;
- due times follow the demo standards (standards.demo), working days counted as 1.4 calendar
  days, which is close enough for queues sorted by due time;
- each case has the events its history implies: created, routed, any transfers, claimed, notes
  and updates to the customer, and its status changes (about six on average).

For the hot paths: the bench officer (an officer of the largest team, see bench_officer)
owns BENCH_OWNED open cases of their team, one of which has exactly TIMELINE_EVENTS events (the
case page row), and their team's queue also holds scale.claim_pool unclaimed cases received in
the last two days, for the claim-next row and the concurrent claimers (bench/cases.py puts back
what they claim). References are a permutation of the row number (an affine map modulo 25^8,
written in REFERENCE_ALPHABET as XXXX-XXXX), so they are unique without retries."""

from __future__ import annotations

import datetime as dt
import time
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction

from cases.models import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    Case,
    CaseEvent,
    CasePause,
    CasesChange,
    ChaseStep,
    ComplaintStage,
    Customer,
    RoutingRule,
)
from cases.selectors import CASE_TALLIES, COMPLAINT_TALLIES, ESCALATION_TALLY
from core.tallies import tally_rebuild
from directory import vocabulary as words
from directory.models import Team, Topic
from portal import roles
from standards.models import CaseType, Channel, ResponseStandard, TimeUnit

# Filled here (and compared by the reproducibility digest), in load order.
TABLES = [Customer, RoutingRule, Case, CaseEvent, ComplaintStage, CasePause, ChaseStep]
# Emptied before a rebuild but not filled here.
EMPTIED = [CasesChange, Case.related.through]

BENCH_OWNED = 25
TIMELINE_EVENTS = 30
HISTORY_DAYS = 1095
WORKING_DAY = 1.4  # calendar days per working day, near enough for due times

WARDS = ["Abbey", "Castle", "Riverside", "Old Town", "Northgate", "St Anne's", "Hillside", "Meadowbank"]
STREETS = [
    "Mill Lane", "Station Road", "Church Street", "Abbey Road", "Castle Hill", "Riverside Walk", "Northgate",
    "Queen's Road", "Victoria Terrace", "Orchard Close", "The Crescent", "Brook Street", "Market Place",
    "Elm Grove", "Kingsway", "Willow Drive", "Bridge Street", "Park View", "St Anne's Road", "Meadow Way",
]  # fmt: skip
# The drama ranges Ofcom keeps (directory.phones accepts them), formatted as phone_normalise does.
PHONE_PREFIXES = ["01632 960", "07700 900", "020 7946 0", "0113 496 0", "0121 496 0", "0161 496 0"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
BUSINESSES = ["Café", "Motors", "Dental Practice", "Newsagents", "Builders Ltd", "Florist", "Takeaway", "Garage"]
ASKS = [
    "Reported by the resident, who would like a call back.",
    "The customer says this has happened before.",
    "Asked online; photos attached to the form.",
    "Raised on the phone; the caller was polite but frustrated.",
    "The customer would like an update by email.",
]
NOTES = [
    "Called the customer: no answer, left a voicemail.",
    "Spoke to the customer; they are happy to wait for the visit.",
    "Checked the records: as described.",
    "Asked the contractor for a date.",
    "Visited the site.",
]
UPDATES = [
    "Thank you for getting in touch. We are looking into this.",
    "An officer has been to look and has booked the work.",
    "We have asked our contractor to attend this week.",
    "We need a little more information from you; we will call you.",
]
RESOLUTIONS = [
    "Work completed and the customer told.",
    "Explained the position to the customer.",
    "Account corrected and a new bill sent.",
    "Referred to the right organisation with the customer's agreement.",
]
VULNERABILITIES = ["Lives alone; may need more time on the phone.", "Recently bereaved.", "Hard of hearing."]
# Customers' surnames: the vocabulary's 90 common ones, then about 1,500 rarer English-sounding ones
# made of a first and a last part ("Ashworth", "Kingsley", "Thornton"). Picked with a skew
# (SURNAME_SKEW), so the common ones are common (the first about 1% of customers) and most full
# names are rare, as in a real council's records; with 90 surnames picked evenly every full name
# would be shared by about 60 customers and find-as-you-type would be measured on an unreal spread.
SURNAME_STARTS = [
    "Ash", "Black", "Brad", "Brook", "Cal", "Church", "Cold", "Cran", "Dal", "Dun", "East", "Fair", "Fern",
    "Gold", "Hal", "Hart", "Hay", "Holl", "Kings", "Lang", "Lock", "Mar", "Mid", "Mill", "Moor", "New",
    "North", "Oak", "Pen", "Red", "Ross", "Rush", "Shel", "South", "Stan", "Stock", "Thorn", "West", "Whit",
    "Wood", "Wins", "Ald", "Bar", "Bed", "Bram", "Chad", "Dray", "Elm", "Fox", "Wal",
]  # fmt: skip
SURNAME_ENDS = [
    "ley", "ton", "field", "worth", "wood", "ford", "more", "by", "well", "son", "ham", "bridge", "hurst",
    "combe", "den", "stone", "wick", "low", "thorpe", "cott", "land", "man", "shaw", "brook", "gate", "ridge",
    "dale", "ock", "er", "ing",
]  # fmt: skip
SURNAME_SKEW = 1.6  # the surname's position is N * u ** SURNAME_SKEW for a uniform u
SURNAMES = [
    *words.LAST_NAMES,
    *sorted({start + end for start in SURNAME_STARTS for end in SURNAME_ENDS} - set(words.LAST_NAMES)),
]


def _temp_functions(cursor) -> None:
    """pg_temp.rnd(n, salt): a non-negative bigint hash; pg_temp.u(n, salt): the same in [0, 1)."""
    cursor.execute(
        "CREATE OR REPLACE FUNCTION pg_temp.rnd(n bigint, salt bigint) RETURNS bigint LANGUAGE sql IMMUTABLE "
        "AS $$ SELECT hashint8extended(n, salt) & 9223372036854775807 $$"
    )
    cursor.execute(
        "CREATE OR REPLACE FUNCTION pg_temp.u(n bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE "
        "AS $$ SELECT (hashint8extended(n, salt) & 9223372036854775807)::float8 / 9223372036854775808.0 $$"
    )


def _deferred_checks_skip(cursor) -> None:
    """Django's foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED): millions of
    queued checks would take longer than the inserts themselves. The rows are consistent by
    construction, so where the database user may (a superuser, as on the dev and CI servers) the
    checks are skipped for this transaction; anywhere else they are paid for at commit."""
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        pass


def bench_officer() -> tuple[int, int] | None:
    """(user id, team id) of the bench officer: the first user in the Officer group of the team
    with the most officers (so there are enough to claim its cases at once). The generator gives
    them their cases and their team's claim pool; the case rows sign in as them."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT o.user_id, o.team_id FROM directory_officer o
            JOIN auth_user_groups ug ON ug.user_id = o.user_id JOIN auth_group g ON g.id = ug.group_id
            WHERE g.name = %s
            ORDER BY o.team_id = (SELECT team_id FROM directory_officer GROUP BY team_id
                                  ORDER BY count(*) DESC, team_id LIMIT 1) DESC, o.user_id
            LIMIT 1
            """,
            [roles.OFFICER],
        )
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


def _reference_sql(number: str, salt: int) -> str:
    """SQL for the reference of row `number`: an affine permutation of 0 .. 25^8-1 written in the
    reference alphabet. The multiplier is not a multiple of 5, so the map is one-to-one."""
    size = len(REFERENCE_ALPHABET) ** REFERENCE_LENGTH
    value = f"mod({number}::bigint * 2147483647 + {salt % size}, {size})"
    digits = [
        f"substr('{REFERENCE_ALPHABET}', mod({value} / {len(REFERENCE_ALPHABET) ** k}, "
        f"{len(REFERENCE_ALPHABET)})::int + 1, 1)"
        for k in range(REFERENCE_LENGTH)
    ]
    return " || ".join(digits[:4]) + " || '-' || " + " || ".join(digits[4:])


def _customers(cursor, ctx, salt: int) -> None:
    scale = ctx.scale
    stamp = dt.datetime.combine(ctx.today, dt.time(9, 0), tzinfo=dt.UTC)
    cursor.execute(
        """
        INSERT INTO cases_customer (id, is_organisation, customer_type, name, email, phone, address, postcode,
            preferred_contact, needs_consent, vulnerability, accessibility, interpreter_language, needs_review_on,
            merged_into_id, created_at, updated_at)
        SELECT n, kind IN ('business', 'voluntary'), kind, name,
            CASE WHEN has_email THEN lower(regexp_replace(name, '[^A-Za-z]+', '.', 'g')) || n || '@example.org'
                 ELSE '' END,
            phone, address, postcode,
            CASE WHEN has_email THEN 'email' WHEN phone <> '' THEN 'phone' ELSE 'letter' END,
            needs, CASE WHEN needs THEN (%(vulnerable)s::text[])[1 + mod(pg_temp.rnd(n, %(s)s + 7), 3)::int]
                        ELSE '' END,
            '', '', CASE WHEN needs THEN %(today)s::date + mod(pg_temp.rnd(n, %(s)s + 8), 365)::int - 30 END,
            NULL, %(stamp)s - make_interval(days => mod(pg_temp.rnd(n, %(s)s + 9), 1500)::int), %(stamp)s
        FROM (
            SELECT n, kind,
                CASE WHEN kind = 'individual'
                     THEN (%(first)s::text[])[1 + mod(pg_temp.rnd(n, %(s)s + 1), %(first_n)s)::int] || ' '
                          || (%(last)s::text[])[1 + floor(%(last_n)s * pg_temp.u(n, %(s)s + 2) ^ %(skew)s)::int]
                     ELSE (%(last)s::text[])[1 + floor(%(last_n)s * pg_temp.u(n, %(s)s + 2) ^ %(skew)s)::int]
                          || ' '
                          || (%(business)s::text[])[1 + mod(pg_temp.rnd(n, %(s)s + 1), %(business_n)s)::int]
                END AS name,
                pg_temp.u(n, %(s)s + 3) < 0.7 AS has_email,
                CASE WHEN pg_temp.u(n, %(s)s + 4) < 0.8
                     THEN (%(phones)s::text[])[1 + mod(n, %(phones_n)s)::int]
                          || lpad(mod(n / %(phones_n)s, 1000)::text, 3, '0')
                     ELSE '' END AS phone,
                1 + mod(pg_temp.rnd(n, %(s)s + 5), 150) || ' '
                    || (%(streets)s::text[])[1 + mod(n, %(streets_n)s)::int] || ', Wyebridge' AS address,
                'WY' || 1 + mod(n, 9) || ' ' || mod(n / 9, 10) || substr(%(letters)s, 1 + mod(n / 90, 20)::int, 1)
                    || substr(%(letters)s, 1 + mod(n / 1800, 20)::int, 1) AS postcode,
                kind = 'individual' AND pg_temp.u(n, %(s)s + 6) < 0.05 AS needs
            FROM (
                SELECT n, CASE WHEN pg_temp.u(n, %(s)s) < 0.06 THEN 'business'
                               WHEN pg_temp.u(n, %(s)s) < 0.08 THEN 'voluntary'
                               WHEN pg_temp.u(n, %(s)s) < 0.085 THEN 'councillor'
                               ELSE 'individual' END AS kind
                FROM generate_series(1, %(count)s) n
            ) kinds
        ) people
        """,
        {
            "s": salt,
            "count": scale.customers,
            "first": words.FIRST_NAMES,
            "first_n": len(words.FIRST_NAMES),
            "last": SURNAMES,
            "last_n": len(SURNAMES),
            "skew": SURNAME_SKEW,
            "business": BUSINESSES,
            "business_n": len(BUSINESSES),
            "phones": PHONE_PREFIXES,
            "phones_n": len(PHONE_PREFIXES),
            "streets": STREETS,
            "streets_n": len(STREETS),
            "letters": INWARD_LETTERS,
            "vulnerable": VULNERABILITIES,
            "today": ctx.today,
            "stamp": stamp,
        },
    )
    # The replica role (_deferred_checks_skip) turns triggers off, the name-word ones with them:
    # the vocabulary is learnt as migration cases 0004 learns it.
    cursor.execute(
        "INSERT INTO cases_customernameword (word) SELECT DISTINCT unnest(name_words) FROM cases_customer"
        " ON CONFLICT DO NOTHING"
    )


def _rules(ctx) -> list[dict]:
    """Ordered rules as a manager would write them: topic rules, then words within an area,
    postcode districts, complaints, vulnerable customers. None matches every case, so the
    rest goes to triage."""
    rng = ctx.rng
    topics = list(
        Topic.objects.filter(team__isnull=False)
        .order_by("id")
        .values("id", "name", "keywords", "service_area_id", "team_id")
    )
    stamp = dt.datetime.combine(ctx.today, dt.time(9, 0), tzinfo=dt.UTC)
    rules = []
    for i in range(ctx.scale.routing_rules):
        topic = rng.choice(topics)
        row = {"id": i + 1, "position": (i + 1) * 10, "is_active": True, "case_types": [], "channels": [],
               "service_area_id": None, "topic_id": None, "words": [], "postcodes": [], "wards": [], "needs": "",
               "team_id": topic["team_id"], "priority": "", "updated_at": stamp}  # fmt: skip
        kind = i % 10
        if kind < 5:
            row |= {"name": f"{topic['name']}"[:120], "topic_id": topic["id"]}
        elif kind < 7:
            keywords = sorted({w.lower() for w in topic["keywords"] if w.strip()})[:3] or ["urgent"]
            row |= {"name": f"{topic['name']} (words)"[:120], "service_area_id": topic["service_area_id"],
                    "words": keywords}  # fmt: skip
        elif kind == 7:
            row |= {"name": f"WY{1 + i % 9} {topic['name']}"[:120], "service_area_id": topic["service_area_id"],
                    "postcodes": [f"WY{1 + i % 9}"], "priority": "high"}  # fmt: skip
        elif kind == 8:
            row |= {"name": f"Complaints: {topic['name']}"[:120], "topic_id": topic["id"],
                    "case_types": sorted([CaseType.COMPLAINT_STAGE_1, CaseType.COMPLAINT_STAGE_2])}  # fmt: skip
        else:
            row |= {"name": f"Vulnerable: {topic['name']}"[:120], "service_area_id": topic["service_area_id"],
                    "needs": "vulnerable", "priority": "high"}  # fmt: skip
        rules.append(row)
    return rules


def _due_table(cursor) -> None:
    """bench_due: for each channel and case type, the standard (as case_create would pick it:
    a type's own standard before its channel's) and its times in calendar days."""
    standards = list(ResponseStandard.objects.filter(service_area__isnull=True, priority=""))
    rows: list[tuple[str, str, int | None, float | None, float | None]] = []
    for channel in Channel.values:
        for case_type in CaseType.values:
            match = next((s for s in standards if s.case_type == case_type and not s.channel), None) or next(
                (s for s in standards if s.channel == channel and not s.case_type), None
            )
            if match is None:
                rows.append((channel, case_type, None, None, None))
                continue
            scale = WORKING_DAY if match.respond_unit == TimeUnit.WORKING_DAYS else 1 / 24
            ack = match.acknowledge_within * WORKING_DAY if match.acknowledge_within else None
            respond = match.respond_within * scale if match.respond_within else None
            rows.append((channel, case_type, match.pk, ack, respond))
    cursor.execute(
        "CREATE TEMP TABLE bench_due (channel text, case_type text, standard_id bigint, ack_days float8, "
        "respond_days float8) ON COMMIT DROP"
    )
    cursor.executemany("INSERT INTO bench_due VALUES (%s, %s, %s, %s, %s)", rows)


def _lookups(cursor, bench_team: int) -> None:
    """Temporary tables the case plan picks from by number: topics with a team, the officers of
    each team, the bench team's topics, and the first rule of each team."""
    cursor.execute(
        """
        CREATE TEMP TABLE bench_topics ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY t.id) - 1)::bigint AS k, t.id, t.team_id, t.service_area_id, t.name
        FROM directory_topic t WHERE t.team_id IS NOT NULL;
        CREATE TEMP TABLE bench_team_topics ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY id) - 1)::bigint AS k, id, team_id, service_area_id, name
        FROM bench_topics WHERE team_id = %(team)s;
        CREATE TEMP TABLE bench_officers ON COMMIT DROP AS
        SELECT team_id, (row_number() OVER (PARTITION BY team_id ORDER BY user_id) - 1)::bigint AS k, user_id,
            count(*) OVER (PARTITION BY team_id) AS n
        FROM directory_officer;
        CREATE TEMP TABLE bench_team_rules ON COMMIT DROP AS
        SELECT team_id, min(id) AS rule_id FROM cases_routingrule GROUP BY team_id;
        """,
        {"team": bench_team},
    )


def _plan(cursor, ctx, salt: int, bench: tuple[int, int]) -> None:
    """bench_plan: one row per case with everything its row and its events need."""
    scale = ctx.scale
    now = dt.datetime.combine(ctx.today, dt.time(12, 0), tzinfo=dt.UTC)
    closed = scale.cases - scale.open_cases
    cursor.execute(
        """
        CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
        WITH base AS (
            SELECT n,
                n > %(closed)s AS is_open,
                n - %(closed)s AS o,
                pg_temp.u(n, %(s)s + 1) AS u_type,
                pg_temp.u(n, %(s)s + 2) AS u_channel,
                pg_temp.u(n, %(s)s + 3) AS u_status,
                pg_temp.u(n, %(s)s + 4) AS u_age,
                pg_temp.u(n, %(s)s + 5) AS u_took,
                pg_temp.rnd(n, %(s)s + 6) AS r_topic,
                pg_temp.rnd(n, %(s)s + 7) AS r_owner,
                mod(pg_temp.rnd(n, %(s)s + 8), 3)::int AS extra
            FROM generate_series(1, %(cases)s) n
        ), kinds AS (
            SELECT b.*,
                -- The bench team's claim pool, then the bench officer's own cases.
                b.is_open AND b.o <= %(pool)s AS pooled,
                b.is_open AND b.o > %(pool)s AND b.o <= %(pool)s + %(owned)s AS owned,
                b.is_open AND b.o = %(pool)s + 1 AS long_history,
                CASE WHEN b.u_type < 0.42 THEN 'service_request' WHEN b.u_type < 0.80 THEN 'problem_report'
                     WHEN b.u_type < 0.87 THEN 'complaint_1' WHEN b.u_type < 0.885 THEN 'complaint_2'
                     WHEN b.u_type < 0.92 THEN 'compliment' WHEN b.u_type < 0.97 THEN 'comment'
                     ELSE 'councillor_enquiry' END AS case_type,
                CASE WHEN b.u_channel < 0.36 THEN 'phone' WHEN b.u_channel < 0.70 THEN 'web'
                     WHEN b.u_channel < 0.88 THEN 'email' WHEN b.u_channel < 0.94 THEN 'letter'
                     ELSE 'face_to_face' END AS channel,
                CASE WHEN b.is_open
                     THEN %(now)s - interval '10 minutes'
                          - make_interval(secs => CASE WHEN b.o <= %(pool)s THEN 2 ELSE 10 END * 86400 * b.u_age ^ 2)
                     ELSE %(now)s - interval '2 days' - make_interval(secs => %(history)s * 86400 * b.u_age)
                END AS received_at
            FROM base b
        ), placed AS (
            SELECT k.*,
                CASE WHEN k.pooled OR k.owned THEN bt.id ELSE t.id END AS topic_id,
                CASE WHEN k.pooled OR k.owned THEN %(team)s ELSE t.team_id END AS team_id,
                CASE WHEN k.pooled OR k.owned THEN %(area)s ELSE t.service_area_id END AS service_area_id,
                coalesce(CASE WHEN k.pooled OR k.owned THEN bt.name ELSE t.name END, 'Reported problem') AS topic
            FROM kinds k
            JOIN bench_topics t ON t.k = mod(k.r_topic, %(topics)s)
            LEFT JOIN bench_team_topics bt ON (k.pooled OR k.owned) AND bt.k = mod(k.r_topic, %(team_topics)s)
        ), worked AS (
            SELECT p.*,
                CASE WHEN p.pooled THEN 'routed' WHEN p.owned THEN 'in_progress'
                     WHEN NOT p.is_open THEN
                         CASE WHEN p.received_at + make_interval(secs => 86400 * (0.2 + 20 * p.u_took ^ 2))
                                   > %(now)s - interval '7 days' THEN 'resolved' ELSE 'closed' END
                     WHEN p.u_status < 0.03 THEN 'new'
                     WHEN p.u_status < 0.50 OR off.user_id IS NULL THEN 'routed'
                     WHEN p.u_status < 0.88 THEN 'in_progress' ELSE 'awaiting_customer' END AS status,
                CASE WHEN p.owned THEN %(officer)s ELSE off.user_id END AS worker,
                other.user_id AS other_worker
            FROM placed p
            LEFT JOIN (SELECT team_id, max(n) AS n FROM bench_officers GROUP BY team_id) tc ON tc.team_id = p.team_id
            LEFT JOIN bench_officers off ON off.team_id = p.team_id AND off.k = mod(p.r_owner, tc.n)
            LEFT JOIN bench_officers other ON other.team_id = p.team_id AND tc.n > 1
                AND other.k = mod(off.k + 1, tc.n)
        )
        SELECT w.n AS id, w.case_type, w.channel, w.status, w.received_at, w.topic_id, w.topic,
            CASE WHEN w.status = 'new' THEN NULL ELSE w.team_id END AS team_id, w.service_area_id,
            CASE WHEN w.status IN ('in_progress', 'awaiting_customer') OR NOT w.is_open THEN w.worker END AS owner_id,
            w.other_worker, w.case_type IN ('complaint_1', 'complaint_2') AS is_complaint,
            CASE WHEN w.is_open THEN NULL
                 ELSE least(w.received_at + make_interval(secs => 86400 * (0.2 + 20 * w.u_took ^ 2)),
                            %(now)s - interval '1 hour') END AS resolved_at,
            CASE WHEN mod(w.r_owner / 7, 100) < 8 AND NOT w.pooled AND NOT w.owned THEN 1
                 WHEN mod(w.r_owner / 7, 100) < 10 AND NOT w.pooled AND NOT w.owned THEN 2 ELSE 0 END AS handoffs,
            w.extra, w.long_history, d.standard_id, d.ack_days, d.respond_days, rr.rule_id
        FROM worked w
        LEFT JOIN bench_due d ON d.channel = w.channel AND d.case_type = w.case_type
        LEFT JOIN bench_team_rules rr ON rr.team_id = w.team_id
        """,
        {
            "s": salt,
            "cases": scale.cases,
            "closed": closed,
            "pool": scale.claim_pool,
            "owned": BENCH_OWNED,
            "officer": bench[0],
            "team": bench[1],
            "area": Team.objects.get(pk=bench[1]).service_area_id,
            "now": now,
            "history": HISTORY_DAYS,
            "topics": Topic.objects.filter(team__isnull=False).count(),
            "team_topics": max(1, Topic.objects.filter(team_id=bench[1]).count()),
        },
    )
    # How many events each case has, and where its events' ids start.
    cursor.execute(
        """
        ALTER TABLE bench_plan ADD COLUMN k int, ADD COLUMN tail int, ADD COLUMN ev0 bigint;
        UPDATE bench_plan SET
            tail = CASE status WHEN 'closed' THEN 2 WHEN 'resolved' THEN 1 WHEN 'awaiting_customer' THEN 1
                               ELSE 0 END,
            k = CASE WHEN long_history THEN %(timeline)s
                     ELSE 2 + handoffs
                          + CASE WHEN status IN ('new', 'routed') THEN mod(extra, 2) ELSE 1 + extra END
                          + CASE status WHEN 'closed' THEN 2 WHEN 'resolved' THEN 1 WHEN 'awaiting_customer' THEN 1
                                        ELSE 0 END END;
        UPDATE bench_plan p SET ev0 = s.ev0 FROM (
            SELECT id, sum(k) OVER (ORDER BY id) - k AS ev0 FROM bench_plan
        ) s WHERE s.id = p.id;
        CREATE UNIQUE INDEX ON bench_plan (id);
        ANALYZE bench_plan;
        """,
        {"timeline": TIMELINE_EVENTS},
    )


def _cases(cursor, ctx, salt: int) -> None:
    now = dt.datetime.combine(ctx.today, dt.time(12, 0), tzinfo=dt.UTC)
    cursor.execute(
        f"""
        INSERT INTO cases_case (id, reference, case_type, channel, priority, status, summary, description,
            location_address, location_postcode, latitude, longitude, ward, received_at, clock_started_at,
            acknowledge_by, respond_by, acknowledged_at, acknowledge_met, responded_at, respond_met, paused_at,
            extension_days, resolved_at, resolution, closed_at, handoff_count, version, created_at, updated_at,
            councillor_id, merged_into_id, named_officer_id, owner_id, partner_id, service_area_id, standard_id,
            team_id, topic_id, customer_id, routed_by_id)
        SELECT p.id, {_reference_sql("p.id", salt)}, p.case_type, p.channel,
            CASE WHEN mod(p.id, 17) = 0 THEN 'high' WHEN mod(p.id, 97) = 0 THEN 'urgent' ELSE 'normal' END,
            p.status, left(p.topic, 180) || CASE WHEN p.is_complaint THEN ': complaint' ELSE '' END,
            (%(asks)s::text[])[1 + mod(p.id, %(asks_n)s)::int],
            1 + mod(p.id / 3, 150) || ' ' || (%(streets)s::text[])[1 + mod(p.id / 5, %(streets_n)s)::int]
                || ', Wyebridge',
            'WY' || 1 + mod(p.id, 9) || ' ' || mod(p.id / 9, 10) || substr(%(letters)s, 1 + mod(p.id / 90, 20)::int, 1)
                || substr(%(letters)s, 1 + mod(p.id / 1800, 20)::int, 1),
            NULL, NULL, (%(wards)s::text[])[1 + mod(p.id / 7, %(wards_n)s)::int],
            p.received_at, p.received_at,
            p.received_at + make_interval(secs => 86400 * p.ack_days),
            p.received_at + make_interval(secs => 86400 * p.respond_days),
            ack.at, CASE WHEN ack.at IS NOT NULL AND p.ack_days IS NOT NULL
                         THEN ack.at <= p.received_at + make_interval(secs => 86400 * p.ack_days) END,
            p.resolved_at, CASE WHEN p.resolved_at IS NOT NULL
                                THEN p.respond_days IS NULL
                                     OR p.resolved_at <= p.received_at + make_interval(secs => 86400 * p.respond_days)
                           END,
            CASE WHEN p.status = 'awaiting_customer' THEN ack.paused END,
            0, p.resolved_at,
            CASE WHEN p.resolved_at IS NOT NULL THEN (%(resolutions)s::text[])[1 + mod(p.id, %(resolutions_n)s)::int]
                 ELSE '' END,
            CASE WHEN p.status = 'closed' THEN p.resolved_at + interval '7 days' END,
            p.handoffs, 1, p.received_at, coalesce(p.resolved_at, p.received_at),
            NULL, NULL, NULL, p.owner_id, NULL, p.service_area_id, p.standard_id, p.team_id, p.topic_id,
            CASE WHEN mod(p.id, 10) = 0 THEN NULL ELSE 1 + mod(pg_temp.rnd(p.id, %(s)s + 20), %(customers)s) END,
            CASE WHEN p.team_id IS NOT NULL AND mod(p.id, 3) = 0 THEN p.rule_id END
        FROM bench_plan p
        CROSS JOIN LATERAL (
            SELECT CASE WHEN p.owner_id IS NOT NULL
                        THEN p.received_at + (coalesce(p.resolved_at, %(now)s) - p.received_at) / 4 END AS at,
                   p.received_at + (%(now)s - p.received_at) / 2 AS paused
        ) ack
        """,
        {
            "s": salt,
            "now": now,
            "customers": max(1, ctx.scale.customers),
            "asks": ASKS,
            "asks_n": len(ASKS),
            "streets": STREETS,
            "streets_n": len(STREETS),
            "letters": INWARD_LETTERS,
            "wards": WARDS,
            "wards_n": len(WARDS),
            "resolutions": RESOLUTIONS,
            "resolutions_n": len(RESOLUTIONS),
        },
    )


def _events(cursor, ctx, salt: int) -> None:
    """Each case's k events, spread evenly from its receipt to its last change: created, routed,
    transfers, claimed, then notes and updates, then its status changes."""
    now = dt.datetime.combine(ctx.today, dt.time(12, 0), tzinfo=dt.UTC)
    cursor.execute(
        """
        INSERT INTO cases_caseevent (id, case_id, kind, at, by_id, text, data)
        SELECT p.ev0 + i, p.id, e.kind,
            c.received_at + (coalesce(c.closed_at, c.resolved_at, c.paused_at, %(now)s - interval '1 minute')
                             - c.received_at) * (i - 1) / greatest(p.k - 1, 1),
            CASE WHEN i > 2 + p.handoffs THEN p.owner_id END,
            CASE e.kind WHEN 'note' THEN (%(notes)s::text[])[1 + mod(p.id + i, %(notes_n)s)::int]
                        WHEN 'public_update' THEN (%(updates)s::text[])[1 + mod(p.id + i, %(updates_n)s)::int]
                        WHEN 'transferred' THEN 'Not ours: passing to the right team.'
                        WHEN 'decided' THEN c.resolution
                        WHEN 'status_changed' THEN CASE WHEN e.to_status = 'resolved' THEN c.resolution
                                                        WHEN e.to_status = 'awaiting_customer'
                                                        THEN 'Waiting for the customer to send photos.'
                                                        ELSE '' END
                        ELSE '' END,
            CASE e.kind
                WHEN 'created' THEN jsonb_build_object('channel', c.channel, 'case_type', c.case_type)
                WHEN 'routed' THEN jsonb_build_object('rule', NULL, 'reason', 'Routed by topic',
                                                      'to', coalesce(t.name, 'Triage'))
                WHEN 'transferred' THEN jsonb_build_object('from', 'Another team', 'to', t.name, 'handoff', true)
                WHEN 'claimed' THEN jsonb_build_object('status', 'in_progress')
                WHEN 'public_update' THEN jsonb_build_object('emailed', false)
                WHEN 'status_changed' THEN jsonb_build_object('from', e.from_status, 'to', e.to_status)
                WHEN 'decided' THEN jsonb_build_object('from', 'in_progress', 'to', 'resolved', 'stage',
                                                       CASE WHEN c.case_type = 'complaint_2' THEN 2 ELSE 1 END)
                ELSE '{}'::jsonb END
        FROM bench_plan p
        JOIN cases_case c ON c.id = p.id
        LEFT JOIN directory_team t ON t.id = c.team_id
        CROSS JOIN LATERAL generate_series(1, p.k) i
        CROSS JOIN LATERAL (
            SELECT CASE
                WHEN i = 1 THEN 'created'
                WHEN i = 2 THEN 'routed'
                WHEN i <= 2 + p.handoffs THEN 'transferred'
                WHEN i = 3 + p.handoffs AND p.owner_id IS NOT NULL THEN 'claimed'
                WHEN i > p.k - p.tail AND p.is_complaint AND p.status IN ('resolved', 'closed')
                     AND i = p.k - p.tail + 1 THEN 'decided'
                WHEN i > p.k - p.tail THEN 'status_changed'
                WHEN mod(i, 2) = 0 THEN 'public_update'
                ELSE 'note' END AS kind,
                CASE WHEN p.status = 'awaiting_customer' THEN 'in_progress'
                     WHEN i = p.k AND p.status = 'closed' THEN 'resolved' ELSE 'in_progress' END AS from_status,
                CASE WHEN p.status = 'awaiting_customer' THEN 'awaiting_customer'
                     WHEN i = p.k AND p.status = 'closed' THEN 'closed' ELSE 'resolved' END AS to_status
        ) e
        """,
        {
            "now": now,
            "notes": NOTES,
            "notes_n": len(NOTES),
            "updates": UPDATES,
            "updates_n": len(UPDATES),
        },
    )


def _stages_and_pauses(cursor) -> None:
    """A complaint's stages (stage 1 of a stage 2 complaint decided by another officer) and the
    open pause of every case waiting on its customer."""
    cursor.execute(
        """
        INSERT INTO cases_complaintstage (id, case_id, stage, started_at, handler_id, extension_reason, extended_at,
            outcome, root_cause, action_taken, decided_at, service_area_id)
        SELECT row_number() OVER (ORDER BY c.id, s.stage), c.id, s.stage,
            c.received_at + (s.stage - 1) * interval '12 days',
            CASE WHEN s.stage = 1 AND c.case_type = 'complaint_2' THEN p.other_worker ELSE c.owner_id END,
            '', NULL,
            CASE WHEN s.decided THEN (ARRAY['upheld', 'partly_upheld', 'not_upheld'])[1 + mod(c.id, 3)::int]
                 ELSE '' END,
            CASE WHEN s.decided
                 THEN (ARRAY['communication', 'delay', 'policy', 'service_failure'])[1 + mod(c.id, 4)::int]
                 ELSE '' END,
            CASE WHEN s.decided THEN 'Apologised, and changed how the team checks its work.' ELSE '' END,
            CASE WHEN s.decided THEN coalesce(c.resolved_at, c.received_at + interval '10 days') END,
            -- The case's, as migration 0010's trigger keeps it (the replica role turns it off).
            c.service_area_id
        FROM cases_case c
        JOIN bench_plan p ON p.id = c.id
        CROSS JOIN LATERAL (
            SELECT stage, (stage = 1 AND c.case_type = 'complaint_2') OR c.resolved_at IS NOT NULL AS decided
            FROM generate_series(1, CASE WHEN c.case_type = 'complaint_2' THEN 2 ELSE 1 END) stage
        ) s
        WHERE c.case_type IN ('complaint_1', 'complaint_2');
        INSERT INTO cases_casepause (id, case_id, started_at, ended_at)
        SELECT row_number() OVER (ORDER BY id), id, paused_at, NULL FROM cases_case WHERE status = 'awaiting_customer';
        """
    )


def _escalations(cursor) -> None:
    """The chaser's escalations of the cases finished late: half an hour after each missed
    acknowledgement or reply, told to the owner (the dashboard counts them, the cases list
    filters by them). None of an open case: the chaser's own bench takes those."""
    cursor.execute(
        """
        INSERT INTO cases_chasestep (id, case_id, kind, due_at, level, done_at, rung, recipient_ids, notified_at,
            needs_call, called_at, note)
        SELECT row_number() OVER (ORDER BY c.id, m.kind), c.id, m.kind, m.due, 0, m.due + interval '30 minutes',
            'owner', ARRAY[coalesce(c.owner_id, 0)], m.due + interval '30 minutes', false, NULL, ''
        FROM cases_case c
        CROSS JOIN LATERAL (
            VALUES ('escalate_acknowledge', c.acknowledge_by, c.acknowledge_met),
                   ('escalate_respond', c.respond_by, c.respond_met)
        ) m (kind, due, met)
        WHERE c.status IN ('resolved', 'closed') AND m.met = false AND m.due IS NOT NULL;
        """
    )


def _sequences(cursor) -> None:
    for model in (Customer, Case, CaseEvent, ComplaintStage, CasePause, ChaseStep):
        table = model._meta.db_table
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT coalesce(max(id), 1) FROM {table}))", [table]
        )


def after_load(ctx) -> None:
    """The tallies the dashboard reads, counted from the rows: the replica role the load runs
    under (_deferred_checks_skip) turns their triggers off too."""
    for source in [*CASE_TALLIES, ESCALATION_TALLY, *COMPLAINT_TALLIES]:
        tally_rebuild(source)


def generate(ctx) -> None:
    from . import copy_rows

    scale = ctx.scale
    bench = bench_officer()
    if bench is None or not scale.cases:
        return
    salt = ctx.seed * 1000

    @contextmanager
    def step(name: str):
        started = time.perf_counter()
        yield
        ctx.timings[f"cases: {name}"] = time.perf_counter() - started

    # One transaction: the temporary tables the plan is made from go with it.
    with step("all, with the commit"), transaction.atomic(), connection.cursor() as cursor:
        _deferred_checks_skip(cursor)
        _temp_functions(cursor)
        with step("customers"):
            _customers(cursor, ctx, salt)
        with step("routing rules"):
            copy_rows(RoutingRule, _rules(ctx))
        with step("plan"):
            _due_table(cursor)
            _lookups(cursor, bench[1])
            _plan(cursor, ctx, salt, bench)
        with step("cases"):
            _cases(cursor, ctx, salt)
        with step("events"):
            _events(cursor, ctx, salt)
        with step("stages and pauses"):
            _stages_and_pauses(cursor)
        with step("escalations"):
            _escalations(cursor)
            _sequences(cursor)
    for model in TABLES:
        ctx.counts[model._meta.label] = model._default_manager.count()
    ctx.counts["open cases"] = Case.objects.open().count()
