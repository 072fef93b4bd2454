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


class ReadableLibraryError(LibraryError):
    """A library that cannot be used normally but can still be opened read-only.

    ``reason`` is the short cause, for the read-only banner ("the file is read-only")."""

    can_open_read_only = True

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


class ReadOnlyLibraryError(ReadableLibraryError):
    """The library cannot be written (the file, its folder or its drive is read-only), or is
    open read-only and a change was asked for."""


class LockedLibraryError(ReadableLibraryError):
    """Another program holds a lock on the library, or its drive refuses file locks."""


class UnexpectedSchemaError(ReadableLibraryError):
    """The library holds a table, index, trigger or view this app never makes: it is not
    used normally (a trigger could change the notes behind the app's back). It can be opened
    read-only, or repaired by copying the known tables into a fresh library."""
