"""`newsweave serve`: web pages and a JSON API over the SQLite store, thin over the library.

>>> from newsweave.web import create_app
"""
from newsweave.web.app import create_app

__all__ = ["create_app"]
