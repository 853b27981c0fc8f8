"""The service navigation: which links each visitor sees."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    # None: shown to everyone; otherwise shown only to signed-in users with this permission.
    permission: str | None = None
    public_only: bool = False


ITEMS = [
    NavItem("Home", "portal:home", public_only=True),
    NavItem("Staff home", "portal:staff-home", "portal.access_staff_pages"),
    NavItem("Dashboard", "portal:dashboard", "portal.view_dashboard_summary"),
    # permission None and not public_only: residents and staff both see it.
    NavItem("Find a service", "directory:service-list"),
    NavItem("Phone guide", "directory:phone-guide", "directory.view_phone_guide"),
    NavItem("Edit directory", "directory:edit-home", "directory.change_topic"),
    NavItem("When will they hear back?", "standards:preview", "standards.preview_standards"),
    NavItem("Standards", "standards:edit-home", "standards.change_responsestandard"),
    NavItem("Cases", "cases:queues", "cases.work_cases"),
    NavItem("Customers", "cases:customer-list", "cases.view_customer"),
    NavItem("Log a contact", "contacts:log", "contacts.log_contacts"),
    NavItem("Contacts", "contacts:contact-list", "contacts.log_contacts"),
    NavItem("Reception", "contacts:reception", "contacts.receive_visitors"),
    NavItem("Routing rules", "cases:rule-list", "cases.change_routingrule"),
    NavItem("Online forms", "contacts:request-type-list", "contacts.edit_request_types"),
    NavItem("Ward enquiries", "cases:enquiry-list", "cases.raise_enquiries"),
]


def navigation_for(request) -> list[dict]:
    user = request.user
    items = []
    for item in ITEMS:
        if item.permission is None:
            if item.public_only and user.is_authenticated and user.has_perm("portal.access_staff_pages"):
                continue
        elif not (user.is_authenticated and user.has_perm(item.permission)):
            continue
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "active": request.path == url})
    return items
