from django.urls import path

from . import views

app_name = "standards"

urlpatterns = [
    # Public: no sign-in.
    path("standards/", views.public, name="public"),
    # Every staff role: "when will they hear back?"
    path("staff/standards/preview/", views.preview, name="preview"),
    # Editing (service managers for their area, administrators for everything).
    path("staff/standards/", views.edit_home, name="edit-home"),
    path("staff/standards/calendars/add/", views.calendar_create, name="calendar-create"),
    path("staff/standards/calendars/<int:pk>/", views.calendar_update, name="calendar-update"),
    path("staff/standards/calendars/<int:pk>/hours/", views.calendar_hours, name="calendar-hours"),
    path("staff/standards/calendars/<int:pk>/teams/", views.calendar_teams, name="calendar-teams"),
    path("staff/standards/calendars/<int:pk>/closures/add/", views.closure_create, name="closure-create"),
    path("staff/standards/calendars/<int:pk>/history/", views.calendar_history, name="calendar-history"),
    path("staff/standards/closures/<int:pk>/delete/", views.closure_delete, name="closure-delete"),
    path("staff/standards/standards/add/", views.standard_create, name="standard-create"),
    path("staff/standards/standards/<int:pk>/", views.standard_update, name="standard-update"),
    path("staff/standards/standards/<int:pk>/delete/", views.standard_delete, name="standard-delete"),
    path("staff/standards/standards/<int:pk>/history/", views.standard_history, name="standard-history"),
    path("staff/standards/targets/add/", views.target_create, name="target-create"),
    path("staff/standards/costs/<slug:channel>/", views.channel_cost_update, name="channel-cost-update"),
    path("staff/standards/costs/<slug:channel>/history/", views.channel_cost_history, name="channel-cost-history"),
    path("staff/standards/targets/<int:pk>/", views.target_update, name="target-update"),
    path("staff/standards/targets/<int:pk>/history/", views.target_history, name="target-history"),
    # The chaser's rules (service managers for their area, administrators also the council's).
    path("staff/standards/chasing/", views.chase_index, name="chase-index"),
    path("staff/standards/chasing/council/", views.chase_edit, name="chase-edit-council"),
    path("staff/standards/chasing/council/history/", views.chase_history, name="chase-history-council"),
    path("staff/standards/chasing/<int:area_pk>/", views.chase_edit, name="chase-edit"),
    path("staff/standards/chasing/<int:area_pk>/reset/", views.chase_reset, name="chase-reset"),
    path("staff/standards/chasing/<int:area_pk>/history/", views.chase_history, name="chase-history"),
]
