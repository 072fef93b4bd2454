"""The library's schema as numbered migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped: add the next number, and raise
``SCHEMA_VERSION`` in ``version.py`` to match (a test checks). ``user_version``
is kept equal to the number of migrations applied, so a file from a newer app
can be recognised and refused before anything touches it.

Each migration is a function in its own module of ``facilitator.store.migrations``
(``m0001_core.py`` for ``0001_core``); this module registers them in order. A new one: its
module there, its import and its line at the end of the list below.
"""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

from facilitator.store.migrations.m0001_core import m0001_core
from facilitator.store.migrations.m0002_photos import m0002_photos
from facilitator.store.migrations.m0003_merge_base import m0003_merge_base
from facilitator.store.migrations.m0004_library_operations import m0004_library_operations
from facilitator.store.migrations.m0005_import_ledger import m0005_import_ledger
from facilitator.store.migrations.m0006_report_checks import m0006_report_checks
from facilitator.store.migrations.m0007_workshop_state import m0007_workshop_state
from facilitator.store.migrations.m0008_search import m0008_search
from facilitator.store.migrations.m0010_phones import m0010_phones
from facilitator.store.migrations.m0011_assets import m0011_assets
from facilitator.store.migrations.m0012_action_plan import m0012_action_plan
from facilitator.store.migrations.m0014_merge_undone import m0014_merge_undone

MIGRATION_SET = "workshop_facilitator"
migrations = Migrations(MIGRATION_SET)

# In the order they apply (a library records each by name as it is applied).
migrations(name="0001_core")(m0001_core)
migrations(name="0002_photos")(m0002_photos)
migrations(name="0003_merge_base")(m0003_merge_base)
migrations(name="0004_library_operations")(m0004_library_operations)
migrations(name="0005_import_ledger")(m0005_import_ledger)
migrations(name="0006_report_checks")(m0006_report_checks)
migrations(name="0007_workshop_state")(m0007_workshop_state)
migrations(name="0008_search")(m0008_search)
migrations(name="0010_phones")(m0010_phones)
migrations(name="0011_assets")(m0011_assets)
migrations(name="0012_action_plan")(m0012_action_plan)
migrations(name="0014_merge_undone")(m0014_merge_undone)


#: Objects (of ``0007_workshop_state`` and ``0008_search``) that stay in the library and never
#: travel in a workshop file
#: (transfer_schema drops them from the files it writes and from the schema it expects, so a
#: workshop file never carries a virtual table).
LOCAL_ONLY = (("table", "search_index"), ("table", "workshop_state"))


def drop_local_only(conn) -> None:
    """Drop what stays in the library (``LOCAL_ONLY``) from a workshop file's schema."""
    for kind, name in LOCAL_ONLY:
        conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")
