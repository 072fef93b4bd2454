"""The SQLite store: the only package with SQL in it."""

from facilitator.store.connection import APPLICATION_ID
from facilitator.store.errors import (
    DamagedLibraryError,
    LibraryBusyError,
    LibraryError,
    LibraryGoneError,
    LockedLibraryError,
    NewerLibraryError,
    NotALibraryError,
    ReadOnlyLibraryError,
    StorageFullError,
    UnexpectedSchemaError,
)
from facilitator.store.store import Store
from facilitator.store.version import SCHEMA_VERSION

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "DamagedLibraryError",
    "LibraryBusyError",
    "LibraryError",
    "LibraryGoneError",
    "LockedLibraryError",
    "NewerLibraryError",
    "NotALibraryError",
    "ReadOnlyLibraryError",
    "StorageFullError",
    "Store",
    "UnexpectedSchemaError",
]
