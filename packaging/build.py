"""Build the Workshop Facilitator bundle for the machine this runs on.

    python packaging/build.py            build dist/WorkshopFacilitator/ (onedir)
    python packaging/build.py --clean    start from an empty build/ folder

Installs the pinned PyInstaller from ``packaging/requirements.txt`` if it is
missing, runs it on ``packaging/workshop_facilitator.spec``, and prints where the
bundle is and its size. On Windows the folder is then wrapped by the Inno Setup
script in ``packaging/windows/``; on macOS the ``.app`` is wrapped in a DMG by
``packaging/macos/dmg_settings.py`` (see ``packaging/README.md``).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "workshop_facilitator.spec"
NAME = "WorkshopFacilitator"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"


def bundle_dir() -> Path:
    return DIST / NAME


def executable() -> Path:
    """The built program inside the bundle folder."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return bundle_dir() / f"{NAME}{suffix}"


def folder_size_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / (1024 * 1024)


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    print("PyInstaller is missing: installing the pinned version…", flush=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "-r", str(PACKAGING / "requirements.txt")],
        check=True,
    )


def build(clean: bool = False) -> Path:
    ensure_pyinstaller()
    command = [
        sys.executable, "-m", "PyInstaller", str(SPEC),
        "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK),
    ]
    if clean:
        command.append("--clean")
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    exe = executable()
    if not exe.exists():
        raise SystemExit(f"PyInstaller finished but {exe} is missing")
    print(
        f"Built {bundle_dir()} ({folder_size_mb(bundle_dir()):.1f} MB) "
        f"in {time.perf_counter() - started:.0f} s; run {exe}"
    )
    return exe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="remove PyInstaller's cache first")
    args = parser.parse_args(argv)
    build(clean=args.clean)
    return 0


if __name__ == "__main__":
    sys.exit(main())
