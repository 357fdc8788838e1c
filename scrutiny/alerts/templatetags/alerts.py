"""The alert topics a subscribe form offers, for pages whose view does not name alerts."""

from django import template

from scrutiny.alerts.topics import Subject, Topic, topics_about

register = template.Library()


@register.simple_tag
def alert_topics(about: Subject) -> list[Topic]:
    """{% alert_topics "committee" as topics %}"""
    return topics_about(about)
