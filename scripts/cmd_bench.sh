# cmd_bench.sh - ./build.sh bench: the performance figures, one line each (logs in $OUT_DIR/bench/):
#   exec_ratio <target> <ratio> (<exec/s> vs <empty exec/s>)      libFuzzer, doc client
#   exec_ratio_afl <target> <ratio> (<exec/s> vs <empty exec/s>)  AFL++ (afl-fuzz -V, fuzzer_stats)
#   detect <mutant> libfuzzer=<median s, 3 seeds> explore=<s> baseline=<median s> ratio=<baseline/ours>
#          baseline_seeds=<found|missed>: whether the baseline finds it in the seed corpus itself
#   detect_summary mutants=<n> libfuzzer_1s=<n> explore_1s=<n> ratio_10=<n>/<n whose baseline_seeds missed>
#   rss <target> start=<MiB> warm=<MiB> end=<MiB> growth=<%>      one libFuzzer run of BENCH_RSS_SECONDS
#   soak <client> <target> runs=<n> verdicts=<n>                  libFuzzer -runs=BENCH_SOAK_RUNS
#   scaling <engine> jobs1=<exec/s> jobs2=<exec/s> ratio=<r>      libFuzzer -fork=N; AFL++ -M + -S
# Every figure comes from runs made the same way side by side; on a machine shared with other work
# they are noisy. It takes minutes; BENCH_PARTS="ratio afl detect rss soak scaling" picks parts,
# and BENCH_SECONDS (4), BENCH_ROUNDS (10), BENCH_DETECT_CAP (20), BENCH_BASELINE_CAP (5),
# BENCH_RSS_SECONDS (60), BENCH_SOAK_RUNS (1000000), BENCH_SCALE_SECONDS (20) size them, and
# BENCH_MUTANTS="a b" limits the detect lines to those mutants.
# The baseline is the same target with WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL=6 (fuzz/play.c): 6% of the
# allocations fail at random (Driver Verifier's low-resources default) and no status is injected.

# The explore program of a client (built by scripts/build_step.sh, as `explore` builds it).
build_explore() {
    # shellcheck disable=SC2046 # one source per word
    "$ROOT/scripts/build_step.sh" explore "$1" "$TARGETS" "$(spec_name "$2")" $(spec_srcs "$2")
}

# The base scenarios of a target: its seed files, in name order.
explore_bases() {
    local f
    for f in "corpus/$1"/*; do [ -f "$f" ] && echo "$f"; done
    return 0
}

BENCH_DOC="doc_client|src/doc_client.c"

# The empty target (fuzz/empty_target.c), built and linked as the targets are (build.mk).
bench_build_empty() {
    TARGETS=empty_target build_client "$1" "$BENCH_DOC"
}

bench_part() {
    case " ${BENCH_PARTS:-ratio afl detect rss soak scaling} " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}

# A fresh copy of a target's seed corpus: every run starts from the same inputs.
bench_corpus() {
    local target=$1 dir=$2
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ -d "corpus/$target" ]; then find "corpus/$target" -maxdepth 1 -type f -exec cp -t "$dir" {} +; fi
    [ -n "$(ls -A "$dir")" ] || printf '\0' >"$dir/zero"
}

# libFuzzer for a fixed time from a fresh corpus copy; prints its average exec/s.
bench_libfuzzer_eps() {
    local bin=$1 target=$2 secs=$3 log=$4
    bench_corpus "$target" "$BENCH_WORK/c"
    "$bin" -max_total_time="$secs" -timeout=10 -print_final_stats=1 -artifact_prefix="$BENCH_WORK/" \
        "$BENCH_WORK/c" >"$log" 2>&1 || true
    sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -1
}

# AFL++ (one instance) for a fixed time; prints execs_done / run_time from its fuzzer_stats.
bench_afl_eps() {
    local bin=$1 target=$2 secs=$3 log=$4 out=$BENCH_WORK/afl-out
    bench_corpus "$target" "$BENCH_WORK/c"
    rm -rf "$out"
    AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
        timeout $((secs + 60)) afl-fuzz -i "$BENCH_WORK/c" -o "$out" -V "$secs" -M main -- "$bin" >"$log" 2>&1 || true
    bench_afl_stats_eps "$out"/*/fuzzer_stats
}

# Sum over AFL++ instances of execs_done / run_time.
bench_afl_stats_eps() {
    awk -F' *: *' '$1 == "execs_done" { e = $2 } $1 == "run_time" { t = $2 }
        FNR == 1 && NR > 1 { if (t > 0) s += e / t; e = t = 0 }
        END { if (t > 0) s += e / t; printf "%d\n", s }' "$@" 2>/dev/null
}

