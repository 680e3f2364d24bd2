"""reader: a terminal reading room for saved news pages."""

__version__ = "0.1.0"
