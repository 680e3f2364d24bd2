"""The bundled sample pages, installed as package data so `reader` finds them."""
