#!/bin/bash
# build.sh - the one entry point of wskfuzz: build, fuzz, triage, coverage, explore, test.
# Run `./build.sh help` for the commands. Exit codes: 0 fine, 1 findings / test failures,
# 2 usage or build error.
set -eu

ROOT=$(cd "$(dirname "$0")" && pwd)
CALLER_PWD=$PWD
cd "$ROOT"
# The one list of targets is fuzz/targets.def (one WSKFUZZ_TARGET row each).
TARGETS=$(sed -n 's/^WSKFUZZ_TARGET(\([a-z_0-9]*\).*/\1/p' fuzz/targets.def | tr '\n' ' ')
TARGETS=${TARGETS% }
# TARGETS is cut to --target's; the harness profile (lib.sh's harness_profile) runs every target
ALL_TARGETS=$TARGETS
export ALL_TARGETS
BUNDLED_CLIENTS="doc_client negotiating_client wskreg_client boot_thread_client"
export BUNDLED_CLIENTS
# Where builds, corpora and reports go (WSKFUZZ_OUT lets several checkouts or runs share a tree).
OUT_DIR=${WSKFUZZ_OUT:-$ROOT/out}
case "$OUT_DIR" in /*) ;; *) OUT_DIR=$CALLER_PWD/$OUT_DIR ;; esac
export OUT_DIR

usage() {
    cat <<EOF
usage: ./build.sh [COMMAND] [OPTIONS]

build (default)    build a flavor for the bundled clients (or --client)   -> out/<engine>/<client>/<target>
fuzz               fuzz every target and client, triage, report, coverage  [--time S] [--target T]
                   [--engine libfuzzer|afl] [--jobs N] [--client PATH]
triage FILE|DIR... reproduce, bucket, minimize, decode crash files         -> out/report/
coverage           HTML and text coverage of the client from the corpora   [--client PATH] [--corpus DIR]
explore            faults, schedules, IRQLs swept over the seed corpus     [--client PATH] [--target T] [--depth K]
merge              add fuzzing finds that add coverage to corpus/<target>/ [--target T] [--client PATH]
                   [--corpus DIR] [--engine libfuzzer|afl]
describe FILE      print an input as a readable scenario                   [--target T]
regress add DIR    keep a finding (out/report/reproducers/<client>/<target>/<ID>/) as a regression input
                   beside its client (<client dir>/wskfuzz-regressions/)   [--client PATH] [--dir DIR]
regress            replay a client's regression inputs: exit 0 all clean, 1 some still fail
                   --client PATH [--dir DIR] [--target T]; fuzz replays them first
init-ci            write ClusterFuzzLite and GitHub workflows into a driver's repository
                   --client PATH --repo DIR [--force]
encode FILE.txt    write the bytes of a text scenario to stdout
bench              exec/s ratios, time to detect, memory, soak, scaling
test               every test; the last line is "N passed, N failed"
deps               install the toolchain (clang, llvm, lld, afl++, cmocka, zip, python3)
help               this text

options: --engine libfuzzer|afl|standalone|coverage|msan   --client PATH (a .c file or a folder of them)
         --client-flags "-DX -Idir ..." (added to the flags of every source; see README)
         --target ${TARGETS// /|}     --time S  --jobs N  --corpus DIR  --depth K
         --dir DIR (regress)  --repo DIR --force (init-ci)
EOF
}

die_usage() {
    echo "build.sh: $*" >&2
    echo "usage: ./build.sh [build|fuzz|triage|coverage|explore|merge|describe|encode|regress|init-ci|bench|test|deps|help] [options] (./build.sh help)" >&2
    exit 2
}

die() {
    echo "build.sh: $*" >&2
    exit 2
}

# ---- arguments ----
COMMAND=build
ENGINE=libfuzzer
ENGINE_SET=0
CLIENT_PATHS=()
CLIENT_FLAGS_OPT=""
TARGET_FILTER=""
FUZZ_TIME=""
JOBS=1
CORPUS_DIR=""
DEPTH=1
POSITIONAL=()
REGRESS_ADD=0
REGRESS_DIR=""
REPO_DIR=""
FORCE=0
case "${1:-}" in
build|fuzz|triage|coverage|explore|merge|describe|encode|bench|test|deps|help|init-ci) COMMAND=$1; shift ;;
regress)
    COMMAND=regress; shift
    if [ "${1:-}" = add ]; then REGRESS_ADD=1; shift; fi ;;
-h|--help) usage; exit 0 ;;
""|--*) ;;
*) die_usage "unknown command '$1'" ;;
esac
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die_usage "option $1 needs a value"; }
is_number() { [[ "$1" =~ ^[0-9]+$ ]]; }
while [ $# -gt 0 ]; do
    case "$1" in
    --engine) need_value "$@"; ENGINE=$2; ENGINE_SET=1; shift 2 ;;
    --client) need_value "$@"; CLIENT_PATHS+=("$2"); shift 2 ;;
    --client-flags) need_value "$@"; CLIENT_FLAGS_OPT="$CLIENT_FLAGS_OPT $2"; shift 2 ;;
    --target) need_value "$@"; TARGET_FILTER=$2; shift 2 ;;
    --time) need_value "$@"; is_number "$2" || die_usage "--time takes whole seconds, not '$2'"; FUZZ_TIME=$2; shift 2 ;;
    --jobs) need_value "$@"; is_number "$2" && [ "$2" -ge 1 ] || die_usage "--jobs takes a number >= 1, not '$2'"; JOBS=$2; shift 2 ;;
    --corpus) need_value "$@"; CORPUS_DIR=$2; shift 2 ;;
    --depth) need_value "$@"; [[ "$2" =~ ^[12]$ ]] || die_usage "--depth takes 1 or 2, not '$2'"; DEPTH=$2; shift 2 ;;
    --dir) [ "$COMMAND" = regress ] || die_usage "--dir is an option of regress"; need_value "$@"; REGRESS_DIR=$2; shift 2 ;;
    --repo) [ "$COMMAND" = init-ci ] || die_usage "--repo is an option of init-ci"; need_value "$@"; REPO_DIR=$2; shift 2 ;;
    --force) [ "$COMMAND" = init-ci ] || die_usage "--force is an option of init-ci"; FORCE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --*) die_usage "unknown option '$1'" ;;
    *) POSITIONAL+=("$1"); shift ;;
    esac
done
# Paths the user gave are relative to where they ran build.sh, which works from the repository root.
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$CALLER_PWD/$1" ;; esac; }
if [ "$CALLER_PWD" != "$ROOT" ]; then
    for i in "${!CLIENT_PATHS[@]}"; do CLIENT_PATHS[i]=$(absolute "${CLIENT_PATHS[i]}"); done
    for i in "${!POSITIONAL[@]}"; do POSITIONAL[i]=$(absolute "${POSITIONAL[i]}"); done
    [ -z "$CORPUS_DIR" ] || CORPUS_DIR=$(absolute "$CORPUS_DIR")
    [ -z "$REGRESS_DIR" ] || REGRESS_DIR=$(absolute "$REGRESS_DIR")
    [ -z "$REPO_DIR" ] || REPO_DIR=$(absolute "$REPO_DIR")
fi
case "$ENGINE" in
libfuzzer|afl|standalone|coverage|msan) ;;
*) die_usage "unknown engine '$ENGINE' (libfuzzer, afl, standalone, coverage, msan)" ;;
esac
if [ -n "$TARGET_FILTER" ]; then
    case " $TARGETS " in *" $TARGET_FILTER "*) ;; *) die_usage "unknown target '$TARGET_FILTER' ($TARGETS)" ;; esac
    TARGETS=$TARGET_FILTER
fi

# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"

case "$COMMAND" in
help) usage ;;
deps) cmd_deps ;;
build)
    [ ${#POSITIONAL[@]} -eq 0 ] || die_usage "build takes no file arguments ('${POSITIONAL[0]}')"
    if [ -n "${OUT:-}" ] && [ -n "${LIB_FUZZING_ENGINE:-}" ]; then
        build_ossfuzz
    else
        build_all_clients "$ENGINE"
    fi
    ;;
describe|encode) cmd_describe_encode ;;
fuzz|triage|coverage|explore|merge|bench|regress|init-ci)
    # Carried out by the package scripts/wskfuzz; the options are checked above.
    args=(--engine "$ENGINE" --jobs "$JOBS" --depth "$DEPTH")
    [ "$REGRESS_ADD" = 0 ] || args+=(--add)
    [ -z "$REGRESS_DIR" ] || args+=(--dir "$REGRESS_DIR")
    [ -z "$REPO_DIR" ] || args+=(--repo "$REPO_DIR")
    [ "$FORCE" = 0 ] || args+=(--force)
    [ "$ENGINE_SET" = 0 ] || args+=(--engine-set)
    [ -z "$TARGET_FILTER" ] || args+=(--target "$TARGET_FILTER")
    [ -z "$FUZZ_TIME" ] || args+=(--time "$FUZZ_TIME")
    [ -z "$CORPUS_DIR" ] || args+=(--corpus "$CORPUS_DIR")
    for p in ${CLIENT_PATHS[@]+"${CLIENT_PATHS[@]}"}; do args+=(--client "$p"); done
    # What scripts/build_step.sh (lib.sh's builds, called by the package) needs of this command
    # line: where relative flags are resolved, --client-flags, and the --client paths (a folder's
    # compile_flags.txt and sources.txt are found there).
    WSKFUZZ_CLIENT_PATHS=$(printf '%s\n' ${CLIENT_PATHS[@]+"${CLIENT_PATHS[@]}"})
    export CALLER_PWD CLIENT_FLAGS_OPT WSKFUZZ_CLIENT_PATHS
    PYTHONPATH=$ROOT/scripts${PYTHONPATH:+:$PYTHONPATH} exec python3 -m wskfuzz "$COMMAND" "${args[@]}" -- \
        ${POSITIONAL[@]+"${POSITIONAL[@]}"}
    ;;
*)
    # shellcheck disable=SC1090
    . "$ROOT/scripts/cmd_$COMMAND.sh"
    "cmd_$COMMAND"
    ;;
esac
