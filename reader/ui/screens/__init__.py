"""Screens shown over the reading room: help and load warnings."""
