"""The one way tests make users: a role by name (a group of `portal.roles`), optionally an officer
profile in a team (made through the directory services, as in real use). Plain functions, so a
fixture or a test can call them; the fixtures that use them are in tests/conftest.py."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal import roles

# Every test user's password (hashed with the fast test hasher, see conftest.py).
PASSWORD = "correct-horse-battery-staple"

# Fixture-style keys for the roles, as the permission table and the role fixtures spell them.
ROLE_KEYS = {
    "adviser": roles.ADVISER,
    "officer": roles.OFFICER,
    "team_manager": roles.TEAM_MANAGER,
    "service_manager": roles.SERVICE_MANAGER,
    "councillor": roles.COUNCILLOR,
    "administrator": roles.ADMINISTRATOR,
}

_made = iter(range(1, 1_000_000))


def user_make(role: str | None, *, team=None, username: str | None = None, job_title: str = "Officer", **fields):
    """A user in `role` (a role name like roles.ADVISER, or its key like "adviser"; None for no
    role) with the test password; with `team`, also their directory profile in that team, which
    sets what they may edit and (later) which queue they work."""
    from directory import services

    group = ROLE_KEYS.get(role, role) if role else None
    username = username or f"{(group or 'norole').lower().replace(' ', '-')}-{next(_made)}"
    fields.setdefault("first_name", "Test")
    fields.setdefault("last_name", username.replace(".", " ").title())
    fields.setdefault("email", f"{username}@wyebridge.example")
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if team is not None:
        services.entry_create(
            model=services.Officer, by=None, fields={"user": user, "team": team, "job_title": job_title}
        )
    return user
