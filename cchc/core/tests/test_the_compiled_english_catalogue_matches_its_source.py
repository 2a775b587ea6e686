"""The compiled English catalogue (``django.mo``, committed so that a clone serves English without
GNU gettext) says exactly what its source ``django.po`` says: compiled again here with ``msgfmt``
(the ``gettext`` package, installed by ``make deps``) and compared message by message."""

import gettext
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"


def _catalogue(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def test_the_compiled_english_catalogue_matches_its_source(tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: install the gettext package (make deps)"
    fresh = tmp_path / "django.mo"
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(fresh), str(LOCALE / "django.po")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert _catalogue(LOCALE / "django.mo") == _catalogue(fresh), (
        "django.mo is out of date: run `make messages` and commit it"
    )
