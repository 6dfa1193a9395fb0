# t_explore.sh - ./build.sh explore (systematic fault, schedule and IRQL exploration). Tests, one line each:
#   explore:<mutant>  `./build.sh explore --client <mutant>.c --target <TARGET>` exits 1 (the mutant
#                     written whole by scripts/write_mutants.sh into $OUT_DIR/mutants/)
#                     and finds the mutant's EXPECT ID; its input replays alone; a second sweep gives
#                     the same findings (same IDs, counts, files); found within EXPLORE_MAX_SECONDS
#   explore:bundled   ./build.sh explore on the bundled clients: exit 0, no violation
#   explore:usage     --depth 3 is a usage error (exit 2)
#   explore:sweep-<mutant>  from one base with no preemption and no IRQL choice, the mutant's finding
#                     comes from the sweep's own variant (a `pre:` or `irql:` label), replays alone,
#                     and the correct client it is based on stays clean in the same sweep
# MUTANTS="a b" limits the mutants. Triage is skipped (WSKFUZZ_EXPLORE_TRIAGE=0): `fuzz` tests it.

EXPLORE_MAX_SECONDS=${EXPLORE_MAX_SECONDS:-5} # hard bound on a shared machine; the goal is 1 s

explore_field() {
    sed -n "1,8s/^[ /]*\*\{0,1\} *$2: *\([^ ]*\).*$/\1/p" "$1" | head -1
}

# A sweep's findings without its timings: what must be the same on every run.
explore_findings() {
    grep -E '^(explore |  VIOLATION |  note:)' "$1" |
        sed -E 's/, [0-9.]+ s(, depth 2)?$//; s/first after [0-9.]+ s //'
}

# One mutant's part of a sweep's output: its summary line and the lines under it.
explore_section() {
    awk -v c="($2):" '/^explore / { on = index($0, c) > 0 } on && /^(explore |  )/' "$1"
}

# Judge one mutant from its section of the batch sweep ($4), then sweep it again alone.
explore_mutant() {
    local name=$1 out=$2 work=$3 sweep=$4 expect target first again secs line r
    expect=$(explore_field "$EXPLORE_MUTANTS/$name.c" EXPECT)
    target=$(explore_field "$EXPLORE_MUTANTS/$name.c" TARGET)
    first=$work/$name.1
    again=$work/$name.2
    explore_section "$sweep" "$name" >"$first"
    if ! grep -q '^explore ' "$first"; then
        fail "explore:$name" "no sweep: $(grep -m1 -E 'error|build.sh:|explore:' "$sweep")"
        return
    fi
    line=$(grep -m1 -F "  VIOLATION $expect: " "$first")
    if [ -z "$line" ]; then
        fail "explore:$name" "expected $expect, found: $(grep -oE '^  VIOLATION [^ ]+' "$first" | cut -c13- | tr -d : | tr '\n' ' ')"
        return
    fi
    case "$line" in
    *"(replays alone: yes)") ;;
    *) fail "explore:$name" "the $expect input does not replay alone: ${line##*replays alone: }"; return ;;
    esac
    # The second sweep straight from the program, with the arguments build.sh gives it.
    local bases=()
    mapfile -t bases < <(for f in corpus/"$target"/*; do [ -f "$f" ] && echo "$f"; done)
    r=0
    "$out/libfuzzer/$name/explore_main" --target "$target" --depth 1 --client "$name" \
        --crashes "$out/crashes/$name/$target" ${bases[@]+"${bases[@]}"} >"$again" 2>&1 || r=$?
    if [ $r -ne 1 ] || [ "$(explore_findings "$first")" != "$(explore_findings "$again")" ]; then
        fail "explore:$name" "a second sweep differs (exit $r): $(diff <(explore_findings "$first") <(explore_findings "$again") | head -3 | tr '\n' ' ')"
        return
    fi
    secs=$(sed -nE 's/.*first after ([0-9.]+) s.*/\1/p' <<<"$line")
    if awk -v s="$secs" -v m="$EXPLORE_MAX_SECONDS" 'BEGIN { exit !(s > m) }'; then
        fail "explore:$name" "$expect found only after $secs s (bound $EXPLORE_MAX_SECONDS s)"
        return
    fi
    pass "explore:$name ($expect after $secs s, $(grep -oE '[0-9]+ scenarios run' "$first" | cut -d' ' -f1) scenarios)"
}

EXPLORE_MUTANTS=""

# Mutants only a schedule or an IRQL choice shows: mutant, the base scenario (no preemption, no
# IRQL choice in it), the label the sweep must find it under, the correct client it is based on.
EXPLORE_SWEEP_CASES=(
    "detach_success_while_in_flight corpus/fuzz_attach/provider-leaves-before-unload pre:t1@ tests/mutants/bases/nmr_worker_client.c"
    "cleanup_leak_below_dispatch corpus/fuzz_attach/provider-leaves-before-unload irql:cleanup= tests/mutants/bases/irql_aware_client.c"
    "completion_paged_copy corpus/fuzz_attach/wsk-1.0-to-1.1-attaches-1.1 irql:completion=dispatch tests/mutants/bases/refcount_nmr_client.c"
)

