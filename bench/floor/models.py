from django.db import models


class FloorRow(models.Model):
    """One row per write-floor request; the read floor fetches these by primary key."""

    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return f"floor row {self.pk}"


class Dataset(models.Model):
    """Marks what the generator put in this database, so a later run can reuse it."""

    scale = models.CharField(max_length=20)
    seed = models.IntegerField()
    fingerprint = models.CharField(max_length=64, help_text="Hash of the generator code that built the data.")
    generated_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(help_text="How long generation took.")
    counts = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.scale} seed {self.seed}"
