"""The project's own tables: what was deleted from the open data API's lists (rows are written
by database triggers, scrutiny/migrations/0006_api_deletions.py) or stopped being public in
them (scrutiny/api/listing.py), and the ledger of what those lists answered."""

from django.db import models
from django.utils import timezone


class Gone(models.TextChoices):
    """Why a row left one of the API's lists."""

    DELETED = "deleted", "Deleted"
    WITHDRAWN = "withdrawn", "No longer public"


class Deletion(models.Model):
    """A row deleted from one of the API's lists, or no longer public in it (a tombstone), for
    harvesters asking ?since=."""

    list = models.CharField(max_length=40, help_text="The API's list, as in its path: papers.")
    object_id = models.BigIntegerField(help_text="The deleted row's id in that list.")
    deleted_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The triggers write deletions without it: the database's default says so.
    reason = models.CharField(
        max_length=10, choices=Gone, default=Gone.DELETED, db_default=Gone.DELETED
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.list} {self.object_id}, {self.reason} {self.deleted_at:%Y-%m-%d %H:%M}"


class Listed(models.Model):
    """A row the API has answered in a list whose rows can stop being public (its ledger)."""

    list = models.CharField(max_length=40, help_text="The API's list, as in its path: papers.")
    object_id = models.BigIntegerField(help_text="The row's id in that list.")
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was found no longer public; empty while it is."
    )
    back_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was last found public again after that."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["list", "object_id"], name="listed_once_a_list")
        ]

    def __str__(self) -> str:
        return f"{self.list} {self.object_id}"


class ListedAsOf(models.Model):
    """The data version the ledger of listed rows was last compared at (one row)."""

    version = models.BigIntegerField(default=-1)

    def __str__(self) -> str:
        return f"listed rows compared at data version {self.version}"
