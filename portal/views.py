from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from core.access import staff_permission_required

from . import forms, selectors
from .preferences import Preferences


def home(request):
    return render(request, "portal/home.html")


def accessibility_statement(request):
    return render(request, "portal/accessibility_statement.html")


def accessibility_settings(request):
    current = Preferences.from_request(request)
    if request.method == "POST":
        form = forms.AccessibilityForm(request.POST)
        if form.is_valid():
            chosen = Preferences(form.cleaned_data["colour"], form.cleaned_data["text_size"])
            messages.success(request, "Your accessibility settings have been saved.")
            response = redirect("portal:accessibility-settings")
            chosen.save(response, secure=request.is_secure())
            return response
    else:
        form = forms.AccessibilityForm(initial={"colour": current.colour, "text_size": current.text_size})
    return render(request, "portal/accessibility_settings.html", {"form": form})


@staff_permission_required("portal.access_staff_pages")
def staff_home(request):
    roles = sorted(request.user.groups.values_list("name", flat=True))
    return render(request, "portal/staff_home.html", {"roles": roles})


@require_GET
@never_cache
def health(request):
    healthy, checks = selectors.health_get()
    return JsonResponse({"status": "up" if healthy else "down", "checks": checks}, status=200 if healthy else 503)


def rate_limited(request, exception):
    response = render(request, "portal/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


@method_decorator(ratelimit(key="ip", rate=settings.LOGIN_RATE, method="POST", block=True), name="post")
class SignInView(auth_views.LoginView):
    form_class = forms.SignInForm
    template_name = "registration/sign_in.html"
    redirect_authenticated_user = True


@method_decorator(ratelimit(key="ip", rate=settings.LOGIN_RATE, method="POST", block=True), name="post")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.StaffPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "portal/emails/password_reset/body.txt"
    success_url = reverse_lazy("portal:password-reset-done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.StaffSetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password-reset-complete")
