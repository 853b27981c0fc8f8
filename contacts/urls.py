from django.urls import path, re_path

from . import views

app_name = "contacts"

form = "contact/<slug:slug>/"

urlpatterns = [
    # --- Residents: the start page and the forms (journey) ---
    path("contact/", views.contact_start, name="start"),
    path(form, views.form_start, name="form-start"),
    path(form + "keep/", views.form_keep, name="form-keep"),
    path(form + "sent/", views.form_sent, name="form-sent"),
    path(form + "stop/<slug:code>/", views.form_stop, name="form-stop"),
    # Every other step, a question's code or where, about-you and check (files has its own view).
    re_path(
        r"^contact/(?P<slug>[-a-zA-Z0-9_]+)/(?P<code>(?!files/)[a-z0-9]+(?:-[a-z0-9]+)*)/\Z",
        views.form_step,
        name="form-step",
    ),
    # --- Residents: files uploaded with a form ---
    path(form + "files/", views.form_files, name="form-files"),
    # --- Residents: tracking a case ---
    path("track/", views.track, name="track"),
    path("track/<str:token>/", views.track_link, name="track-link"),
    # --- Residents: satisfaction surveys ---
    path("survey/<str:token>/", views.survey, name="survey"),
    path("survey/<str:token>/done/", views.survey_done, name="survey-done"),
    # --- Advisers: logging a contact ---
    path("staff/contacts/log/", views.contact_log, name="log"),
    path("staff/contacts/log/<int:pk>/logged/", views.contact_logged, name="log-logged"),
    path("staff/contacts/log/customers/", views.log_customers, name="log-customers"),
    path("staff/contacts/log/customers/<int:pk>/", views.log_customer, name="log-customer"),
    path("staff/contacts/log/directory/", views.log_directory, name="log-directory"),
    path("staff/contacts/log/topics/<slug:slug>/", views.log_topic, name="log-topic"),
    # --- Staff: the contacts list and a contact's page ---
    path("staff/contacts/", views.contact_list, name="contact-list"),
    path("staff/contacts/<int:pk>/", views.contact_detail, name="contact-detail"),
    path("staff/contacts/surveys/", views.survey_list, name="survey-list"),
    # --- Reception: the waiting list ---
    path("staff/reception/", views.reception, name="reception"),
    path("staff/reception/check-in/", views.reception_check_in, name="reception-check-in"),
    path("staff/reception/visits/", views.reception_visits, name="reception-visits"),
    path("staff/reception/call-next/", views.reception_call_next, name="reception-call-next"),
    path("staff/reception/<int:pk>/call/", views.reception_call, name="reception-call"),
    path("staff/reception/<int:pk>/left/", views.reception_left, name="reception-left"),
    # --- Managers: request types ---
    path("staff/online-forms/", views.request_type_list, name="request-type-list"),
    path("staff/online-forms/add/", views.request_type_create, name="request-type-create"),
    path("staff/online-forms/<int:pk>/", views.request_type_detail, name="request-type-detail"),
    path("staff/online-forms/<int:pk>/change/", views.request_type_update, name="request-type-update"),
    path("staff/online-forms/<int:pk>/delete/", views.request_type_delete, name="request-type-delete"),
    path("staff/online-forms/<int:pk>/history/", views.request_type_history, name="request-type-history"),
    path("staff/online-forms/<int:pk>/questions/add/", views.question_create, name="question-create"),
    path("staff/online-forms/questions/<int:pk>/change/", views.question_update, name="question-update"),
    path("staff/online-forms/questions/<int:pk>/delete/", views.question_delete, name="question-delete"),
    path("staff/online-forms/questions/<int:pk>/up/", views.question_move, {"up": True}, name="question-move-up"),
    path("staff/online-forms/questions/<int:pk>/down/", views.question_move, {"up": False}, name="question-move-down"),
    path("staff/online-forms/questions/<int:pk>/answers/add/", views.question_value_create, name="value-create"),
    path("staff/online-forms/answers/<int:pk>/change/", views.question_value_update, name="value-update"),
    path("staff/online-forms/answers/<int:pk>/delete/", views.question_value_delete, name="value-delete"),
]
