"""HTTP hardening that applies to every request, whichever app answers it.

The paths and limits come from settings (portal/settings.py, "Security"), so this module knows
nothing of the apps above it.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.log import log_response

# TRACE echoes the request (cookies included) back; TRACK is IIS's TRACE; CONNECT asks for a
# tunnel. None of them has any use on this site, and the proxy may not refuse them.
REFUSED_METHODS = frozenset({"TRACE", "TRACK", "CONNECT"})
# What a 405 must list in Allow: the most any URL of the site accepts.
ALLOWED_METHODS = ["GET", "HEAD", "POST", "OPTIONS"]


class RequestLimitsMiddleware:
    """Refuses TRACE, TRACK and CONNECT (405) and bodies over MAX_REQUEST_BODY_BYTES (413).

    Runs before any view, and before CsrfViewMiddleware's process_view, the first thing that
    reads the body, so an oversized upload is refused before Django spools it to disk. It goes
    after AuthenticationMiddleware only so the 413 page can show the usual header. A body sent
    without Content-Length (chunked) is never read by Django's WSGI handler, so the header is
    the whole of what needs checking here; the HTTPS proxy enforces the same limit in front.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in REFUSED_METHODS:
            response = HttpResponseNotAllowed(ALLOWED_METHODS)
            log_response(
                "Method Not Allowed (%s): %s", request.method, request.path, response=response, request=request
            )
            return response
        if self._content_length(request) > settings.MAX_REQUEST_BODY_BYTES:
            return self._too_large(request)
        return self.get_response(request)

    @staticmethod
    def _content_length(request) -> int:
        try:
            return int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 0  # Django itself treats a malformed length as no body

    @staticmethod
    def _too_large(request):
        if not hasattr(request, "user"):
            request.user = AnonymousUser()  # if ever placed above AuthenticationMiddleware
        response = render(request, "413.html", status=413)
        log_response(
            "Request body too large (%s bytes): %s",
            request.META.get("CONTENT_LENGTH"),
            request.path,
            response=response,
            request=request,
        )
        return response


class ResponseHeadersMiddleware:
    """Adds Permissions-Policy to every response, and `Cache-Control: no-store, private` to staff
    responses, so internal numbers never stay in a shared PC's browser cache after sign-out.

    Staff responses are everything under NO_STORE_PATH_PREFIXES (sign-in pages and redirects
    included) and everything under NO_STORE_SIGNED_IN_PATH_PREFIXES that answers a signed-in user
    (the API gives staff internal fields; anonymous callers get public data, cached as usual).
    Goes near the top of MIDDLEWARE so the responses of WhiteNoise and of earlier refusals get
    the headers too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        if self._is_staff_response(request):
            patch_cache_control(response, no_store=True, private=True)
        return response

    @staticmethod
    def _is_staff_response(request) -> bool:
        path = request.path_info
        if path.startswith(tuple(settings.NO_STORE_PATH_PREFIXES)):
            return True
        if path.startswith(tuple(settings.NO_STORE_SIGNED_IN_PATH_PREFIXES)):
            # DRF also sets request.user here when it authenticates by other means than the session.
            user = getattr(request, "user", None)
            return bool(user and user.is_authenticated)
        return False
