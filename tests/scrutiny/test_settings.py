"""Settings come from the environment and fail loudly when production needs something."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_secret_key_fails_naming_the_variable() -> None:
    result = run_manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_bad_boolean_names_the_variable_and_the_value() -> None:
    result = run_manage("check", env={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr
    assert "'maybe'" in result.stderr


def test_debug_on_runs_with_a_development_key() -> None:
    result = run_manage("check", env={"DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_deploy_check_with_production_environment_reports_nothing() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        env={
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "scrutiny.example.gov.uk",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "setting", "expected"),
    [
        ("COUNCIL_NAME", "Rutland County Council", "COUNCIL_NAME", "Rutland County Council"),
        ("ALLOWED_HOSTS", "a.example, b.example", "ALLOWED_HOSTS", "['a.example', 'b.example']"),
        ("SECURE_SSL_REDIRECT", "off", "SECURE_SSL_REDIRECT", "False"),
    ],
)
def test_settings_follow_the_environment(
    variable: str, value: str, setting: str, expected: str
) -> None:
    result = run_manage(
        "shell",
        "-c",
        f"from django.conf import settings; print(settings.{setting})",
        env={"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), variable: value},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


def test_london_time_and_british_english() -> None:
    from django.conf import settings

    assert settings.TIME_ZONE == "Europe/London"
    assert settings.LANGUAGE_CODE == "en-gb"
