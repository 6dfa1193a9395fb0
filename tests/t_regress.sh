# t_regress.sh - regressions in one command: a finding of a mutant client (planted bug) kept with
# `regress add` beside the client, replayed against the mutant (exit 1, naming it), against the
# correct base client (exit 0: a fixed bug's input runs clean), replayed first by `fuzz`; a bad
# finding folder is one line, exit 2, and nothing written. Its own output tree.

t_regress() {
    local out=$TEST_TMP/regress-out drv=$TEST_TMP/regress-drv crashes=$TEST_TMP/regress-crashes
    local m=attach_loop_no_break id=ATTACH_AFTER_SUCCESS t=fuzz_attach rc fdir kept
    mkdir -p "$drv" "$crashes/$m/$t"
    scripts/write_mutants.sh "$drv" "$m"
    WSKFUZZ_OUT=$out ./build.sh encode "tests/mutants/$m.txt" >"$crashes/$m/$t/trigger" 2>"$TEST_TMP/regress.log"
    WSKFUZZ_OUT=$out WSKFUZZ_MINIMIZE_TIME=2 ./build.sh triage --client "$drv/$m.c" "$crashes/$m/$t/trigger" \
        >>"$TEST_TMP/regress.log" 2>&1
    fdir=$out/report/reproducers/$m/$t/$id
    if [ ! -f "$fdir/output.txt" ]; then
        fail "regress:finding" "no $fdir: $(tail -3 "$TEST_TMP/regress.log")"
        return
    fi

    # Bad finding folders: one line on stderr, exit 2, nothing written beside the client.
    local bad
    for bad in "$TEST_TMP/no-such-finding" "$out/report" "$crashes/$m/$t/trigger"; do
        rc=0
        WSKFUZZ_OUT=$out ./build.sh regress add "$bad" >"$TEST_TMP/regress.out" 2>"$TEST_TMP/regress.err" || rc=$?
        if [ "$rc" = 2 ] && [ "$(wc -l <"$TEST_TMP/regress.err")" = 1 ] && [ ! -s "$TEST_TMP/regress.out" ] &&
            [ ! -e "$drv/wskfuzz-regressions" ]; then
            pass "regress:bad-input ${bad#"$TEST_TMP"/}"
        else
            fail "regress:bad-input ${bad#"$TEST_TMP"/}" "rc $rc: $(head -2 "$TEST_TMP/regress.err")"
        fi
    done

    rc=0
    WSKFUZZ_OUT=$out ./build.sh regress add "$fdir" >"$TEST_TMP/regress.out" 2>&1 || rc=$?
    kept=$(find "$drv/wskfuzz-regressions/$t" -name "$id-*.bin" 2>/dev/null | head -1)
    # The finding's input: minimized, or its original where minimizing ran out of time (a loaded machine).
    local input=$fdir/minimized
    [ -f "$input" ] || input=$(find "$fdir" -name 'original-*' | sort | head -1)
    if [ "$rc" = 0 ] && [ -n "$kept" ] && cmp -s "$kept" "$input" &&
        grep -qx "id: $id" "${kept%.bin}.txt" &&
        [[ "$(basename "$kept")" =~ ^$id-[0-9a-f]{40}\.bin$ ]]; then
        pass "regress:add (beside the client, with its verdict)"
    else
        fail "regress:add" "rc $rc: $(tail -2 "$TEST_TMP/regress.out")"
    fi

    rc=0
    WSKFUZZ_OUT=$out ./build.sh regress --client "$drv/$m.c" >"$TEST_TMP/regress.out" 2>&1 || rc=$?
    if [ "$rc" = 1 ] && grep -q "still fails: $id" "$TEST_TMP/regress.out" &&
        tail -1 "$TEST_TMP/regress.out" | grep -q "1 still fail $id"; then
        pass "regress:replay the mutant (exit 1, names $id)"
    else
        fail "regress:replay the mutant" "rc $rc: $(tail -2 "$TEST_TMP/regress.out")"
    fi

    rc=0
    WSKFUZZ_OUT=$out ./build.sh regress --client src/doc_client.c --dir "$drv/wskfuzz-regressions" \
        >"$TEST_TMP/regress.out" 2>&1 || rc=$?
    if [ "$rc" = 0 ] && grep -q "runs clean (was $id)" "$TEST_TMP/regress.out"; then
        pass "regress:replay the correct base client (exit 0)"
    else
        fail "regress:replay the correct base client" "rc $rc: $(tail -2 "$TEST_TMP/regress.out")"
    fi

    rc=0
    WSKFUZZ_OUT=$out ./build.sh regress --client src/doc_client.c --dir "$TEST_TMP/no-such-dir" \
        >/dev/null 2>"$TEST_TMP/regress.err" || rc=$?
    if [ "$rc" = 2 ] && [ "$(wc -l <"$TEST_TMP/regress.err")" = 1 ]; then
        pass "regress:bad --dir (one line, exit 2)"
    else
        fail "regress:bad --dir" "rc $rc"
    fi

    rc=0
    WSKFUZZ_OUT=$out ./build.sh fuzz --client "$drv/$m.c" --target "$t" --time 2 >"$TEST_TMP/regress.out" 2>&1 || rc=$?
    if grep -q "^fuzz: regressions of $m: 1 replayed from .*: 1 still fail $id" "$TEST_TMP/regress.out"; then
        pass "regress:fuzz replays them first (one line)"
    else
        fail "regress:fuzz replays them first" "rc $rc: $(grep -m2 regress "$TEST_TMP/regress.out")"
    fi
}
