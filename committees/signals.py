"""Signals other apps listen to without committees naming them."""

from django.dispatch import Signal

# Sent with `meeting` and `what` (a Publication: agenda or minutes) inside the publishing
# transaction, whoever published it (a scrutiny officer, the demo or the scheduled
# publication task). Receivers that act outside the database should wait for the commit.
published = Signal()

# Sent with `update` (a RecommendationUpdate) once a progress update is recorded, in the
# admin or by `recommendations.record_update`, whether or not the recommendation is published:
# receivers decide what the public may hear of it.
recommendation_updated = Signal()

# Sent with `question` each time an answer to a member's question is published, whether or
# not the question is exempt: receivers decide what the public may hear of it.
question_answered = Signal()
