"""The measure page's "Get e-mail alerts" section, a small form (from AlertsConfig.ready())."""

from __future__ import annotations

from typing import TYPE_CHECKING

from measures.pages.extensions import Section
from scrutiny.alerts.topics import MEASURE, topics_about

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from measures.models import Measure
    from measures.rules.periods import Period


def alerts_section(measure: Measure, period: Period, user: User | AnonymousUser) -> Section:
    """The same for everyone (the page is cached): no query."""
    return Section(
        title="Get e-mail alerts",
        template_name="alerts/includes/measure_section.html",
        context={"measure": measure, "topics": topics_about(MEASURE)},
    )
