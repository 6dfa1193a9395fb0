# cmd_explore.sh - ./build.sh explore: systematic fault exploration over the seed corpus.
# For each client and target, fuzz/explore_main.c sweeps every base scenario in corpus/<target>/
# (or --corpus DIR/<target>/): every single fault, with --depth 2 every pair, and the orderings of
# pending calls. The first input of each violation is written to
# $OUT_DIR/crashes/<client>/<target>/explore-<ID>-<base>-<faults>, and the findings go through the
# same triage and report as `fuzz` (WSKFUZZ_EXPLORE_TRIAGE=0 skips it, for the tests).
# Exit: 0 clean, 1 findings, 2 usage or build error.

# shellcheck source=scripts/cmd_triage.sh
. "$ROOT/scripts/cmd_triage.sh"

EXPLORE_TOOL=explore_main

# Build what a sweep needs: the client's objects (checked for DriverEntry) and the explore
# program; the fuzz targets themselves are not needed (triage builds its reproducers).
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
    if ! TOOL_MAINS=$EXPLORE_TOOL TOOL_SRCS=fuzz/explore.c run_make "$name" "$srcs" tools >"$log" 2>&1; then
        grep -v '^make' "$log" >&2 || true
        rm -f "$log"
        die "link of the explore program for client '$name' ($flavor) failed"
    fi
    rm -f "$log"
}

# The base scenarios of a target: its seed files, in name order (the sweep order is fixed).
explore_bases() {
    local dir=${CORPUS_DIR:-corpus}/$1 f
    [ -d "$dir" ] || return 0
    for f in "$dir"/*; do
        [ -f "$f" ] && echo "$f"
    done
}

cmd_explore() {
    [ ${#POSITIONAL[@]} -eq 0 ] || die_usage "explore takes no file arguments ('${POSITIONAL[0]}')"
    local flavor=libfuzzer
    if [ "$ENGINE_SET" = 1 ]; then
        case "$ENGINE" in
        libfuzzer | standalone | msan) flavor=$ENGINE ;;
        *) die_usage "explore runs on the libfuzzer (default), standalone or msan build, not '$ENGINE'" ;;
        esac
    fi
    load_client_specs
    local spec name t dir f r rc=0 bases=()
    TRIAGE_LIST=""
    while read -r spec; do
        build_explore "$flavor" "$spec"
        name=$(spec_name "$spec")
        mkdir -p "$OUT_DIR/crashes/$name"
        # As `fuzz` does: a later `triage` of these files can rebuild the client from this.
        [ "$(cat "$OUT_DIR/crashes/$name/.client" 2>/dev/null)" = "$spec" ] || echo "$spec" >"$OUT_DIR/crashes/$name/.client"
        for t in $TARGETS; do
            dir=$OUT_DIR/crashes/$name/$t
            mkdir -p "$dir"
            rm -f "$dir"/explore-* # an earlier sweep's findings: this sweep replaces them
            mapfile -t bases < <(explore_bases "$t")
            r=0
            "$BUILD_DIR/$name/$EXPLORE_TOOL" --target "$t" --depth "$DEPTH" --client "$name" --crashes "$dir" \
                ${bases[@]+"${bases[@]}"} </dev/null || r=$?
            case $r in
            0) ;;
            1)
                [ $rc -eq 2 ] || rc=1
                for f in "$dir"/explore-*; do
                    [ -f "$f" ] && TRIAGE_LIST+="$f|$name|$t|$spec"$'\n'
                done
                ;;
            *) echo "explore: $name/$t: the sweep failed (exit $r)" >&2; rc=2 ;;
            esac
        done
    done <<<"$CLIENT_SPECS"
    if [ -n "$TRIAGE_LIST" ] && [ "${WSKFUZZ_EXPLORE_TRIAGE:-1}" != 0 ]; then
        explore_triage || { [ $? = 1 ] || rc=2; }
    fi
    return $rc
}

# The findings through triage (scripts/cmd_triage.sh): buckets, minimized reproducers, report.
explore_triage() {
    local work clients
    work=$(mktemp -d "${TMPDIR:-/tmp}/wskfuzz-explore.XXXXXX")
    clients=$(echo "$CLIENT_SPECS" | cut -d'|' -f1 | tr '\n' ' ')
    triage_run_info explore "./build.sh explore --depth $DEPTH" engine="$ENGINE" clients="$clients" \
        targets="$TARGETS" >"$work/run.json"
    echo "explore: triage of $(printf '%s' "$TRIAGE_LIST" | grep -c .) finding(s) -> $OUT_DIR/report/"
    local r=0
    triage_run "$work" "$work/run.json" || r=$?
    rm -rf "$work"
    return $r
}
