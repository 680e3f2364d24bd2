"""Parsing: saved page bytes to a Page (article and News Feed). Imports only `reader.text` and `reader.model`."""

# The largest page file read (bytes): a larger one is cut there, with a warning. Here,
# not in `article`, so that the reader can name it without importing the parser (a
# warm start may parse no page at all).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# Saved web pages, read as HTML documents; every other file is read as page text.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
