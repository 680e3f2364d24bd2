"""The core (parser, store, loader, CLI parse) runs without Textual installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = [
    "reader.model",
    "reader.parse.decode",
    "reader.parse.dates",
    "reader.parse.lines",
    "reader.parse.bylines",
    "reader.parse.feed",
    "reader.parse.article",
    "reader.library.store",
    "reader.library.files",
    "reader.cli",
    "reader.storage.cache",
    "reader.storage.state",
    "reader.render.export",
    "reader.library.ingest",
]

BLOCK_TEXTUAL = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual.") or name == "rich" or name.startswith("rich."):
            raise ImportError("the core must not import " + name)
sys.meta_path.insert(0, Block())
import importlib
for module in sys.argv[1:]:
    importlib.import_module(module)
"""


def test_core_imports_without_textual() -> None:
    done = subprocess.run([sys.executable, "-c", BLOCK_TEXTUAL, *CORE], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# The app's bookkeeping and the words of its notices are plain Python, testable
# without Textual; so is the loop that follows the folders.
PLAIN_UI = ["reader.ui.session", "reader.ui.notices", "reader.library.follow"]


def test_the_apps_bookkeeping_imports_without_textual() -> None:
    done = subprocess.run([sys.executable, "-c", BLOCK_TEXTUAL, *PLAIN_UI], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


LIBRARY = Path(__file__).parents[1] / "reader" / "library"
BLOCK_UI = BLOCK_TEXTUAL.replace(
    'name == "textual" or name.startswith("textual.") or name == "rich" or name.startswith("rich.")',
    'name == "reader.ui" or name.startswith("reader.ui.")',
)


def test_the_library_never_imports_the_ui() -> None:
    library = [
        f"reader.library.{path.stem}" for path in sorted(LIBRARY.glob("*.py")) if path.stem != "__init__"
    ]
    assert "reader.library.follow" in library and BLOCK_UI != BLOCK_TEXTUAL
    done = subprocess.run([sys.executable, "-c", BLOCK_UI, *library], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
