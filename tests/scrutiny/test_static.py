"""Static files collect with hashed names, as whitenoise serves them in production."""

import json
from pathlib import Path

from django.core.management import call_command


def test_collectstatic_gives_every_asset_a_hashed_name(tmp_path: Path, settings) -> None:
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    css = manifest["dist/app.css"]
    assert css != "dist/app.css" and css.startswith("dist/app.")
    assert "dist/govuk/govuk-frontend.min.js" in manifest
    # GOV.UK Frontend's CSS refers to the crest; ours stands in for it, hashed too.
    compiled = (tmp_path / css).read_text()
    assert manifest["images/govuk-crest.svg"].split("/")[-1] in compiled
    assert (tmp_path / (css + ".gz")).exists()
