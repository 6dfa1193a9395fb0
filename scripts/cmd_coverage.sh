# cmd_coverage.sh - ./build.sh coverage [--client PATH] [--corpus DIR] (also the end of `fuzz`):
# the coverage flavor (clang source-based coverage, standalone reproducer main) replays the seed
# corpus corpus/<target>/ and the grown corpus $OUT_DIR/corpus/<client>/<target>/ (or --corpus DIR),
# then llvm-profdata merges the profiles and llvm-cov writes, into $OUT_DIR/coverage-report/:
#   index.html      line and branch coverage of the client's files (llvm-cov show -show-branches=count)
#   stubs/          the same for the stub kernel
#   coverage.json   llvm-cov export -summary-only of the client's files (stubs/coverage.json: the stubs)
#   summary.txt     lines and branches per file (llvm-cov report -show-branch-summary), printed at the end
# The new report replaces the old one only once it is complete.

# The corpus folders to replay for one client and target.
coverage_dirs() {
    local name=$1 t=$2 override=$3
    if [ -n "$override" ]; then
        if [ -d "$override/$t" ]; then
            echo "$override/$t"
        elif [ "$(basename "$override")" = "$t" ] || [ -n "$TARGET_FILTER" ]; then
            echo "$override"
        fi
        return 0
    fi
    [ -d "corpus/$t" ] && [ -n "$(ls -A "corpus/$t")" ] && echo "corpus/$t"
    [ -d "$OUT_DIR/corpus/$name/$t" ] && [ -n "$(ls -A "$OUT_DIR/corpus/$name/$t")" ] && echo "$OUT_DIR/corpus/$name/$t"
    return 0
}

# Replay folders with profiling on. A crashing input ends the process before its profile is
# written, so on a failure every file is replayed in a process of its own.
coverage_replay() {
    local bin=$1 profile=$2 dir f
    shift 2
    # (Subshells, so the shell's "Aborted" notes about crashing inputs go nowhere.)
    if (LLVM_PROFILE_FILE=$profile "$bin" --runs 1 --timeout 5 "$@"; exit $?) >/dev/null 2>&1; then
        return 0
    fi
    for dir in "$@"; do
        for f in "$dir"/*; do
            [ -f "$f" ] || continue
            (LLVM_PROFILE_FILE=$profile "$bin" --runs 1 --timeout 5 "$f"; exit $?) >/dev/null 2>&1 || true
        done
    done
}

# coverage_run WORK [CORPUS]: replay, merge, write the report. Clients are built already.
coverage_run() {
    local work=$1 override=$2 spec name t bin dirs objects=() sources=() replayed=0
    mkdir -p "$work/prof"
    while read -r spec; do
        name=$(spec_name "$spec")
        # shellcheck disable=SC2207
        sources+=($(spec_srcs "$spec"))
        for t in $TARGETS; do
            bin=$OUT_DIR/coverage/$name/$t
            mapfile -t dirs < <(coverage_dirs "$name" "$t" "$override")
            [ ${#dirs[@]} -gt 0 ] || continue
            coverage_replay "$bin" "$work/prof/$name-$t-%m.profraw" "${dirs[@]}"
            replayed=$((replayed + 1))
            if [ ${#objects[@]} -eq 0 ]; then objects=("$bin"); else objects+=(-object "$bin"); fi
        done
    done <<<"$CLIENT_SPECS"
    if [ $replayed = 0 ] || [ -z "$(ls -A "$work/prof")" ]; then
        echo "coverage: no corpus to replay (corpus/<target>/ and $OUT_DIR/corpus/ are empty): no coverage report" >&2
        return 0
    fi
    llvm-profdata merge -sparse "$work"/prof/*.profraw -o "$work/merged.profdata" ||
        die "coverage: llvm-profdata merge failed"

    local report=$OUT_DIR/coverage-report tmp=$OUT_DIR/.coverage-report.tmp.$$ old=$OUT_DIR/.coverage-report.old.$$
    local covargs=(-instr-profile="$work/merged.profdata" "${objects[@]}")
    rm -rf "$tmp"
    mkdir -p "$tmp/stubs"
    llvm-cov show -format=html -show-branches=count -output-dir="$tmp" "${covargs[@]}" -- "${sources[@]}" ||
        die "coverage: llvm-cov show failed"
    llvm-cov show -format=html -show-branches=count -output-dir="$tmp/stubs" "${covargs[@]}" -- stubs ||
        die "coverage: llvm-cov show (stubs) failed"
    llvm-cov export -summary-only -format=text "${covargs[@]}" -- "${sources[@]}" >"$tmp/coverage.json" ||
        die "coverage: llvm-cov export failed"
    llvm-cov export -summary-only -format=text "${covargs[@]}" -- stubs >"$tmp/stubs/coverage.json" ||
        die "coverage: llvm-cov export (stubs) failed"
    llvm-cov report -show-branch-summary -show-region-summary=false "${covargs[@]}" -- "${sources[@]}" \
        >"$tmp/summary.txt" || die "coverage: llvm-cov report failed"
    llvm-cov report -show-branch-summary -show-region-summary=false "${covargs[@]}" -- stubs \
        >"$tmp/stubs/summary.txt" || die "coverage: llvm-cov report (stubs) failed"
    [ -d "$report" ] && mv "$report" "$old"
    mv "$tmp" "$report"
    rm -rf "$old"

    echo "coverage: client files (lines and branches; HTML in $report/index.html):"
    cat "$report/summary.txt"
    echo "coverage: stub kernel (HTML in $report/stubs/index.html): $(grep '^TOTAL' "$report/stubs/summary.txt" |
        awk '{printf "lines %s of %s covered (%s), branches %s of %s covered (%s)", $5-$6, $5, $7, $8-$9, $8, $10}')"
}

cmd_coverage() {
    [ ${#POSITIONAL[@]} -eq 0 ] || die_usage "coverage takes no file arguments ('${POSITIONAL[0]}'); use --corpus DIR"
    require_tools clang llvm-profdata llvm-cov
    if [ -n "$CORPUS_DIR" ]; then
        [ -d "$CORPUS_DIR" ] || die "--corpus $CORPUS_DIR: no such folder"
        local t found=0
        for t in $TARGETS; do [ -d "$CORPUS_DIR/$t" ] && found=1; done
        [ "$(basename "$CORPUS_DIR")" != "" ] && case " $TARGETS " in *" $(basename "$CORPUS_DIR") "*) found=1 ;; esac
        [ -n "$TARGET_FILTER" ] && found=1
        [ $found = 1 ] || die "--corpus $CORPUS_DIR: it holds no <target>/ folder and is not named after a target: give --target"
    fi
    load_client_specs
    local spec
    while read -r spec; do build_client coverage "$spec"; done <<<"$CLIENT_SPECS"
    local work
    work=$(mktemp -d "${TMPDIR:-/tmp}/wskfuzz-coverage.XXXXXX")
    COVERAGE_WORK=$work
    trap 'rm -rf "$COVERAGE_WORK"' EXIT
    coverage_run "$work" "$CORPUS_DIR"
}
