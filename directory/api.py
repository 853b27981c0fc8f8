"""Read-only JSON API over the directory, under /api/directory/.

Anyone may read public entries; staff with the phone-guide permission also get internal numbers,
officers and non-public entries."""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, routers, serializers, viewsets
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

    class Meta:
        model = Officer
        fields = ["id", "name", "job_title", "email", "number_shareable", "direct_line", "away_message"]

    def get_name(self, officer) -> str:
        return str(officer)

    def get_direct_line(self, officer) -> str | None:
        """Only when callers may be given it."""
        return officer.direct_line if officer.number_shareable else None

    def get_away_message(self, officer) -> str | None:
        away = getattr(officer, "away_now", [])
        return away[0].caller_message if away else None


class StaffTeamSerializer(PublicTeamSerializer):
    officers = OfficerSerializer(many=True, read_only=True)

    class Meta(PublicTeamSerializer.Meta):
        fields = [*PublicTeamSerializer.Meta.fields, "internal_phone", "out_of_hours", "officers"]


class ServiceAreaSerializer(serializers.ModelSerializer):
    teams = PublicTeamSerializer(many=True, read_only=True)

    class Meta:
        model = ServiceArea
        fields = ["name", "slug", "summary", "handles", "public_phone", "public_email", "opening_hours", "web_url",
                  "teams"]  # fmt: skip


class PublicTopicSerializer(serializers.ModelSerializer):
    service_area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    team = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partner = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Topic
        fields = ["name", "slug", "service_area", "team", "partner", "synonyms", "keywords", "online_url"]


class StaffTopicSerializer(PublicTopicSerializer):
    class Meta(PublicTopicSerializer.Meta):
        fields = [*PublicTopicSerializer.Meta.fields, "adviser_script", "is_public"]


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


class ServiceAreaViewSet(_ReadOnly):
    """Service areas with their teams (public numbers only)."""

    serializer_class = ServiceAreaSerializer

    def get_queryset(self):
        areas = ServiceArea.objects.prefetch_related(Prefetch("teams", Team.objects.select_related("service_area")))
        return areas if _is_staff(self.request) else areas.public()


@extend_schema_view(
    list=extend_schema(description="Staff with the phone-guide permission also get internal numbers and officers."),
    retrieve=extend_schema(description="Staff with the phone-guide permission also get internal numbers and officers."),
)
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


@extend_schema_view(
    list=extend_schema(
        description="Staff with the phone-guide permission also get adviser scripts and internal topics."
    ),
)
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

    @extend_schema(
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="What to search for (up to 200 characters).")],
        responses=SearchResultSerializer(many=True),
    )
    def get(self, request):
        results = selectors.directory_search(query=request.query_params.get("q", ""), staff=_is_staff(request))
        return Response(SearchResultSerializer(results, many=True).data)


router = routers.SimpleRouter()
router.register("services", ServiceAreaViewSet, basename="api-service")
router.register("teams", TeamViewSet, basename="api-team")
router.register("topics", TopicViewSet, basename="api-topic")
