"""Resetting a forgotten password: the form's messages, and how long the e-mailed link works."""

from django.contrib.auth.forms import PasswordResetForm


class ResetForm(PasswordResetForm):
    """Django's reset form, its errors saying what to type."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Django's own signature
        self.fields["email"].error_messages.update(
            {
                "required": "Enter the e-mail address your account uses",
                "invalid": "Enter an e-mail address in the right format, like name@example.org",
            }
        )


def link_lifetime(seconds: int) -> str:
    """Seconds as the largest whole unit that states them exactly: 1 hour, 3 days, 90 minutes."""
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    minutes = -(-seconds // 60)  # a part minute counts as a minute: never promise too long
    return f"{minutes} minute{'' if minutes == 1 else 's'}"
