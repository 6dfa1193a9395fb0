# t_bench.sh - the bench's own lines that the other groups do not run. Tests, one line each:
#   bench:cost-lines   `./build.sh bench` with BENCH_PARTS=cost prints one exec_cost line per target:
#                      the ratio, and the CPU ns per input of the target and of the empty target,
#                      each a positive figure (figures are the bench's, not judged here)
#   bench:cost-options every run of it, the empty target's too, got the target's .options as `fuzz`
#                      passes them (libFuzzer says when -max_len is not given, and counts a -dict)

t_bench() {
    local dir=$TEST_TMP/bench log lines odd
    mkdir -p "$dir"
    log=$dir/cost.log
    touch "$dir/start"
    local other=$dir/other
    mkdir -p "$other/out/libfuzzer"
    ln -sfn "$ROOT/fuzz" "$other/fuzz"
    ln -sfn "$OUT_DIR/libfuzzer/doc_client" "$other/out/libfuzzer/doc_client"
    # the other checkout's build is ours: built first, as BENCH_AGAINST's error says to
    if ! BENCH_PARTS=none ./build.sh bench >"$dir/build.log" 2>&1; then
        fail bench:cost-lines "BENCH_PARTS=none: $(tail -1 "$dir/build.log")"
        return
    fi
    if ! BENCH_AGAINST=$other BENCH_PARTS=cost BENCH_COST_RUNS=20000 BENCH_COST_ROUNDS=1 ./build.sh bench >"$log" 2>&1; then
        fail bench:cost-lines "$(tail -1 "$log")"
        return
    fi
    lines=$(grep -c '^exec_cost fuzz_[a-z_]* [0-9]*\.[0-9][0-9] ([0-9]* vs [0-9]* ns CPU per input)$' "$log")
    # a zero figure would mean a run that did nothing, or a subtraction gone wrong
    odd=$(grep '^exec_cost ' "$log" | grep -E ' 0\.00 | \(0 vs | vs 0 ns' || true)
    if [ "$lines" -eq "$(wc -w <<<"$(wskfuzz_targets)")" ] && [ -z "$odd" ]; then
        pass bench:cost-lines
    else
        fail bench:cost-lines "lines=$lines ${odd:-$(grep -m1 -v '^bench' "$log")}"
    fi
    # this run's logs only: the folder keeps earlier benches'
    local runs bare
    mapfile -t runs < <(find "$OUT_DIR/bench" -name 'exec_cost-*.log' -newer "$dir/start")
    bare=$(grep -L '^Dictionary: [1-9][0-9]* entries' "${runs[@]}"; grep -l -- '-max_len is not provided' "${runs[@]}")
    if [ "${#runs[@]}" -ge 4 ] && [ -z "$bare" ]; then
        pass bench:cost-options
    else
        fail bench:cost-options "${#runs[@]} runs; without the options: $(head -1 <<<"$bare")"
    fi
    local against missing
    against=$(grep -c '^exec_cost_against fuzz_[a-z_]* [0-9]*\.[0-9][0-9] ([0-9]* vs [0-9]* ns CPU per input) cost=[0-9]*\.[0-9]*$' "$log")
    mkdir -p "$dir/nothing"
    missing=$(BENCH_AGAINST=$dir/nothing BENCH_PARTS=cost ./build.sh bench 2>&1 >/dev/null) && missing="exit 0: $missing"
    if [ "$against" -eq "$(wc -w <<<"$(wskfuzz_targets)")" ] && [ "$(wc -l <<<"$missing")" -eq 1 ] &&
        [[ $missing == "build.sh: BENCH_AGAINST: "* ]]; then
        pass bench:cost-against
    else
        fail bench:cost-against "lines=$against; a checkout without the build: $missing"
    fi
}
