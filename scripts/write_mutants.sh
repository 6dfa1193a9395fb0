#!/bin/bash
# write_mutants.sh DEST [NAME...] - write the drivers of the mutant gallery whole. Each mutant is
# kept as tests/mutants/<name>.patch against the correct client named on its first line
# (src/doc_client.c or tests/mutants/bases/*.c); applied, it gives DEST/<name>.c. Without names:
# every mutant. A file whose text is unchanged keeps its time, so its builds stay up to date.
set -eu
[ $# -ge 1 ] || { echo "usage: scripts/write_mutants.sh DEST [NAME...]" >&2; exit 2; }
mkdir -p "$1"
dest=$(cd "$1" && pwd)
shift
cd "$(dirname "$0")/.."
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for p in tests/mutants/*.patch; do names+=("$(basename "$p" .patch)"); done
fi
for name in "${names[@]}"; do
    p=tests/mutants/$name.patch
    [ -f "$p" ] || { echo "write_mutants: no mutant '$name' ($p)" >&2; exit 2; }
    base=$(sed -n '1s/^--- //p' "$p")
    if ! patch -s --reject-file=- -o "$dest/$name.c.new" "$base" "$p" >/dev/null 2>&1; then
        rm -f "$dest/$name.c.new"
        echo "write_mutants: $p does not apply to $base" >&2
        exit 2
    fi
    if cmp -s "$dest/$name.c.new" "$dest/$name.c"; then
        rm -f "$dest/$name.c.new"
    else
        mv -f "$dest/$name.c.new" "$dest/$name.c"
    fi
done
