"""The project's own tables: what was deleted from the open data API's lists (rows are written
by database triggers, scrutiny/migrations/0006_api_deletions.py)."""

from django.db import models
from django.utils import timezone


class Deletion(models.Model):
    """A row deleted from one of the API's lists (a tombstone), for harvesters asking ?since=."""

    list = models.CharField(max_length=40, help_text="The API's list, as in its path: papers.")
    object_id = models.BigIntegerField(help_text="The deleted row's id in that list.")
    deleted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.list} {self.object_id}, deleted {self.deleted_at:%Y-%m-%d %H:%M}"
