from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, also for authenticate() calls made without a request.

    Every sign-in page passes the request. Code that does not (Django's test client `login()`,
    a management command) would make axes raise; here such a call is checked against a bare
    request instead: an account that is locked out stays locked out, and the address is the one
    shared bucket of core.client_ip.UNKNOWN. (Failures of such calls are not counted: axes records
    failures only for a real request.)"""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(request or HttpRequest(), username=username, password=password, **kwargs)
