"""The project's URL root: each app's own urls, the admin and the API schema."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

urlpatterns = [
    path("", include("portal.urls")),
    path("", include("directory.urls")),
    path("", include("standards.urls")),
    path("", include("cases.urls")),
    path("", include("contacts.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("admin/", admin.site.urls),
]

if settings.BENCH_ENDPOINTS:
    # The benchmark floors (docs/performance.md); never routed unless BENCH_ENDPOINTS is on.
    urlpatterns.append(path("bench/", include("bench.floor.urls")))
