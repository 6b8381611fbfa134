#!/usr/bin/env bash
# Build the standalone app with PyInstaller and prove it works: the built binary runs
# `self-check` (questionnaires load, a temporary database is written, a PDF is produced).
#   bash tools/build_app.sh            ->  dist/Tandem/
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -c constraints.txt pyinstaller
python -m PyInstaller --noconfirm --log-level WARN build.spec
QT_QPA_PLATFORM=offscreen ./dist/Tandem/Tandem self-check
echo "standalone app: $(du -sh dist/Tandem | cut -f1) in dist/Tandem"
