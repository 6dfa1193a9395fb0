# t_isolation.sh - each input starts from the client image's own globals: the harness restores
# the client's .data/.bss before every input (stub_reset -> stub_client_globals_restore).
#   isolation:client-globals-restored   tests/fixtures/once_flag_client.c, whose unload depends on
#                                       globals it changes, runs two inputs in one libFuzzer
#                                       process clean (without the restore the second input got a
#                                       false POOL_LEAK)

t_isolation() {
    local dir=$TEST_TMP/isolation bin log
    mkdir -p "$dir/corpus"
    log=$dir/build.log
    if ! ./build.sh --client tests/fixtures/once_flag_client.c --target fuzz_attach >"$log" 2>&1; then
        fail isolation:client-globals-restored "build: $(tail -1 "$log")"
        return
    fi
    bin=$OUT_DIR/libfuzzer/once_flag_client/fuzz_attach
    # Two inputs (the empty scenario and one with the hostile flag): two loads in one process.
    : >"$dir/corpus/1-empty"
    printf '\001' >"$dir/corpus/2-flags"
    log=$dir/run.log
    if "$bin" "$dir/corpus/1-empty" "$dir/corpus/2-flags" >"$log" 2>&1 &&
        [ "$(grep -c '^Executed .* in ' "$log")" -eq 2 ]; then
        pass isolation:client-globals-restored
    else
        fail isolation:client-globals-restored \
            "$(grep -m1 -E 'WSKFUZZ VIOLATION|ERROR: ' "$log" || tail -1 "$log")"
    fi
}
