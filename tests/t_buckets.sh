# t_buckets.sh - triage tells one bug from another: tests/realworld/two_leaks leaks a pool block in
# two functions (one verdict, two causes); triaging its crash files gives two findings.
#   buckets:two-causes-two-findings   exit 1; findings.json has exactly two findings, POOL_LEAK@TlPrepareGreeting
#                                     and POOL_LEAK@TlPrepareReply, both located in greeting.c, with
#                                     reproducer folders of their own; summary.md says "where the
#                                     client allocated what leaked" for each

t_buckets() {
    local tmp=$TEST_TMP/buckets out rc
    mkdir -p "$tmp"
    out=$tmp/out
    local saved_out=${WSKFUZZ_OUT-__unset__}
    export WSKFUZZ_OUT=$out WSKFUZZ_MINIMIZE_TIME=2
    # ---- one verdict, two causes: tests/realworld/two_leaks leaks in two functions, two findings ----
    local two=$tmp/two/two_leaks/fuzz_wskreg scen
    mkdir -p "$two"
    for scen in tests/realworld/two_leaks/crashes/fuzz_wskreg/*.txt; do
        ./build.sh encode "$scen" >"$two/$(basename "$scen" .txt)"
    done
    rc=0
    ./build.sh triage --client tests/realworld/two_leaks "$tmp/two" >"$tmp/two.log" 2>&1 || rc=$?
    if [ $rc -eq 1 ] && python3 - "$out/report/findings.json" "$out/report/summary.md" <<'EOF'
import json, os, sys
f = json.load(open(sys.argv[1]))["findings"]
assert len(f) == 2, [x["bucket"] for x in f]
assert sorted(x["bucket"] for x in f) == ["two_leaks/POOL_LEAK@TlPrepareGreeting",
                                           "two_leaks/POOL_LEAK@TlPrepareReply"], [x["bucket"] for x in f]
assert all(x["id"] == "POOL_LEAK" and x["location"]["file"] == "tests/realworld/two_leaks/greeting.c" for x in f), f
assert sorted(x["location"].get("function") for x in f) == ["TlPrepareGreeting", "TlPrepareReply"], f
assert len({os.path.dirname(x["reproducer"]) for x in f}) == 2, "two findings share a reproducer folder"
summary = open(sys.argv[2]).read()
assert summary.count("where the client allocated what leaked") == 2, "leak wording"
EOF
    then
        pass buckets:two-causes-two-findings
    else
        fail buckets:two-causes-two-findings "exit $rc: $(tail -3 "$tmp/two.log")"
    fi

    if [ "$saved_out" = __unset__ ]; then unset WSKFUZZ_OUT; else export WSKFUZZ_OUT=$saved_out; fi
    unset WSKFUZZ_MINIMIZE_TIME
}
