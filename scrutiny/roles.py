"""The roles users hold, as Django groups."""

from enum import StrEnum


class Role(StrEnum):
    """A role is a Django group of this name."""

    COMMITTEE_MEMBER = "Committee member"
    OFFICER = "Officer"
    PERFORMANCE_LEAD = "Performance lead"
    SCRUTINY_OFFICER = "Scrutiny officer"

    @property
    def is_staff(self) -> bool:
        """Whether the role works in the Django admin."""
        return self is not Role.COMMITTEE_MEMBER
