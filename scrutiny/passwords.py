"""How long a password reset link works, in words for the page and the e-mail."""


def link_lifetime(seconds: int) -> str:
    """Seconds as the largest whole unit that states them exactly: 1 hour, 3 days, 90 minutes."""
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    minutes = -(-seconds // 60)  # a part minute counts as a minute: never promise too long
    return f"{minutes} minute{'' if minutes == 1 else 's'}"
