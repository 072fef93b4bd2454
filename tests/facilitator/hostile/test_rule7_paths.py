"""Issue 12, rule 7: SQLite URIs for Windows drive letters and network (UNC) paths, and names
with spaces, #, % and ? — built as pure paths, and opened for real on this system."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

import pytest

from facilitator.demo import load_demo
from facilitator.library import open_for_reading, open_library
from facilitator.store.connection import sqlite_uri
from facilitator.transfer.workshop_file import export_workshops, read_and_check


@pytest.mark.parametrize("path, uri", [
    (r"C:\Users\Ann\Workshops\library.wfdb", "file:///C:/Users/Ann/Workshops/library.wfdb"),
    (r"D:\Team files #2\50% done?\W1 & W2.workshop",
     "file:///D:/Team%20files%20%232/50%25%20done%3F/W1%20%26%20W2.workshop"),
    (r"\\server\share\Community Team\W1.workshop",
     "file:////server/share/Community%20Team/W1.workshop"),
    (r"\\council-fs01\Workshops$\Rutland #3\W1.workshop",
     "file:////council-fs01/Workshops%24/Rutland%20%233/W1.workshop"),
    (r"\\?\C:\very\long\path.wfdb", "file:///C:/very/long/path.wfdb"),
    (r"\\?\UNC\server\share\x.workshop", "file:////server/share/x.workshop"),
    (r"C:\Users\Zoë\Área\library.wfdb", "file:///C:/Users/Zo%C3%AB/%C3%81rea/library.wfdb"),
])
def test_windows_paths(path, uri):
    assert sqlite_uri(PureWindowsPath(path)) == uri
    assert sqlite_uri(PureWindowsPath(path), mode="ro") == uri + "?mode=ro"


def test_a_unc_path_never_has_an_authority():
    """SQLite refuses file://server/... ("invalid uri authority"): the server must be in the
    path, after an empty authority."""
    uri = sqlite_uri(PureWindowsPath(r"\\server\share\W1.workshop"), mode="ro", immutable="1")
    assert uri.startswith("file:////server/")
    assert uri.endswith("?mode=ro&immutable=1")


def test_posix_paths():
    assert sqlite_uri(PurePosixPath("/home/ann/50% #1?.wfdb"), mode="ro") == (
        "file:///home/ann/50%25%20%231%3F.wfdb?mode=ro")


@pytest.mark.parametrize("name", ["50% done?", "Rutland #3", "a & b; c", "Zoë's 'notes'"])
def test_real_files_with_awkward_names_open(awkward_dir, builtin_formats, name):
    folder = awkward_dir / f"{name} folder"
    folder.mkdir()
    library = open_library(folder / f"{name}.wfdb", builtin_formats)
    load_demo(library.store)
    workshop = library.store.workshops()[0]
    path = folder / f"{name}.workshop"
    export_workshops(library.store, [workshop.id], path)
    library.close()
    assert read_and_check(path).rows["workshops"][0]["code"] == workshop.code
    again = open_for_reading(folder / f"{name}.wfdb")
    try:
        assert again.store.workshops()[0].code == workshop.code
    finally:
        again.close()
    assert not (folder / f"{name}.workshop-wal").exists()
    assert not (folder / f"{name}.workshop-shm").exists()
