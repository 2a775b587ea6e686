"""Every HTML template of the project — the shared ``cchc/templates`` and each app's own ``templates``
folder — keeps its Vietnamese text inside translation tags or in elements marked ``lang="vi"``, so that
``make messages`` collects every string a page shows (docs/translating.md). The English pages test
checks the rendered pages of the groups listed in English; this one covers the templates not yet
listed, so a new template cannot bring untranslatable text."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from cchc.testing.english import untranslated_lines

ROOT = Path(settings.BASE_DIR) / "cchc"


def templates() -> list[Path]:
    return sorted(ROOT.glob("templates/**/*.html")) + sorted(ROOT.glob("*/templates/**/*.html"))


def test_the_walk_finds_the_shared_and_the_app_templates():
    found = {str(p.relative_to(ROOT)) for p in templates()}
    assert "templates/base.html" in found
    assert "reports/templates/reports/results.html" in found


def test_no_template_holds_vietnamese_outside_translation_tags():
    problems = {
        str(p.relative_to(ROOT)): lines
        for p in templates()
        if (lines := untranslated_lines(p.read_text(encoding="utf-8")))
    }
    assert not problems, problems


def test_the_check_catches_a_bare_vietnamese_sentence():
    assert untranslated_lines("<p>Không có hồ sơ nào.</p>") == ["<p>Không có hồ sơ nào.</p>"]
    assert untranslated_lines('<p>{% translate "Không có hồ sơ nào." %}</p>') == []
