"""The Textual side of the reader: the app, its panes and screens."""
