"""Create a believable demo council. Safe to run again: it brings the data back to the demo
state rather than duplicating it."""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cases.demo import cases_seed
from cases.services import chase_run
from contacts.demo import contacts_seed, request_types_seed
from directory.demo import directory_seed
from standards.demo import standards_seed

from ...roles import ADMINISTRATOR, ADVISER, COUNCILLOR, OFFICER, SENIOR_MANAGER, SERVICE_MANAGER, TEAM_MANAGER

DEMO_PASSWORD = "wyebridge-demo-2026"  # noqa: S105 - printed by `make run`; refused outside DEBUG

# username, first name, last name, role, team slug (None: no directory profile), job title
DEMO_STAFF = [
    ("adviser", "Amira", "Khan", ADVISER, "customer-contact-centre", "Customer services adviser"),
    ("officer", "Owen", "Price", OFFICER, "waste-collections", "Waste services officer"),
    ("team.manager", "Tessa", "Morgan", TEAM_MANAGER, "waste-collections", "Waste collections manager"),
    ("service.manager", "Sanjay", "Patel", SERVICE_MANAGER, "customer-contact-centre", "Head of customer services"),
    ("senior.manager", "Seren", "Lloyd", SENIOR_MANAGER, None, ""),
    ("councillor", "Carol", "Evans", COUNCILLOR, None, ""),
    ("admin", "Alex", "Jones", ADMINISTRATOR, "ict-service-desk", "Systems administrator"),
]


class Command(BaseCommand):
    help = "Create or refresh the demo council: directory, staff in every role, cases and contacts."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; it runs only with DEBUG on (or --force)."
            )
        started = time.perf_counter()
        with transaction.atomic():
            # Accounts first: the directory import sets officers' profiles but never creates accounts.
            self._staff()
            result = directory_seed(officers=self._profiles())
            standards_seed(today=timezone.localdate())
            cast = self._cast()
            cases = cases_seed(**cast)
            forms = request_types_seed()
            contacts = contacts_seed(adviser=cast["adviser"], officer=cast["officer"], manager=cast["manager"])
        self.stdout.write(
            f"Directory imported from the demo CSV: {result.summary} ({time.perf_counter() - started:.1f} s)."
        )
        self.stdout.write(f"Demo cases: {cases or 'already there, left as they are'}.")
        if cases:
            # The chaser's first run over five weeks of cases: the overdue ones are escalated and
            # their residents updated now; the recent ones are warned as their due times near,
            # by the worker's beat every CHASE_EVERY_SECONDS while `make run` is up.
            chased = chase_run()
            steps = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in sorted(chased.steps.items()))
            self.stdout.write(f"The chaser's first run: {chased.total} steps on {chased.cases} cases ({steps}).")
        self.stdout.write(f"Online forms: {forms or 'already there'}{' made' if forms else ''}.")
        self.stdout.write(f"Contacts: {contacts or 'already there, left as they are'}.")
        self.stdout.write(self.style.SUCCESS("Demo data ready. Staff sign in with these usernames:"))
        for username, _, _, role, _, _ in DEMO_STAFF:
            self.stdout.write(f"  {username:<16} {role}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")

    def _staff(self) -> None:
        """Every demo staff account, made with Django's create_user when missing."""
        User = get_user_model()
        for username, first, last, role, _team_slug, _title in DEMO_STAFF:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(username=username, password=DEMO_PASSWORD)
            fields = {"first_name": first, "last_name": last, "email": f"{username}@wyebridge.example",
                      "is_staff": role == ADMINISTRATOR, "is_superuser": role == ADMINISTRATOR}  # fmt: skip
            changed = [name for name, value in fields.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, fields[name])
            # Checked rather than set every run, so a second run changes nothing.
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                changed.append("password")
            if changed:
                user.save(update_fields=changed)
            user.groups.set([Group.objects.get(name=role)])

    def _cast(self) -> dict:
        """The demo staff who log, triage, raise and work the demo cases."""
        usernames = [username for username, *_ in DEMO_STAFF]
        users = {user.username: user for user in get_user_model().objects.filter(username__in=usernames)}
        return {"adviser": users["adviser"], "manager": users["service.manager"], "councillor": users["councillor"],
                "officer": users["officer"]}  # fmt: skip

    def _profiles(self) -> list[dict]:
        """The demo staff's directory profiles, as officer rows of the demo CSV."""
        return [
            {"slug": username, "name": f"{first} {last}", "team": team_slug, "job_title": title,
             "email": f"{username}@wyebridge.example"}
            for username, first, last, _role, team_slug, title in DEMO_STAFF
            if team_slug
        ]  # fmt: skip
