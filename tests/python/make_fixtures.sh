#!/bin/bash
# make_fixtures.sh - write the crash logs the classifier's tests read (tests/python/fixtures/),
# from real builds: mutants of the gallery replayed on their triggers (verdicts, ASan, UBSan), and
# a small libFuzzer target (fixtures/engine_target.c) for what no client gives cheaply: a
# timeout, an out-of-memory, a leak, a signed overflow, MSan, a signal without a report.
# Run it again when a log format changes; it takes a minute.
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

# One verdict, two causes: the two leaks of tests/realworld/two_leaks, standalone reproducer.
./build.sh --engine standalone --client tests/realworld/two_leaks --target fuzz_wskreg >/dev/null 2>&1
for s in greeting-capture-fails reply-body-fails; do
    "$out/tools/scenario_tool" encode "tests/realworld/two_leaks/crashes/fuzz_wskreg/$s.txt" >"$out/$s.in"
    ("$out/standalone/two_leaks/fuzz_wskreg" --runs 1 "$out/$s.in" 2>&1 || true) | keep "verdict-leak-$s"
done

# The engine's own findings and the sanitizers no client gives cheaply, from a small target.
clang -g -O0 -fsanitize=address,undefined,fuzzer -fno-sanitize-recover=undefined -o "$out/engine_target" \
    tests/python/fixtures/engine_target.c
clang -g -O0 -fsanitize=memory,fuzzer -o "$out/engine_target_msan" tests/python/fixtures/engine_target.c
clang -g -O0 -fsanitize=fuzzer -o "$out/engine_target_ubsan_rt" tests/python/fixtures/engine_target.c
clang -g -O0 -DENGINE_TARGET_MAIN -o "$out/engine_target_plain" tests/python/fixtures/engine_target.c
for c in h m l o u s; do printf '%s' "$c" >"$out/in-$c"; done
engine() { local bin=$1 input=$2 fixture=$3; shift 3; (cd "$out" && "./$bin" "$@" "in-$input" 2>&1 || true) | keep "$fixture"; }
engine engine_target h libfuzzer-timeout -timeout=1
engine engine_target m libfuzzer-oom -rss_limit_mb=64 -malloc_limit_mb=64
engine engine_target l lsan-leak -detect_leaks=1
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 engine engine_target o ubsan-signed-overflow  # as triage replays
engine engine_target_msan u msan-uninitialized
engine engine_target_ubsan_rt s ubsan-deadly-signal
# (Its exit status is the test's: killed by SIGSEGV.)
(cd "$out" && ./engine_target_plain in-s 2>&1 || true) | keep signal-no-report
# Paths in the logs are this machine's: make them the repository's and the build tree's.
sed -i "s|$out|OUT|g; s|$PWD/||g" "$dest"/*.log
echo "fixtures written to $dest"
