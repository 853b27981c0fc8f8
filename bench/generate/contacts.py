"""Contacts rows: the demo's online request types, and every contact with the council over three
years (2,000,000 at council scale), made set-based inside PostgreSQL (INSERT ... SELECT over
generate_series, choices hashed from the row number and the seed, as bench/generate/cases.py does).

The request types come from the demo (contacts.demo.request_types_seed, through the services); each
is linked to the generated topic of its subject when there is one ("Bulky waste collection: ..."
for the bulky waste form), and that topic gets a routing rule to its team after the generated
rules, so a submission is routed (by an earlier rule when one matches its answers) and gets the
web standard's due times (bench/generate/standards.py seeds it).

The shape of the contacts, as a council's contact centre would record them:
- spread evenly over the last CONTACT_DAYS days, ids in time order; the web's share rises from 40%
  to 55% over the three years (WEB_SHARE_FROM, WEB_SHARE_TO); the rest is phone-heavy: phone,
  email, face to face, letter, web chat, social media, through a councillor;
- assisted contacts happen on working days in office hours, busiest around midday; web forms
  any day from early morning to late evening; each lasts what its channel takes (a call minutes,
  a visit longer, a form a few minutes to fill in);
- outcomes: a web form raises a case (a comment is recorded); an assisted contact is resolved at
  first point (40% rising to 47%), or raises a case, or is about an existing case (60% of those
  avoidable: the customer chasing progress), or is signposted to a partner, or passed on to an
  officer of the directory;
- a contact that raised a case points at a generated case of its channel received the same day
  (any channel that day when there is none, any case at all at the tiny scale), and one about an
  existing case at a case received in the three weeks before; both take the case's customer and
  topic. Others have a customer (a quarter of callers and visitors stay anonymous) and a topic; a
  signposted one a partner's topic and that partner;
- assisted contacts are taken by advisers: the first ADVISER_SHARE of the generated staff;
- web contacts carry a submission key (the idempotency key's unique index is as full as a real
  one) and the request type of their case's type."""

from __future__ import annotations

import datetime as dt
import time
from contextlib import contextmanager

from django.db import connection, transaction

from cases.models import RoutingRule
from contacts.demo import REQUEST_TYPES, request_types_seed
from contacts.models import (
    Contact,
    ContactsChange,
    Question,
    QuestionValue,
    RequestType,
    SurveyAnswer,
    SurveyInvitation,
)
from contacts.selectors import CONTACT_TALLIES, SURVEY_TALLY
from core.models import OutboundEmail
from core.tallies import tally_rebuild
from directory.models import Officer, Topic

from .cases import _deferred_checks_skip, _temp_functions

# Filled here (and compared by the reproducibility digest), in load order.
TABLES = [RequestType, Question, QuestionValue, Contact, SurveyInvitation, SurveyAnswer]
# Emptied before a rebuild but not filled here: the change history is stamped with the real time;
# the outbox holds the bench submissions' acknowledgements.
EMPTIED = [ContactsChange, OutboundEmail]
BULKY_WASTE = "bulky-waste-collection"

CONTACT_DAYS = 1095
WEB_SHARE_FROM, WEB_SHARE_TO = 0.40, 0.55
FIRST_POINT_FROM, FIRST_POINT_TO = 0.40, 0.47
ADVISER_SHARE = 1 / 30  # of the generated staff: 66 advisers at council scale
ANONYMOUS = 0.25  # of callers and visitors


