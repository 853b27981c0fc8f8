"""JSON API over cases, under /api/cases/, for signed-in staff: the same access story as the pages
(cases.selectors: a case outside the user's scope is a 404) and the same services for writes.

Every case here is shown at summary level (what an adviser may tell a caller): reference, what it
is about, where it is and when the customer will hear back, and the updates sent to the customer.
Internal notes and customer details stay on the staff pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_views import SignedInAPIMixin
from directory.models import Topic
from standards.models import CaseType, Channel, Priority

from . import selectors, services
from .models import Case, CaseEvent, reference_clean


class UpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseEvent
        fields = ["at", "text"]


class CaseSerializer(serializers.ModelSerializer):
    team = serializers.CharField(source="team.name", default=None, allow_null=True)
    topic = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Case
        fields = ["reference", "summary", "case_type", "channel", "priority", "status", "status_label", "team",
                  "topic", "received_at", "acknowledge_by", "respond_by", "resolved_at"]  # fmt: skip


class CaseDetailSerializer(CaseSerializer):
    updates = UpdateSerializer(source="public_updates", many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "updates"]


class CaseRaiseSerializer(serializers.Serializer):
    case_type = serializers.ChoiceField(choices=CaseType.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)
    topic = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), required=False, allow_null=True
    )
    summary = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10000)
    location_address = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)
    location_postcode = serializers.CharField(max_length=8, required=False, default="", allow_blank=True)
    ward = serializers.CharField(max_length=80, required=False, default="", allow_blank=True)


# The session cookie is how staff sign in, but it is not documented as a security scheme: the
# fuzzing test signs in by passing the cookie itself, and a 403 is documented for everyone else.
_SIGNED_IN = {"auth": []}


class CaseListView(SignedInAPIMixin, generics.ListAPIView):
    """The cases you may see, newest first."""

    serializer_class = CaseSerializer
    filter_backends: list = []

    @extend_schema(**_SIGNED_IN)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            selectors.cases_visible_to(self.request.user)
            .select_related("team", "topic")
            .order_by("-received_at", "-id")
        )


class CaseDetailView(SignedInAPIMixin, APIView):
    """One case by its reference, with the updates sent to the customer; 404 outside your scope."""

    @extend_schema(responses=CaseDetailSerializer, **_SIGNED_IN)
    def get(self, request, reference: str):
        case = (
            selectors.cases_visible_to(request.user)
            .select_related("team", "topic")
            .prefetch_related(
                Prefetch("events", CaseEvent.objects.public().order_by("at", "id"), to_attr="public_updates")
            )
            .filter(reference=reference_clean(reference))
            .first()
        )
        if case is None:
            raise NotFound
        return Response(CaseDetailSerializer(case).data)


class CaseRaiseView(SignedInAPIMixin, APIView):
    """Raise a case: routed by the rules like one raised on the staff pages."""

    @extend_schema(request=CaseRaiseSerializer, responses={201: CaseSerializer}, **_SIGNED_IN)
    def post(self, request):
        if not request.user.has_perm(selectors.RAISE):
            raise PermissionDenied
        given = CaseRaiseSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            case = services.case_create(by=request.user, fields=dict(given.validated_data))
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from None
        return Response(CaseSerializer(case).data, status=status.HTTP_201_CREATED)
