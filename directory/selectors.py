"""Reads from the directory: the public A to Z, the staff phone guide, search, and the
access-checked fetchers that every edit view uses."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramStrictWordSimilarity
from django.db import models
from django.db.models import Case, F, FloatField, Prefetch, Value, When
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from .models import Absence, DirectoryChange, Officer, Partner, SearchEntry, ServiceArea, Team, Topic

# --- Search -------------------------------------------------------------------------------------

QUERY_MAX_LENGTH = 200
# Strict word similarity at or above this counts as "similar spelling" ("bullky waste" ~ "bulky
# waste"). It is pg_trgm's default strict_word_similarity_threshold, so the filter can use the
# `%>>` operator and with it the trigram index on `terms`.
SPELLING_THRESHOLD = 0.5
# Topics answer "who deals with X" best; the others follow on equal text.
_KIND_WEIGHT = {"topic": 1.0, "service": 0.9, "partner": 0.85, "team": 0.8, "officer": 0.7}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# How many cheaply ranked entries get the full (costlier) scoring.
_SHORTLIST = 60


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


def _reason(entry: SearchEntry) -> str:
    if not entry.text_hit and not entry.any_hit:
        return f"Similar spelling to '{entry.best_term}'"
    if entry.title_hit:
        return "Name"
    if entry.synonym_hit:
        return f"Job title: {entry.synonym_hit}" if entry.kind == "officer" else f"Also called: {entry.synonym_hit}"
    if entry.keyword_hit:
        return f"Keyword: {entry.keyword_hit}"
    if entry.text_hit:
        return "Words in its description"
    if entry.any_hit and entry.spelling < SPELLING_THRESHOLD:
        return "Some of your words"
    return f"Similar spelling to '{entry.best_term}'"


def _result_url(entry: SearchEntry, *, staff: bool) -> str:
    area = entry.service_area.slug if entry.service_area_id else None
    if entry.kind == "service":
        return reverse("directory:phone-guide-area" if staff else "directory:service-detail", args=[entry.slug])
    if entry.kind == "partner":
        return reverse("directory:phone-guide" if staff else "directory:service-list") + f"#partner-{entry.slug}"
    page = reverse("directory:phone-guide-area" if staff else "directory:service-detail", args=[area])
    return f"{page}#{entry.kind}-{entry.slug}" if entry.kind != "officer" else f"{page}#{entry.slug}"


def directory_search(*, query: str, staff: bool, limit: int = 20) -> list[SearchResult]:
    """ "Who deals with X": full-text search (websearch syntax, English stemming, weighted title A /
    synonyms and keywords B / the rest C) plus trigram word similarity on the terms, so misspelt
    queries still match. One SQL query; nothing at all for an empty query.

    Public searches (staff=False) see only public entries, never officers."""
    text = search_query_clean(query).text
    if not re.search(r"[^\W_]", text):
        return []
    lowered = text.lower()
    tsquery = SearchQuery(text, search_type="websearch", config="english")
    # Any of the words, for natural questions ("mould in my flat"): ranked below matching them all.
    # Only in the name, synonyms and keywords (weights A and B), or every page mentioning "council" would match.
    words = [word for word in re.split(r"[\W_]+", text) if word]
    any_raw = " | ".join(f"{word}:AB" for word in words)
    any_words = SearchQuery(any_raw, search_type="raw", config="english")
    # The candidates, each way through its own index (an OR of the three makes PostgreSQL scan every
    # row). The looser ways (any word; similar spelling) are tried only when matching every word
    # finds less than a page: PostgreSQL evaluates that uncorrelated condition once and skips the
    # branch entirely when it is false, which halves the cost of broad queries like "council tax".
    candidates = RawSQL(
        "SELECT id FROM directory_searchentry WHERE document @@ websearch_to_tsquery('english', %s) "
        "UNION SELECT id FROM directory_searchentry WHERE document @@ to_tsquery('english', %s) "
        "AND (SELECT count(*) FROM (SELECT 1 FROM directory_searchentry "
        "WHERE document @@ websearch_to_tsquery('english', %s) LIMIT %s) AS exact) < %s "
        "UNION SELECT id FROM directory_searchentry WHERE terms %%>> %s "
        "AND (SELECT count(*) FROM (SELECT 1 FROM directory_searchentry "
        "WHERE document @@ websearch_to_tsquery('english', %s) LIMIT %s) AS exact) < %s",
        [text, any_raw, text, limit, limit, lowered, text, limit, limit],
    )
    visible = SearchEntry.objects.all()
    if not staff:
        visible = visible.filter(is_public=True).exclude(kind=SearchEntry.Kind.OFFICER)
    matches = {
        "text_rank": SearchRank(F("document"), any_words),
        "spelling": TrigramStrictWordSimilarity(Value(lowered), "terms"),
        "text_hit": Case(When(document=tsquery, then=Value(True)), default=Value(False)),
        "any_hit": Case(When(document=any_words, then=Value(True)), default=Value(False)),
        "kind_weight": Case(
            *[When(kind=kind, then=Value(weight)) for kind, weight in _KIND_WEIGHT.items()],
            output_field=FloatField(),
        ),
    }
    quick_score = (
        Case(When(text_hit=True, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
        + Case(When(any_hit=True, then=Value(0.3)), default=Value(0.0), output_field=FloatField())
        + F("text_rank")
        + F("spelling")
    )
    # Broad queries ("council tax") match thousands of entries. Rank them all on the cheap
    # measures, then work out closeness and the reasons only for a shortlist (3 x limit, at least
    # 60). Closeness adds at most 0.5 and only reorders near-equal entries, so an entry outside
    # the shortlist would have to overtake dozens to reach the page; the search-quality table in
    # the tests pins the results.
    shortlist = (
        visible.filter(pk__in=candidates)
        .annotate(**matches)
        .annotate(quick_score=quick_score * F("kind_weight"))
        .order_by("-quick_score", "pk")
        .values("pk")[: max(limit * 3, _SHORTLIST)]
    )
    entries = (
        SearchEntry.objects.select_related("service_area")
        .filter(pk__in=shortlist)
        .annotate(
            **matches,
            # How close the query is to the nearest whole term ("asb" is exactly a term of Antisocial behaviour).
            closeness=RawSQL(
                "(SELECT max(similarity(%s, w)) FROM unnest(string_to_array(directory_searchentry.terms, ' | ')) w)",
                [lowered],
                output_field=FloatField(),
            ),
        )
        .annotate(
            score=(quick_score + F("closeness") * Value(0.5)) * F("kind_weight"),
            title_hit=RawSQL(
                "to_tsvector('english', directory_searchentry.title) @@ websearch_to_tsquery('english', %s)", [text]
            ),
            synonym_hit=RawSQL(
                "(SELECT s FROM unnest(string_to_array(directory_searchentry.synonyms, ' | ')) s "
                "WHERE s <> '' AND to_tsvector('english', s) @@ websearch_to_tsquery('english', %s) LIMIT 1)",
                [text],
            ),
            keyword_hit=RawSQL(
                "(SELECT k FROM unnest(string_to_array(directory_searchentry.keywords, ' | ')) k "
                "WHERE k <> '' AND to_tsvector('english', k) @@ websearch_to_tsquery('english', %s) LIMIT 1)",
                [text],
            ),
            best_term=RawSQL(
                "(SELECT w FROM unnest(string_to_array(directory_searchentry.terms, ' | ')) w "
                "ORDER BY word_similarity(%s, w) DESC, length(w) LIMIT 1)",
                [lowered],
            ),
        )
        .order_by("-score", "title", "kind")
        .defer("document", "body")[:limit]
    )
    return [
        SearchResult(
            kind=entry.kind,
            kind_label=entry.get_kind_display(),
            title=entry.title,
            summary=entry.summary,
            phone=entry.phone,
            reason=_reason(entry),
            url=_result_url(entry, staff=staff),
        )
        for entry in entries
    ]


# --- Public pages --------------------------------------------------------------------------------


def service_area_list_public() -> list[ServiceArea]:
    return list(ServiceArea.objects.public().only("name", "slug", "summary"))


def partner_list() -> list[Partner]:
    return list(Partner.objects.all())


def service_area_get_public(*, slug: str) -> ServiceArea:
    """A public service with its public topics and teams (3 queries)."""
    topics = Topic.objects.public().select_related("team", "partner").order_by("name")
    teams = Team.objects.order_by("name")
    try:
        return (
            ServiceArea.objects.public()
            .prefetch_related(Prefetch("topics", topics), Prefetch("teams", teams))
            .get(slug=slug)
        )
    except ServiceArea.DoesNotExist:
        raise Http404("No such service") from None


# --- The staff phone guide ----------------------------------------------------------------------


def _away_today() -> models.QuerySet:
    now = timezone.now()
    end_of_today = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    return Absence.objects.filter(starts_at__lte=end_of_today, ends_at__gt=now).order_by("starts_at")


def phone_guide_areas(*, slug: str | None = None) -> list[ServiceArea]:
    """Service areas with their teams, officers (and who is away today) and topics: five queries
    whatever the number of areas."""
    officers = Officer.objects.select_related("user").prefetch_related(
        Prefetch("absences", _away_today(), to_attr="away_today")
    )
    teams = Team.objects.order_by("name").prefetch_related(Prefetch("officers", officers))
    topics = Topic.objects.select_related("team", "partner").order_by("name")
    areas = ServiceArea.objects.prefetch_related(Prefetch("teams", teams), Prefetch("topics", topics))
    if slug is None:
        return list(areas)
    found = list(areas.filter(slug=slug))
    if not found:
        raise Http404("No such service area")
    return found


def phone_guide_index() -> dict:
    """The front page of the phone guide: areas with their teams, who is away today, partners."""
    teams = Team.objects.order_by("name").only("name", "slug", "internal_phone", "public_phone", "service_area_id")
    return {
        "areas": list(ServiceArea.objects.prefetch_related(Prefetch("teams", teams))),
        "away": list(_away_today().select_related("officer__user", "officer__team__service_area")),
        "partners": partner_list(),
    }


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
    except model.DoesNotExist:
        raise Http404 from None


REVIEW_AFTER = timedelta(days=183)


def review_due_list(*, user) -> list[tuple[str, list]]:
    """Entries in the user's scope not reviewed for six months: one query per kind."""
    cutoff = timezone.localdate() - REVIEW_AFTER
    area_ids = editor_area_ids(user)
    related = {Team: ["service_area"], Officer: ["user", "team"], Topic: ["service_area"]}
    found = []
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
