"""Reads from the directory: the public A to Z, the staff phone guide, search, and the
access-checked fetchers that every edit view uses."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models
from django.db.models import F, Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from .models import Absence, DirectoryChange, Officer, Partner, SearchEntry, ServiceArea, Team, Topic

# --- Search -------------------------------------------------------------------------------------

QUERY_MAX_LENGTH = 200
# Only the first few words of a query are checked for spelling: each check is an index look-up.
SPELLING_WORDS = 10
# How many cheaply ranked entries get the full (costlier) scoring.
_SHORTLIST = 60
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
      AND (SELECT count(*) FROM (SELECT 1 FROM visible x, q WHERE x.document @@ q.every LIMIT %(limit)s) AS n)
          < %(limit)s
), scored AS (
    SELECT c.*,
           CASE c.kind WHEN 'topic' THEN 1.0 WHEN 'service' THEN 0.9 WHEN 'partner' THEN 0.85
                       WHEN 'team' THEN 0.8 ELSE 0.7 END AS kind_weight,
           CASE WHEN c.every_hit THEN 1.0 ELSE 0.0 END + CASE WHEN c.document @@ q.some THEN 0.3 ELSE 0.0 END
               + ts_rank(c.document, q.some) AS base
    FROM candidates c, q
), shortlist AS (
    SELECT * FROM scored ORDER BY kind_weight * base DESC, length(terms), id LIMIT %(shortlist)s
), ranked AS (
    SELECT s.*, s.kind_weight * (s.base + 0.5 * (
               SELECT max(greatest(similarity(%(text)s, t), similarity(q.likeliest, t)))
               FROM unnest(string_to_array(s.terms, ' | ')) AS t)) AS score
    FROM shortlist s, q
    ORDER BY score DESC, s.title, s.kind LIMIT %(limit)s
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
        ORDER BY word_similarity(q.likeliest, t) DESC, length(t) LIMIT 1) AS best_term
FROM ranked r CROSS JOIN q LEFT JOIN directory_servicearea sa ON sa.id = r.service_area_id
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
    page = reverse("directory:phone-guide-area" if staff else "directory:service-detail", args=[row.area_slug])
    return f"{page}#{row.kind}-{row.slug}" if row.kind != "officer" else f"{page}#{row.slug}"


def directory_search(*, query: str, staff: bool, limit: int = 20) -> list[SearchResult]:
    """ "Who deals with X" over topics, services, teams, partners and (for staff) officers: full-text
    search with English stemming, weighted name A / synonyms and keywords B / the rest C, with
    misspelt words corrected against the directory's own words. One SQL query (see _SEARCH_SQL);
    none at all when the query has no letters or digits.

    Public searches (staff=False) see only public entries, never officers."""
    text = search_query_clean(query).text.lower()
    words = list(dict.fromkeys(word for word in re.split(r"[\W_]+", text) if word))
    if not words:
        return []
    params: dict[str, Any] = {"words": words, "text": text, "staff": staff, "limit": limit,
              "shortlist": max(limit * 3, _SHORTLIST), "spelling_words": SPELLING_WORDS}  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(_SEARCH_SQL, params)
        rows = [_Row(*values) for values in cursor.fetchall()]
    return [
        SearchResult(
            kind=row.kind,
            kind_label=SearchEntry.Kind(row.kind).label,
            title=row.title,
            summary=row.summary,
            phone=row.phone,
            reason=_reason(row),
            url=_result_url(row, staff=staff),
        )
        for row in rows
    ]


# --- Public pages --------------------------------------------------------------------------------


def service_area_list_public() -> list[ServiceArea]:
    return list(ServiceArea.objects.public().only("name", "slug", "summary"))


def partner_list() -> list[Partner]:
    return list(Partner.objects.all())


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
            "slug", "name", "synonyms", "online_url", team_name=F("team__name"), team_phone=F("team__public_phone"),
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
    absence's officer and team loaded (the phone guide's queries join or prefetch them)."""
    now = now or timezone.now()
    area_id = absence.officer.team.service_area_id
    shown = reason_area_ids is None or area_id in reason_area_ids
    return AwayNotice(
        officer=absence.officer,
        started=absence.starts_at <= now,
        starts_at=absence.starts_at,
        tell_callers=absence.tell_callers(now=now, relative=relative),
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


@dataclass(frozen=True)
class StaffSearchResult(SearchResult):
    away: AwayNotice | None = None  # officers away today, as the phone guide shows them


def _officer_id(result: SearchResult) -> int | None:
    # An officer result's link ends in its entry's slug, "#officer-<id>" (see _result_url).
    return int(result.url.rpartition("#officer-")[2]) if result.kind == SearchEntry.Kind.OFFICER else None


def phone_guide_search_results(results: list[SearchResult], *, user) -> list[StaffSearchResult]:
    """Staff search results with who is away today among the officers found (AwayNotices for
    `user`): one query, none when no officer is among them."""
    officer_ids = {_officer_id(result) for result in results} - {None}
    notices: dict[int | None, AwayNotice] = {}
    if officer_ids:
        reason_area_ids, now = absence_reason_area_ids(user), timezone.now()
        away = _away_today().filter(officer_id__in=officer_ids).select_related("officer__user", "officer__team")
        for absence in away:
            notices.setdefault(absence.officer_id, away_notice(absence, reason_area_ids=reason_area_ids, now=now))
    return [
        StaffSearchResult(
            **{name: getattr(result, name) for name in SearchResult.__dataclass_fields__},
            away=notices.get(_officer_id(result)),
        )
        for result in results
    ]


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