def _request_types(ctx) -> None:
    """The demo's request types, each on the first public generated topic of its subject. The
    bulky waste form's topic also gets a routing rule to its team, after every generated rule,
    so a submission is routed rather than sent to triage."""
    request_types_seed()
    for request_type in RequestType.objects.order_by("id"):
        spec = next(s for s in REQUEST_TYPES if s["slug"] == request_type.slug)
        if request_type.topic_id is not None or not spec.get("topic"):
            continue
        topic = (
            Topic.objects.filter(team__isnull=False, is_public=True, slug__startswith=f"{spec['topic']}-")
            .order_by("id")
            .first()
        )
        if topic is not None:
            RequestType.objects.filter(pk=request_type.pk).update(topic=topic)
    # The services stamp updated_at with the real time; the same seed and day must give the same rows.
    stamp = dt.datetime.combine(ctx.today, dt.time(9, 0), tzinfo=dt.UTC)
    for model in (RequestType, Question):
        model.objects.update(updated_at=stamp)
    bulky = RequestType.objects.filter(slug=BULKY_WASTE, topic__isnull=False).select_related("topic").first()
    if bulky is not None:
        from . import copy_rows

        last = RoutingRule.objects.order_by("-position").values_list("id", "position").first() or (0, 0)
        copy_rows(
            RoutingRule,
            [{"id": last[0] + 1, "position": last[1] + 10, "name": "Bulky waste collections", "is_active": True,
              "case_types": [], "channels": [], "service_area_id": None, "topic_id": bulky.topic_id, "words": [],
              "postcodes": [], "wards": [], "needs": "", "team_id": bulky.topic.team_id, "priority": "",
              "updated_at": stamp}],
        )  # fmt: skip


def _lookups(cursor, advisers: int) -> None:
    """Temporary tables the contacts pick from by number: the cases by the day (in the council's
    time zone) and channel they were received, topics with a team, partners' topics, advisers and
    the online request types by case type."""
    cursor.execute(
        """
        CREATE TEMP TABLE bench_case_days ON COMMIT DROP AS
        SELECT (received_at AT TIME ZONE 'Europe/London')::date AS day, channel, id, customer_id, topic_id, case_type,
            (row_number() OVER (PARTITION BY (received_at AT TIME ZONE 'Europe/London')::date, channel
                                ORDER BY id) - 1)::bigint AS k,
            (row_number() OVER (PARTITION BY (received_at AT TIME ZONE 'Europe/London')::date ORDER BY id)
             - 1)::bigint AS k_day,
            (row_number() OVER (ORDER BY id) - 1)::bigint AS k_all
        FROM cases_case;
        CREATE TEMP TABLE bench_case_counts ON COMMIT DROP AS
        SELECT day, channel, count(*) AS n FROM bench_case_days GROUP BY day, channel;
        CREATE TEMP TABLE bench_case_day_counts ON COMMIT DROP AS
        SELECT day, count(*) AS n FROM bench_case_days GROUP BY day;
        CREATE TEMP TABLE bench_contact_topics ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY id) - 1)::bigint AS k, id, name FROM directory_topic
        WHERE team_id IS NOT NULL;
        CREATE TEMP TABLE bench_partner_topics ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY id) - 1)::bigint AS k, id, name, partner_id FROM directory_topic
        WHERE partner_id IS NOT NULL;
        CREATE TEMP TABLE bench_advisers ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY id) - 1)::bigint AS k, id FROM auth_user ORDER BY id LIMIT %(advisers)s;
        CREATE TEMP TABLE bench_passed_to ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY id) - 1)::bigint AS k, id FROM directory_officer;
        CREATE TEMP TABLE bench_request_types ON COMMIT DROP AS
        SELECT case_type, (row_number() OVER (PARTITION BY case_type ORDER BY id) - 1)::bigint AS k,
            count(*) OVER (PARTITION BY case_type) AS n, id, name
        FROM contacts_requesttype WHERE is_published AND takes_online;
        CREATE INDEX ON bench_case_days (day, channel, k);
        CREATE INDEX ON bench_case_days (day, k_day);
        CREATE INDEX ON bench_case_days (k_all);
        ANALYZE bench_case_days, bench_case_counts, bench_case_day_counts, bench_contact_topics,
            bench_partner_topics, bench_advisers, bench_passed_to, bench_request_types;
        """,
        {"advisers": advisers},
    )