# The sweep alone finds what the base does not show: explore_main on the one base.
explore_sweep_case() {
    local out=$1 work=$2 name base label correct expect target line r
    read -r name base label correct <<<"$3"
    [ -x "$out/libfuzzer/$name/explore_main" ] || return 0 # not in MUTANTS
    expect=$(explore_field "$EXPLORE_MUTANTS/$name.c" EXPECT)
    target=$(explore_field "$EXPLORE_MUTANTS/$name.c" TARGET)
    if ./build.sh describe --target "$target" "$base" | grep -qE '^(preempt[0-9]\.call +[1-9]|irql\.[a-z]+ +(passive|apc|dispatch|[0-9]))'; then
        fail "explore:sweep-$name" "the base $base already names a preemption or an IRQL"
        return
    fi
    r=0
    "$out/libfuzzer/$name/explore_main" --target "$target" --client "$name" "$base" >"$work/case-$name" 2>&1 || r=$?
    line=$(grep -m1 -F "  VIOLATION $expect: " "$work/case-$name")
    case "$r:$line" in
    "1:"*"($(basename "$base"), $label"*"(replays alone: yes)") ;;
    *) fail "explore:sweep-$name" "exit $r, want $expect under $label...: $(grep -m1 -E '^  VIOLATION|explore' "$work/case-$name")"; return ;;
    esac
    r=0
    ./build.sh explore --target "$target" --client "$correct" >"$work/case-correct-$name" 2>&1 || r=$?
    if [ $r -ne 0 ] || grep -q '^  VIOLATION ' "$work/case-correct-$name"; then
        fail "explore:sweep-$name" "the correct $correct: exit $r: $(grep -m1 -E '^  VIOLATION|build.sh:' "$work/case-correct-$name")"
        return
    fi
    pass "explore:sweep-$name ($expect under $(sed -E 's/.*first after ([0-9.]+ s) \([^,]*, ([^)]*)\).*/\2 after \1/' <<<"$line"); $(basename "$correct" .c) clean: $(grep -oE '[0-9]+ scenarios run' "$work/case-correct-$name"))"
}

t_explore() {
    local out=${OUT_DIR:-${WSKFUZZ_OUT:-out}} work name r t
    EXPLORE_MUTANTS=$out/mutants
    work=$(mktemp -d "${TEST_TMP:-/tmp}/explore.XXXXXX")
    export WSKFUZZ_EXPLORE_TRIAGE=0

    r=0
    ./build.sh explore --depth 3 >"$work/usage" 2>&1 || r=$?
    if [ $r -eq 2 ]; then pass explore:usage; else fail explore:usage "--depth 3 gave exit $r, expected 2"; fi

    r=0
    ./build.sh explore >"$work/bundled" 2>&1 || r=$?
    if [ $r -eq 0 ] && ! grep -q '^  VIOLATION ' "$work/bundled" && grep -q '^explore ' "$work/bundled"; then
        pass "explore:bundled ($(grep -c '^explore ' "$work/bundled") sweeps, $(grep -oE '[0-9]+ scenarios run' "$work/bundled" | awk '{n += $1} END {print n}') scenarios, no violation)"
    else
        fail explore:bundled "exit $r: $(grep -m2 -E '^  VIOLATION|build.sh:|explore:' "$work/bundled" | tr '\n' ' ')"
    fi

    # One sweep per target over all its mutants (one build.sh run each: the machine is shared).
    local list=${MUTANTS:-} expect target
    [ -n "$list" ] || list=$(for f in tests/mutants/*.patch; do [ -f "$f" ] && basename "$f" .patch; done)
    # shellcheck disable=SC2086 # one name per word
    if ! scripts/write_mutants.sh "$EXPLORE_MUTANTS" $list 2>"$work/write"; then
        fail explore:mutants "$(head -1 "$work/write")"
        return
    fi
    declare -A args=() names=()
    for name in $list; do
        expect=$(explore_field "$EXPLORE_MUTANTS/$name.c" EXPECT)
        target=$(explore_field "$EXPLORE_MUTANTS/$name.c" TARGET)
        case " $(wskfuzz_targets) " in
        *" $target "*) ;;
        *) fail "explore:$name" "needs EXPECT and TARGET header lines (TARGET '$target')"; continue ;;
        esac
        if [ -z "$expect" ]; then
            fail "explore:$name" "needs an EXPECT header line"
            continue
        fi
        args[$target]+=" --client $EXPLORE_MUTANTS/$name.c"
        names[$target]+=" $name"
    done
    # Two builds at a time (2 cores): the biggest batch alone, the others one after the other.
    # The harness objects are built already (by the bundled sweep), so the batches share nothing.
    local order big="" pids=()
    order=$(for t in "${!names[@]}"; do echo "$(wc -w <<<"${names[$t]}") $t"; done | sort -rn | cut -d' ' -f2)
    big=$(head -1 <<<"$order")
    explore_batch() {
        local t r
        for t in "$@"; do
            r=0
            # shellcheck disable=SC2086
            ./build.sh explore --target "$t" ${args[$t]} >"$work/sweep-$t" 2>&1 || r=$?
            echo $r >"$work/rc-$t"
        done
    }
    if [ -n "$big" ]; then
        explore_batch "$big" &
        pids+=($!)
        # shellcheck disable=SC2046 # one target name per word
        explore_batch $(tail -n +2 <<<"$order") &
        pids+=($!)
        wait "${pids[@]}"
    fi
    for t in $order; do
        if [ "$(cat "$work/rc-$t")" = 2 ]; then # a mutant that does not build stops its batch: one by one
            for name in ${names[$t]}; do
                ./build.sh explore --target "$t" --client "$EXPLORE_MUTANTS/$name.c" >"$work/sweep-$name" 2>&1 || true
                explore_mutant "$name" "$out" "$work" "$work/sweep-$name"
            done
            continue
        fi
        for name in ${names[$t]}; do
            explore_mutant "$name" "$out" "$work" "$work/sweep-$t"
        done
    done
    local case
    for case in "${EXPLORE_SWEEP_CASES[@]}"; do
        explore_sweep_case "$out" "$work" "$case"
    done
    unset WSKFUZZ_EXPLORE_TRIAGE
}
