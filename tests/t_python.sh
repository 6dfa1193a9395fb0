# t_python.sh - the package scripts/wskfuzz's own tests (tests/python/test_*.py, unittest): the
# crash classifier on real crash logs (tests/python/fixtures/), the .options reader, target
# discovery, the supervisor stopping process trees, the report writers against their schemas.
# One line per test case.

t_python() {
    local line rc=0 out
    out=$(PYTHONPATH=scripts python3 tests/python/run.py 2>&1) || rc=$?
    while IFS= read -r line; do
        case "$line" in
        "PASS "*) pass "${line#PASS }" ;;
        "FAIL "*) line=${line#FAIL }; fail "${line%%: *}" "${line#*: }" ;;
        esac
    done <<<"$out"
    # A module that does not even load reports no test case: that is a failure too.
    if [ $rc -ne 0 ] && ! grep -q '^FAIL ' <<<"$out"; then
        fail python:run "$(tail -1 <<<"$out")"
    fi
}
