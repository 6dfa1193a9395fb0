#!/bin/bash
# run.sh - every test of wskfuzz (called by ./build.sh test). One line per test; the last line
# is "N passed, N failed"; the exit code is non-zero on any failure.
#   tests/run.sh [GROUP...]   groups: the t_<group>.sh files in tests/ (default: all)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. tests/lib.sh
OUT_DIR=${OUT_DIR:-${WSKFUZZ_OUT:-$ROOT/out}}
case "$OUT_DIR" in /*) ;; *) OUT_DIR=$ROOT/$OUT_DIR ;; esac
export TEST_TMP OUT_DIR
TEST_TMP=$(mktemp -d)
trap 'rm -rf "$TEST_TMP"' EXIT

# The libfuzzer flavor's harness profile is made once, in this out folder, and shared by the
# tests' own out folders (each would otherwise make its own: 6 s apiece). t_profile makes its own.
if [ -z "${WSKFUZZ_HARNESS_PROFILE:-}" ]; then
    WSKFUZZ_OUT=$OUT_DIR ./build.sh build --engine libfuzzer --client src/doc_client.c >"$TEST_TMP/profile.log" 2>&1 ||
        fail setup:harness-profile "$(tail -1 "$TEST_TMP/profile.log")"
    [ ! -s "$OUT_DIR/libfuzzer-profile/harness.profdata" ] ||
        export WSKFUZZ_HARNESS_PROFILE=$OUT_DIR/libfuzzer-profile/harness.profdata
fi

groups=("$@")
if [ ${#groups[@]} -eq 0 ]; then
    for f in tests/t_*.sh; do
        g=$(basename "$f" .sh)
        groups+=("${g#t_}")
    done
fi
for g in "${groups[@]}"; do
    if [ ! -f "tests/t_$g.sh" ]; then
        fail "group:$g" "no tests/t_$g.sh"
        continue
    fi
    echo "== $g"
    . "tests/t_$g.sh"
    start=$SECONDS
    "t_$g"
    echo "== $g took $((SECONDS - start)) s"
done
if [ "$FAILED" -gt 0 ]; then
    echo "failed: ${FAILED_NAMES[*]}"
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
