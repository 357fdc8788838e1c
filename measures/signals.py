"""Signals other apps listen to without measures naming them."""

from django.dispatch import Signal

# Sent with `actual` (the Actual, now published) inside the publishing transaction, after
# the workflow's Publish step saved it. Receivers that act outside the database should wait
# for the commit (transaction.on_commit).
figure_published = Signal()

# Sent once per file import that published figures (import_return, ActualResource with
# state=PUBLISHED), with `actuals` (the list of Actuals it created or changed, now published),
# inside the import's transaction after its writes, and only when every row was accepted.
# One signal for the whole file, so a receiver can look at all its measures in one query.
figures_published = Signal()