def _plan(cursor, ctx, salt: int) -> None:
    """bench_contact_plan: one row per contact with each choice made once (MATERIALIZED, or
    PostgreSQL would inline the steps and recompute every hash many times over) and the row
    number to look up in each lookup table, so the insert joins on plain equalities."""
    scale = ctx.scale
    cursor.execute(
        """
        CREATE TEMP TABLE bench_contact_plan ON COMMIT DROP AS
        WITH base AS MATERIALIZED (
            SELECT n, (n - 1)::float8 / %(count)s AS t,
                %(start)s::date + floor((n - 1)::float8 * %(days)s / %(count)s)::int AS day0,
                pg_temp.u(n, %(s)s + 1) AS u_web,
                pg_temp.u(n, %(s)s + 2) AS u_channel,
                pg_temp.u(n, %(s)s + 3) AS u_outcome,
                pg_temp.u(n, %(s)s + 4) AS u_minute,
                pg_temp.u(n, %(s)s + 5) AS u_minute2,
                pg_temp.u(n, %(s)s + 6) AS u_took,
                pg_temp.u(n, %(s)s + 7) AS u_customer,
                pg_temp.rnd(n, %(s)s + 8) AS r_case,
                pg_temp.rnd(n, %(s)s + 9) AS r_pick
            FROM generate_series(1, %(count)s) n
        ), channelled AS MATERIALIZED (
            SELECT b.*,
                CASE WHEN b.u_web < %(web_from)s + (%(web_to)s - %(web_from)s) * b.t THEN 'web'
                     WHEN b.u_channel < 0.62 THEN 'phone' WHEN b.u_channel < 0.80 THEN 'email'
                     WHEN b.u_channel < 0.88 THEN 'face_to_face' WHEN b.u_channel < 0.92 THEN 'letter'
                     WHEN b.u_channel < 0.96 THEN 'web_chat' WHEN b.u_channel < 0.985 THEN 'social_media'
                     ELSE 'councillor' END AS channel
            FROM base b
        ), timed AS MATERIALIZED (
            -- Assisted contacts on working days (a weekend's move to a weekday of the same week),
            -- 08:45 to 17:00; web forms any day, 06:00 to 23:30. Both busiest around midday.
            SELECT c.*,
                CASE WHEN c.channel = 'web' OR extract(isodow FROM c.day0) < 6 THEN c.day0
                     ELSE c.day0 - extract(isodow FROM c.day0)::int + 1 + mod(c.r_pick / 31, 5)::int END AS day,
                CASE WHEN c.channel = 'web' THEN 360 ELSE 525 END
                    + CASE WHEN c.channel = 'web' THEN 1050 ELSE 495 END
                      * CASE WHEN mod(c.r_pick / 37, 5) < 2 THEN c.u_minute ELSE (c.u_minute + c.u_minute2) / 2 END
                    AS minute,
                CASE c.channel
                    WHEN 'web' THEN 60 + 540 * c.u_took ^ 2
                    WHEN 'phone' THEN 60 + 840 * c.u_took ^ 2
                    WHEN 'face_to_face' THEN 180 + 1320 * c.u_took ^ 2
                    WHEN 'web_chat' THEN 180 + 1080 * c.u_took ^ 2
                    ELSE 120 + 600 * c.u_took ^ 2 END AS took,
                CASE WHEN c.channel = 'web' THEN
                         CASE WHEN c.u_outcome < 0.04 THEN 'recorded' ELSE 'case_raised' END
                     WHEN c.u_outcome < %(fpr_from)s + (%(fpr_to)s - %(fpr_from)s) * c.t THEN 'resolved'
                     ELSE (ARRAY['case_raised', 'case_raised', 'case_raised', 'case_raised', 'case_raised',
                                 'existing_case', 'existing_case', 'existing_case', 'signposted', 'signposted',
                                 'passed_on'])[1 + mod(c.r_pick / 7, 11)::int] END AS outcome
            FROM channelled c
        ), looked AS MATERIALIZED (
            -- Where a case is needed: raised, the same day; an existing one, received 1 to 21 days before.
            SELECT m.*,
                m.outcome IN ('case_raised', 'existing_case') AS needs_case,
                CASE WHEN m.outcome = 'existing_case' THEN m.day - 1 - mod(m.r_case / 3, 21)::int ELSE m.day END
                    AS case_day,
                CASE WHEN m.outcome = 'case_raised' THEN
                         CASE WHEN m.channel IN ('web_chat', 'social_media') THEN 'web'
                              WHEN m.channel = 'councillor' THEN 'email' ELSE m.channel END END AS case_channel
            FROM timed m
        )
        SELECT l.n, l.channel, l.day, l.minute, l.took, l.outcome, l.u_customer, l.r_pick, l.case_day,
            l.case_channel,
            -- A case of its channel that day, else of any channel that day, else any case at all.
            CASE WHEN c1.n IS NOT NULL THEN mod(l.r_case, c1.n) END AS k_channel,
            CASE WHEN l.needs_case AND c1.n IS NULL AND c2.n IS NOT NULL THEN mod(l.r_case, c2.n) END AS k_day,
            CASE WHEN l.needs_case AND c1.n IS NULL AND c2.n IS NULL THEN mod(l.r_case, %(cases)s) END AS k_all,
            CASE WHEN l.channel <> 'web' THEN mod(l.r_pick / 13, %(advisers)s) END AS k_adviser,
            mod(l.r_pick / 17, %(topics)s) AS k_topic,
            CASE WHEN l.outcome = 'signposted' THEN mod(l.r_pick / 19, %(partner_topics)s) END AS k_partner,
            CASE WHEN l.channel <> 'web' THEN mod(l.r_pick / 41, %(officers)s) END AS k_passed_to
        FROM looked l
        LEFT JOIN bench_case_counts c1 ON l.needs_case AND c1.day = l.case_day AND c1.channel = l.case_channel
        LEFT JOIN bench_case_day_counts c2 ON l.needs_case AND c2.day = l.case_day;
        ANALYZE bench_contact_plan;
        """,
        {
            "s": salt,
            "count": scale.contacts,
            "start": ctx.today - dt.timedelta(days=CONTACT_DAYS),
            "days": CONTACT_DAYS,
            "web_from": WEB_SHARE_FROM,
            "web_to": WEB_SHARE_TO,
            "fpr_from": FIRST_POINT_FROM,
            "fpr_to": FIRST_POINT_TO,
            "cases": max(1, scale.cases),
            "advisers": max(1, round(scale.officers * ADVISER_SHARE)),
            "topics": max(1, Topic.objects.filter(team__isnull=False).count()),
            "partner_topics": max(1, Topic.objects.filter(partner__isnull=False).count()),
            "officers": max(1, Officer.objects.count()),
        },
    )


