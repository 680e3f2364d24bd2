"""The core (parser, store, loader, CLI parse) runs without Textual installed."""

from __future__ import annotations

import subprocess
import sys

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
