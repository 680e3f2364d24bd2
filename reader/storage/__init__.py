"""What the reader keeps on disk in SQLite: the parse cache and the reading state."""