def _contacts(cursor, ctx, salt: int) -> None:
    cursor.execute(
        """
        INSERT INTO contacts_contact (id, channel, started_at, ended_at, adviser_id, customer_id, case_id, topic_id,
            partner_id, passed_to_id, request_type_id, summary, outcome, is_avoidable, answers, key, created_at)
        SELECT q.n, q.channel, q.started, q.started + make_interval(secs => q.took), q.adviser_id, q.customer_id,
            q.case_id,
            CASE WHEN q.case_id IS NULL AND q.request_type_id IS NOT NULL THEN coalesce(q.rt_topic, q.topic_id)
                 ELSE q.topic_id END,
            q.partner_id,
            -- Passed on: to an officer of the directory.
            CASE WHEN q.outcome = 'passed_on' OR (q.outcome = 'signposted' AND q.partner_id IS NULL)
                      OR (q.outcome IN ('case_raised', 'existing_case') AND q.case_id IS NULL)
                 THEN q.passed_to_id END,
            q.request_type_id, left(coalesce(q.rt_name, q.topic_name), 200),
            -- No partner's topic (no partners at all) or no case to point at: the contact was passed on.
            CASE WHEN q.outcome = 'signposted' AND q.partner_id IS NULL THEN 'passed_on'
                 WHEN q.outcome IN ('case_raised', 'existing_case') AND q.case_id IS NULL THEN 'passed_on'
                 ELSE q.outcome END,
            q.outcome = 'existing_case' AND mod(q.r_pick / 29, 10) < 6,
            '[]'::jsonb,
            CASE WHEN q.channel = 'web' THEN md5(q.n || ':' || %(s)s)::uuid END,
            q.started + make_interval(secs => q.took)
        FROM (
            SELECT p.n, p.channel, p.took, p.outcome, p.r_pick,
                (p.day + make_interval(secs => 60 * p.minute)) AT TIME ZONE 'Europe/London' AS started,
                a.id AS adviser_id, c.id AS case_id,
                CASE WHEN c.id IS NOT NULL THEN c.topic_id WHEN p.outcome = 'signposted' THEN pt.id ELSE t.id END
                    AS topic_id,
                pt.partner_id, o.id AS passed_to_id,
                CASE WHEN c.id IS NOT NULL THEN c.customer_id
                     WHEN p.channel IN ('phone', 'face_to_face') AND p.u_customer < %(anonymous)s THEN NULL
                     ELSE 1 + mod(p.r_pick / 11, %(customers)s) END AS customer_id,
                rt.id AS request_type_id, rt.name AS rt_name, rtt.topic_id AS rt_topic,
                coalesce(CASE WHEN p.outcome = 'signposted' THEN pt.name ELSE t.name END, 'General enquiry')
                    AS topic_name
            FROM bench_contact_plan p
            LEFT JOIN bench_case_days d1 ON d1.day = p.case_day AND d1.channel = p.case_channel AND d1.k = p.k_channel
            LEFT JOIN bench_case_days d2 ON d2.day = p.case_day AND d2.k_day = p.k_day
            LEFT JOIN bench_case_days d3 ON d3.k_all = p.k_all
            CROSS JOIN LATERAL (
                SELECT coalesce(d1.id, d2.id, d3.id) AS id,
                    coalesce(d1.customer_id, d2.customer_id, d3.customer_id) AS customer_id,
                    coalesce(d1.topic_id, d2.topic_id, d3.topic_id) AS topic_id,
                    coalesce(d1.case_type, d2.case_type, d3.case_type) AS case_type
            ) c
            LEFT JOIN bench_advisers a ON a.k = p.k_adviser
            LEFT JOIN bench_contact_topics t ON t.k = p.k_topic
            LEFT JOIN bench_partner_topics pt ON pt.k = p.k_partner
            LEFT JOIN bench_passed_to o ON o.k = p.k_passed_to
            -- A web contact's form: one of its case's type (the comment form for a comment recorded).
            LEFT JOIN bench_request_types rt ON p.channel = 'web'
                AND rt.case_type = CASE WHEN p.outcome = 'recorded' THEN 'comment' ELSE c.case_type END
                AND rt.k = mod(p.r_pick / 23, rt.n)
            LEFT JOIN contacts_requesttype rtt ON rtt.id = rt.id
        ) q
        """,
        {"s": salt, "anonymous": ANONYMOUS, "customers": max(1, ctx.scale.customers)},
    )
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence('contacts_contact', 'id'), "
        "(SELECT coalesce(max(id), 1) FROM contacts_contact))"
    )


