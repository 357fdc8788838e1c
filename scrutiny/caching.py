"""Caching with a data version: public pages and costly values kept until published data changes.

The data version is one row in the database (`scrutiny_data_version`), bumped by a trigger on
every table of `measures` and `committees` in the transaction that changes it, so it changes
exactly when the change commits, whichever process or import made it. Each request reads it
once; every cache key holds it, so an entry can never outlive the data it was made from.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from django.apps import AppConfig
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

T = TypeVar("T")
View = Callable[..., HttpResponse]

# The apps whose tables hold what the public pages show.
DATA_APPS = ("measures", "committees")
TABLE = "scrutiny_data_version"
TRIGGER = "scrutiny_data_version"
# Set for the rest of a transaction once it has bumped the version (PostgreSQL).
BUMPED = "scrutiny.data_version_bumped"
# How long other requests wait for a page one worker is making before making it themselves.
MAKING_SECONDS = 30


def data_version(using: str = "default") -> int:
    """The current data version: one query, never cached."""
    connection = connections[using]
    # Reading it lets the transaction's next write bump it again (see install_triggers).
    seen = f", set_config('{BUMPED}', '', true)" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version{seen} FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def bump_data_version(using: str = "default") -> None:
    """Mark every cached page and value out of date (the triggers do this for data changes)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET version = version + 1 WHERE id = 1")


def _watched(model: type[Model]) -> bool:
    from scrutiny.jobs import Job

    managed = model._meta.managed and not model._meta.proxy
    # Historical copies (django-simple-history) are written beside the rows they copy, and a
    # job's record (a pack build's or an import's state and step) is on no public page: every
    # step of a build would otherwise empty the page cache.
    return (
        managed
        and not issubclass(model, Job)
        and not any(field.name == "history_id" for field in model._meta.fields)
    )


def trigger_sql(vendor: str, table: str) -> list[str]:
    """The statements that make every write to `table` bump the data version."""
    bump = f"UPDATE {TABLE} SET version = version + 1 WHERE id = 1"
    if vendor == "postgresql":
        # BEFORE each statement: the version row is locked before any of the table's rows,
        # so concurrent writers queue on it rather than deadlock.
        return [
            f"CREATE OR REPLACE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()'
        ]
    if vendor == "sqlite":
        return [
            f'CREATE TRIGGER IF NOT EXISTS "{TRIGGER}_{table}_{op.lower()}" AFTER {op} '
            f'ON "{table}" BEGIN {bump}; END'
            for op in ("INSERT", "UPDATE", "DELETE")
        ]
    raise NotImplementedError(f"The data version has no triggers for {vendor}.")


