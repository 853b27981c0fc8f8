from django.urls import path

from . import api, views

app_name = "cases"

case = "staff/cases/<str:reference>/"

urlpatterns = [
    # Officers and managers: queues and the work on a case.
    path("staff/cases/", views.queues, name="queues"),
    path("staff/cases/mine/", views.my_cases, name="my-cases"),
    path("staff/cases/all/", views.case_list, name="case-list"),
    path("staff/cases/mine/calls/<int:pk>/", views.chase_called, name="chase-called"),
    path("staff/cases/chasing/preview/", views.chase_preview, name="chase-preview"),
    path("staff/cases/new/", views.case_create, name="case-create"),
    path("staff/cases/queues/triage/", views.triage, name="triage"),
    path("staff/cases/queues/<slug:slug>/", views.queue, name="queue"),
    path("staff/cases/queues/<slug:slug>/claim-next/", views.claim_next, name="claim-next"),
    path(case, views.case_detail, name="case-detail"),
    path(case + "raised/", views.case_raised, name="case-raised"),
    path(case + "note/", views.case_note, name="case-note"),
    path(case + "update/", views.case_update, name="case-update"),
    path(case + "claim/", views.case_claim, name="case-claim"),
    path(case + "assign/", views.case_assign, name="case-assign"),
    path(case + "transfer/", views.case_transfer, name="case-transfer"),
    path(case + "status/", views.case_status, name="case-status"),
    path(case + "resolve/", views.case_resolve, name="case-resolve"),
    path(case + "close/", views.case_close, name="case-close"),
    path(case + "reopen/", views.case_reopen, name="case-reopen"),
    path(case + "edit/", views.case_edit, name="case-edit"),
    path(case + "extend/", views.case_extend, name="case-extend"),
    path(case + "escalate/", views.case_escalate, name="case-escalate"),
    path(case + "link/", views.case_link, name="case-link"),
    path(case + "merge/", views.case_merge, name="case-merge"),
    path(case + "attachments/<int:pk>/", views.attachment_download, name="attachment-download"),
    # Customers (every case-handling role) and councillors' ward enquiries.
    path("staff/customers/", views.customer_list, name="customer-list"),
    path("staff/customers/new/", views.customer_create, name="customer-create"),
    path("staff/customers/<int:pk>/", views.customer_detail, name="customer-detail"),
    path("staff/customers/<int:pk>/edit/", views.customer_update, name="customer-update"),
    path("staff/customers/<int:pk>/merge/", views.customer_merge, name="customer-merge"),
    path("staff/customers/<int:pk>/history/", views.customer_history, name="customer-history"),
    path("staff/enquiries/", views.enquiry_list, name="enquiry-list"),
    path("staff/enquiries/new/", views.enquiry_create, name="enquiry-create"),
    path("staff/enquiries/<str:reference>/", views.enquiry_detail, name="enquiry-detail"),
    # Managers: the routing rules.
    path("staff/routing-rules/", views.rule_list, name="rule-list"),
    path("staff/routing-rules/add/", views.rule_create, name="rule-create"),
    path("staff/routing-rules/test/", views.rule_test, name="rule-test"),
    path("staff/routing-rules/<int:pk>/", views.rule_update, name="rule-update"),
    path("staff/routing-rules/<int:pk>/delete/", views.rule_delete, name="rule-delete"),
    path("staff/routing-rules/<int:pk>/history/", views.rule_history, name="rule-history"),
    # The API (signed-in staff; summary level).
    path("api/cases/", api.CaseListView.as_view(), name="api-case-list"),
    path("api/cases/raise/", api.CaseRaiseView.as_view(), name="api-case-raise"),
    path("api/cases/<str:reference>/", api.CaseDetailView.as_view(), name="api-case-detail"),
]
