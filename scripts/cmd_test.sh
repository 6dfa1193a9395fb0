# cmd_test.sh - ./build.sh test: build what the tests need, then run tests/run.sh.
cmd_test() {
    require_tools clang gcc make python3
    [ -f /usr/include/cmocka.h ] || cmd_deps || die "cmocka is missing (run ./build.sh deps)"
    bash tests/run.sh "${POSITIONAL[@]}"
}
