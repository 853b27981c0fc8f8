from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility_statement, name="accessibility-statement"),
    path("accessibility/settings/", views.accessibility_settings, name="accessibility-settings"),
    path("health/", views.health, name="health"),
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/dashboard/", views.dashboard, name="dashboard"),
    path("staff/sign-in/", views.SignInView.as_view(), name="login"),
    path("staff/sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "staff/password-reset/sent/",
        TemplateView.as_view(template_name="registration/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "staff/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "staff/password-reset/complete/",
        TemplateView.as_view(template_name="registration/password_reset_complete.html"),
        name="password-reset-complete",
    ),
]
