"""A base for API views open only to signed-in users (kept apart from core.api, which DRF imports
while it defines APIView)."""

from rest_framework import permissions
from rest_framework.exceptions import MethodNotAllowed


class SignedInAPIMixin:
    """IsAuthenticated, but an undeclared method is a 405 for everyone, as the schema promises:
    DRF checks permissions before it looks for the method's handler, so anonymous callers would
    get a 403 for a method that does not exist."""

    permission_classes = [permissions.IsAuthenticated]

    def initial(self, request, *args, **kwargs):
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):  # type: ignore[attr-defined]
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
