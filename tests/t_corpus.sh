# t_corpus.sh - the seed corpus: every bundled client replays every corpus file clean under
# ASan+UBSan (one test per client and file), every file survives describe -> encode byte for
# byte, the corpus is what the text seeds in fuzz/seeds encode to, and each target has its ten
# seeds. Replays run with WSKFUZZ_HOSTILE=1, so seeds with the hostile flag get hostile statuses
# (the others play exactly as without it) - except for doc_client: it is Microsoft's sample and
# trusts the documented statuses (its DriverEntry returns NmrRegisterClient's status as is).

CORPUS_CLIENTS="doc_client negotiating_client wskreg_client boot_thread_client"
CORPUS_TARGETS=$(wskfuzz_targets)

# The first line that says why a replay failed.
corpus_reason() {
    grep -m1 -E 'WSKFUZZ VIOLATION|ERROR: |runtime error|SUMMARY' "$1" || tail -1 "$1"
}

# corpus_replay CLIENT TARGET BINARY FILE...: one libFuzzer process runs the files in order (as
# a fuzzer would, one input after the other); each file it reports executed passes. A failure
# stops the process: that file fails and the replay resumes with the next one.
corpus_replay() {
    local c=$1 t=$2 bin=$3 log=$TEST_TMP/corpus/replay.log f rc i
    shift 3
    local files=("$@")
    while [ ${#files[@]} -gt 0 ]; do
        rc=0
        WSKFUZZ_HOSTILE=$([ "$c" = doc_client ] && echo 0 || echo 1) "$bin" "${files[@]}" >"$log" 2>&1 || rc=$?
        for ((i = 0; i < ${#files[@]}; i++)); do
            f=${files[i]}
            grep -qF "Executed $f in " "$log" || break
            pass "corpus:$c:$t/$(basename "$f")"
        done
        [ "$i" -lt ${#files[@]} ] || return 0
        # files[i] did not finish: it is the one that failed (or the run died before it)
        fail "corpus:$c:$t/$(basename "${files[i]}")" "$([ "$rc" = 0 ] && echo "not run" || corpus_reason "$log")"
        files=("${files[@]:i+1}")
    done
}

t_corpus() {
    local dir=$TEST_TMP/corpus out=${OUT_DIR:-${WSKFUZZ_OUT:-out}} c t f name tool n
    mkdir -p "$dir"
    if ! ./build.sh >"$dir/build.log" 2>&1; then
        fail corpus:build "$(tail -1 "$dir/build.log")"
        return
    fi
    tool=$out/tools/scenario_tool

    for t in $CORPUS_TARGETS; do
        n=$(find "fuzz/seeds/$t" -name '*.txt' 2>/dev/null | wc -l)
        if [ "$n" -ge 10 ]; then pass "corpus:$t:ten-seeds"; else fail "corpus:$t:ten-seeds" "$n text seeds"; fi
    done
    if scripts/gen_seeds.sh --check >"$dir/gen.log" 2>&1; then
        pass corpus:seeds-encode-to-corpus
    else
        fail corpus:seeds-encode-to-corpus "$(head -1 "$dir/gen.log")"
    fi

    for t in $CORPUS_TARGETS; do
        local files=()
        for f in corpus/$t/*; do
            [ -f "$f" ] || continue
            files+=("$f")
            name=$t/$(basename "$f")
            if "$tool" describe --target "$t" "$f" >"$dir/text" 2>"$dir/log" &&
                "$tool" encode "$dir/text" >"$dir/bytes" 2>>"$dir/log" && cmp -s "$f" "$dir/bytes"; then
                pass "corpus:roundtrip:$name"
            else
                fail "corpus:roundtrip:$name" "encode(describe(x)) differs: $(head -1 "$dir/log")"
            fi
        done
        if [ ${#files[@]} -eq 0 ]; then
            fail "corpus:$t:files" "corpus/$t is empty"
            continue
        fi
        for c in $CORPUS_CLIENTS; do
            corpus_replay "$c" "$t" "$out/libfuzzer/$c/$t" "${files[@]}"
        done
    done
}
