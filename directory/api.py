"""Read-only JSON API over the directory, under /api/directory/.

Anyone may read public entries; staff with the phone-guide permission also get internal numbers,
officers and non-public entries."""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import permissions, routers, serializers, viewsets
from rest_framework.fields import ProhibitNullCharactersValidator
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .models import Absence, Officer, ServiceArea, Team, Topic


def _is_staff(request) -> bool:
    return bool(request and request.user.is_authenticated and request.user.has_perm("directory.view_phone_guide"))


class PublicTeamSerializer(serializers.ModelSerializer):
    service_area = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Team
        fields = ["name", "slug", "service_area", "public_phone", "email"]


class OfficerSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    direct_line = serializers.SerializerMethodField()
    away_message = serializers.SerializerMethodField()
    away_reason = serializers.SerializerMethodField()

    class Meta:
        model = Officer
        fields = ["id", "name", "job_title", "email", "number_shareable", "direct_line", "away_message", "away_reason"]

    def get_name(self, officer) -> str:
        return str(officer)

    def get_direct_line(self, officer) -> str | None:
        """Only when callers may be given it."""
        return officer.direct_line if officer.number_shareable else None

    def _away(self, officer) -> "selectors.AwayNotice | None":
        away = getattr(officer, "away_now", [])
        if not away:
            return None
        if "absence_reason_area_ids" not in self.context:
            # Worked out once per response: the context is shared by every officer serialised.
            request = self.context.get("request")
            self.context["absence_reason_area_ids"] = selectors.absence_reason_area_ids(request and request.user)
        return selectors.away_notice(away[0], reason_area_ids=self.context["absence_reason_area_ids"])

    def get_away_message(self, officer) -> str | None:
        """What to tell callers ("Not available until 9am on Monday 7 December."), never the reason."""
        notice = self._away(officer)
        return notice.tell_callers if notice else None

    def get_away_reason(self, officer) -> str | None:
        """Why the officer is away: for the officer's managers only (selectors.absence_reason_area_ids),
        null for everyone else. Never to be told to callers."""
        notice = self._away(officer)
        return (notice.reason or None) if notice else None


@extend_schema_serializer(component_name="Team")
class StaffTeamSerializer(PublicTeamSerializer):
    """A team. Only staff with the phone-guide permission get `internal_phone`, `out_of_hours` and
    `officers`."""

    officers = OfficerSerializer(many=True, read_only=True)

    class Meta(PublicTeamSerializer.Meta):
        fields = [*PublicTeamSerializer.Meta.fields, "internal_phone", "out_of_hours", "officers"]
        # The schema documents this one shape for everyone (core.api_schema.AutoSchema).
        optional_fields = ["internal_phone", "out_of_hours", "officers"]


class ServiceAreaSerializer(serializers.ModelSerializer):
    teams = PublicTeamSerializer(many=True, read_only=True)

    class Meta:
        model = ServiceArea
        fields = ["name", "slug", "summary", "handles", "public_phone", "public_email", "opening_hours", "web_url",
                  "teams"]  # fmt: skip


class PublicTopicSerializer(serializers.ModelSerializer):
    service_area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    # A topic signposts to a team or to a partner, so one of the two is null.
    team = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    partner = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Topic
        fields = [
            "name",
            "slug",
            "service_area",
            "team",
            "partner",
            "synonyms",
            "keywords",
            "description",
            "cost",
            "referral",
            "online_url",
        ]


@extend_schema_serializer(component_name="Topic")
class StaffTopicSerializer(PublicTopicSerializer):
    """A topic. Only staff with the phone-guide permission get `adviser_script` and `is_public`
    (and topics that are not public)."""

    class Meta(PublicTopicSerializer.Meta):
        fields = [*PublicTopicSerializer.Meta.fields, "adviser_script", "is_public"]
        # The schema documents this one shape for everyone (core.api_schema.AutoSchema).
        optional_fields = ["adviser_script", "is_public"]


class SearchTextField(serializers.CharField):
    """Text as typed, NUL included: the search drops every control character itself
    (selectors.search_query_clean), so a NUL is no reason to refuse a query here."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]


class SearchQuerySerializer(serializers.Serializer):
    q = SearchTextField(
        required=False, default="", allow_blank=True, trim_whitespace=False, max_length=selectors.QUERY_MAX_LENGTH,
        help_text=f"What to search for, up to {selectors.QUERY_MAX_LENGTH} characters (the most the search uses).",
    )  # fmt: skip


class SearchResultSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    phone = serializers.CharField()
    reason = serializers.CharField()
    url = serializers.CharField()


class _ReadOnly(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"
    # Any one path segment, so an impossible slug ("a.b") gets the API's JSON 404, not the site's
    # HTML page (the router's default leaves out the dot, for format suffixes, which are off).
    lookup_value_regex = "[^/]+"


class ServiceAreaViewSet(_ReadOnly):
    """Service areas with their teams (public numbers only)."""

    serializer_class = ServiceAreaSerializer

    def get_queryset(self):
        areas = ServiceArea.objects.prefetch_related(Prefetch("teams", Team.objects.select_related("service_area")))
        return areas if _is_staff(self.request) else areas.public()


# One documented shape for staff and the public, whoever asks for the schema.
_TEAM = extend_schema(
    description="Staff with the phone-guide permission also get internal numbers and officers.",
    responses=StaffTeamSerializer,
)


@extend_schema_view(list=_TEAM, retrieve=_TEAM)
class TeamViewSet(_ReadOnly):
    serializer_class = StaffTeamSerializer

    def get_serializer_class(self):
        return StaffTeamSerializer if _is_staff(self.request) else PublicTeamSerializer

    def get_queryset(self):
        teams = Team.objects.select_related("service_area")
        if not _is_staff(self.request):
            return teams.filter(service_area__is_public=True)
        now = timezone.now()
        away = Absence.objects.filter(starts_at__lte=now, ends_at__gt=now)
        officers = Officer.objects.select_related("user").prefetch_related(
            Prefetch("absences", away, to_attr="away_now")
        )
        return teams.prefetch_related(Prefetch("officers", officers))


_TOPIC = extend_schema(
    description="Staff with the phone-guide permission also get adviser scripts and internal topics.",
    responses=StaffTopicSerializer,
)


@extend_schema_view(list=_TOPIC, retrieve=_TOPIC)
class TopicViewSet(_ReadOnly):
    serializer_class = StaffTopicSerializer

    def get_serializer_class(self):
        return StaffTopicSerializer if _is_staff(self.request) else PublicTopicSerializer

    def get_queryset(self):
        topics = Topic.objects.select_related("service_area", "team", "partner")
        return topics if _is_staff(self.request) else topics.public()


class SearchView(APIView):
    """Who deals with X: the same search as the web pages (one SQL query)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(parameters=[SearchQuerySerializer], responses=SearchResultSerializer(many=True))
    def get(self, request):
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        results = selectors.directory_search(query=query.validated_data["q"], staff=_is_staff(request))
        return Response(SearchResultSerializer(results, many=True).data)


router = routers.SimpleRouter()
router.register("services", ServiceAreaViewSet, basename="api-service")
router.register("teams", TeamViewSet, basename="api-team")
router.register("topics", TopicViewSet, basename="api-topic")
