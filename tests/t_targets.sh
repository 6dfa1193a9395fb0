# t_targets.sh - fuzz/targets.def is the one list of targets, and what it moved stays moved:
#   targets:files-per-row            every row has fuzz/<t>.c, .dict, .options, fuzz/seeds/<t>/ and
#                                    corpus/<t>/; no seeds or corpus folder without a row; build.sh's
#                                    --target choices are the rows
#   targets:no-second-list           no other source, script or test names two targets on one line
#   targets:standalone-knows-only-libfuzzer-interface
#                                    the reproducer's main calls nothing of the harness but
#                                    LLVMFuzzerTestOneInput and LLVMFuzzerInitialize
#   targets:no-baseline-in-product   the bench's random-failure baseline is not in a product target

t_targets() {
    local rows t bad="" f dir=$TEST_TMP/targets
    mkdir -p "$dir"
    rows=$(wskfuzz_targets)
    for t in $rows; do
        for f in "fuzz/$t.c" "fuzz/$t.dict" "fuzz/$t.options"; do [ -f "$f" ] || bad="$bad $f"; done
        for f in "fuzz/seeds/$t" "corpus/$t"; do [ -d "$f" ] || bad="$bad $f/"; done
    done
    for f in fuzz/seeds/* corpus/*; do
        case " $rows " in *" $(basename "$f") "*) ;; *) bad="$bad $f(no row)" ;; esac
    done
    ./build.sh help | grep -qF -- "--target ${rows// /|} " || bad="$bad help"
    if [ -z "$bad" ]; then pass targets:files-per-row; else fail targets:files-per-row "$bad"; fi

    # A line naming two targets is a list of them (docs and the seeds' own "target" lines aside).
    local pattern=${rows// /|} hits
    hits=$(grep -nE "($pattern).*($pattern)" build.sh build.mk scripts/*.sh scripts/*.py fuzz/*.c fuzz/*.h \
        tests/*.sh tests/unit/*.c 2>/dev/null | awk -F: -v re="$pattern" '{
            line = $0; n = 0; delete seen
            while (match(line, re)) { t = substr(line, RSTART, RLENGTH); if (!(t in seen)) { seen[t] = 1; n++ }
                line = substr(line, RSTART + RLENGTH) }
            if (n >= 2) print $1 ":" $2 }')
    if [ -z "$hits" ]; then pass targets:no-second-list; else fail targets:no-second-list "${hits//$'\n'/ }"; fi

    local log=$dir/build.log obj
    if ! ./build.sh --engine standalone --client src/doc_client.c --target fuzz_attach >"$log" 2>&1; then
        fail targets:standalone-knows-only-libfuzzer-interface "build: $(tail -1 "$log")"
    else
        obj=$OUT_DIR/standalone/obj/fuzz/standalone_main.o
        hits=$(nm -u "$obj" | awk '{print $NF}' | grep -E '^(scenario|trace|stub|verdict|fault|wskfuzz)_' || true)
        if [ -z "$hits" ] && nm -u "$obj" | grep -qw LLVMFuzzerTestOneInput; then
            pass targets:standalone-knows-only-libfuzzer-interface
        else
            fail targets:standalone-knows-only-libfuzzer-interface "it calls: ${hits//$'\n'/ }"
        fi
    fi

    if ! ./build.sh --client src/doc_client.c >"$log" 2>&1; then
        fail targets:no-baseline-in-product "build: $(tail -1 "$log")"
        return
    fi
    bad=""
    for t in $rows; do
        if grep -qaE 'WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL|baseline: the fault plan' "$OUT_DIR/libfuzzer/doc_client/$t"; then
            bad="$bad $t"
        fi
    done
    if [ -z "$bad" ]; then pass targets:no-baseline-in-product; else fail targets:no-baseline-in-product "$bad"; fi
}
