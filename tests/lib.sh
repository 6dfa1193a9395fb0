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

# check NAME COMMAND...: pass when the command succeeds.
check() {
    local name=$1
    shift
    if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name"; fi
}
