"""Who may see which objects is decided in one place per object type: the app's ``queries``/``scope``
module (``petitions_for``, ``batches_for``, ``api_clients_for``…), never a helper inside a view module,
where another screen, a command or an export could not reuse it and a second copy of the rule would
grow. Found by reading the code (AST): a view module that defines a ``*_for`` function returning a
QuerySet (or not saying what it returns) fails here with its file and line."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "cchc"


def _is_view_module(path: Path) -> bool:
    return path.name == "views.py" or path.name.startswith("views_") or "views" in path.parent.parts[-1:]


def scope_helpers_in(source: str) -> list[tuple[str, int]]:
    """(name, line) of each function named ``*_for`` that returns a QuerySet, ``Any`` or says nothing."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not node.name.endswith("_for"):
            continue
        returns = "" if node.returns is None else ast.unparse(node.returns)
        if not returns or "QuerySet" in returns or returns == "Any":
            found.append((node.name, node.lineno))
    return found


def test_no_view_module_defines_a_scope_helper():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if _is_view_module(path) and "tests" not in path.parts
        for name, line in scope_helpers_in(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "move these to the app's queries or scope module:\n" + "\n".join(offenders)


def test_the_check_finds_a_scope_helper_where_there_is_one():
    source = "def things_for(user) -> QuerySet[Thing]:\n    return Thing.objects.all()\n"
    assert scope_helpers_in(source) == [("things_for", 1)]
    assert scope_helpers_in("def _things_for(user):\n    return None\n") == [("_things_for", 1)]
    assert scope_helpers_in("def token_for(code: str) -> str:\n    return code\n") == []
