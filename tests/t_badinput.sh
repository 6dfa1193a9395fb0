# t_badinput.sh - any byte string is a valid scenario: empty, one byte, max_len bytes and ten
# times that decode and play clean under ASan+UBSan and under MSan, and random inputs too.

# max_len of a target, from its .options file (fallback: 4096).
target_max_len() {
    local v
    v=$(sed -n 's/^max_len *= *//p' "fuzz/$1.options" 2>/dev/null | head -1)
    echo "${v:-4096}"
}

t_badinput() {
    local dir=$TEST_TMP/badinput t n engine
    mkdir -p "$dir"
    ./build.sh --client src/doc_client.c >/dev/null 2>&1 || { fail badinput:build-libfuzzer; return; }
    ./build.sh --engine msan --client src/doc_client.c >/dev/null 2>&1 || { fail badinput:build-msan; return; }
    for t in $(wskfuzz_targets); do
        n=$(target_max_len "$t")
        : >"$dir/$t-empty"
        printf '\x07' >"$dir/$t-one-byte"
        head -c "$n" /dev/urandom >"$dir/$t-max-len"
        head -c $((n * 10)) /dev/urandom >"$dir/$t-ten-times-max-len"
        head -c "$n" /dev/zero | tr '\0' '\377' >"$dir/$t-all-ones"
        for engine in libfuzzer msan; do
            local bin=$OUT_DIR/$engine/doc_client/$t f bad=""
            for f in "$dir/$t"-*; do
                "$bin" -runs=2 "$f" >"$dir/log" 2>&1 || bad="$bad $(basename "$f")"
            done
            if [ -z "$bad" ]; then pass "badinput:$engine:$t:edge-sizes"; else fail "badinput:$engine:$t:edge-sizes" "$bad"; fi
            # random inputs, bounded: the decoder and the stub kernel never fail on their own
            if "$bin" -runs=20000 -seed=7 -max_len=$((n * 2)) >"$dir/log" 2>&1; then
                pass "badinput:$engine:$t:random"
            else
                fail "badinput:$engine:$t:random" "$(grep -m1 -E 'ERROR|VIOLATION|WARNING' "$dir/log")"
            fi
        done
    done
}
