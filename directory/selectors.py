"""Reads from the directory: the public A to Z, the staff phone guide, search, and the
access-checked fetchers that every edit view uses."""

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models
from django.db.models import F, Prefetch
from django.db.models.functions import Substr, Upper
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from core.calendar import is_closed as council_closed

from .models import Absence, ContactDetails, DirectoryChange, Officer, Partner, SearchEntry, ServiceArea, Team, Topic

logger = logging.getLogger(__name__)

# --- Search -------------------------------------------------------------------------------------

QUERY_MAX_LENGTH = 200
# Only the first few words of a query are checked for spelling: each check is an index look-up.
SPELLING_WORDS = 10
# How many cheaply ranked entries get the full (costlier) scoring.
_SHORTLIST = 60
# Public searches accept a spelling correction only this close to the word typed (trigram
# similarity; the index's own threshold is 0.3). A one-letter slip in a word of five or more
# letters scores 0.44 or more ("noisey" -> noisy, "counsil" -> council), while a different,
# shorter word inside the one typed scores less ("passport" -> sport: 0.36), and a resident shown
# sports pitch bookings for "passport" is worse off than one told we found nothing (that page
# gives our phone number). Staff keep every correction: they know what they are looking for.
PUBLIC_SPELLING_SIMILARITY = 0.4
# Public results pages: 20 a page, and no further than the shortlist goes (3 pages).
SEARCH_PAGE_SIZE = 20
SEARCH_RESULTS_MAX = max(SEARCH_PAGE_SIZE * 3, _SHORTLIST)  # the shortlist: entries past it never show
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class SearchQueryText:
    text: str
    shortened: bool


