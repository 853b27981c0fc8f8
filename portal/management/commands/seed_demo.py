"""Create a believable demo council. Safe to run again: it brings the data back to the demo
state rather than duplicating it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.demo import directory_seed
from directory.models import Officer, Team
from directory.services import search_index_rebuild

from ...roles import ADMINISTRATOR, ADVISER, COUNCILLOR, OFFICER, SERVICE_MANAGER, TEAM_MANAGER

DEMO_PASSWORD = "wyebridge-demo-2026"  # noqa: S105 - printed by `make run`; refused outside DEBUG

# username, first name, last name, role, team slug (None: no directory profile), job title
DEMO_STAFF = [
    ("adviser", "Amira", "Khan", ADVISER, "customer-contact-centre", "Customer services adviser"),
    ("officer", "Owen", "Price", OFFICER, "waste-collections", "Waste services officer"),
    ("team.manager", "Tessa", "Morgan", TEAM_MANAGER, "waste-collections", "Waste collections manager"),
    ("service.manager", "Sanjay", "Patel", SERVICE_MANAGER, "customer-contact-centre", "Head of customer services"),
    ("councillor", "Carol", "Evans", COUNCILLOR, None, ""),
    ("admin", "Alex", "Jones", ADMINISTRATOR, "ict-service-desk", "Systems administrator"),
]


class Command(BaseCommand):
    help = "Create or refresh the demo council: directory, and staff in every role."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; it runs only with DEBUG on (or --force)."
            )
        with transaction.atomic():
            directory_seed()
            self._staff()
            # The demo staff's directory profiles are searchable like every other officer.
            search_index_rebuild()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Staff sign in with these usernames:"))
        for username, _, _, role, _, _ in DEMO_STAFF:
            self.stdout.write(f"  {username:<16} {role}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")

    def _staff(self) -> None:
        User = get_user_model()
        for username, first, last, role, team_slug, title in DEMO_STAFF:
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@wyebridge.example",
                    "is_staff": role == ADMINISTRATOR,
                    "is_superuser": role == ADMINISTRATOR,
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.set([Group.objects.get(name=role)])
            if team_slug:
                Officer.objects.update_or_create(
                    user=user,
                    defaults={"team": Team.objects.get(slug=team_slug), "job_title": title, "email": user.email},
                )
