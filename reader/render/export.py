"""An article as Markdown (to keep) or plain text (to copy)."""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, datetime
from pathlib import Path

from reader.model import Article
from reader.paths import shown_path
from reader.render.byline import byline
from reader.text import fold

# Line starts that Markdown would read as a heading, quote, list or rule.
_BLOCK_START = re.compile(r"^(\s*)([#>+*=|-]|\d+[.)])")
# Characters Markdown would read as code, emphasis, a link or HTML.
_INLINE = re.compile(r"([\\`*_\[\]<])")
# Letters and digits of any script; everything else separates words.
_SLUG_WORDS = re.compile(r"[^\W_]+")
_MAX_SLUG = 80
# A file name may hold 255 bytes: the slug stays well below, whatever its script.
_MAX_SLUG_BYTES = 160


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
    headline's words in letters of any script (`2024-04-05-тиждень-у-місті.md`)."""
    slug = ""
    for word in _SLUG_WORDS.findall(article.title):
        # Latin letters lose their accents (an ASCII name is easiest to type); other
        # scripts keep theirs: stripped, Ukrainian `ї` would become `і`.
        folded = fold(word)
        word = folded if folded.isascii() else unicodedata.normalize("NFC", word.casefold())
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > _MAX_SLUG or len(longer.encode()) > _MAX_SLUG_BYTES:
            break
        slug = f"{slug}-{word}" if slug else word
    published = article.published
    if isinstance(published, (datetime, date)):
        day = published.date() if isinstance(published, datetime) else published
        slug = f"{day.isoformat()}-{slug}" if slug else day.isoformat()
    return f"{slug or 'article'}.md"


def export_article(article: Article, folder: str | os.PathLike[str]) -> Path:
    """Write the article as Markdown into `folder` and return the file's path.

    An existing file is never overwritten: the name gets `-2`, `-3`… unless that
    file already holds this very export, which is then the answer.
    Raises OSError when the folder cannot be written.
    """
    text = article_markdown(article)
    data = text.encode()
    name = Path(file_name(article))
    folder = Path(folder)
    for number in range(1, 1000):
        path = folder / (name.name if number == 1 else f"{name.stem}-{number}{name.suffix}")
        try:
            out = open(path, "xb")  # noqa: SIM115 - closed below, after a failed write is cleaned up
        except FileExistsError:
            try:
                if path.read_bytes() == data:
                    return path
            except OSError:
                pass
            continue
        try:
            with out:
                out.write(data)
        except OSError:
            path.unlink(missing_ok=True)  # no half-written file left behind (a full disk)
            raise
        return path
    raise FileExistsError(f"{folder / name} and 998 numbered copies exist already")
