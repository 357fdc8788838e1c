"""Signals other apps listen to without measures naming them."""

from django.dispatch import Signal

# Sent with `actual` (the Actual, now published) inside the publishing transaction, after
# the workflow's Publish step saved it. Receivers that act outside the database should wait
# for the commit (transaction.on_commit).
figure_published = Signal()
