# t_profile.sh - the libfuzzer flavor's harness is optimized with its own profile (PGO,
# scripts/lib.sh harness_profile). Tests, one line each:
#   profile:used        out/libfuzzer's flags name the profile, with the checksum of the one on disk
#   profile:from-seeds  the profile counted something: the seed runs went through the harness
#   profile:no-rebuild  a second build of an unchanged tree rewrites no profile and no harness object
#   profile:shared      with WSKFUZZ_HARNESS_PROFILE, a build in a new out folder uses that profile
#                       and makes none of its own
#   profile:shared-missing  WSKFUZZ_HARNESS_PROFILE naming no file: one line, exit 2, nothing built

t_profile() {
    # run.sh shares one profile with every test; these tests are about making it
    local WSKFUZZ_HARNESS_PROFILE=
    local dir=$OUT_DIR/libfuzzer-profile profile=$OUT_DIR/libfuzzer-profile/harness.profdata
    local log=$TEST_TMP/profile-build.log stamp
    if ! ./build.sh build --engine libfuzzer --client src/doc_client.c >"$log" 2>&1; then
        fail profile:used "build: $(tail -1 "$log")"
        return
    fi
    stamp=$(cat "$OUT_DIR/libfuzzer/flags.stamp" 2>/dev/null)
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
    local before after
    before=$(find "$profile" "$OUT_DIR/libfuzzer/obj" -type f -printf '%p %T@\n' | sort)
    ./build.sh build --engine libfuzzer --client src/doc_client.c >"$log" 2>&1
    after=$(find "$profile" "$OUT_DIR/libfuzzer/obj" -type f -printf '%p %T@\n' | sort)
    if [ "$before" = "$after" ]; then
        pass profile:no-rebuild
    else
        fail profile:no-rebuild "$(diff <(echo "$before") <(echo "$after") | grep '^>' | head -1)"
    fi
    t_profile_shared "$profile"
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
