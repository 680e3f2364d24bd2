"""An article as Markdown (to keep) or plain text (to copy)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from reader.model import Article
from reader.paths import dated_name, shown_path, write_new
from reader.render.byline import byline

# Line starts that Markdown would read as a heading, quote, list or rule.
_BLOCK_START = re.compile(r"^(\s*)([#>+*=|-]|\d+[.)])")
# Characters Markdown would read as code, emphasis, a link or HTML.
_INLINE = re.compile(r"([\\`*_\[\]<])")


def _escape(text: str) -> str:
    """Page text as literal Markdown: no heading, list, emphasis, link or HTML of its own."""
    text = _INLINE.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def article_markdown(article: Article) -> str:
    """The article as a Markdown document: headline, byline, date, body."""
    parts = [f"# {_escape(' '.join(article.title.split()))}"]
    if article.subtitle:
        parts.append(f"*{_escape(article.subtitle.strip())}*")
    facts = byline(article, by="By ")
    if facts:
        parts.append(_escape(facts))
    parts.extend(_escape(paragraph) for paragraph in article.body)
    if article.source:
        parts.append(f"---\n\nSaved page: {_escape(shown_path(article.source))}")
    return "\n\n".join(parts) + "\n"


def article_text(article: Article) -> str:
    """The article as plain text, for the clipboard."""
    parts = [article.title]
    if article.subtitle:
        parts.append(article.subtitle)
    facts = byline(article, by="By ")
    if facts:
        parts.append(facts)
    parts.extend(article.body)
    return "\n\n".join(parts) + "\n"


def file_name(article: Article) -> str:
    """`2024-03-03-ferry-returns-to-the-island.md`: the date (when known) and the
    headline's words."""
    return dated_name(article.title, article.published, ".md")


def export_article(article: Article, folder: str | os.PathLike[str]) -> Path:
    """Write the article as Markdown into `folder` and return the file's path.

    An existing file is never overwritten: the name gets `-2`, `-3`… unless that
    file already holds this very export, which is then the answer.
    Raises OSError when the folder cannot be written.
    """
    return write_new(folder, file_name(article), article_markdown(article).encode())[0]
