"""Parsing: saved page bytes to a Page (article and News Feed). Imports only `reader.text` and `reader.model`."""
