# t_campaign.sh - a campaign's picture and short runs that say the truth: two short `fuzz`
# sessions write each run's figures (report/campaign/<client>-<target>.jsonl), SVG charts that
# parse as XML, report/index.html linking them and the coverage report, summary.md's section,
# out/history.jsonl appended (the first session's line kept as it was) and GITHUB_STEP_SUMMARY
# appended; a short share runs in-process with live figures in its first progress line; a client
# whose seeds crash (a planted bug) goes on in fork mode after its first crash; no process is left.

t_campaign() {
    local out=$TEST_TMP/campaign-out step=$TEST_TMP/campaign-step.md log=$TEST_TMP/campaign.log rc first
    local c=$out/report/campaign
    WSKFUZZ_OUT=$out GITHUB_STEP_SUMMARY=$step ./build.sh fuzz --client src/doc_client.c --target fuzz_attach \
        --time 6 >"$log" 2>&1
    first=$(head -1 "$out/history.jsonl" 2>/dev/null)
    WSKFUZZ_OUT=$out GITHUB_STEP_SUMMARY=$step ./build.sh fuzz --client src/doc_client.c --target fuzz_attach \
        --time 6 >>"$log" 2>&1
    if [ -s "$c/doc_client-fuzz_attach.jsonl" ] &&
        python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; assert r and all(
            {"elapsed","runs","eps","cov","corpus","findings"} <= set(x) for x in r)' "$c/doc_client-fuzz_attach.jsonl"
    then
        pass "campaign:run figures as JSON lines"
    else
        fail "campaign:run figures as JSON lines" "$(ls "$c" 2>&1 | head -3)"
    fi
    if python3 -c 'import sys, xml.etree.ElementTree as ET; [ET.parse(f) for f in sys.argv[1:]]; assert len(sys.argv) >= 6' \
        "$c"/*.svg 2>/dev/null; then
        pass "campaign:svg charts parse"
    else
        fail "campaign:svg charts parse" "$(ls "$c"/*.svg 2>&1 | head -2)"
    fi
    if grep -q 'href="../coverage-report/index.html"' "$out/report/index.html" 2>/dev/null &&
        grep -q 'src="campaign/history-coverage.svg"' "$out/report/index.html" &&
        grep -q '^## Campaign' "$out/report/summary.md"; then
        pass "campaign:index.html and summary.md show the charts"
    else
        fail "campaign:index.html and summary.md show the charts"
    fi
    if [ "$(grep -c . "$out/history.jsonl" 2>/dev/null)" = 2 ] && [ -n "$first" ] &&
        [ "$(head -1 "$out/history.jsonl")" = "$first" ]; then
        pass "campaign:history appended"
    else
        fail "campaign:history appended" "$(cat "$out/history.jsonl" 2>&1)"
    fi
    if [ "$(grep -c '^## Campaign' "$step" 2>/dev/null)" = 2 ]; then
        pass "campaign:GITHUB_STEP_SUMMARY appended"
    else
        fail "campaign:GITHUB_STEP_SUMMARY appended"
    fi
    # The first progress line already has figures, and says the mode.
    local line
    line=$(grep -m1 '^fuzz: \[1/1\] doc_client/fuzz_attach .*s/6s' "$log")
    if [[ "$line" =~ runs\ [1-9][0-9]*\ \ exec/s\ [1-9][0-9]*\ .*mode\ in-process$ ]]; then
        pass "campaign:short run shows live figures from its first line (in-process)"
    else
        fail "campaign:short run shows live figures" "$line"
    fi

    # --jobs 2: two in-process libFuzzer processes on one corpus folder, none left after the time-out.
    rc=0
    WSKFUZZ_OUT=$out ./build.sh fuzz --client src/doc_client.c --target fuzz_attach --time 6 --jobs 2 >"$log" 2>&1 || rc=$?
    if [ "$rc" = 0 ] && grep -qE 'runs [1-9][0-9]*  exec/s [1-9][0-9]* .* mode parallel=2$' "$log" &&
        [ -d "$out/corpus/doc_client/fuzz_attach" ] && grep -q "inputs in $out/corpus/doc_client/fuzz_attach," "$log" &&
        ! pgrep -f "$out/libfuzzer/doc_client/" >/dev/null; then
        pass "campaign:--jobs 2 runs two processes on one corpus (mode parallel=2), none left"
    else
        fail "campaign:--jobs 2 parallel" "rc $rc: $(grep -m2 'mode ' "$log")"
    fi

    # A planted bug its seeds already trigger: the in-process run crashes on the corpus itself, so
    # the rest of the share goes to fork mode, which keeps going after crashes.
    local drv=$TEST_TMP/campaign-drv m=attach_loop_no_break found
    mkdir -p "$drv"
    scripts/write_mutants.sh "$drv" "$m"
    rc=0
    WSKFUZZ_OUT=$out WSKFUZZ_MINIMIZE_TIME=1 ./build.sh fuzz --client "$drv/$m.c" --target fuzz_attach --time 8 \
        >"$log" 2>&1 || rc=$?
    found=$(grep -oE "done in [0-9]+s: .*, [0-9]+ crash file" "$log" | grep -oE '[0-9]+ crash file' | grep -oE '^[0-9]+')
    if [ "$rc" = 1 ] && [ "${found:-0}" -ge 2 ] && grep -q "mode fork=1$" "$log" &&
        ! pgrep -f "$out/libfuzzer/$m/" >/dev/null; then
        pass "campaign:crashing seeds: fork mode for the rest, keeps going ($found crash files), no process left"
    else
        fail "campaign:crashing seeds: fork mode for the rest" "rc $rc, ${found:-0} crash files"
    fi
}
