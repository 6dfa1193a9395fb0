# lib.sh - the test runner's helpers: every test reports one line, PASS or FAIL, with its name.
# Test groups live in tests/t_<group>.sh, each defining a function t_<group>.
PASSED=0
FAILED=0
FAILED_NAMES=()

pass() {
    PASSED=$((PASSED + 1))
    echo "PASS $1"
}

fail() {
    FAILED=$((FAILED + 1))
    FAILED_NAMES+=("$1")
    echo "FAIL $1${2:+: $2}"
}

# The target names on one line, space-separated: the rows of fuzz/targets.def, the one list of them.
wskfuzz_targets() {
    local names
    names=$(sed -n 's/^WSKFUZZ_TARGET(\([a-z_0-9]*\).*/\1/p' fuzz/targets.def)
    echo "${names//$'\n'/ }"
}

# check NAME COMMAND...: pass when the command succeeds.
check() {
    local name=$1
    shift
    if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name"; fi
}
