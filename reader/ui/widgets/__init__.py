"""The panes of the reading room, one widget per module."""
