"""The layout's rules, one per folder, read from every module's imports.

The tree follows the flow of data (parse → library → storage → render → ui), and
each folder may lean only on what comes before it. A change that breaks a rule
fails here, naming the module and the import.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reader"

# Where a module lives → the reader modules it may import (by prefix).
ALLOWED = {
    "reader.parse": ("reader.parse", "reader.text", "reader.model", "reader.paths"),
    "reader.text": ("reader.model",),
    "reader.model": (),
    # The settings file: plain Python, read by the command before anything starts.
    "reader.config": ("reader.parse", "reader.text"),
    "reader.order": ("reader.model",),
    "reader.paths": ("reader.text",),
    "reader.render": ("reader.render", "reader.text", "reader.model", "reader.paths"),
    "reader.storage": ("reader.storage", "reader.text", "reader.model", "reader.paths", "reader.order"),
    "reader.library": (
        "reader.library",
        "reader.storage",
        "reader.parse",
        "reader.text",
        "reader.model",
        "reader.paths",
        "reader.order",
    ),
}
UI_ONLY = ("textual", "rich")
# The app's bookkeeping and the words of its notices: plain Python, tested without Pilot.
PLAIN_UI = ("reader.ui.session", "reader.ui.notices")


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def _imports(name: str, path: Path) -> list[str]:
    """Every module `path` imports, at any depth (lazy imports inside functions too)."""
    imported = []
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            imported.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                imported.append(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                imported.append(node.module)
    return imported


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


MODULES = _modules()


def test_every_module_is_checked() -> None:
    # A module outside every rule (a new top-level folder) must get a rule of its own.
    free = {"reader", "reader.__main__", "reader.cli", "reader.sample_articles"}
    unruled = [
        name
        for name, _ in MODULES
        if name not in free and not _within(name, "reader.ui") and not any(_within(name, r) for r in ALLOWED)
    ]
    assert unruled == []


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[name for name, _ in MODULES])
def test_module_imports_follow_the_layout(name: str, path: Path) -> None:
    imported = _imports(name, path)
    if not _within(name, "reader.ui") or name in PLAIN_UI:
        assert [m for m in imported if any(_within(m, top) for top in UI_ONLY)] == [], (
            "only reader/ui may import Textual or Rich"
        )
    rule = next((allowed for prefix, allowed in ALLOWED.items() if _within(name, prefix)), None)
    if rule is None:
        return
    ours = [m for m in imported if _within(m, "reader")]
    assert [m for m in ours if not any(_within(m, allowed) for allowed in rule)] == []


BLOCK_TEXTUAL = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("textual", "rich"):
            raise ImportError("the core must not import " + name)
sys.meta_path.insert(0, Block())
import importlib
for module in sys.argv[1:]:
    importlib.import_module(module)
"""


def test_core_imports_without_textual() -> None:
    core = [
        name
        for name, _ in MODULES
        if (not _within(name, "reader.ui") or name in PLAIN_UI) and name != "reader.__main__"
    ]
    done = subprocess.run([sys.executable, "-c", BLOCK_TEXTUAL, *core], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_app_starts_without_importing_the_parser() -> None:
    """A warm start may parse no page: the parser (a tenth of a second to import) is
    imported when the first page is parsed, not before the first paint."""
    check = (
        "import sys, reader.ui.app; print(sorted(m for m in sys.modules if m.startswith('reader.parse.')))"
    )
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr
