"""Access checks shared by every app's staff views."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def staff_permission_required(*perms: str, any_of: bool = False):
    """Anonymous users are sent to sign in; signed-in users without every permission (`any_of`:
    without any of them) get 403.

    (Django's own permission_required either redirects both or refuses both.)"""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            allowed = any(map(request.user.has_perm, perms)) if any_of else request.user.has_perms(perms)
            if not allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
