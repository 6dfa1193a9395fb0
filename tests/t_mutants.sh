# t_mutants.sh - the mutant gallery: every tests/mutants/<name>.patch plants one bug in a correct
# client (src/doc_client.c or tests/mutants/bases/*.c; scripts/write_mutants.sh applies it, here
# into $OUT_DIR/mutants/<name>.c) and gives the driver a header
#   /* MUTANT: <the bug>
#    * EXPECT: <VERDICT_ID> | ASAN:<type> | UBSAN:<type>
#    * TARGET: <a target: a row of fuzz/targets.def>
#    */
# and a trigger scenario <name>.txt (text form). Tests, one line each:
#   mutant:<name>    built (libFuzzer flavor), its trigger replayed: the first finding is exactly EXPECT
#   ledger:<name>    (heap-* EXPECTs) the report names the client lines that allocated / freed the block
#   mutants:catalog  every verdict ID of stubs/core/verdict_catalog.h is some mutant's EXPECT
#   base:<base>      each base of tests/mutants/bases/ is correct: its mutants' triggers find nothing
#                    in it, so what a mutant's trigger finds is the planted bug
#   fuzz:<name>      libFuzzer from corpus/<TARGET>/ alone (never the trigger) finds EXPECT within
#                    MUTANT_FUZZ_RUNS runs (default 200000, -seed=1); MUTANT_FUZZ=0 skips these.
# MUTANTS="a b" limits the group to those mutants. Builds run two at a time (MUTANT_JOBS).

MUTANT_DIR=tests/mutants # patches, bases and triggers
MUTANT_SRC=""            # the drivers written whole (set by t_mutants)

# The header field FIELD of a mutant source (first 8 lines only).
mutant_field() {
    sed -n "1,8s/^[ /]*\*\{0,1\} *$2: *\([^ ]*\).*$/\1/p" "$1" | head -1
}

# The first finding in a run's output, in EXPECT form: the verdict ID, ASAN:<type>, UBSAN:<type>,
# LSAN:leak, or NONE.
finding_of() {
    PYTHONPATH=scripts python3 -m wskfuzz.classify "$1"
}

mutant_list() {
    local f
    if [ -n "${MUTANTS:-}" ]; then
        for f in $MUTANTS; do echo "$f"; done
        return
    fi
    for f in "$MUTANT_DIR"/*.patch; do
        [ -f "$f" ] && basename "$f" .patch
    done
}

# Build one mutant's target, quietly; the log is kept for the failure message.
mutant_build() {
    local name=$1 target=$2 log=$3
    ./build.sh --client "$MUTANT_SRC/$name.c" --target "$target" >"$log" 2>&1
}

mutant_replay() {
    local name=$1 target=$2 expect=$3 out=$4 work=$5 got
    local bin=$out/libfuzzer/$name/$target
    if ! "$out/tools/scenario_tool" encode "$MUTANT_DIR/$name.txt" >"$work/$name.in" 2>"$work/$name.enc"; then
        fail "mutant:$name" "trigger does not encode: $(head -1 "$work/$name.enc")"
        return
    fi
    timeout 60 "$bin" -timeout=20 "$work/$name.in" >"$work/$name.replay" 2>&1
    got=$(finding_of "$work/$name.replay")
    if [ "$got" = "$expect" ]; then
        pass "mutant:$name ($expect)"
    else
        fail "mutant:$name" "expected $expect, the trigger gave $got"
    fi
    # A report about pool memory is preceded by the ledger's line: the client's allocation (and
    # free) site of the block the address belongs to.
    # A line from the debug information is relative to the working directory (stubs/core/symbolize.c),
    # one from a macro is the path the compiler was given: either names the mutant's file.
    local src="($MUTANT_SRC|${MUTANT_SRC#"$PWD"/})/$name.c"
    local want="wskfuzz: the address .* allocated at $src:[0-9]+"
    [ "$expect" = ASAN:heap-use-after-free ] && want="$want .*, freed at $src:[0-9]+"
    case "$expect" in
    ASAN:heap-*)
        if grep -qE "$want" "$work/$name.replay"; then
            pass "ledger:$name"
        else
            fail "ledger:$name" "no line matching '$want' before the report"
        fi
        ;;
    esac
}

# libFuzzer from the shipped corpus (read-only: new inputs go to a scratch folder first).
mutant_fuzz() {
    local name=$1 target=$2 expect=$3 out=$4 work=$5 runs=$6 got scratch
    local bin=$out/libfuzzer/$name/$target
    scratch=$work/fuzz-$name
    mkdir -p "$scratch/new"
    (cd "$scratch" && timeout 300 "$bin" -runs="$runs" -seed=1 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$scratch/" "$scratch/new" "$ROOT/corpus/$target" >"$scratch/log" 2>&1)
    got=$(finding_of "$scratch/log")
    if [ "$got" = "$expect" ]; then
        pass "fuzz:$name ($expect after $(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/log" |
            head -1) runs)"
    elif [ "$got" = NONE ]; then
        fail "fuzz:$name" "$expect not found in $runs runs from corpus/$target"
    else
        local found=("$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-* "$scratch"/oom-*)
        fail "fuzz:$name" "expected $expect, libFuzzer found $got (${found[0]##*/})"
    fi
}