def search_query_clean(raw: str | None) -> SearchQueryText:
    """Normalise what someone typed: no control characters (NUL breaks the driver), single spaces,
    at most QUERY_MAX_LENGTH characters."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = " ".join(_CONTROL.sub(" ", text).split())
    shortened = len(text) > QUERY_MAX_LENGTH
    return SearchQueryText(text[:QUERY_MAX_LENGTH].strip(), shortened)


@dataclass(frozen=True)
class SearchResult:
    kind: str
    kind_label: str
    title: str
    summary: str
    phone: str
    reason: str
    url: str
    every_word: bool = True  # False: only some of the query's words matched
    partner_name: str = ""  # a topic another body deals with: that body's name
    slug: str = ""  # the entry's slug (officers: "officer-<id>"), for fetching its details


# "Who deals with X" in one statement, in four steps:
#  1. Spelling. Each query word that is not in the word list (SearchWord: the few hundred distinct
#     words of the entries' names, synonyms and keywords) gets the closest words of the list as
#     alternatives, by trigram similarity through the list's GiST index: "counsil" -> council.
#     Alternatives within 0.1 of the best one are all kept ("pot hole": pothole for both words).
#  2. Candidates, through the full-text GIN index: entries matching every word (any spelling of
#     each); only when those fill less than a page, also entries with any word in their name,
#     synonyms or keywords (weights A and B), for natural questions like "mould in my flat".
#     PostgreSQL evaluates that uncorrelated count once and skips the branch when it is false.
#  3. A cheap rank of every candidate (every word: 1, any word in the name or synonyms: 0.3, plus
#     ts_rank, times a weight by kind, topics first), shortlisting the best 60 ...
#  4. ... which alone get the costly measure, closeness: the best trigram similarity between the
#     query (as typed or as corrected) and one whole name, synonym or keyword, so "asb" or
#     "council tax" put the entry with exactly that term first. Closeness adds at most 0.5 and only
#     reorders near-equal entries, so an entry outside the shortlist would have to overtake dozens;
#     the search-quality table in the tests pins the results. The reasons (name, synonym, keyword,
#     or "similar spelling" when none of the words as typed is in the entry) are worked out for
#     the page of results only.
# Written as SQL rather than ORM expressions because it is the hottest read in the product: the ORM
# took longer to compile this query than PostgreSQL took to run it (decision record 0004).
_SEARCH_SQL = """
WITH typed AS (
    SELECT t.word, t.position FROM unnest(%(words)s::text[]) WITH ORDINALITY AS t (word, position)
), spellings AS (
    SELECT typed.position, typed.word AS typed, alt.word, alt.similarity,
           max(alt.similarity) FILTER (WHERE alt.word <> typed.word) OVER (PARTITION BY typed.position) AS best
    FROM typed CROSS JOIN LATERAL (
        SELECT typed.word, 1.0::real
        UNION ALL
        (SELECT sw.word, similarity(sw.word, typed.word) FROM directory_searchword sw
         WHERE typed.position <= %(spelling_words)s AND length(typed.word) >= 3
           AND sw.word %% typed.word AND (%(staff)s OR sw.is_public)
           AND (%(staff)s OR similarity(sw.word, typed.word) >= %(public_similarity)s)
           AND NOT EXISTS (SELECT 1 FROM directory_searchword known
                           WHERE known.word = typed.word AND (%(staff)s OR known.is_public))
         ORDER BY sw.word <-> typed.word LIMIT 3)
    ) AS alt (word, similarity)
), per_word AS (
    SELECT position, quote_literal(typed) AS as_typed,
           '(' || string_agg(quote_literal(word), ' | ') || ')' AS any_spelling,
           string_agg(quote_literal(word) || ':AB', ' | ') AS in_name,
           (array_agg(word ORDER BY word = typed, similarity DESC))[1] AS likeliest
    FROM spellings WHERE word = typed OR similarity >= best - 0.1
    GROUP BY position, typed
), q AS MATERIALIZED (
    SELECT to_tsquery('english', string_agg(any_spelling, ' & ' ORDER BY position)) AS every,
           to_tsquery('english', string_agg(in_name, ' | ' ORDER BY position)) AS some,
           to_tsquery('english', string_agg(as_typed, ' & ' ORDER BY position)) AS as_typed,
           to_tsquery('english', string_agg(as_typed || ':AB', ' | ' ORDER BY position)) AS some_as_typed,
           string_agg(likeliest, ' ' ORDER BY position) AS likeliest
    FROM per_word
), visible AS NOT MATERIALIZED (
    SELECT e.* FROM directory_searchentry e
    WHERE %(staff)s OR (e.is_public AND e.kind <> 'officer')
), candidates AS (
    SELECT e.*, TRUE AS every_hit FROM visible e, q WHERE e.document @@ q.every
    UNION ALL
    SELECT e.*, FALSE FROM visible e, q
    WHERE e.document @@ q.some AND NOT e.document @@ q.every
      AND (SELECT count(*) FROM (SELECT 1 FROM visible x, q WHERE x.document @@ q.every LIMIT %(some_below)s) AS n)
          < %(some_below)s
), scored AS (
    SELECT c.*,
           CASE c.kind WHEN 'topic' THEN 1.0 WHEN 'service' THEN 0.9 WHEN 'partner' THEN 0.85
                       WHEN 'team' THEN 0.8 ELSE 0.7 END AS kind_weight,
           CASE WHEN c.every_hit THEN 1.0 ELSE 0.0 END + CASE WHEN c.document @@ q.some THEN 0.3 ELSE 0.0 END
               + ts_rank(c.document, q.some) AS base,
           count(*) OVER () AS found
    FROM candidates c, q
), shortlist AS (
    SELECT * FROM scored ORDER BY kind_weight * base DESC, length(terms), id LIMIT %(shortlist)s
), ranked AS (
    SELECT s.*, s.kind_weight * (s.base + 0.5 * (
               SELECT max(greatest(similarity(%(text)s, t), similarity(q.likeliest, t)))
               FROM unnest(string_to_array(s.terms, ' | ')) AS t)) AS score
    FROM shortlist s, q
    ORDER BY score DESC, s.title, s.kind LIMIT %(limit)s OFFSET %(offset)s
)
SELECT r.kind, r.slug, r.title, r.summary, r.phone, sa.slug AS area_slug,
       CASE WHEN r.every_hit THEN NOT r.document @@ q.as_typed ELSE NOT r.document @@ q.some_as_typed END
           AS spelling_hit,
       r.every_hit,
       to_tsvector('english', r.title) @@ q.every AS title_hit,
       (SELECT s FROM unnest(string_to_array(r.synonyms, ' | ')) AS s
        WHERE s <> '' AND to_tsvector('english', s) @@ q.every LIMIT 1) AS synonym_hit,
       (SELECT k FROM unnest(string_to_array(r.keywords, ' | ')) AS k
        WHERE k <> '' AND to_tsvector('english', k) @@ q.every LIMIT 1) AS keyword_hit,
       (SELECT t FROM unnest(string_to_array(r.terms, ' | ')) AS t
        ORDER BY word_similarity(q.likeliest, t) DESC, length(t) LIMIT 1) AS best_term,
       p.name AS partner_name, r.found
