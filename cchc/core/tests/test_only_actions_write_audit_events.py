"""Every audit event is written by an actions module (``<app>/actions.py``, ``<app>/actions/…``,
``<app>/actions_<subject>.py``); views, commands, imports and helpers call an action. The few agreed
exceptions are listed with their reason. Found by reading the code (AST), so a new writer anywhere else
fails here with its file and line."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "cchc"

# Modules outside actions that may write audit events, and why.
AGREED = {
    # The Django admin saves the object itself (ModelAdmin.save_model/delete_model); the hook records what
    # a superuser changed there. Everything the staff screens change goes through actions.
    "cchc/accounts/admin.py": "Django admin save hook",
    "cchc/calendar/admin.py": "Django admin save hook",
    "cchc/feedback/admin.py": "Django admin save hook",
    "cchc/org/admin.py": "Django admin save hook",
    # core sits below every app and has no actions layer: the stored-date repair is its own command's
    # one write, audited where it deletes.
    "cchc/core/date_repair.py": "core's repair tool (no app above it may be imported)",
    # The register of the documents of an accountability request (Nghị định 59/2019/NĐ-CP): ``issue``
    # numbers a notice from the audit trail and records it there (the trail is the register); only the
    # accountability actions call it, inside their transaction.
    "cchc/feedback/documents.py": "the numbering register of ND 59 documents, called by actions only",
    # The demo loader records when the demo was loaded for (read back to keep the demo's dates).
    "cchc/demo/management/commands/load_demo.py": "the demo layer has no actions; the row dates the demo",
}


def _is_actions_module(rel: str) -> bool:
    parts = rel.split("/")
    return parts[-1] == "actions.py" or "actions" in parts[:-1] or parts[-1].startswith("actions_")


def writers_in(source: str) -> list[int]:
    """Lines that write an audit event: ``record(...)`` / ``events.record(...)`` from cchc.core.events, or
    ``AuditEvent.objects.create(...)``."""
    tree = ast.parse(source)
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "cchc.core.events":
            imported |= {alias.asname or alias.name for alias in node.names if alias.name == "record"}
        if isinstance(node, ast.ImportFrom) and node.module == "cchc.core":
            imported |= {
                f"{alias.asname or alias.name}.record" for alias in node.names if alias.name == "events"
            }
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in imported:
            lines.append(node.lineno)
        elif isinstance(func, ast.Attribute):
            dotted = ast.unparse(func)
            if dotted in imported or dotted in (
                "AuditEvent.objects.create",
                "AuditEvent.objects.bulk_create",
            ):
                lines.append(node.lineno)
    return lines


def test_the_detector_finds_record_and_direct_creates():
    source = (
        "from cchc.core.events import record\nfrom cchc.core import events\n"
        "record(a, V.X)\nevents.record(a, V.Y)\nAuditEvent.objects.create(verb='x')\nother.record(1)\n"
    )
    assert writers_in(source) == [3, 4, 5]


def test_only_actions_modules_write_audit_events():
    stray = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/tests/" in rel or "/migrations/" in rel or rel == "cchc/core/events.py":
            continue
        if _is_actions_module(rel) or rel in AGREED:
            continue
        stray += [f"{rel}:{line}" for line in writers_in(path.read_text(encoding="utf-8"))]
    assert not stray, "audit events written outside an actions module:\n" + "\n".join(stray)


def test_every_agreed_exception_still_writes():
    # An exception that no longer writes is removed from the list, so the list stays true.
    idle = [rel for rel in AGREED if not writers_in((ROOT / rel).read_text(encoding="utf-8"))]
    assert not idle, idle
