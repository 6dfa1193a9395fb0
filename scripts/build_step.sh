#!/bin/bash
# build_step.sh - the package's (scripts/wskfuzz) way into scripts/lib.sh: the flavor flags and
# the make-driven build stay there, in one place.
#   build_step.sh specs [CLIENT_PATH...]     the clients, one lib.sh spec "name|sources" a line
#   build_step.sh client "FLAVOR..." "TARGET..." NAME SRC...   build_client, flavor by flavor
#   build_step.sh explore FLAVOR "TARGET..." NAME SRC...   the client's objects and its explore program
#   build_step.sh tools                       the scenario tool
#   build_step.sh require TOOL...             require_tools (installs what it can)
# OUT_DIR and BUNDLED_CLIENTS come from build.sh. Errors: build.sh's one line, exit 2.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
: "${OUT_DIR:?build_step.sh is run by the wskfuzz package, which build.sh starts}"
die() {
    echo "build.sh: $*" >&2
    exit 2
}
CLIENT_PATHS=()
# --client-flags and the caller's folder, from build.sh (lib.sh's client_flags reads them).
CLIENT_FLAGS_OPT=${CLIENT_FLAGS_OPT:-}
CALLER_PWD=${CALLER_PWD:-$ROOT}
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
# The flavors whose flags this command has shown already (build_client prints each once).
PRINTED_FLAVORS=${WSKFUZZ_PRINTED_FLAVORS:-$PRINTED_FLAVORS}

# The client's objects (checked for DriverEntry) and fuzz/explore_main.c linked with them.
build_explore() {
    local flavor=$1 spec=$2 name srcs log
    name=$(spec_name "$spec")
    srcs=$(spec_srcs "$spec")
    flavor_setup "$flavor"
    write_stamp
    log=$(mktemp)
    if ! run_make "$name" "$srcs" objects >"$log" 2>&1; then
        grep -v '^make' "$log" >&2 || true
        rm -f "$log"
        die "build of client '$name' ($flavor) failed"
    fi
    check_driver_entry "$name" "$BUILD_DIR/$name"
    if ! TOOL_MAINS=explore_main TOOL_SRCS=fuzz/explore.c run_make "$name" "$srcs" tools >"$log" 2>&1; then
        grep -v '^make' "$log" >&2 || true
        rm -f "$log"
        die "link of the explore program for client '$name' ($flavor) failed"
    fi
    rm -f "$log"
}

step=${1:?usage: build_step.sh specs|client|explore|tools|require ...}
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
    build_explore "$flavor" "$name|$*"
    ;;
tools) build_tools ;;
require) require_tools "$@" ;;
*) die "build_step.sh: unknown step '$step'" ;;
esac
