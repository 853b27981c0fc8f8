from django.urls import include, path

from . import api, views

app_name = "directory"

urlpatterns = [
    # Public: no sign-in.
    path("services/", views.service_list, name="service-list"),
    path("services/search/", views.service_search, name="service-search"),
    path("services/<slug:slug>/", views.service_detail, name="service-detail"),
    path("services/<slug:area_slug>/<slug:slug>/", views.topic_detail, name="topic-detail"),
    # The staff phone guide.
    path("staff/phone-guide/", views.phone_guide, name="phone-guide"),
    path("staff/phone-guide/search/", views.phone_guide_search, name="phone-guide-search"),
    path("staff/phone-guide/print/", views.phone_guide_print, name="phone-guide-print"),
    path("staff/phone-guide/<slug:slug>/", views.phone_guide_area, name="phone-guide-area"),
    # Editing (team and service managers, administrators).
    path("staff/directory/", views.edit_home, name="edit-home"),
    path("staff/directory/review/", views.review_list, name="review"),
    path("staff/directory/export.csv", views.directory_export, name="export"),
    path("staff/directory/import/", views.directory_import, name="import"),
    path("staff/directory/contact-details/", views.contact_details_edit, name="contact-details"),
    path("staff/directory/contact-details/history/", views.contact_details_history, name="contact-details-history"),
    path("staff/directory/<slug:kind>/add/", views.entry_create, name="entry-create"),
    path("staff/directory/<slug:kind>/<int:pk>/", views.entry_update, name="entry-update"),
    path("staff/directory/<slug:kind>/<int:pk>/delete/", views.entry_delete, name="entry-delete"),
    path("staff/directory/<slug:kind>/<int:pk>/reviewed/", views.entry_reviewed, name="entry-reviewed"),
    path("staff/directory/<slug:kind>/<int:pk>/history/", views.entry_history, name="entry-history"),
    # Read-only JSON API.
    path("api/directory/search/", api.SearchView.as_view(), name="api-search"),
    path("api/directory/", include(api.router.urls)),
]
