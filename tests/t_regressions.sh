# t_regressions.sh - inputs that once found a bug (tests/regressions/<target>/, named and listed
# in tests/regressions/README.md) run clean through every bundled client: libFuzzer build (ASan +
# UBSan), once as found and once with WSKFUZZ_HOSTILE=1. One test per input.

REG_DIR=tests/regressions

# The first line that says why a replay failed.
reg_reason() {
    grep -m1 -E 'WSKFUZZ VIOLATION|ERROR: |runtime error|SUMMARY|timeout' "$1" || tail -1 "$1"
}

t_regressions() {
    local tmp=$TEST_TMP/regressions out=${OUT_DIR:-${WSKFUZZ_OUT:-out}} clients targets d t f name c hostile bad n=0
    mkdir -p "$tmp"
    clients=$(sed -n 's/^BUNDLED_CLIENTS="\(.*\)"/\1/p' build.sh)
    targets=$(wskfuzz_targets)
    if ! ./build.sh >"$tmp/build.log" 2>&1; then
        fail regressions:build "$(tail -1 "$tmp/build.log")"
        return
    fi
    for d in "$REG_DIR"/*/; do
        t=$(basename "$d")
        [ "$t" = clients ] && continue
        case " $targets " in
        *" $t "*) ;;
        *) fail "regressions:$t" "$d is not named after a target ($targets)"; continue ;;
        esac
        for f in "$d"*; do
            [ -f "$f" ] || continue
            name=$t/$(basename "$f")
            n=$((n + 1))
            case "$(basename "$f")" in
            crash-*|leak-*) ;;
            *) fail "regressions:$name" "name must be crash-<id> or leak-<what> ($REG_DIR/README.md)"; continue ;;
            esac
            if ! grep -qF "\`$name\`" "$REG_DIR/README.md"; then
                fail "regressions:$name" "no row for it in $REG_DIR/README.md"
                continue
            fi
            bad=""
            for c in $clients; do
                for hostile in 0 1; do
                    if ! WSKFUZZ_HOSTILE=$hostile timeout 60 "$out/libfuzzer/$c/$t" -artifact_prefix="$tmp/" "$f" \
                        >"$tmp/log" 2>&1; then
                        bad="$bad $c$([ $hostile = 1 ] && echo ' (hostile)'): $(reg_reason "$tmp/log");"
                    fi
                done
            done
            if [ -z "$bad" ]; then pass "regressions:$name"; else fail "regressions:$name" "$bad"; fi
        done
    done
    # False positives once reported on correct clients: each must now play clean.
    for f in "$REG_DIR"/clients/*.c; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        name=$(basename "$f" .c)
        t=$(sed -n 's/^ \* TARGET: *//p' "$f" | head -1)
        if ! grep -qF "\`clients/$name\`" "$REG_DIR/README.md"; then
            fail "regressions:clients/$name" "no row for it in $REG_DIR/README.md"
        elif ! ./build.sh --client "$f" --target "$t" >"$tmp/build.log" 2>&1; then
            fail "regressions:clients/$name" "build: $(tail -1 "$tmp/build.log")"
        elif ! ./build.sh encode "${f%.c}.txt" >"$tmp/$name.bin" 2>"$tmp/log"; then
            fail "regressions:clients/$name" "encode: $(tail -1 "$tmp/log")"
        elif ! timeout 60 "$out/libfuzzer/$name/$t" -artifact_prefix="$tmp/" "$tmp/$name.bin" >"$tmp/log" 2>&1; then
            fail "regressions:clients/$name" "$(reg_reason "$tmp/log")"
        else
            pass "regressions:clients/$name (no verdict on $t)"
        fi
    done
    [ "$n" -gt 0 ] || fail regressions:inputs "no inputs under $REG_DIR/<target>/ and no clients under $REG_DIR/clients/"
}
