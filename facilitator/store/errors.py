"""Errors the store raises. Each message names the problem and the file."""

from __future__ import annotations


class LibraryError(Exception):
    """A library (or workshop file) cannot be used; the message says why, naming the path."""


class NotALibraryError(LibraryError):
    """The file is not SQLite, or is SQLite belonging to another application."""


class NewerLibraryError(LibraryError):
    """The file was written by a newer version of the app."""


class DamagedLibraryError(LibraryError):
    """The file is SQLite with our id, but fails its integrity check."""


class LibraryBusyError(LibraryError):
    """Another window or program holds the write lock for longer than we wait."""


class StorageFullError(LibraryError):
    """The disk is full or the file cannot be written."""


class LibraryGoneError(LibraryError):
    """The library file was deleted or replaced while the app had it open: no more writes."""
