"""Withdrawals from the open data API: rows that stop being public without being deleted.

Some lists hold rows that can stop being public while they stay in the database: a paper made
exempt or its agenda withdrawn, minutes withdrawn or a minute taken in private, a figure
returned to draft, a question or recommendation hidden. A harvester that copied such a row
must be told to remove it, as it is for a deleted one.

The API keeps a ledger of the rows those lists have answered (scrutiny.models.Listed). Before
one of them (or the deletions) answers, if the data changed since the ledger was last compared
(the data version, scrutiny/caching.py), each list's public rows, read by the very QuerySets
the lists read (reads.WITHDRAWABLE), are compared with it: a row no longer public but still
in its table gets a tombstone (a Deletion, reason "withdrawn", at that time); a row public
again after that is marked back at that time, so `?since=` lists it as changed. The lists
answer only rows the ledger holds as listed, so no row can be answered that a later
comparison would not know to withdraw.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from scrutiny.api.reads import WITHDRAWABLE
from scrutiny.caching import data_version
from scrutiny.models import Deletion, Gone, Listed, ListedAsOf


def bring_up_to_date(*, now: datetime | None = None) -> None:
    """Compare the ledger with the public rows if the data changed since it last was."""
    version = data_version()
    if ListedAsOf.objects.filter(pk=1, version=version).exists():
        return
    ListedAsOf.objects.get_or_create(pk=1)
    with transaction.atomic():
        # One comparison at a time: the others wait, then find the ledger up to date.
        compared = ListedAsOf.objects.select_for_update().get(pk=1)
        version = data_version()
        if compared.version == version:
            return
        when = now or timezone.now()
        for name, rows in WITHDRAWABLE.items():
            _compare(name, set(rows().values_list("pk", flat=True)), when)
        # The version read before the rows: a change committed meanwhile is compared next time.
        compared.version = version
        compared.save(update_fields=["version"])


def _compare(name: str, public: set[int], when: datetime) -> None:
    """Record one list's rows withdrawn since the last comparison, and those back."""
    ledger = {
        row.object_id: row
        for row in Listed.objects.filter(list=name).only("object_id", "withdrawn_at")
    }
    listed = {pk for pk, row in ledger.items() if row.withdrawn_at is None}
    gone = listed - public
    if gone:
        model = WITHDRAWABLE[name]().model
        # A row deleted has its tombstone already (the deletion triggers): it leaves the ledger.
        kept = set(model.objects.filter(pk__in=gone).values_list("pk", flat=True))
        Listed.objects.filter(list=name, object_id__in=gone - kept).delete()
        Listed.objects.filter(list=name, object_id__in=kept).update(withdrawn_at=when)
        Deletion.objects.bulk_create(
            Deletion(list=name, object_id=pk, deleted_at=when, reason=Gone.WITHDRAWN)
            for pk in sorted(kept)
        )
    back = {pk for pk in public & ledger.keys() if ledger[pk].withdrawn_at is not None}
    if back:
        Listed.objects.filter(list=name, object_id__in=back).update(withdrawn_at=None, back_at=when)
    new = public - ledger.keys()
    if new:
        Listed.objects.bulk_create(Listed(list=name, object_id=pk) for pk in sorted(new))