FROM ranked r CROSS JOIN q LEFT JOIN directory_servicearea sa ON sa.id = r.service_area_id
LEFT JOIN directory_topic t ON r.kind = 'topic' AND t.id = r.object_id
LEFT JOIN directory_partner p ON p.id = t.partner_id
ORDER BY r.score DESC, r.title, r.kind
"""


@dataclass(frozen=True)
class _Row:
    kind: str
    slug: str
    title: str
    summary: str
    phone: str
    area_slug: str | None
    spelling_hit: bool
    every_hit: bool
    title_hit: bool
    synonym_hit: str | None
    keyword_hit: str | None
    best_term: str | None
    partner_name: str | None
    found: int


def _reason(row: _Row) -> str:
    if row.spelling_hit:
        return f"Similar spelling to '{row.best_term}'"
    if row.title_hit:
        return "Name"
    if row.synonym_hit:
        return f"Job title: {row.synonym_hit}" if row.kind == "officer" else f"Also called: {row.synonym_hit}"
    if row.keyword_hit:
        return f"Keyword: {row.keyword_hit}"
    if row.every_hit:
        return "Words in its description"
    return "Some of your words"


def _result_url(row: _Row, *, staff: bool) -> str:
    if row.kind == "service":
        return reverse("directory:phone-guide-area" if staff else "directory:service-detail", args=[row.slug])
    if row.kind == "partner":
        return reverse("directory:phone-guide" if staff else "directory:service-list") + f"#partner-{row.slug}"
    if row.kind == "topic" and not staff:
        return reverse("directory:topic-detail", args=[row.area_slug, row.slug])  # a page per task
    page = reverse("directory:phone-guide-area" if staff else "directory:service-detail", args=[row.area_slug])
    return f"{page}#{row.kind}-{row.slug}" if row.kind != "officer" else f"{page}#{row.slug}"


def directory_search(*, query: str, staff: bool, limit: int = 20) -> list[SearchResult]:
    """ "Who deals with X" over topics, services, teams, partners and (for staff) officers: full-text
    search with English stemming, weighted name A / synonyms and keywords B / the rest C, with
    misspelt words corrected against the directory's own words. One SQL query (see _SEARCH_SQL);
    none at all when the query has no letters or digits.

    Public searches (staff=False) see only public entries, never officers, accept only close
    spelling corrections (PUBLIC_SPELLING_SIMILARITY), and show entries matching only some of the
    words only when none matches them all: a near miss is not offered as an answer."""
    return _search(query=query, staff=staff, limit=limit, offset=0)[0]


@dataclass(frozen=True)
class SearchPage:
    results: list[SearchResult]
    found: int  # every entry that matched, on any page
    number: int  # this page, from 1
    pages: int  # how many pages can be shown (no further than the shortlist)


def directory_search_page(*, query: str, number: int, staff: bool = False) -> SearchPage:
    """One page of a search (public unless `staff`): still one query. Raises Http404 for a page
    past the last."""
    size, reachable = SEARCH_PAGE_SIZE, SEARCH_RESULTS_MAX  # entries past the shortlist never show
    if number < 1 or (number - 1) * size >= reachable:
        raise Http404("No such page of results")
    results, found = _search(query=query, staff=staff, limit=size, offset=(number - 1) * size)
    pages = -(-min(found, reachable) // size)
    if number > 1 and not results:
        raise Http404("No such page of results")
    return SearchPage(results=results, found=found, number=number, pages=pages)


def _search(*, query: str, staff: bool, limit: int, offset: int) -> tuple[list[SearchResult], int]:
    text = search_query_clean(query).text.lower()
    words = list(dict.fromkeys(word for word in re.split(r"[\W_]+", text) if word))
    if not words:
        return [], 0
    params: dict[str, Any] = {"words": words, "text": text, "staff": staff, "limit": limit, "offset": offset,
              "shortlist": max(limit * 3, _SHORTLIST), "spelling_words": SPELLING_WORDS,
              "public_similarity": PUBLIC_SPELLING_SIMILARITY,
              # Staff see entries matching some of the words whenever a page is not full of
              # entries matching them all; the public only when none does.
              "some_below": limit if staff else 1}  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(_SEARCH_SQL, params)
        rows = [_Row(*values) for values in cursor.fetchall()]
    results = [
        SearchResult(
            kind=row.kind,
            kind_label=SearchEntry.Kind(row.kind).label,
            title=row.title,
            summary=row.summary,
            phone=row.phone,
            reason=_reason(row),
            url=_result_url(row, staff=staff),
            every_word=row.every_hit,
            partner_name=row.partner_name or "",
            slug=row.slug,
        )
        for row in rows
    ]
    return results, rows[0].found if rows else 0


# --- Public pages --------------------------------------------------------------------------------

CONTACT_DETAILS_CACHE_KEY = "directory:contact-details:1"
CONTACT_FIELDS = ("name", "phone", "email", "address", "opening_hours")


def contact_details_stored() -> ContactDetails | None:
    """The stored contact details row, None until an administrator first saves it (one query)."""
    return ContactDetails.objects.filter(pk=1).first()


def contact_details() -> ContactDetails:
    """The council's customer services contact details (unsaved and blank until an administrator
    enters them). Every public page shows them in its footer, so they are read from the cache,
    which the update service clears on commit; with Redis down, from the database."""
    try:
        values = cache.get(CONTACT_DETAILS_CACHE_KEY)
    except Exception:  # any cache failure: the database still answers
        logger.warning("Cache unavailable: reading contact details from the database", exc_info=True)
        return contact_details_stored() or ContactDetails(pk=1)
    if values is None:
        stored = contact_details_stored() or ContactDetails(pk=1)
        values = {name: getattr(stored, name) for name in CONTACT_FIELDS}
        try:
            cache.set(CONTACT_DETAILS_CACHE_KEY, values, timeout=None)
        except Exception:
            logger.warning("Cache unavailable: contact details not cached", exc_info=True)
        return stored
    return ContactDetails(pk=1, **values)


def service_area_list_public() -> list[ServiceArea]:
    return list(ServiceArea.objects.public().only("name", "slug", "summary"))


def partner_list() -> list[Partner]:
    return list(Partner.objects.all())


def topic_letters_public() -> list[str]:
    """The first letters of the public topics' names, for the A to Z's letter links: one query."""
    letters = Topic.objects.public().annotate(letter=Upper(Substr("name", 1, 1))).values_list("letter", flat=True)
    return sorted(set(letters.distinct()))


def topic_list_public(*, letter: str) -> list[dict]:
    """The public topics whose names start with `letter`, for the A to Z, as rows (name, slug,
    area_slug): one query. One letter at a time: a council lists thousands of topics, and one
    page of them all took 200 ms to render at council scale (docs/performance.md)."""
    topics = Topic.objects.public().filter(name__istartswith=letter).order_by("name", "slug")
    return list(topics.values("name", "slug", area_slug=F("service_area__slug")))


@dataclass(frozen=True)
class TopicPage:
    topic: Topic  # with its service area, team and partner loaded
    related: list[dict]  # a few other public topics of the same area: name, slug


RELATED_TOPICS = 5


def topic_get_public(*, area_slug: str, slug: str) -> TopicPage:
    """A public topic's own page: the topic with its area, team and partner in one query, and a
    few related topics of its area in one more. 404 unless the topic and its area are public and
    the area is the one in the address (an old or made-up address must not show a topic under
    another service's name)."""
    try:
        topic = (
            Topic.objects.public()
            .select_related("service_area", "team", "partner")
            .get(slug=slug, service_area__slug=area_slug)
        )
    except Topic.DoesNotExist:
        raise Http404("No such topic") from None
    related = (
        Topic.objects.public()
        .filter(service_area_id=topic.service_area_id)
        .exclude(pk=topic.pk)
        .order_by("name")
        .values("name", "slug")[:RELATED_TOPICS]
    )
    return TopicPage(topic=topic, related=list(related))


def service_area_get_public(*, slug: str) -> tuple[ServiceArea, list[dict]]:
    """A public service with its teams, and its public topics as rows for the page, each with who
    to contact (its team, or the partner it is signposted to) already joined in: 3 queries.
    Rows rather than model instances because a service page can list hundreds of topics, and
    building and rendering instances was most of its cost (about 40% less time with rows)."""
    try:
        area = (
            ServiceArea.objects.public()
            .prefetch_related(Prefetch("teams", Team.objects.order_by("name")))
            .get(slug=slug)
        )
    except ServiceArea.DoesNotExist:
        raise Http404("No such service") from None
    topics = (
        Topic.objects.public()
        .filter(service_area=area)
        .order_by("name")
        .values(
            "slug", "name", "synonyms", "online_url", "description",
            team_name=F("team__name"), team_phone=F("team__public_phone"),
            partner_name=F("partner__name"), partner_phone=F("partner__phone"), partner_web_url=F("partner__web_url"),
        )
    )  # fmt: skip
    return area, list(topics)


# --- The staff phone guide ----------------------------------------------------------------------


def absence_reason_area_ids(user) -> set[int] | None:
    """Who may see why an officer is away: the one rule for every page, print-out and API that
    shows absences. The reason can be health data (UK GDPR special category), so only the
    officer's managers see it: team and service managers whose editing scope covers the officer's
    service area (the same scope as editing the absence), and administrators. Returns the service
    areas whose absence reasons `user` may see: None for every area, an empty set for none
    (advisers, officers, councillors, anyone who may not edit absences)."""
    if user is None or not user.is_authenticated or not user.has_perm("directory.change_absence"):
        return set()
    return editor_area_ids(user)


@dataclass(frozen=True)
class AwayNotice:
    """One absence as the phone guide shows it. Templates and the API get this rather than the
    Absence itself, so the reason reaches a page only when absence_reason_area_ids allows it."""

    officer: Officer
    started: bool  # False: away later today
    starts_at: datetime
    tell_callers: str  # when the officer is back, and who to contact instead; never the reason
    reason: str  # "" unless the viewer may see it


def away_notice(
    absence: Absence, *, reason_area_ids: set[int] | None, now: datetime | None = None, relative: bool = True
) -> AwayNotice:
    """`absence` for a viewer whose absence_reason_area_ids are `reason_area_ids`. Needs the
    absence's officer and team loaded (the phone guide's queries join or prefetch them). A return
    on a day the council is closed says so (core.calendar, which standards answers from the
    council calendar it keeps in memory: no query per absence)."""
    now = now or timezone.now()
    area_id = absence.officer.team.service_area_id
    shown = reason_area_ids is None or area_id in reason_area_ids
    return AwayNotice(
        officer=absence.officer,
        started=absence.starts_at <= now,
        starts_at=absence.starts_at,
        tell_callers=absence.tell_callers(now=now, relative=relative, is_closed=council_closed),
        reason=absence.get_reason_display() if shown else "",
    )


def _away_today() -> models.QuerySet:
    now = timezone.now()
    end_of_today = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    return Absence.objects.filter(starts_at__lte=end_of_today, ends_at__gt=now).order_by("starts_at")


def phone_guide_areas(*, user, slug: str | None = None, relative: bool = True) -> list[ServiceArea]:
    """Service areas with their teams, officers (each with `away_today`: AwayNotices for `user`)
    and topics: five queries whatever the number of areas, one more for a manager's scope.
    relative=False words dates in full ("9am on Monday 7 December", never "today"), for print."""
    officers = Officer.objects.select_related("user").prefetch_related(
        Prefetch("absences", _away_today(), to_attr="away_today")
    )
    teams = Team.objects.order_by("name").prefetch_related(Prefetch("officers", officers))
    topics = Topic.objects.select_related("team", "partner").order_by("name")
    areas = ServiceArea.objects.all().prefetch_related(Prefetch("teams", teams), Prefetch("topics", topics))
    found = list(areas if slug is None else areas.filter(slug=slug))
    if slug is not None and not found:
        raise Http404("No such service area")
    reason_area_ids, now = absence_reason_area_ids(user), timezone.now()
    for area in found:
        for team in area.teams.all():
            for officer in team.officers.all():
                officer.away_today = [
                    away_notice(absence, reason_area_ids=reason_area_ids, now=now, relative=relative)
                    for absence in officer.away_today
                ]
    return found


def phone_guide_index(*, user) -> dict:
    """The front page of the phone guide: areas with their teams, who is away today (AwayNotices
    for `user`), partners."""
    teams = Team.objects.order_by("name").only("name", "slug", "internal_phone", "public_phone", "service_area_id")
    reason_area_ids, now = absence_reason_area_ids(user), timezone.now()
    away = _away_today().select_related("officer__user", "officer__team__service_area")
    return {
        "areas": list(ServiceArea.objects.all().prefetch_related(Prefetch("teams", teams))),
        "away": [away_notice(absence, reason_area_ids=reason_area_ids, now=now) for absence in away],
        "partners": partner_list(),
    }


def team_away_today(*, team_id: int, user) -> list[AwayNotice]:
    """The officers of one team away today (now or later today), as AwayNotices for `user`: what
    an adviser tells a caller about the team that owns their topic. One query."""
    reason_area_ids, now = absence_reason_area_ids(user), timezone.now()
    away = _away_today().filter(officer__team_id=team_id).select_related("officer__user", "officer__team")
    return [away_notice(absence, reason_area_ids=reason_area_ids, now=now) for absence in away]


def phone_guide_topic_index(areas: list[ServiceArea]) -> list[Topic]:
    """Every topic of `areas` (from phone_guide_areas, topics prefetched with their team and
    partner), A to Z whatever its area, for the printed guide's index: no query."""
    topics = [topic for area in areas for topic in area.topics.all()]
    return sorted(topics, key=lambda topic: (topic.name.casefold(), topic.pk))


@dataclass(frozen=True)
class TransferTeam:
    """The team a staff search result leads to (the team itself, a topic's owner, an officer's
    team), with what an adviser needs to transfer a call or tell the caller what to do."""

    name: str
    internal_phone: str  # staff only: never given to callers
    public_phone: str
    out_of_hours: str
    area_name: str
    area_phone: str
    area_opening_hours: str
    everyone_away: bool  # every officer of the team is away now (a team with no officers: False)


@dataclass(frozen=True)
class TransferPartner:
    name: str
    phone: str
    opening_hours: str
    how_to_refer: str


@dataclass(frozen=True)
class StaffSearchResult(SearchResult):
    away: AwayNotice | None = None  # officers away today, as the phone guide shows them
    team: TransferTeam | None = None
    partner: TransferPartner | None = None  # partner results, and topics another body deals with
    direct_line: str = ""  # officers
    number_shareable: bool = False  # officers: the direct line may be given to callers
    adviser_script: str = ""  # topics
    referral: str = ""  # partner topics: how residents contact the partner


def _anchor(result: SearchResult) -> tuple[str, str] | None:
    """The (kind, key) of a team, topic, partner or officer result: its slug, an officer's id."""
    if result.kind not in ("team", "topic", "partner", "officer") or not result.slug:
        return None
    if result.kind == "officer":
        number = result.slug.removeprefix("officer-")
        return ("officer", number) if number.isdigit() else None
    return result.kind, result.slug


def _officer_id(result: SearchResult) -> int | None:
    anchor = _anchor(result)
    return int(anchor[1]) if anchor is not None and anchor[0] == "officer" else None


# The details of every team, topic, officer and partner on a page of staff results, in one query:
# each result's own row (a topic's owner, an officer's line) with its team, the team's service
# area and officer count, and the partner, joined once whatever the number of results.
_STAFF_DETAILS_SQL = """
WITH wanted AS (
    SELECT 'team' AS kind, t.slug AS key, t.id AS team_id, NULL::bigint AS partner_id,
           '' AS direct_line, false AS shareable, '' AS script, '' AS referral
    FROM directory_team t WHERE t.slug = ANY(%(teams)s::text[])
  UNION ALL
    SELECT 'topic', tp.slug, tp.team_id, tp.partner_id, '', false, tp.adviser_script, tp.referral
    FROM directory_topic tp WHERE tp.slug = ANY(%(topics)s::text[])
  UNION ALL
    SELECT 'officer', o.id::text, o.team_id, NULL, o.direct_line, o.number_shareable, '', ''
    FROM directory_officer o WHERE o.id = ANY(%(officers)s::bigint[])
  UNION ALL
    SELECT 'partner', p.slug, NULL, p.id, '', false, '', ''
    FROM directory_partner p WHERE p.slug = ANY(%(partners)s::text[])
)
SELECT w.kind, w.key, w.direct_line, w.shareable, w.script, w.referral,
       t.id, t.name, t.internal_phone, t.public_phone, t.out_of_hours,
       (SELECT count(*) FROM directory_officer x WHERE x.team_id = t.id),
       sa.name, sa.public_phone, sa.opening_hours,
       p.name, p.phone, p.opening_hours, p.how_to_refer
FROM wanted w
LEFT JOIN directory_team t ON t.id = w.team_id
LEFT JOIN directory_servicearea sa ON sa.id = t.service_area_id
LEFT JOIN directory_partner p ON p.id = w.partner_id
"""


def phone_guide_search_results(results: list[SearchResult], *, user) -> list[StaffSearchResult]:
    """Staff search results with what a transfer needs: for teams their numbers and out-of-hours
    arrangement, for topics the owning team and its internal number (or the partner's number to
    give), for officers their direct line (and whether callers may have it) and whether they are
    away today (AwayNotices for `user`), and for each team whether everyone in it is away.

    Two queries whatever the number of results: one for the details (_STAFF_DETAILS_SQL), one for
    today's absences in the teams found; none when no result is a team, topic, officer or
    partner, and no second one when those teams have no officers."""
    wanted: dict[str, list[str]] = {"team": [], "topic": [], "officer": [], "partner": []}
    for result in results:
        anchor = _anchor(result)
        if anchor is not None:
            wanted[anchor[0]].append(anchor[1])
    rows: dict[tuple[str, str], tuple] = {}
    if any(wanted.values()):
        params: dict[str, Any] = {"teams": wanted["team"], "topics": wanted["topic"], "partners": wanted["partner"],
                  "officers": [int(key) for key in wanted["officer"]]}  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(_STAFF_DETAILS_SQL, params)
            rows = {(row[0], row[1]): row for row in cursor.fetchall()}
    officer_counts = {row[6]: row[11] for row in rows.values() if row[6] is not None}
    notices: dict[int, AwayNotice] = {}
    away_now: dict[int, set[int]] = {}  # team id: its officers away at this moment
    if any(officer_counts.values()):
        reason_area_ids, now = absence_reason_area_ids(user), timezone.now()
        away = (
            _away_today()
            .filter(officer__team_id__in=list(officer_counts))
            .select_related("officer__user", "officer__team")
        )
        for absence in away:
            notices.setdefault(absence.officer_id, away_notice(absence, reason_area_ids=reason_area_ids, now=now))
            if absence.starts_at <= now:
                away_now.setdefault(absence.officer.team_id, set()).add(absence.officer_id)
    staff_results = []
    for result in results:
        anchor = _anchor(result)
        row = rows.get(anchor) if anchor is not None else None
        extra: dict[str, Any] = {}
        if row is not None:
            (_, _, direct_line, shareable, script, referral, team_id, team_name, internal, public, out_of_hours,
             officers, area_name, area_phone, area_hours, partner_name, partner_phone, partner_hours,
             how_to_refer) = row  # fmt: skip
            if team_id is not None:
                extra["team"] = TransferTeam(
                    name=team_name, internal_phone=internal, public_phone=public, out_of_hours=out_of_hours,
                    area_name=area_name, area_phone=area_phone, area_opening_hours=area_hours,
                    everyone_away=officers > 0 and len(away_now.get(team_id, ())) >= officers,
                )  # fmt: skip
            if partner_name is not None:
                extra["partner"] = TransferPartner(
                    name=partner_name, phone=partner_phone, opening_hours=partner_hours, how_to_refer=how_to_refer
                )
            extra.update(direct_line=direct_line, number_shareable=shareable, adviser_script=script, referral=referral)
        officer_id = _officer_id(result)
        staff_results.append(
            StaffSearchResult(
                **{name: getattr(result, name) for name in SearchResult.__dataclass_fields__},
                away=notices.get(officer_id) if officer_id is not None else None,
                **extra,
            )
        )
    return staff_results


# --- Editing: scope and the access-checked fetcher ----------------------------------------------

# How each model reaches its service area (None: council-wide, any editor may change it).
_AREA_PATH = {
    ServiceArea: "pk",
    Team: "service_area_id",
    Officer: "team__service_area_id",
    Absence: "officer__team__service_area_id",
    Topic: "service_area_id",
    Partner: None,
}
EDITABLE_MODELS = tuple(_AREA_PATH)


def editor_area_ids(user) -> set[int] | None:
    """The service areas `user` may edit: None means all of them (administrators: council-wide
    editing goes with the import permission), otherwise the area of their own team, if any."""
    if user.has_perm("directory.import_directory"):
        return None
    officer = Officer.objects.filter(user=user).select_related("team").first()
    return {officer.team.service_area_id} if officer else set()


def entries_for_user(model: type[models.Model], user, *, area_ids: set[int] | bool | None = False) -> models.QuerySet:
    """Every entry of `model` that `user` may edit."""
    if area_ids is False:
        area_ids = editor_area_ids(user)
    queryset = model._default_manager.all()
    path = _AREA_PATH[model]
    if area_ids is None or path is None:
        return queryset
    return queryset.filter(**{f"{path}__in": area_ids})


def entry_get_for_user(model: type[models.Model], *, pk: int, user) -> models.Model:
    """The one access-checked fetcher for every edit view: 404 unless `user` may edit this entry."""
    if not user.has_perm(f"directory.change_{model._meta.model_name}"):
        raise Http404
    try:
        return entries_for_user(model, user).get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


REVIEW_AFTER = timedelta(days=183)


def review_due_list(*, user) -> list[tuple[type[models.Model], list]]:
    """Entries in the user's scope not reviewed for six months: one query per kind."""
    cutoff = timezone.localdate() - REVIEW_AFTER
    area_ids = editor_area_ids(user)
    related = {Team: ["service_area"], Officer: ["user", "team"], Topic: ["service_area"]}
    found: list[tuple[type[models.Model], list]] = []
    for model in (ServiceArea, Team, Officer, Partner, Topic):
        queryset = entries_for_user(model, user, area_ids=area_ids).filter(last_reviewed__lt=cutoff)
        rows = list(queryset.select_related(*related.get(model, [])).order_by("last_reviewed"))
        found.append((model, rows))
    return found


def change_history(*, entry: models.Model) -> list[DirectoryChange]:
    return list(
        DirectoryChange.objects.filter(entry_type=entry._meta.model_name, entry_id=entry.pk)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )


# --- Duplicate numbers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhoneUse:
    """One entry's use of a number: kind (a views.RESOURCES kind, or "contact-details"), its id,
    its name and which of its numbers it is ("the public number")."""

    kind: str
    pk: int
    label: str
    what: str

    @property
    def kind_label(self) -> str:
        return _PHONE_KIND_LABELS.get(self.kind, self.kind)

    def sentence(self, number: str) -> str:
        if self.kind == "contact-details":
            return f"{number} is also the council's customer services number. Check it is right"
        return f"{number} is also {self.what} of {self.label}. Check it is right"


_PHONE_KIND_LABELS = {"service-area": "service area", "team": "team", "officer": "officer",
                      "partner": "partner organisation", "contact-details": "council contact details"}  # fmt: skip


@dataclass(frozen=True)
class SharedNumber:
    number: str
    uses: list[PhoneUse]


# Every phone column of the directory, as (number, kind, id, name, which number). The numbers are
# stored in one national format (PhoneNumbers.clean_fields), so equal numbers are equal strings.
_PHONE_USES_SQL = """
    SELECT public_phone AS number, 'service-area' AS kind, id, name AS label, 'the public number' AS what
      FROM directory_servicearea WHERE public_phone <> ''
    UNION ALL
    SELECT public_phone, 'team', id, name, 'the public number' FROM directory_team WHERE public_phone <> ''
    UNION ALL
    SELECT internal_phone, 'team', id, name, 'the internal number' FROM directory_team WHERE internal_phone <> ''
    UNION ALL
    SELECT o.direct_line, 'officer', o.id,
           COALESCE(NULLIF(TRIM(u.first_name || ' ' || u.last_name), ''), u.username), 'the direct line'
      FROM directory_officer o JOIN {user_table} u ON u.id = o.user_id WHERE o.direct_line <> ''
    UNION ALL
    SELECT phone, 'partner', id, name, 'the number' FROM directory_partner WHERE phone <> ''
    UNION ALL
    SELECT phone, 'contact-details', id, name, 'the number' FROM directory_contactdetails WHERE phone <> ''
"""

# A number counts as shared when more than one entry uses it: a team whose public and internal
# numbers are the same is one entry.
_SHARED_NUMBERS_SQL = """
WITH uses AS ({uses})
SELECT number, json_agg(json_build_object('kind', kind, 'pk', id, 'label', label, 'what', what)
                        ORDER BY label, kind, what)
  FROM uses
 {where}
 GROUP BY number
HAVING COUNT(DISTINCT (kind, id)) > 1
 ORDER BY number
"""


def _shared_numbers(numbers: list[str] | None = None) -> list[SharedNumber]:
    from django.contrib.auth import get_user_model

    uses = _PHONE_USES_SQL.format(user_table=connection.ops.quote_name(get_user_model()._meta.db_table))
    where = "WHERE number = ANY(%s)" if numbers is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(_SHARED_NUMBERS_SQL.format(uses=uses, where=where), [numbers] if numbers is not None else [])
        rows = cursor.fetchall()
    shared = []
    for number, found in rows:
        found = json.loads(found) if isinstance(found, str) else found
        shared.append(SharedNumber(number, [PhoneUse(**use) for use in found]))
    return shared


def shared_number_list() -> list[SharedNumber]:
    """Every phone number used by more than one directory entry, with the entries using it: one
    query (the review page's "Phone numbers used by more than one entry")."""
    return _shared_numbers()


def shared_number_warnings(*, entry: models.Model, kind: str) -> list[str]:
    """What to tell someone who has just saved `entry` (of views kind `kind`) about its numbers
    that other entries also use: "01632 960011 is also the public number of Street cleansing.
    Check it is right". One query; none when the entry has no numbers."""
    numbers = sorted({getattr(entry, name) for name in getattr(entry, "phone_fields", {}) if getattr(entry, name)})
    if not numbers:
        return []
    return [
        use.sentence(shared.number)
        for shared in _shared_numbers(numbers)
        for use in shared.uses
        if (use.kind, use.pk) != (kind, entry.pk)
    ]
