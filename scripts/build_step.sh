#!/bin/bash
# build_step.sh - the package's (scripts/wskfuzz) way into scripts/lib.sh: the flavor flags and
# the make-driven build stay there, in one place.
#   build_step.sh specs [CLIENT_PATH...]     the clients, one lib.sh spec "name|sources" a line
#   build_step.sh client "FLAVOR..." "TARGET..." NAME SRC...   build_client, flavor by flavor
#   build_step.sh explore FLAVOR "TARGET..." NAME SRC...   the client's objects and its explore program
#   build_step.sh bench-switch FLAVOR NAME SRC...           the client's objects and the bench's switch program
#   build_step.sh tools                       the scenario tool
#   build_step.sh require TOOL...             require_tools (installs what it can)
# OUT_DIR, BUNDLED_CLIENTS, CALLER_PWD, CLIENT_FLAGS_OPT and WSKFUZZ_CLIENT_PATHS come from build.sh.
# Errors: build.sh's one line, exit 2.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
: "${OUT_DIR:?build_step.sh is run by the wskfuzz package, which build.sh starts}"
die() {
    echo "build.sh: $*" >&2
    exit 2
}
# build.sh's command line, as far as lib.sh's builds need it (build.sh exports these).
CALLER_PWD=${CALLER_PWD:-$ROOT}
CLIENT_FLAGS_OPT=${CLIENT_FLAGS_OPT:-}
CLIENT_PATHS=()
[ -z "${WSKFUZZ_CLIENT_PATHS:-}" ] || mapfile -t CLIENT_PATHS <<<"$WSKFUZZ_CLIENT_PATHS"
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
note_client_homes
# The flavors whose flags this command has shown already (build_client prints each once).
PRINTED_FLAVORS=${WSKFUZZ_PRINTED_FLAVORS:-$PRINTED_FLAVORS}

# The client's objects (checked for DriverEntry) and a program of fuzz/ (MAIN.c, with its other
# sources) linked with them: explore's, or the bench's.
build_program() {
    local flavor=$1 spec=$2 main=$3 others=$4 what=$5 name srcs
    name=$(spec_name "$spec")
    srcs=$(spec_srcs "$spec")
    flavor_setup "$flavor"
    write_stamp
    make_or_die "$name" "$srcs" objects "build of client '$name' ($flavor) failed"
    check_driver_entry "$name" "$BUILD_DIR/$name"
    TOOL_MAINS=$main TOOL_SRCS=$others \
        make_or_die "$name" "$srcs" tools "link of the $what program for client '$name' ($flavor) failed"
}

step=${1:?usage: build_step.sh specs|client|explore|bench-switch|tools|require ...}
shift
case "$step" in
specs)
    CLIENT_PATHS=("$@")
    client_specs
    ;;
client)
    flavors=$1 TARGETS=$2 name=$3
    shift 3
    for flavor in $flavors; do build_client "$flavor" "$name|$*"; done
    ;;
explore)
    flavor=$1 TARGETS=$2 name=$3
    shift 3
    build_program "$flavor" "$name|$*" explore_main fuzz/explore.c explore
    ;;
bench-switch)
    flavor=$1 name=$2 TARGETS=""
    shift 2
    build_program "$flavor" "$name|$*" bench_switch_main "" "bench's switch"
    ;;
tools) build_tools ;;
require) require_tools "$@" ;;
*) die "build_step.sh: unknown step '$step'" ;;
esac
