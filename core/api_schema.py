"""The API schema class (REST_FRAMEWORK's DEFAULT_SCHEMA_CLASS): drf-spectacular's, plus the
refusals every API gives, so a response's status is always one its schema lists."""

from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions, serializers


class ErrorSerializer(serializers.Serializer):
    """Why the request was refused."""

    detail = serializers.CharField()


# A parse error has `detail`; a validation error lists what to fix under each parameter or field.
_BAD_REQUEST = {
    "type": "object",
    "description": "Either `detail` (the body could not be read) or, under each parameter or field, what to fix.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, plus the refusals DRF gives without a view asking for them: 400
    for an operation with query parameters or a body, 403 where a permission or the CSRF check can
    refuse, 404 for one object by its URL. A view's own @extend_schema responses come first.

    A serializer's `Meta.optional_fields` are documented as not required: one shape for callers
    who get different fields (staff and the public), where drf-spectacular would list every
    read-only field as required and so reject the responses of whoever gets fewer."""

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        optional = set(getattr(getattr(serializer, "Meta", None), "optional_fields", ()))
        if optional and "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in optional]
            if not schema["required"]:
                del schema["required"]
        return schema

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        where = {parameter["in"] for parameter in operation.get("parameters", [])}
        responses = operation["responses"]
        if "query" in where or "requestBody" in operation:
            responses.setdefault("400", self._refusal("Bad request.", self._bad_request_ref()))
        open_to_all = all(isinstance(permission, permissions.AllowAny) for permission in self.view.get_permissions())
        if self.method not in permissions.SAFE_METHODS or not open_to_all:
            refused = "Not signed in, not allowed, or no CSRF token."
            responses.setdefault("403", self._refusal(refused, self._error_ref()))
        if "path" in where:
            responses.setdefault("404", self._refusal("Not found, or not visible to you.", self._error_ref()))
        return operation

    def _refusal(self, description: str, schema: dict) -> dict:
        media_types = self.map_renderers("media_type")
        return {"description": description, "content": {media_type: {"schema": schema} for media_type in media_types}}

    def _error_ref(self) -> dict:
        return self.resolve_serializer(ErrorSerializer, "response").ref

    def _bad_request_ref(self) -> dict:
        component = ResolvedComponent(
            name="BadRequest", type=ResolvedComponent.SCHEMA, object="BadRequest", schema=_BAD_REQUEST
        )
        self.registry.register_on_missing(component)
        return component.ref
