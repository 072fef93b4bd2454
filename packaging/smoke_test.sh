#!/usr/bin/env bash
# Build the Linux bundle and check the built program works: `--self-test` offscreen.
#
#   bash packaging/smoke_test.sh
#
# Uses $PYTHON, else .venv/bin/python, else python3. Exits non-zero when the build
# fails or the bundle's self-test does not pass. About 15 s on a 2-core machine
# with a warm PyInstaller cache, about 40 s from a clean clone.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${PYTHON:-}" ]]; then
    if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
started=$(date +%s)
"$PYTHON" packaging/build.py
exe=dist/WorkshopFacilitator/WorkshopFacilitator
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "Running $exe --self-test (offscreen)…"
# A private HOME-less config: the self-test uses a temporary library and settings file.
if QT_QPA_PLATFORM=offscreen timeout 180 "$exe" --self-test >"$log" 2>&1; then
    status=0
else
    status=$?
fi
cat "$log"
if [[ $status -ne 0 ]] || ! grep -q "self-test passed" "$log"; then
    echo "bundle smoke test FAILED (exit status $status)" >&2
    exit 1
fi
# What the bundle must hold, and what it must not.
internal=dist/WorkshopFacilitator/_internal
for needed in docs/user-guide.md resources/formats resources/templates/reference.docx \
              resources/icons/app.svg PySide6/QtSvg.abi3.so; do
    [[ -e "$internal/$needed" ]] || { echo "bundle smoke test FAILED: $needed is missing" >&2; exit 1; }
done
for unwanted in QtWebEngineCore QtQml QtQuick Qt3DCore QtMultimedia; do
    if compgen -G "$internal/PySide6/$unwanted*" >/dev/null; then
        echo "bundle smoke test FAILED: $unwanted should not be bundled" >&2; exit 1
    fi
done

# The headless jobs from the bundle: the demo library and its Word report (python-docx's
# own template files and resources/templates must be in the bundle for this to work).
work=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$work"' EXIT
library="$work/Library é.wfdb"
report="$work/Summary of Results.docx"
"$exe" demo --library "$library" >/dev/null
"$exe" report --library "$library" --out "$report" \
    --programme "Communities Strategy Delivery Planning Workshops 2015"
"$PYTHON" - "$report" <<'PY'
import sys
import docx
document = docx.Document(sys.argv[1])
text = "\n".join(p.text for p in document.paragraphs)
headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
assert "Communities Strategy Delivery Planning Workshops 2015" in text, text[:300]
assert len(headings) >= 3, headings
print(f"bundle report: {len(document.paragraphs)} paragraphs, {len(headings)} headings")
PY
# The installer's file association runs `WorkshopFacilitator --open FILE.workshop`.
"$exe" --help | grep -q -- "--open FILE.workshop" || {
    echo "bundle smoke test FAILED: the bundle does not take --open FILE.workshop" >&2; exit 1; }
size=$(du -sm dist/WorkshopFacilitator | cut -f1)
echo "bundle smoke test passed: ${size} MB, $(( $(date +%s) - started )) s including the build"
