#!/usr/bin/env bash
# Install Tandem as a user would (a built wheel, a fresh virtual environment, the pinned
# versions) and run it from another folder: self-check, the demo, the workshop PDF and
# results --json, whose action count must equal the checkout's, the plan workbook both ways,
# and the answering server. An editable install hides
# every packaging mistake; this does not.
#   bash tools/check_wheel.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python -m pip wheel -q --no-deps -w "$WORK/wheel" . >/dev/null
python -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q -c constraints.txt "$WORK"/wheel/*.whl
mkdir "$WORK/elsewhere"
cd "$WORK/elsewhere"   # nothing of the checkout is importable from here
export QT_QPA_PLATFORM=offscreen
TANDEM="$WORK/venv/bin/tandem"
DB="$WORK/elsewhere/tandem.sqlite"

"$TANDEM" --db "$DB" self-check
WORKSHOP="$("$TANDEM" --db "$DB" demo)"
"$TANDEM" --db "$DB" export-pdf --workshop "$WORKSHOP" --out "$WORK/elsewhere/plan.pdf"
test -s "$WORK/elsewhere/plan.pdf"
"$TANDEM" --db "$DB" results --json --workshop "$WORKSHOP" > results.json
installed_actions="$("$WORK/venv/bin/python" -c \
  'import json; print(len(json.load(open("results.json"))["actions"]))')"
checkout_actions="$(cd "$ROOT" && python -c \
  'import yaml; print(len(yaml.safe_load(open("questionnaires/actions.yaml"))["actions"]))')"
where="$("$WORK/venv/bin/python" -c 'import assessment_app; print(assessment_app.__file__)')"
case "$where" in "$WORK"/venv/*) ;; *) echo "wheel check: imported from $where"; exit 1;; esac
if [ "$installed_actions" != "$checkout_actions" ]; then
  echo "wheel check: the installed app ranks $installed_actions actions, the checkout has $checkout_actions"
  exit 1
fi
# The editable plan: written as a workbook and read back, all or nothing.
"$TANDEM" --db "$DB" export-plan --workshop "$WORKSHOP" --out "$WORK/elsewhere/plan.xlsx" >/dev/null
"$TANDEM" --db "$DB" import-plan --workshop "$WORKSHOP" "$WORK/elsewhere/plan.xlsx" >/dev/null
# Answering on the local network: serve, fetch one participant's page (the page's files come
# from the wheel), stop with SIGTERM, which must exit 0.
"$TANDEM" --db "$DB" serve --workshop "$WORKSHOP" --port 0 > serve.json &
SERVE_PID=$!
for _ in $(seq 100); do [ -s serve.json ] && break; sleep 0.1; done
"$WORK/venv/bin/python" - <<'PY'
import json, urllib.request
line = json.loads(open("serve.json").read().splitlines()[0])
page = urllib.request.urlopen(line["participants"][0]["url"], timeout=10).read().decode()
assert "<html" in page.lower(), "the answering page was not served"
PY
kill -TERM "$SERVE_PID"
wait "$SERVE_PID"
echo "wheel check: OK (installed from the wheel, run from another folder, $installed_actions actions, $(du -k plan.pdf | cut -f1) KB PDF)"
