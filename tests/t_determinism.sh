# t_determinism.sh - the same input gives the same trace: twice in one process, and in the
# libFuzzer (clang, ASan+UBSan), AFL++ and standalone (gcc) builds.

# The event lines of a WSKFUZZ_TRACE=1 run (they start with "  #").
trace_lines() {
    WSKFUZZ_TRACE=1 "$@" 2>/dev/null | grep -E '^  #' || true
}

t_determinism() {
    local clients="doc_client negotiating_client wskreg_client" c t f engines="libfuzzer standalone"
    ./build.sh >/dev/null 2>&1 || { fail determinism:build-libfuzzer; return; }
    CC=gcc ./build.sh --engine standalone >/dev/null 2>&1 || { fail determinism:build-standalone-gcc; return; }
    if command -v afl-clang-fast >/dev/null 2>&1 && ./build.sh --engine afl >/dev/null 2>&1; then
        engines="$engines afl"
    fi
    for c in $clients; do
        for t in fuzz_attach fuzz_lifecycle fuzz_wskreg; do
            local bad="" n=0
            for f in corpus/$t/*; do
                [ -f "$f" ] || continue
                n=$((n + 1))
                local twice one_a one_b lf
                twice=$(trace_lines "$OUT_DIR/standalone/$c/$t" --runs 2 "$f")
                one_a=$(echo "$twice" | awk 'BEGIN{r=0} /^  #0 /{r++} r==1')
                one_b=$(echo "$twice" | awk 'BEGIN{r=0} /^  #0 /{r++} r==2')
                [ -n "$one_a" ] && [ "$one_a" = "$one_b" ] || bad="$bad $(basename "$f")(twice)"
                lf=$(trace_lines "$OUT_DIR/libfuzzer/$c/$t" "$f")
                [ "$lf" = "$one_a" ] || bad="$bad $(basename "$f")(libfuzzer)"
                case "$engines" in *afl*)
                    [ "$(trace_lines "$OUT_DIR/afl/$c/$t" "$f")" = "$one_a" ] || bad="$bad $(basename "$f")(afl)" ;;
                esac
            done
            if [ "$n" -eq 0 ]; then
                fail "determinism:$c:$t" "no corpus files in corpus/$t"
            elif [ -n "$bad" ]; then
                fail "determinism:$c:$t" "traces differ:$bad"
            else
                pass "determinism:$c:$t ($n inputs; $engines)"
            fi
        done
    done
}
