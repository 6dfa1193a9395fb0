#!/bin/bash
# gen_seeds.sh - turn the text seeds into the seed corpus: every fuzz/seeds/<target>/<name>.txt
# is encoded by the scenario tool into corpus/<target>/<name>. Seeds are written and reviewed
# as text; the corpus holds their bytes. Other corpus files (merged from fuzzing) are left alone.
#   scripts/gen_seeds.sh           (re)write corpus/<target>/<name> for every seed
#   scripts/gen_seeds.sh --check   write nothing; exit 1 if any corpus file differs from its seed
# The tool is $OUT_DIR/tools/scenario_tool (OUT_DIR = $WSKFUZZ_OUT or out), built when missing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT_DIR=${WSKFUZZ_OUT:-out}
die() {
    echo "gen_seeds: $*" >&2
    exit 2
}
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
build_tools
tool=$OUT_DIR/tools/scenario_tool

check=0
case "${1:-}" in
--check) check=1 ;;
"") ;;
*) die "usage: scripts/gen_seeds.sh [--check]" ;;
esac

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
written=0
differ=0
for txt in fuzz/seeds/*/*.txt; do
    [ -f "$txt" ] || die "no seeds under fuzz/seeds/<target>/"
    target=${txt#fuzz/seeds/}
    target=${target%%/*}
    name=${txt##*/}
    name=${name%.txt}
    read -r word first _ <"$txt" || true
    [ "$word $first" = "target $target" ] || die "$txt: the first line must be 'target $target'"
    "$tool" encode "$txt" >"$tmp" || die "$txt: cannot encode (see above)"
    out=corpus/$target/$name
    if [ "$check" = 1 ]; then
        if ! cmp -s "$tmp" "$out"; then
            echo "gen_seeds: $out differs from $txt (run scripts/gen_seeds.sh)" >&2
            differ=$((differ + 1))
        fi
    else
        mkdir -p "corpus/$target"
        cp "$tmp" "$out"
        written=$((written + 1))
    fi
done
if [ "$check" = 1 ]; then
    [ "$differ" = 0 ] || exit 1
    echo "gen_seeds: corpus matches fuzz/seeds"
else
    echo "gen_seeds: wrote $written seed inputs to corpus/"
fi
