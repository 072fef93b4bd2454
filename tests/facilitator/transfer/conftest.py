"""Fixtures shared by the workshop-file checking tests."""

from __future__ import annotations

import pytest

from tests.facilitator.transfer.helpers import export_all, small_library


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A plain workshop file of a small library (one workshop, five notes), to tamper with."""
    from facilitator.formats import load_builtin_formats

    lib, _programme, _workshop = small_library(load_builtin_formats(), notes=5)
    path = export_all(lib, tmp_path_factory.mktemp("file") / "template.workshop")
    lib.close()
    return path