t_mutants() {
    # Where the nested ./build.sh calls put their binaries.
    local out=${OUT_DIR:-${WSKFUZZ_OUT:-$PWD/out}} work name src expect target ids id missing=""
    local runs=${MUTANT_FUZZ_RUNS:-200000}
    work=$(mktemp -d "${TEST_TMP:-/tmp}/mutants.XXXXXX")
    ROOT=${ROOT:-$(pwd)}
    # The scenario tool (encode) is built by `./build.sh encode`.
    local triggers=("$MUTANT_DIR"/*.txt)
    ./build.sh encode "${triggers[0]}" >/dev/null 2>&1 || true
    [ -x "$out/tools/scenario_tool" ] || { fail mutants:tools "no $out/tools/scenario_tool"; return; }
    MUTANT_SRC=$out/mutants
    # shellcheck disable=SC2046 # one name per word
    scripts/write_mutants.sh "$MUTANT_SRC" $(mutant_list) 2>"$work/write" ||
        { fail mutants:write "$(head -1 "$work/write")"; return; }

    # Build: the first alone (it brings the shared harness objects up to date), then the rest
    # in parallel (each links its own binary).
    local specs=() first=1
    for name in $(mutant_list); do
        src=$MUTANT_SRC/$name.c
        expect="" target=""
        if [ -f "$src" ]; then
            expect=$(mutant_field "$src" EXPECT)
            target=$(mutant_field "$src" TARGET)
        fi
        if [ -z "$expect" ] || [ -z "$target" ] || [ ! -f "$MUTANT_DIR/$name.txt" ]; then
            fail "mutant:$name" "needs $src with EXPECT and TARGET header lines, and $name.txt"
            continue
        fi
        specs+=("$name $target $expect")
        if [ "$first" = 1 ]; then
            mutant_build "$name" "$target" "$work/$name.build" || touch "$work/$name.failed"
            first=0
        fi
    done
    export -f mutant_build
    export MUTANT_SRC MUTANT_WORK=$work
    # shellcheck disable=SC2016 # expanded by the inner bash
    printf '%s\n' "${specs[@]:1}" | xargs -r -P "${MUTANT_JOBS:-2}" -L 1 bash -c \
        'mutant_build "$0" "$1" "$MUTANT_WORK/$0.build" || touch "$MUTANT_WORK/$0.failed"'

    local spec
    for spec in "${specs[@]}"; do
        read -r name target expect <<<"$spec"
        if [ -f "$work/$name.failed" ]; then
            fail "mutant:$name" "build failed: $(grep -m1 -E 'error|build.sh:' "$work/$name.build")"
            continue
        fi
        mutant_replay "$name" "$target" "$expect" "$out" "$work"
        if [ "${MUTANT_FUZZ:-1}" != 0 ]; then
            mutant_fuzz "$name" "$target" "$expect" "$out" "$work" "$runs"
        fi
    done

    # Every verdict ID of the catalogue has a mutant that proves it fires.
    if [ -z "${MUTANTS:-}" ]; then
        ids=$(sed -n 's/^ *X(\([A-Z0-9_]*\),.*/\1/p' stubs/core/verdict_catalog.h)
        for id in $ids; do
            grep -qE "^ \* EXPECT: $id\$" "$MUTANT_SRC"/*.c 2>/dev/null || missing="$missing $id"
        done
        if [ -z "$ids" ]; then
            fail mutants:catalog "no verdict IDs read from stubs/core/verdict_catalog.h"
        elif [ -n "$missing" ]; then
            fail mutants:catalog "verdict IDs without a mutant:$missing"
        else
            pass "mutants:catalog ($(wc -w <<<"$ids") verdict IDs, each with a mutant)"
        fi
    fi
    mutant_bases "$out" "$work" "${specs[@]}"
}

# The bases are correct clients: every trigger of the mutants based on one finds nothing in it.
mutant_bases() {
    local out=$1 work=$2 base stem spec name target expect triggers found
    shift 2
    for base in "$MUTANT_DIR"/bases/*.c; do
        [ -f "$base" ] || continue
        stem=$(basename "$base" .c)
        triggers=() found=""
        for spec in "$@"; do
            read -r name target expect <<<"$spec"
            [ "$(sed -n '1s/^--- //p' "$MUTANT_DIR/$name.patch")" = "$base" ] || continue
            triggers+=("$target $name")
        done
        [ ${#triggers[@]} -gt 0 ] || continue
        if ! ./build.sh --client "$base" >"$work/base-$stem.build" 2>&1; then
            fail "base:$stem" "build failed: $(grep -m1 -E 'error|build.sh:' "$work/base-$stem.build")"
            continue
        fi
        for spec in "${triggers[@]}"; do
            read -r target name <<<"$spec"
            "$out/tools/scenario_tool" encode "$MUTANT_DIR/$name.txt" >"$work/base-$name.in" 2>/dev/null
            timeout 60 "$out/libfuzzer/$stem/$target" -timeout=20 "$work/base-$name.in" >"$work/base-$name.replay" 2>&1
            [ "$(finding_of "$work/base-$name.replay")" = NONE ] || found="$found $name($(finding_of "$work/base-$name.replay"))"
        done
        if [ -z "$found" ]; then
            pass "base:$stem (no finding for the triggers of its ${#triggers[@]} mutant(s))"
        else
            fail "base:$stem" "triggers find something in the correct client:$found"
        fi
    done
}
