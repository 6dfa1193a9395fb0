#!/bin/bash
# update_readme_catalog.sh - write the verdict table from stubs/core/verdict_catalog.h into
# docs/verdicts.md between the catalogue markers.
set -eu
cd "$(dirname "$0")/.."
python3 - <<'PY'
import subprocess
table = subprocess.run(["python3", "scripts/catalog_table.py", "markdown"], check=True,
                       capture_output=True, text=True).stdout
text = open("docs/verdicts.md", encoding="utf-8").read()
head, rest = text.split("<!-- catalogue:begin -->", 1)
_, tail = rest.split("<!-- catalogue:end -->", 1)
open("docs/verdicts.md", "w", encoding="utf-8").write(head + "<!-- catalogue:begin -->\n" + table + "<!-- catalogue:end -->" + tail)
PY
