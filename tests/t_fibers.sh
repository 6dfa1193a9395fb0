# t_fibers.sh - the stacks of simulated threads (stubs/kernel/fiber.c). Tests, one line each:
#   fibers:asan-on-thread-stack   a client thread's stack-buffer-overflow is reported by ASan as
#                                 such, in the client's function, with the thread's routine below
#                                 it and the array it overflowed (the switch was announced to ASan)
#   fibers:switch-bench           `./build.sh bench` with BENCH_PARTS=switch prints one switch line
#                                 per target for the thread client, with switches in every input
#                                 set that starts a thread (figures are the bench's, not judged here)

t_fibers() {
    local dir=$TEST_TMP/fibers log bin
    mkdir -p "$dir"
    log=$dir/build.log
    if ! ./build.sh build --client tests/fixtures/thread_stack_overflow_client.c --target fuzz_attach >"$log" 2>&1; then
        fail fibers:asan-on-thread-stack "build: $(tail -1 "$log")"
    else
        bin=$OUT_DIR/libfuzzer/thread_stack_overflow_client/fuzz_attach
        printf '\0' >"$dir/zero"
        "$bin" "$dir/zero" >"$dir/run.log" 2>&1
        if grep -q "SUMMARY: AddressSanitizer: stack-buffer-overflow .*thread_stack_overflow_client.c:[0-9]*:[0-9]* in FillSlots" "$dir/run.log" &&
            grep -q " in OverflowThreadMain .*thread_stack_overflow_client.c" "$dir/run.log" &&
            grep -q "'Slots' .*overflows this variable\|'Slots\.i' .*overflows this variable" "$dir/run.log"; then
            pass fibers:asan-on-thread-stack
        else
            fail fibers:asan-on-thread-stack "$(grep -m2 -E 'ERROR|SUMMARY' "$dir/run.log")"
        fi
    fi

    log=$dir/bench.log
    if ! BENCH_PARTS=switch BENCH_SWITCH_ROUNDS=2 ./build.sh bench >"$log" 2>&1; then
        fail fibers:switch-bench "$(tail -1 "$log")"
    else
        local lines bad
        lines=$(grep -c '^switch fuzz_[a-z_]* fiber_ns=[0-9]* inputs_per_s=[0-9]* switches_per_s=[0-9]* switches_per_input=[0-9.]*$' "$log")
        bad=$(grep '^switch ' "$log" | grep 'switches_per_input=0.00$' || true)
        if [ "$lines" -eq "$(wc -w <<<"$(wskfuzz_targets)")" ] && [ -z "$bad" ]; then
            pass fibers:switch-bench
        else
            fail fibers:switch-bench "lines=$lines ${bad:-$(grep -m1 -v '^bench' "$log")}"
        fi
    fi
}
