"""The schema version this app writes: the number of migrations in ``schema.py``.

Kept apart from ``schema.py`` so that opening an up-to-date library does not
import sqlite-utils (about 40 ms of start-up). ``schema.py`` checks they agree.
"""

SCHEMA_VERSION = 12
