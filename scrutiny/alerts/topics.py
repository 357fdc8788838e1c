"""What someone can be alerted about: a registry of topics, each about a committee or a measure.

The topics are registered by `register_builtin_topics()`, from the alerts app's ready(). To
add one (as issue 18 added "A recommendation is updated" and "A member's question is
answered"):

1. Register it from an AppConfig.ready() in scrutiny/ (never from committees or measures,
   which must not name scrutiny)::

       register_topic(Topic("recommendation-updated", "A recommendation is updated",
                            about=COMMITTEE))

   Its key is stored on each subscription, so never rename one; its label is what the
   subscribe form and the manage page show.
2. Where the change happens, send a signal (as `committees.signals.published` or
   `measures.signals.figure_published`), and in scrutiny/alerts a receiver that calls
   `scrutiny.alerts.services.announce(Event(...))` with the topic's key, the committee (or
   measure) and what to say: words the public page uses, never exempt content. Subscribers
   get it once the change commits, one message each. Ask `services.confirmed((key,))` first
   (one query) and return if nobody follows it, before any query to work out the message.

The subscribe forms offer every topic registered for the subject, in the order registered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

COMMITTEE: Literal["committee"] = "committee"
MEASURE: Literal["measure"] = "measure"
Subject = Literal["committee", "measure"]

AGENDA_PUBLISHED = "agenda-published"
MINUTES_PUBLISHED = "minutes-published"
FIGURE_PUBLISHED = "figure-published"
STATUS_CHANGED = "status-changed"
RECOMMENDATION_UPDATED = "recommendation-updated"
QUESTION_ANSWERED = "question-answered"


@dataclass(frozen=True)
class Topic:
    """One kind of alert: its stored key, its label on forms, and what it is about."""

    key: str
    label: str
    about: Subject


_topics: dict[str, Topic] = {}


def register_topic(topic: Topic) -> None:
    """Add a topic; registering a key again replaces it, so a second ready() changes nothing."""
    if len(topic.key) > 40:
        raise ValueError(f"A topic's key is at most 40 characters: {topic.key!r}.")
    _topics[topic.key] = topic


def topics_about(subject: Subject) -> list[Topic]:
    """The topics offered for a committee, or for a measure, in the order registered."""
    return [topic for topic in _topics.values() if topic.about == subject]


def topic(key: str) -> Topic | None:
    """The topic stored under a key, or None for one no longer registered."""
    return _topics.get(key)


def register_builtin_topics() -> None:
    register_topic(Topic(AGENDA_PUBLISHED, "An agenda is published", about=COMMITTEE))
    register_topic(Topic(MINUTES_PUBLISHED, "Minutes are published", about=COMMITTEE))
    register_topic(Topic(FIGURE_PUBLISHED, "A new figure is published", about=MEASURE))
    register_topic(Topic(STATUS_CHANGED, "Its status changes", about=MEASURE))
    register_topic(Topic(RECOMMENDATION_UPDATED, "A recommendation is updated", about=COMMITTEE))
    register_topic(Topic(QUESTION_ANSWERED, "A member's question is answered", about=COMMITTEE))