# Median of three numbers (a miss counts as its cap).
bench_median() {
    printf '%s\n' "$@" | sort -g | sed -n 2p
}

# The first finding in a log, named as the mutants' EXPECT lines (the package's classifier).
bench_finding() {
    PYTHONPATH=$ROOT/scripts python3 -m wskfuzz.classify "$1"
}

# Run one detect command (output in LOG) with a fresh scratch folder, $BENCH_WORK/detect (its
# new/ for a corpus, the rest for artifacts), and no symbolizing of a crash report: its seconds
# would count as detection time.
bench_detect_run() {
    local log=$1
    shift
    rm -rf "$BENCH_WORK/detect"
    mkdir -p "$BENCH_WORK/detect/new"
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}symbolize=0 UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}symbolize=0 \
        "$@" >"$log" 2>&1 || true
}

# Seconds until libFuzzer (from the shipped corpus) reports EXPECT, or "cap" when it does not.
bench_detect_once() {
    local bin=$1 target=$2 expect=$3 seed=$4 cap=$5 log=$6 t0 t1 scratch=$BENCH_WORK/detect
    t0=$(date +%s.%N)
    bench_detect_run "$log" timeout $((cap + 30)) "$bin" -seed="$seed" -max_total_time="$cap" -timeout=10 \
        -artifact_prefix="$scratch/" "$scratch/new" "corpus/$target"
    t1=$(date +%s.%N)
    if [ "$(bench_finding "$log")" = "$expect" ]; then
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }'
    else
        echo cap
    fi
}

# Three seeds; a median of misses is the cap (two misses decide it, so the third is skipped).
bench_detect() {
    local bin=$1 target=$2 expect=$3 cap=$4 tag=$5 s r times=() misses=0
    for s in 1 2 3; do
        r=$(bench_detect_once "$bin" "$target" "$expect" "$s" "$cap" "$BENCH_WORK/detect-$tag-$s.log")
        if [ "$r" = cap ]; then
            misses=$((misses + 1))
            times+=("$cap")
            [ $misses -ge 2 ] && break
        else
            times+=("$r")
        fi
    done
    if [ $misses -ge 2 ]; then echo ">$cap"; else bench_median "${times[@]}"; fi
}

# The ratio is the median of the rounds' own ratios (each round: the target, then the empty
# target, the same time each). This VM's host moves exec/s by a third within a minute; a round's
# two runs see about the same machine, and the median drops the rounds where they did not.
bench_exec_ratios() {
    local engine=$1 tag=$2 t r a b eps empty ratios n=${BENCH_ROUNDS:-10} secs=${BENCH_SECONDS:-4}
    for t in $TARGETS; do
        eps=0
        empty=0
        ratios=()
        for r in $(seq "$n"); do
            a=$("bench_${engine}_eps" "$OUT_DIR/$engine/doc_client/$t" "$t" "$secs" "$BENCH_WORK/$tag-$t-$r.log")
            b=$("bench_${engine}_eps" "$OUT_DIR/$engine/doc_client/empty_target" "$t" "$secs" \
                "$BENCH_WORK/$tag-empty-$t-$r.log")
            eps=$((eps + ${a:-0}))
            empty=$((empty + ${b:-0}))
            ratios+=("$(awk -v a="${a:-0}" -v b="${b:-0}" 'BEGIN { printf "%.3f", b ? a / b : 0 }')")
        done
        echo "$tag $t $(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 }
            END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }') ($((eps / n)) vs $((empty / n)))"
    done
}

# Does the baseline find the mutant's bug in the seed corpus itself, before any mutation? Then both
# sides stop within the first pass over the seeds, at the start-up floor (~0.15 s), and their ratio
# measures process start, not fault injection: the summary counts the 10x goal over the others.
bench_baseline_seeds() {
    local bin=$1 target=$2 expect=$3 log=$BENCH_WORK/detect-seeds.log
    bench_detect_run "$log" env WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL=6 timeout 60 "$bin" -runs=0 \
        -artifact_prefix="$BENCH_WORK/detect/" "corpus/$target"
    if [ "$(bench_finding "$log")" = "$expect" ]; then echo found; else echo missed; fi
}

