# t_layers.sh - the stub kernel's layers (tests/check_layers.py), read from the standalone
# build's symbol tables and the sources' includes; and proof that the check can fail.
#   layers:hold            no upward reference and no cycle in the real build
#   layers:catches-upcall  a planted call from stubs/core up into stubs/wsk is named, with both files
#   layers:catches-include a planted #include of a higher layer's header is named
t_layers() {
    local obj=$OUT_DIR/standalone/obj out
    if ! ./build.sh --engine standalone --client src/doc_client.c >/dev/null 2>&1; then
        fail layers:hold "the standalone build failed"
        return
    fi
    out=$(python3 tests/check_layers.py "$obj" 2>&1)
    if [ $? -eq 0 ]; then pass layers:hold; else fail layers:hold "$out"; fi

    # A copy of the objects plus one in stubs/core that calls a socket function of stubs/wsk.
    local planted=$TEST_TMP/layers-obj
    rm -rf "$planted" && mkdir -p "$planted"
    cp -r "$obj/stubs" "$obj/fuzz" "$planted/"
    local tree=$TEST_TMP/layers-tree
    rm -rf "$tree" && mkdir -p "$tree"
    cp -r build.mk stubs fuzz "$tree/"
    printf 'int wsk_sockets_provider_detaching(int);\nint planted_upcall(void) { return wsk_sockets_provider_detaching(0); }\n' \
        >"$tree/stubs/core/planted_upcall.c"
    cc -c "$tree/stubs/core/planted_upcall.c" -o "$planted/stubs/core/planted_upcall.o"
    out=$(python3 tests/check_layers.py --root "$tree" "$planted" 2>&1)
    if [ $? -eq 1 ] && grep -q 'stubs/core/planted_upcall.c uses wsk_sockets_provider_detaching from stubs/wsk/wsk_sockets.c' <<<"$out" &&
        grep -q 'a cycle between folders' <<<"$out"; then
        pass layers:catches-upcall
    else
        fail layers:catches-upcall "the planted call was not reported: $out"
    fi

    # The tree again, with a kernel file that includes the WSK subsystem's header.
    rm -f "$tree/stubs/core/planted_upcall.c"
    printf '#include "wsk_subsystem.h"\n' >>"$tree/stubs/kernel/io.c"
    out=$(python3 tests/check_layers.py --root "$tree" "$obj" 2>&1)
    if [ $? -eq 1 ] && grep -q 'stubs/kernel/io.c includes stubs/wsk/wsk_subsystem.h' <<<"$out"; then
        pass layers:catches-include
    else
        fail layers:catches-include "the planted include was not reported: $out"
    fi
}
