import math
import re
from urllib.parse import urlencode

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

from core.access import staff_permission_required
from core.csv_cells import csv_writer
from standards.models import Channel

from . import forms, selectors
from .preferences import Preferences


@require_safe
def home(request):
    return render(request, "portal/home.html")


def _statement_date(value) -> str:
    # A statement's dates always carry the year ("20 November 2026"), as the GOV.UK sample does.
    return f"{value.day} {value:%B %Y}"


@require_safe
def accessibility_statement(request):
    return render(
        request,
        "portal/accessibility_statement.html",
        {
            "prepared": _statement_date(settings.ACCESSIBILITY_STATEMENT_PREPARED),
            "reviewed": _statement_date(settings.ACCESSIBILITY_STATEMENT_REVIEWED),
            "session_hours": max(1, settings.SESSION_COOKIE_AGE // 3600),
        },
    )


def _return_path(request, raw: str | None) -> str:
    """Where the settings page sends someone back to: a path on this site only (never another
    host, scheme or the settings page itself), or "" for none. Anything else is ignored."""
    raw = (raw or "").strip()
    if not raw.startswith("/") or len(raw) > 2000 or any(ord(ch) < 32 or ord(ch) == 127 for ch in raw):
        return ""
    if not url_has_allowed_host_and_scheme(raw, allowed_hosts=set(), require_https=False):
        return ""
    if raw.split("?", 1)[0] == reverse("portal:accessibility-settings"):
        return ""
    return raw


def accessibility_settings(request):
    current = Preferences.from_request(request)
    back = _return_path(request, request.POST.get("next") if request.method == "POST" else request.GET.get("next"))
    if request.method == "POST":
        form = forms.AccessibilityForm(request.POST)
        if form.is_valid():
            chosen = Preferences(form.cleaned_data["colour"], form.cleaned_data["text_size"])
            messages.success(request, "Your accessibility settings have been saved.")
            # Back to this page, which offers a link to where they came from (the message shows
            # here, next to the choices it is about).
            target = reverse("portal:accessibility-settings")
            response = redirect(f"{target}?{urlencode({'next': back})}" if back else target)
            chosen.save(response, secure=request.is_secure())
            return response
    else:
        form = forms.AccessibilityForm(initial={"colour": current.colour, "text_size": current.text_size})
    # a11y_next: the base template's settings links keep pointing back to where they came from.
    return render(request, "portal/accessibility_settings.html", {"form": form, "back": back, "a11y_next": back})


@require_safe
@staff_permission_required("portal.access_staff_pages")
def staff_home(request):
    roles = sorted(request.user.groups.values_list("name", flat=True))
    return render(request, "portal/staff_home.html", {"roles": roles})


@require_safe
@never_cache
def health(request):
    healthy, checks = selectors.health_get()
    return JsonResponse({"status": "up" if healthy else "down", "checks": checks}, status=200 if healthy else 503)


def rate_limited(request, exception):
    response = render(request, "portal/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


def locked_out(request, response=None, credentials=None):
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE), for the staff sign-in and Django admin.

    The same page and status whether the username exists or not, and it never repeats the
    username: a lockout must not tell a guesser which accounts are real."""
    seconds = int(get_cool_off(request).total_seconds())
    page = render(request, "portal/locked_out.html", {"minutes": math.ceil(seconds / 60)}, status=429)
    page["Retry-After"] = str(seconds)
    return page


# Sign-in failures are counted and locked out by django-axes (settings: AXES_*), not here.
class SignInView(auth_views.LoginView):
    form_class = forms.SignInForm
    template_name = "registration/sign_in.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.StaffPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "portal/emails/password_reset/body.txt"
    success_url = reverse_lazy("portal:password-reset-done")

    def form_valid(self, form):
        # Only a valid request can send an email, so only those count: a mistyped address neither
        # uses up the limit nor costs anything. Per client address, through core.client_ip.
        if is_ratelimited(
            self.request, group="portal.password-reset", key="ip", rate=settings.PASSWORD_RESET_RATE,
            method="POST", increment=True,
        ):  # fmt: skip
            raise Ratelimited
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.StaffSetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password-reset-complete")


@require_safe
@staff_permission_required(selectors.VIEW_DASHBOARD_SUMMARY)
def dashboard(request):
    """The managers' dashboard for the viewer's scope, under the filters in the query string
    (councillors: the council's summary); `?table=<slug>` downloads one of its tables as CSV. A
    service area or team outside the viewer's scope is 404, as if it did not exist."""
    scope = selectors.dashboard_scope(request.user)
    for name, allowed in (("area", scope.areas), ("team", scope.teams)):
        raw = request.GET.get(name, "").strip()
        # ASCII digits of a plausible id only ("²" is a digit to str.isdigit, not to int):
        # anything else is not an id at all, and the form says so.
        if re.fullmatch(r"[0-9]{1,18}", raw) and int(raw) not in {item.pk for item in allowed}:
            raise Http404(f"No such {name}")
    form = forms.DashboardForm(request.GET, scope=scope, today=timezone.localdate())
    form.is_valid()
    board = selectors.dashboard_get(user=request.user, scope=scope, filters=form.filters())
    slug = request.GET.get("table")
    if slug is not None:
        table = board.table(slug)
        if table is None:
            raise Http404("No such table")
        return _table_csv(table, board.filters.period)
    query = request.GET.copy()
    query.pop("table", None)
    return render(request, "portal/dashboard.html", {
        "form": form, "board": board, "query": query.urlencode(),
        "channel_label": dict(Channel.choices).get(board.filters.channel, ""),
        "filtered": any(value for key, value in request.GET.items()),
    })  # fmt: skip


def _table_csv(table: selectors.Table, period: selectors.Period) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{table.slug}-{period.first:%Y-%m-%d}-to-{period.last:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # A byte order mark: without it Excel reads the file as its own code page ("£" as "Â£").
    response.write("\ufeff")
    writer = csv_writer(response, fieldnames=table.headers)
    writer.writeheader()
    for row in table.rows:
        writer.writerow({header: cell.value for header, cell in zip(table.headers, row, strict=True)})
    return response