bench_detect_all() {
    local src name expect target spec ours base ex seeds ratio bases=() cap=${BENCH_DETECT_CAP:-20} bcap=${BENCH_BASELINE_CAP:-5}
    local list=() dir=$BENCH_WORK/mutants n=0 fast=0 ex_fast=0 far=0 far_10=0
    # The gallery written whole (tests/mutants/*.patch on their bases).
    # shellcheck disable=SC2086 # one name per word
    "$ROOT/scripts/write_mutants.sh" "$dir" ${BENCH_MUTANTS:-} || die "the mutants could not be written"
    if [ -n "${BENCH_MUTANTS:-}" ]; then
        for name in $BENCH_MUTANTS; do list+=("$dir/$name.c"); done
    else
        list=("$dir"/*.c)
    fi
    for src in "${list[@]}"; do
        [ -f "$src" ] || continue
        name=$(basename "$src" .c)
        expect=$(sed -n '1,8s/^[ /]*\*\{0,1\} *EXPECT: *\([^ ]*\).*$/\1/p' "$src" | head -1)
        target=$(sed -n '1,8s/^[ /]*\*\{0,1\} *TARGET: *\([^ ]*\).*$/\1/p' "$src" | head -1)
        if [ -z "$expect" ] || [ -z "$target" ]; then continue; fi
        spec="$name|$src"
        TARGETS=$target build_client libfuzzer "$spec" 2>/dev/null
        build_explore libfuzzer "$spec"
        ours=$(bench_detect "$OUT_DIR/libfuzzer/$name/$target" "$target" "$expect" "$cap" "$name")
        base=$(WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL=6 bench_detect "$OUT_DIR/libfuzzer/$name/$target" "$target" \
            "$expect" "$bcap" "$name-baseline")
        mapfile -t bases < <(explore_bases "$target")
        ex=$("$OUT_DIR/libfuzzer/$name/explore_main" --target "$target" --client "$name" "${bases[@]}" 2>/dev/null |
            sed -nE "s/^  VIOLATION $expect: .*first after ([0-9.]+) s.*/\1/p")
        seeds=$(bench_baseline_seeds "$OUT_DIR/libfuzzer/$name/$target" "$target" "$expect")
        ratio=$(awk -v o="${ours#>}" -v b="${base#>}" -v m="${base%%[0-9]*}" \
            'BEGIN { printf "%s%.1f", m, (o > 0 ? b / o : 0) }')
        echo "detect $name libfuzzer=$ours explore=${ex:-none} baseline=$base ratio=$ratio baseline_seeds=$seeds"
        n=$((n + 1))
        bench_within "$ours" 1 && fast=$((fast + 1))
        bench_within "${ex:->1}" 1 && ex_fast=$((ex_fast + 1))
        if [ "$seeds" = missed ]; then
            far=$((far + 1))
            bench_within 10 "${ratio#>}" && far_10=$((far_10 + 1))
        fi
    done
    echo "detect_summary mutants=$n libfuzzer_1s=$fast explore_1s=$ex_fast ratio_10=$far_10/$far"
}

# Is the figure A (seconds; ">cap" for a miss) at most B?
bench_within() {
    case $1 in '>'*) return 1 ;; esac
    awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'
}

# RSS from libFuzzer's status lines: at INITED (before any fuzzing), at the first line past 2^20
# runs ("warm": a second or two in, when ASan's quarantine, capped at 16 MiB by
# fuzz/sanitizer_defaults.c, and libFuzzer's tables have filled) and at the end. Growth is end
# against warm: what a long run keeps adding. The empty target's run is the yardstick.
bench_rss_line() {
    awk -v t="$1" '/INITED/ { on = 1 } on && match($0, /rss: [0-9]+Mb/) {
            v = substr($0, RSTART + 5, RLENGTH - 7); n++
            runs = $1; sub(/^#/, "", runs)
            if (n == 1) first = v; if (warm == "" && runs + 0 >= 1048576) warm = v; last = v }
        END { if (warm == "") warm = first
              printf "rss %s start=%s warm=%s end=%s growth=%.1f%%", t, first, warm, last,
                     warm ? (last - warm) * 100 / warm : 0 }' "$2"
}

bench_rss() {
    local t log secs=${BENCH_RSS_SECONDS:-60}
    bench_libfuzzer_eps "$OUT_DIR/libfuzzer/doc_client/empty_target" fuzz_attach "$secs" "$BENCH_WORK/rss-empty.log" >/dev/null
    for t in $TARGETS; do
        log=$BENCH_WORK/rss-$t.log
        bench_libfuzzer_eps "$OUT_DIR/libfuzzer/doc_client/$t" "$t" "$secs" "$log" >/dev/null
        echo "$(bench_rss_line "$t" "$log") (empty target: $(bench_rss_line empty "$BENCH_WORK/rss-empty.log" |
            sed -E 's/^rss empty //'))"
    done
}

