# t_determinism.sh - the same input gives the same trace: twice in one process, and in the
# libFuzzer (clang, ASan+UBSan), AFL++ and standalone (gcc) builds.

# The event lines of a WSKFUZZ_TRACE=1 run (they start with "  #").
trace_lines() {
    WSKFUZZ_TRACE=1 "$@" 2>/dev/null | grep -E '^  #' || true
}

# Traces of a gcc and a clang build are compared without the client's line numbers: for a call
# written over several lines, gcc's __LINE__ is the macro name's line, clang's the closing one.
without_lines() {
    sed -E 's/( at [^ ]+):[0-9]+/\1/'
}

# split_runs DIR: cut a trace on stdin into DIR/1, DIR/2, ... one file per input run.
split_runs() {
    mkdir -p "$1"
    awk -v dir="$1" '/^  #0 /{n++} n{print > (dir "/" n)}'
}

# split_by_file DIR: the same for a libFuzzer run (stdout and stderr together): the events after
# its "Running: FILE" line are that file's. libFuzzer may run a file more than once (the first
# one, at times twice); the last run is kept.
split_by_file() {
    mkdir -p "$1"
    awk -v dir="$1" '
        /^Running: /{n++; next}
        n && /^  #0 /{close(dir "/" n)}  # a new run of the same file: the next print starts it afresh
        n && /^  #/{print > (dir "/" n)}'
}

t_determinism() {
    local clients="doc_client negotiating_client wskreg_client boot_thread_client" c t engines="libfuzzer standalone-gcc"
    local dir=$TEST_TMP/determinism
    ./build.sh >/dev/null 2>&1 || { fail determinism:build-libfuzzer; return; }
    CC=gcc ./build.sh --engine standalone >/dev/null 2>&1 || { fail determinism:build-standalone-gcc; return; }
    if command -v afl-clang-fast >/dev/null 2>&1 && ./build.sh --engine afl >/dev/null 2>&1; then
        engines="$engines afl"
    fi
    for c in $clients; do
        for t in $(wskfuzz_targets); do
            local files=(corpus/"$t"/*) n i bad=""
            n=${#files[@]}
            rm -rf "$dir" && mkdir -p "$dir"
            # One process per build: each runs every corpus file in the same order.
            trace_lines "$OUT_DIR/standalone/$c/$t" --runs 2 "${files[@]}" | split_runs "$dir/twice"
            WSKFUZZ_TRACE=1 "$OUT_DIR/libfuzzer/$c/$t" -runs=0 "${files[@]}" 2>&1 | split_by_file "$dir/libfuzzer"
            case "$engines" in *afl*) trace_lines "$OUT_DIR/afl/$c/$t" "${files[@]}" | split_runs "$dir/afl" ;; esac
            # AFL++'s driver runs one warm-up input of its own before the files.
            local afl_skip
            afl_skip=$(($(ls "$dir/afl" 2>/dev/null | wc -l) - n))
            for ((i = 1; i <= n; i++)); do
                local f=${files[i - 1]} a=$dir/twice/$((2 * i - 1)) b=$dir/twice/$((2 * i)) lf=$dir/libfuzzer/$i
                if [ ! -s "$a" ] || ! cmp -s "$a" "$b"; then
                    bad="$bad $(basename "$f")(twice)"
                elif [ ! -s "$lf" ] || [ "$(without_lines <"$lf")" != "$(without_lines <"$a")" ]; then
                    bad="$bad $(basename "$f")(libfuzzer vs gcc)"
                else
                    case "$engines" in *afl*)
                        cmp -s "$dir/afl/$((i + afl_skip))" "$lf" || bad="$bad $(basename "$f")(afl vs libfuzzer)" ;;
                    esac
                fi
            done
            if [ "$n" -eq 0 ] || [ ! -f "${files[0]}" ]; then
                fail "determinism:$c:$t" "no corpus files in corpus/$t"
            elif [ -n "$bad" ]; then
                fail "determinism:$c:$t" "traces differ:$bad"
            else
                pass "determinism:$c:$t ($n inputs; $engines)"
            fi
        done
    done
}
