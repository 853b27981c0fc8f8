from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone


class OutboundEmail(models.Model):
    """An email the portal owes someone. Written in the same transaction as the change that
    caused it, so nothing is lost when the broker is down: the worker sends it, and a periodic
    sweep re-queues any still pending."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = models.EmailField()
    # What it is for, where a limit counts a kind of email ("contacts.acknowledgement"); blank otherwise.
    purpose = models.CharField(max_length=40, blank=True)
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The sweep reads only what is pending; the index stays as small as the backlog.
            models.Index(fields=["created_at"], condition=Q(status="pending"), name="outbox_pending_idx"),
            # How many emails of a purpose one address got lately (the acknowledgement limit).
            models.Index("purpose", Lower("to"), "created_at", name="outbox_purpose_idx", condition=~Q(purpose="")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False) | ~Q(status="sent"),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to} ({self.status})"


class RateLimitCounter(models.Model):
    """A rate-limit count kept in PostgreSQL while Redis is unreachable (core.cache.RateLimitCache).

    Only that cache writes here, each change one SQL statement, so concurrent requests never lose
    a count. A row past `expires_at` counts as absent and is swept by the next new counter."""

    key = models.CharField(max_length=250, primary_key=True)
    count = models.BigIntegerField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="ratelimit_counter_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.key} = {self.count} until {self.expires_at:%H:%M:%S}"


class ChangeRecord(models.Model):
    """One change to an entry of an app's history: who, when, which entry, and each changed
    field as [before, after] (core.changes builds them). Each app keeps its own table
    (directory.DirectoryChange, standards.StandardsChange) with its own `action` choices."""

    changed_at = models.DateTimeField(default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    entry_type = models.CharField(max_length=40)
    entry_id = models.BigIntegerField()
    entry_label = models.CharField(max_length=200)
    changes = models.JSONField(default=dict, blank=True)
    action: "models.CharField"

    class Meta:
        abstract = True
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d %H:%M} {self.action} {self.entry_type} {self.entry_label}"

    @classmethod
    def record(cls, *, entry: models.Model, by, action: str, changes: dict, **columns) -> "ChangeRecord":
        """Write one change of `entry` by `by` (None, or an anonymous user: a system change);
        `columns`: an app's own columns of its table."""
        record = cls(
            changed_by=by if by is not None and by.is_authenticated else None,
            entry_type=str(entry._meta.model_name),
            entry_id=entry.pk,
            entry_label=str(entry)[:200],
            changes=changes,
            **columns,
        )
        record.action = action  # declared by each app's table, with its own choices
        record.save()
        return record
