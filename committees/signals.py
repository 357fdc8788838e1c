"""Signals other apps listen to without committees naming them."""

from django.dispatch import Signal

# Sent with `meeting` and `what` (a Publication: agenda or minutes) inside the publishing
# transaction, whoever published it (a scrutiny officer, the demo or the scheduled
# publication task). Receivers that act outside the database should wait for the commit.
published = Signal()
