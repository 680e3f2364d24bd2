"""The library of pages: finding and reading files, following folders, the in-memory store and its search."""
