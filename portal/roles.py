"""The staff roles, as groups with explicit permissions.

The groups are brought in line with this table after every `migrate` (see apps.py), so a new
permission reaches every role by editing one line here.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ADVISER = "Adviser"
OFFICER = "Officer"
TEAM_MANAGER = "Team manager"
SERVICE_MANAGER = "Service manager"
SENIOR_MANAGER = "Senior manager"
COUNCILLOR = "Councillor"
ADMINISTRATOR = "Administrator"

# Every staff role can answer "when will I hear back?" (the standards preview).
_STAFF = ["portal.access_staff_pages", "directory.view_phone_guide", "standards.preview_standards"]
_DIRECTORY_EDIT = [
    f"directory.{action}_{model}"
    for model in ("servicearea", "team", "officer", "absence", "partner", "topic")
    for action in ("add", "change", "delete")
] + ["directory.view_directorychange"]
# Service managers edit their area's calendars and standards, administrators everything.
_STANDARDS_EDIT = [
    f"standards.{action}_{model}"
    for model in ("calendar", "workinghours", "closure", "responsestandard")
    for action in ("add", "change", "delete")
] + ["standards.view_standardschange", "standards.change_chase_policy", "standards.change_channelcost"]

# Cases (scopes in cases/selectors.py): advisers raise cases and see any case's summary; officers
# work their team's queue; managers their service area's and the triage queue, and edit the
# routing rules of their area's teams; councillors raise and follow their own ward enquiries.
_CUSTOMERS = ["cases.view_customer", "cases.add_customer", "cases.change_customer"]
_CASE_WORK = ["cases.raise_cases", "cases.work_cases", *_CUSTOMERS]
_CASE_MANAGE = [
    *_CASE_WORK,
    "cases.triage_cases",
    "cases.merge_customers",
    "cases.add_routingrule",
    "cases.change_routingrule",
    "cases.delete_routingrule",
]

# The online forms (contacts/selectors.py has the scope): managers edit their area's, service
# managers and administrators also the general forms, which have no topic.
_FORMS_EDIT = ["contacts.edit_request_types"]
_GENERAL_FORMS_EDIT = [*_FORMS_EDIT, "contacts.edit_general_request_types"]

# Contacts (the scope is ContactQuerySet.visible_to): whoever takes calls logs them and sees their
# own; team managers see their team's advisers', service managers their area's, administrators all.
# Advisers and managers run the reception desk (floor-walkers are advisers).
_CONTACTS = ["contacts.log_contacts", "contacts.receive_visitors"]

# Managers see their scope's figures with names and links to the rows; everyone with the summary
# permission alone (councillors) the council's figures without them (portal.selectors).
# The survey answers behind the satisfaction figures go with the figures' links.
_DASHBOARDS = ["portal.view_dashboards", "portal.view_dashboard_summary", "contacts.view_surveyanswer"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADVISER: [*_STAFF, "cases.raise_cases", "cases.view_case_summaries", *_CUSTOMERS, *_CONTACTS],
    OFFICER: [*_STAFF, *_CASE_WORK, "contacts.log_contacts"],
    TEAM_MANAGER: [
        *_STAFF,
        *_DASHBOARDS,
        *_DIRECTORY_EDIT,
        *_CASE_MANAGE,
        "cases.receive_compliments",
        *_FORMS_EDIT,
        *_CONTACTS,
        "contacts.view_team_contacts",
    ],
    SERVICE_MANAGER: [
        *_STAFF,
        *_DASHBOARDS,
        *_DIRECTORY_EDIT,
        *_STANDARDS_EDIT,
        *_CASE_MANAGE,
        *_GENERAL_FORMS_EDIT,
        *_CONTACTS,
        "contacts.view_area_contacts",
    ],
    # The whole council's dashboard and every contact and case behind it, read only: directors
    # and heads of service who judge the strategy but do not take calls or work cases.
    SENIOR_MANAGER: [
        *_STAFF,
        *_DASHBOARDS,
        "contacts.view_all_contacts",
        "cases.view_case_summaries",
        "cases.view_all_cases",
        "cases.view_customer",
    ],
    # Councillors see the council's figures (portal.selectors.dashboard_scope), never the rows.
    COUNCILLOR: [*_STAFF, "cases.raise_enquiries", "portal.view_dashboard_summary"],
    ADMINISTRATOR: [
        *_STAFF,
        *_DASHBOARDS,
        *_DIRECTORY_EDIT,
        "directory.import_directory",
        "directory.change_contactdetails",
        *_STANDARDS_EDIT,
        "standards.add_target",
        "standards.change_target",
        *_CASE_MANAGE,
        "cases.view_case_summaries",
        "cases.view_all_cases",
        *_GENERAL_FORMS_EDIT,
        *_CONTACTS,
        "contacts.view_all_contacts",
    ],
}


def roles_sync() -> None:
    """Create the role groups and give each exactly the permissions in ROLE_PERMISSIONS."""
    wanted = {perm for perms in ROLE_PERMISSIONS.values() for perm in perms}
    query = Q()
    for perm in wanted:
        app_label, codename = perm.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.filter(query).select_related("content_type")
    }
    missing = wanted - found.keys()
    if missing:
        raise LookupError(f"Permissions named in portal.roles do not exist: {sorted(missing)}")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([found[perm] for perm in perms])
