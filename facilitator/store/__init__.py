"""The SQLite store: the only package with SQL in it."""

from facilitator.store.connection import APPLICATION_ID
from facilitator.store.errors import (
    DamagedLibraryError,
    LibraryBusyError,
    LibraryError,
    NewerLibraryError,
    NotALibraryError,
    StorageFullError,
)
from facilitator.store.schema import SCHEMA_VERSION
from facilitator.store.store import Store

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "DamagedLibraryError",
    "LibraryBusyError",
    "LibraryError",
    "NewerLibraryError",
    "NotALibraryError",
    "StorageFullError",
    "Store",
]
