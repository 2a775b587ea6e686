"""Every verb an app writes to the change log carries the Vietnamese words a civil servant reads beside
it (declared next to the verb in the app's ``audit_events.py``), every vocabulary names its area, and a
stored verb no vocabulary declares any more (old data) reads as a neutral label, never as the code."""

from __future__ import annotations

import re
from pathlib import Path

from cchc.core.events import UNKNOWN_VERB_LABEL, AuditVerb, known_verb, verb_groups, verb_label

PACKAGE = Path(__file__).resolve().parents[2]
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def _all_subclasses() -> list[type[AuditVerb]]:
    verb_groups()  # imports every app's audit_events
    return list(AuditVerb.__subclasses__())


def test_every_app_vocabulary_is_found() -> None:
    files = sorted(p.parent.name for p in PACKAGE.glob("*/audit_events.py"))
    modules = sorted(cls.__module__.split(".")[1] for cls in _all_subclasses())
    assert modules == files


def test_every_member_of_every_vocabulary_has_vietnamese_words() -> None:
    bare = [
        f"{cls.__name__}.{m.name}"
        for cls in _all_subclasses()
        for m in cls
        if not str(m.label).strip() or not VIETNAMESE.search(str(m.label)) or "." in str(m.label)
    ]
    assert not bare, f"verbs without Vietnamese words: {bare}"


def test_every_area_is_named_and_lists_its_verbs() -> None:
    groups = verb_groups()
    assert groups and all(str(area).strip() and verbs for area, verbs in groups)
    values = [value for _area, verbs in groups for value, _label in verbs]
    assert len(values) == len(set(values)), "a verb is declared by two vocabularies"


def test_a_stored_verb_reads_as_its_words() -> None:
    assert str(verb_label("accounts.login")) == "Đăng nhập"
    assert str(verb_label("dossiers.latelist_published")).startswith("Công khai danh sách trễ hạn")
    assert known_verb("demo.loaded")


def test_an_unknown_stored_verb_reads_as_a_neutral_label_not_its_code() -> None:
    label = str(verb_label("legacy.something_removed"))
    assert label == str(UNKNOWN_VERB_LABEL)
    assert "legacy" not in label and "." not in label
    assert not known_verb("legacy.something_removed")