bench_soak() {
    local spec name t log runs verdicts
    while read -r spec; do
        name=$(spec_name "$spec")
        for t in $TARGETS; do
            log=$BENCH_WORK/soak-$name-$t.log
            bench_corpus "$t" "$BENCH_WORK/c"
            "$OUT_DIR/libfuzzer/$name/$t" -runs="${BENCH_SOAK_RUNS:-1000000}" -timeout=10 -print_final_stats=1 \
                -artifact_prefix="$BENCH_WORK/soak-" "$BENCH_WORK/c" >"$log" 2>&1 || true
            runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
            verdicts=$(grep -cE 'WSKFUZZ VIOLATION|ERROR: (Address|Leak|Memory)Sanitizer|runtime error:|ERROR: libFuzzer' \
                "$log" || true)
            echo "soak $name $t runs=${runs:-0} verdicts=$verdicts$([ "$verdicts" = 0 ] || echo " ($(bench_finding "$log"))")"
        done
    done <<<"$CLIENT_SPECS"
}

bench_scaling() {
    local secs=${BENCH_SCALE_SECONDS:-20} t=fuzz_attach j eps=() log i out role=()
    for j in 1 2; do
        log=$BENCH_WORK/scale-libfuzzer-$j.log
        bench_corpus "$t" "$BENCH_WORK/c"
        (cd "$BENCH_WORK" && "$OUT_DIR/libfuzzer/doc_client/$t" -fork="$j" -ignore_crashes=1 -max_total_time="$secs" \
            -timeout=10 "$BENCH_WORK/c" >"$log" 2>&1) || true
        # Fork mode's status lines give the executions of all jobs and the time so far; their
        # exec/s is the jobs' average rate, not the total.
        eps[j]=$(grep -aE '^#[0-9]+' "$log" | tail -1 | fork_mode_eps)
    done
    echo "scaling libfuzzer jobs1=${eps[1]:-0} jobs2=${eps[2]:-0} ratio=$(awk -v a="${eps[1]:-0}" -v b="${eps[2]:-0}" 'BEGIN { printf "%.2f", a ? b / a : 0 }')"
    command -v afl-fuzz >/dev/null 2>&1 || return 0
    for j in 1 2; do
        out=$BENCH_WORK/afl-scale-$j
        rm -rf "$out"
        bench_corpus "$t" "$BENCH_WORK/c"
        local pids=()
        for i in $(seq 0 $((j - 1))); do
            if [ "$i" = 0 ]; then role=(-M main); else role=(-S "s$i"); fi
            AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
                timeout $((secs + 60)) afl-fuzz -i "$BENCH_WORK/c" -o "$out" -V "$secs" "${role[@]}" \
                -- "$OUT_DIR/afl/doc_client/$t" >"$BENCH_WORK/scale-afl-$j-$i.log" 2>&1 &
            pids+=($!)
        done
        wait "${pids[@]}" || true
        eps[j]=$(bench_afl_stats_eps "$out"/*/fuzzer_stats)
    done
    echo "scaling afl jobs1=${eps[1]:-0} jobs2=${eps[2]:-0} ratio=$(awk -v a="${eps[1]:-0}" -v b="${eps[2]:-0}" 'BEGIN { printf "%.2f", a ? b / a : 0 }')"
}

cmd_bench() {
    [ ${#POSITIONAL[@]} -eq 0 ] || die_usage "bench takes no file arguments"
    BENCH_WORK=$OUT_DIR/bench # OUT_DIR is absolute (scripts/lib.sh)
    mkdir -p "$BENCH_WORK"
    echo "bench: logs in $BENCH_WORK; figures are noisy on a machine shared with other work" >&2
    # The doc client's targets and the empty target, built the same way, for both engines.
    build_client libfuzzer "$BENCH_DOC"
    bench_build_empty libfuzzer
    if bench_part afl || bench_part scaling; then
        build_client afl "$BENCH_DOC"
        bench_build_empty afl
    fi
    bench_part ratio && bench_exec_ratios libfuzzer exec_ratio
    bench_part afl && bench_exec_ratios afl exec_ratio_afl
    bench_part detect && bench_detect_all
    bench_part rss && bench_rss
    if bench_part soak; then
        load_client_specs
        while read -r spec; do build_client libfuzzer "$spec"; done <<<"$CLIENT_SPECS"
        bench_soak
    fi
    bench_part scaling && bench_scaling
    return 0
}