def drop_trigger_sql(vendor: str, table: str) -> list[str]:
    """The statements that stop writes to `table` bumping the data version (if they did)."""
    if vendor == "postgresql":
        return [f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"']
    return [
        f'DROP TRIGGER IF EXISTS "{TRIGGER}_{table}_{op}"' for op in ("insert", "update", "delete")
    ]


def install_triggers(app_config: AppConfig, using: str = "default") -> None:
    """Create the data version's triggers on an app's watched tables, drop any on the others.

    Idempotent; dropping takes a trigger off a table once watched (the jobs' tables were).
    """
    connection = connections[using]
    statements = []
    if connection.vendor == "postgresql":
        # Once a transaction (until it reads the version), not once a statement: updating one
        # row many times in one transaction takes longer each time (its versions pile up).
        statements.append(
            f"CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF coalesce(current_setting('{BUMPED}', true), '') <> 'yes' THEN "
            f"UPDATE {TABLE} SET version = version + 1 WHERE id = 1; "
            f"PERFORM set_config('{BUMPED}', 'yes', true); END IF; RETURN NULL; END $$"
        )
    for model in app_config.get_models(include_auto_created=True):
        if _watched(model):
            statements += trigger_sql(connection.vendor, model._meta.db_table)
        elif not model._meta.proxy and model._meta.managed:
            statements += drop_trigger_sql(connection.vendor, model._meta.db_table)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def after_migrate(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """After every migrate (and flush): triggers on the data apps, the cache table, a new version.

    The bump makes a deploy (new templates or code, always followed by migrate) start afresh.
    """
    if sender.label not in DATA_APPS:
        return
    install_triggers(sender, using=using)
    call_command("createcachetable", database=using, verbosity=0)
    bump_data_version(using=using)


def _code_fingerprint() -> str:
    """The code and templates this process runs, so a deploy never serves the last one's pages.

    By content, so that servers running the same release share their pages.
    """
    base = Path(settings.BASE_DIR)
    files = [
        path
        for folder in ("scrutiny", "measures", "committees", "templates")
        for pattern in ("**/*.py", "**/*.html")
        for path in sorted((base / folder).glob(pattern))
    ]
    stamp = hashlib.sha256()
    for path in files:
        stamp.update(f"{path.relative_to(base)}:".encode() + path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():  # the hashed names of the static files the pages link to
        stamp.update(manifest.read_bytes())
    return stamp.hexdigest()[:16]


_CODE = _code_fingerprint()


def _plain(value: object) -> object:
    """A setting as plain values (lazy objects and callables by their type only)."""
    if isinstance(value, dict):
        return sorted((str(key), _plain(item)) for key, item in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | int | float | Path):
        return str(value)
    return type(value).__name__


# The settings last fingerprinted, and their fingerprint: worked out again only when the
# settings object is replaced (as override_settings does), since it takes milliseconds.
_settings_seen: tuple[object, str] = (None, "")


def _settings_fingerprint() -> str:
    # Settings change what pages say (the RAG scheme, the council's name): part of every key.
    global _settings_seen
    current = vars(settings)["_wrapped"]  # LazySettings holds it; override_settings swaps it
    if _settings_seen[0] is not current:
        names = [name for name in dir(settings) if name.isupper()]
        values = [(name, _plain(getattr(settings, name))) for name in names]
        _settings_seen = (current, hashlib.sha256(repr(values).encode()).hexdigest()[:16])
    return _settings_seen[1]


def cache_key(kind: str, *parts: object, version: int) -> str:
    """A key for `kind` holding the data version, the code, the settings and today's date."""
    text = repr((_CODE, _settings_fingerprint(), timezone.localdate().isoformat(), parts))
    return f"{kind}:{version}:{hashlib.sha256(text.encode()).hexdigest()}"


def cached_value(kind: str, *parts: object, compute: Callable[[], T]) -> T:
    """`compute()`, worked out once per data version for these parts and shared by all workers."""
    key = cache_key(kind, *parts, version=data_version())
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value)
    return value


def _shared(request: HttpRequest) -> bool:
    """Whether the request sees the public page: no sign-in, nothing pending for it alone."""
    if request.method != "GET":
        return False
    # A session (a signed-in user, or messages kept for one) makes the page that person's.
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A CSRF token on the page belongs to one browser.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in control
        and "no-store" not in control
    )


def _made_elsewhere(key: str, making: str) -> HttpResponse | None:
    """The page another worker is making, once it is in the cache; None if it gave up."""
    deadline = time.monotonic() + MAKING_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.05)
        found = cache.get_many([key, making])
        if key in found:
            return found[key]
        if making not in found:
            return None
    return None


def cached_page(view: View) -> View:
    """Serve a public page from the shared cache, keyed on the data version and its full URL.

    Only requests without a session (the public's) are served from or written to the cache;
    anyone signed in gets the page made for them, drafts and exempt papers included. After a
    change, one worker makes each page while the others asking for it wait for it.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _shared(request):
            return view(request, *args, **kwargs)
        key = cache_key("page", request.get_host(), request.get_full_path(), version=data_version())
        response = cache.get(key)
        making = f"{key}:making"
        if response is None and not cache.add(making, True, MAKING_SECONDS):
            response = _made_elsewhere(key, making)
        if response is not None:
            response["X-Cache"] = "hit"  # for the load test and anyone checking a deploy
            return response
        try:
            response = view(request, *args, **kwargs)
            if _keepable(request, response):
                cache.set(key, response)
        finally:
            cache.delete(making)
        return response

    return wrapper
