# t_merge.sh - ./build.sh merge brings fuzzing finds back into the seed folders: existing seeds
# stay byte for byte, new seeds are named merged-<sha1>, only inputs that add coverage get in
# (fewer seeds than candidates, none twice, a second merge adds nothing), and an input that
# fails on one of the clients is left out and reported (exit 1). The seeds live in a temporary
# folder (WSKFUZZ_SEEDS), so the real corpus/ is never touched; the test checks that too.

# merge_run LOG ARGS...: ./build.sh merge into the temporary seed folders; prints the exit code.
merge_run() {
    local log=$1 rc=0
    shift
    WSKFUZZ_SEEDS=$MERGE_SEEDS ./build.sh merge "$@" >"$log" 2>&1 || rc=$?
    echo "$rc"
}

t_merge() {
    local tmp=$TEST_TMP/merge out=${OUT_DIR:-${WSKFUZZ_OUT:-out}} t=fuzz_attach f g rc bad="" kept=0
    local fixture=tests/fixtures/leaky_attach_client.c seeds cands n_cands new n_new failing="" corpus_before
    local clients=(--client src/doc_client.c --client "$tmp/leaky.c")
    MERGE_SEEDS=$tmp/seeds
    seeds=$MERGE_SEEDS/$t
    cands=$tmp/cands
    mkdir -p "$seeds" "$cands" "$tmp/orig"
    if [ ! -f "$fixture" ]; then
        fail merge:setup "$fixture is missing (a client with a planted leak)"
        return
    fi
    cp "$fixture" "$tmp/leaky.c"
    corpus_before=$(cd corpus && find . -type f -exec sha1sum {} + | sort)
    if ! ./build.sh "${clients[@]}" --target $t >"$tmp/build.log" 2>&1; then
        fail merge:setup "$(tail -1 "$tmp/build.log")"
        return
    fi

    # Seeds: up to three corpus files that run clean on both clients; the first one that fails
    # on the leaky client is kept for the last part.
    for f in "corpus/$t"/*; do
        [ -f "$f" ] || continue
        [ "$kept" -ge 3 ] && [ -n "$failing" ] && break
        if ! "$out/libfuzzer/leaky/$t" -artifact_prefix="$tmp/" "$f" >/dev/null 2>&1; then
            [ -n "$failing" ] || failing=$f
        elif [ "$kept" -lt 3 ]; then
            cp "$f" "$seeds/" && cp "$f" "$tmp/orig/" && kept=$((kept + 1))
        fi
    done
    # Candidates: what a short libFuzzer run on the doc client adds, plus a copy of a seed.
    "$out/libfuzzer/doc_client/$t" -runs=20000 -seed=1 -artifact_prefix="$tmp/" "$cands" "$seeds" >"$tmp/fuzz.log" 2>&1
    [ "$kept" -gt 0 ] && cp "$(find "$seeds" -type f | head -1)" "$cands/copy-of-a-seed"
    n_cands=$(find "$cands" -type f | wc -l)

    rc=$(merge_run "$tmp/merge1.log" --client src/doc_client.c --target $t --corpus "$cands")
    for f in "$tmp/orig"/*; do
        cmp -s "$f" "$seeds/$(basename "$f")" || bad="$bad $(basename "$f")(changed or gone)"
    done
    new=$(find "$seeds" -type f -printf '%f\n' | grep -v -x -F -f <(find "$tmp/orig" -type f -printf '%f\n'))
    n_new=$(echo "$new" | grep -c . || true)
    for f in $new; do
        [[ "$f" =~ ^merged-[0-9a-f]{40}$ ]] || bad="$bad $f(bad name)"
        [ "merged-$(sha1sum "$seeds/$f" | cut -c1-40)" = "$f" ] || bad="$bad $f(name is not its sha1)"
        for g in "$tmp/orig"/*; do cmp -s "$g" "$seeds/$f" && bad="$bad $f(same bytes as $(basename "$g"))"; done
    done
    if [ "$rc" -ne 0 ]; then
        fail merge:adds-coverage-only "exit $rc: $(tail -2 "$tmp/merge1.log" | tr '\n' ' ')"
    elif [ -n "$bad" ]; then
        fail merge:adds-coverage-only "$bad"
    elif [ "$n_new" -lt 1 ] || [ "$n_new" -ge "$n_cands" ]; then
        fail merge:adds-coverage-only "$n_new new seeds from $n_cands candidates"
    else
        pass "merge:adds-coverage-only ($kept seeds + $n_new of $n_cands candidates)"
    fi

    rc=$(merge_run "$tmp/merge2.log" --client src/doc_client.c --target $t --corpus "$cands")
    if [ "$rc" -eq 0 ] && grep -q "+0 new seeds" "$tmp/merge2.log" &&
        [ "$(find "$seeds" -type f | wc -l)" -eq $((kept + n_new)) ]; then
        pass merge:second-merge-adds-nothing
    else
        fail merge:second-merge-adds-nothing "exit $rc: $(grep '^merge:' "$tmp/merge2.log" | head -1)"
    fi

    # An input that fails on one client never becomes a seed, even when it adds coverage on
    # another (here: the only candidate, for an empty seed folder).
    if [ -z "$failing" ]; then
        fail merge:failing-input-left-out "no corpus/$t input shows the leaky fixture's bug"
    else
        rm -rf "$seeds" "$cands"
        mkdir -p "$seeds" "$cands"
        cp "$failing" "$cands/"
        local rejected
        rejected=$out/merge-rejected/$t/$(sha1sum "$failing" | cut -c1-40)
        rc=$(merge_run "$tmp/merge3.log" "${clients[@]}" --target $t --corpus "$cands")
        if [ "$rc" -eq 1 ] && [ -z "$(ls -A "$seeds")" ] && grep -q 'left out.*fails on leaky' "$tmp/merge3.log" &&
            [ -f "$rejected" ]; then
            pass merge:failing-input-left-out
        else
            fail merge:failing-input-left-out "exit $rc, seeds: $(ls "$seeds" | tr '\n' ' ') $(grep -m1 '^merge:' "$tmp/merge3.log")"
        fi
        rm -f "$rejected"
    fi

    if [ "$(cd corpus && find . -type f -exec sha1sum {} + | sort)" = "$corpus_before" ]; then
        pass merge:real-corpus-untouched
    else
        fail merge:real-corpus-untouched "corpus/ changed during the merge tests"
    fi
}