@contextmanager
def _indexes_dropped(cursor, table: str):
    """Load without the table's indexes, then build them: PostgreSQL keeps a dozen indexes up to
    date row by row (several in random order: keys, customers, cases) far slower than it sorts
    and builds each once. All but the primary key (rows arrive in its order) are dropped, the
    unique constraint with its index, and made again from their own definitions."""
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), c.conname, pg_get_constraintdef(c.oid)
        FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
        WHERE i.indrelid = %s::regclass AND NOT i.indisprimary ORDER BY 1
        """,
        [table],
    )
    indexes = cursor.fetchall()
    for name, _, constraint, _ in indexes:
        if constraint:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(constraint)}")
        else:
            cursor.execute(f"DROP INDEX {name}")
    yield
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _, definition, constraint, constraint_definition in indexes:
        if constraint:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(constraint)} {constraint_definition}"
            )
        else:
            cursor.execute(definition)


def _surveys(cursor) -> None:
    """The survey sent after one in eight resolved cases whose customer has an email address,
    a day after it was resolved, with what it was about copied as survey_invite copies it; one in
    four answered (satisfied more often than not)."""
    cursor.execute(
        """
        INSERT INTO contacts_surveyinvitation (id, case_id, contact_id, customer_id, email, channel, service_area_id,
            customer_type, sent_at, expires_at)
        SELECT row_number() OVER (ORDER BY c.id), c.id, NULL, c.customer_id, cu.email, c.channel, c.service_area_id,
            cu.customer_type, c.resolved_at + interval '1 day', c.resolved_at + interval '29 days'
        FROM cases_case c JOIN cases_customer cu ON cu.id = c.customer_id
        WHERE c.resolved_at IS NOT NULL AND cu.email <> '' AND mod(c.id, 8) = 3;
        INSERT INTO contacts_surveyanswer (id, invitation_id, satisfaction, resolved, comment, answered_at)
        SELECT row_number() OVER (ORDER BY i.id), i.id, (ARRAY[5, 4, 4, 5, 3, 2, 4, 1])[1 + mod(i.id, 8)::int],
            mod(i.id, 5) <> 0, CASE WHEN mod(i.id, 3) = 0 THEN 'Kept me informed.' ELSE '' END,
            i.sent_at + interval '2 days'
        FROM contacts_surveyinvitation i WHERE mod(i.id, 4) = 1;
        """
    )
    for model in (SurveyInvitation, SurveyAnswer):
        table = model._meta.db_table
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT coalesce(max(id), 1) FROM {table}))", [table]
        )


def after_load(ctx) -> None:
    """The contact and survey tallies, counted from the rows (the load's replica role turns their
    triggers off: cases.after_load)."""
    for source in [*CONTACT_TALLIES, SURVEY_TALLY]:
        if source.table:
            tally_rebuild(source)


def generate(ctx) -> None:
    _request_types(ctx)
    scale = ctx.scale
    if scale.contacts and scale.cases:
        salt = ctx.seed * 1000 + 500
        started = time.perf_counter()
        # One transaction: the temporary tables the contacts are made from go with it.
        with transaction.atomic(), connection.cursor() as cursor:
            _deferred_checks_skip(cursor)
            _temp_functions(cursor)
            _lookups(cursor, max(1, round(scale.officers * ADVISER_SHARE)))
            _plan(cursor, ctx, salt)
            ctx.timings["contacts: lookups and plan"] = time.perf_counter() - started
            with _indexes_dropped(cursor, Contact._meta.db_table):
                _contacts(cursor, ctx, salt)
                ctx.timings["contacts: contacts"] = time.perf_counter() - started
            ctx.timings["contacts: indexes"] = time.perf_counter() - started
            _surveys(cursor)
            ctx.timings["contacts: surveys"] = time.perf_counter() - started
        ctx.timings["contacts: all, with the commit"] = time.perf_counter() - started
    for model in TABLES:
        ctx.counts[model._meta.label] = model._default_manager.count()
    ctx.counts["web contacts"] = Contact.objects.web().count()
