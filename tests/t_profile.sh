# t_profile.sh - the libfuzzer flavor's harness is optimized with its own profile (PGO,
# scripts/lib.sh harness_profile). Tests, one line each, in an out folder of their own:
#   profile:used        out/libfuzzer's flags name the profile, with the checksum of the one on disk
#   profile:from-seeds  the profile counted something: the seed runs went through the harness
#   profile:no-rebuild  a second build of an unchanged tree writes nothing at all in the out folder
#                       (no profile remade, no object compiled, no target linked again)
#   profile:shared      with WSKFUZZ_HARNESS_PROFILE, a build in a new out folder uses that profile
#                       and makes none of its own
#   profile:shared-missing  WSKFUZZ_HARNESS_PROFILE naming no file: one line, exit 2, nothing built

t_profile() {
    # run.sh shares one profile with every test; these tests are about making it
    local WSKFUZZ_HARNESS_PROFILE=
    local out=$TEST_TMP/profile-out log=$TEST_TMP/profile-build.log stamp
    local profile=$TEST_TMP/profile-out/libfuzzer-profile/harness.profdata
    if ! WSKFUZZ_OUT=$out ./build.sh build --engine libfuzzer --client src/doc_client.c >"$log" 2>&1; then
        fail profile:used "build: $(tail -1 "$log")"
        return
    fi
    stamp=$(cat "$out/libfuzzer/flags.stamp" 2>/dev/null)
    if [ -s "$profile" ] && [[ $stamp == *"-fprofile-instr-use=$profile "* ]] &&
        [[ $stamp == *"profile $(cksum <"$profile")" ]]; then
        pass profile:used
    else
        fail profile:used "flags: ${stamp:-none}"
    fi
    local most
    most=$(llvm-profdata show "$profile" 2>&1 | sed -n 's/^Maximum function count: //p')
    if [ "${most:-0}" -gt 0 ]; then
        pass profile:from-seeds
    else
        fail profile:from-seeds "$(llvm-profdata show "$profile" 2>&1 | head -3 | tr '\n' ' ')"
    fi
    local mark=$TEST_TMP/profile-mark written
    touch "$mark"
    sleep 0.1
    WSKFUZZ_OUT=$out ./build.sh build --engine libfuzzer --client src/doc_client.c >"$log" 2>&1
    written=$(find "$out" -newer "$mark" ! -type d | sed "s|^$out/||" | head -3 | tr '\n' ' ')
    if [ -z "$written" ]; then
        pass profile:no-rebuild
    else
        fail profile:no-rebuild "the second build wrote $written"
    fi
    rm -rf "$out"
    t_profile_shared "$OUT_DIR/libfuzzer-profile/harness.profdata"
}

t_profile_shared() {
    local profile=$1 out=$TEST_TMP/profile-shared-out log=$TEST_TMP/profile-shared.log rc=0 stamp
    WSKFUZZ_HARNESS_PROFILE=$profile WSKFUZZ_OUT=$out ./build.sh build --engine libfuzzer \
        --client src/doc_client.c >"$log" 2>&1 || rc=$?
    stamp=$(cat "$out/libfuzzer/flags.stamp" 2>/dev/null)
    if [ "$rc" -eq 0 ] && [ ! -e "$out/libfuzzer-profile" ] && [[ $stamp == *"-fprofile-instr-use=$profile "* ]]; then
        pass profile:shared
    else
        fail profile:shared "exit $rc; $(ls "$out" 2>/dev/null | tr '\n' ' '); flags: ${stamp:-none}"
    fi
    rm -rf "$out"
    rc=0
    WSKFUZZ_HARNESS_PROFILE=$TEST_TMP/no-such.profdata WSKFUZZ_OUT=$out ./build.sh build --engine libfuzzer \
        --client src/doc_client.c >"$log" 2>&1 || rc=$?
    if [ "$rc" -eq 2 ] && [ "$(wc -l <"$log")" -eq 1 ] && grep -q "WSKFUZZ_HARNESS_PROFILE: no profile at" "$log" &&
        [ ! -e "$out/libfuzzer/doc_client" ]; then
        pass profile:shared-missing
    else
        fail profile:shared-missing "exit $rc: $(head -2 "$log" | tr '\n' ' ')"
    fi
    rm -rf "$out"
}
