#!/bin/bash
# make_fixtures.sh - write the crash logs the classifier's tests read (tests/python/fixtures/),
# from real builds: mutants of the gallery replayed on their triggers (verdicts, ASan, UBSan), and
# a tiny libFuzzer target (fixtures/engine_target.c) for what no client gives cheaply: a
# timeout, an out-of-memory, a leak. Run it again when a log format changes; it takes a minute.
#   tests/python/make_fixtures.sh [OUT]   (builds into OUT, default a temporary folder)
set -eu
cd "$(dirname "$0")/../.."
dest=tests/python/fixtures
out=${1:-$(mktemp -d)}
export WSKFUZZ_OUT=$out
scripts/write_mutants.sh "$out/mutants" use_after_cleanup binding_context_overrun null_characteristics_deref \
    characteristics_read_past_end double_free_on_failed_attach irp_never_freed
./build.sh encode tests/mutants/use_after_cleanup.txt >/dev/null

# The first 60 lines of a run's output are all the classifier reads (the report and its stack).
keep() { head -60 >"$dest/$1.log"; }

mutant() {
    local name=$1 fixture=$2 target
    target=$(sed -n '1,8s/^[ /]*\*\{0,1\} *TARGET: *\([^ ]*\).*$/\1/p' "$out/mutants/$name.c" | head -1)
    ./build.sh --client "$out/mutants/$name.c" --target "$target" >/dev/null 2>&1
    "$out/tools/scenario_tool" encode "tests/mutants/$name.txt" >"$out/$name.in"
    (cd "$out" && "$out/libfuzzer/$name/$target" "$out/$name.in" 2>&1 || true) | keep "$fixture"
}
mutant use_after_cleanup asan-heap-use-after-free
mutant binding_context_overrun asan-heap-buffer-overflow
mutant null_characteristics_deref ubsan-null-pointer
mutant characteristics_read_past_end asan-use-after-poison

# Verdicts: the libFuzzer build's form, and the standalone reproducer's.
mutant double_free_on_failed_attach verdict-libfuzzer
./build.sh --engine standalone --client "$out/mutants/irp_never_freed.c" --target fuzz_lifecycle >/dev/null 2>&1
"$out/tools/scenario_tool" encode tests/mutants/irp_never_freed.txt >"$out/irp.in"
("$out/standalone/irp_never_freed/fuzz_lifecycle" --runs 1 "$out/irp.in" 2>&1 || true) | keep verdict-standalone

# The engine's own findings, from a target made to hang, exhaust memory or leak.
clang -g -O0 -fsanitize=address,fuzzer -o "$out/engine_target" tests/python/fixtures/engine_target.c
printf 'h' >"$out/hang"
printf 'm' >"$out/oom"
printf 'l' >"$out/leak"
(cd "$out" && ./engine_target -timeout=1 hang 2>&1 || true) | keep libfuzzer-timeout
(cd "$out" && ./engine_target -rss_limit_mb=64 -malloc_limit_mb=64 oom 2>&1 || true) | keep libfuzzer-oom
(cd "$out" && ./engine_target -detect_leaks=1 leak 2>&1 || true) | keep lsan-leak
# Paths in the logs are this machine's: make them the repository's and the build tree's.
sed -i "s|$out|OUT|g; s|$PWD/||g" "$dest"/*.log
echo "fixtures written to $dest"
