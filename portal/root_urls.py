"""The project's URL root: each app's own urls, the admin and the API."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("portal.urls")),
    path("admin/", admin.site.urls),
]
