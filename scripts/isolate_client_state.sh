#!/bin/bash
# isolate_client_state.sh IN.o OUT.o - move a client object's writable data (.data*, .bss*,
# but not the read-only-after-relocation .data.rel.ro*) into the section wskfuzz_client_state.
# The linker then marks its bounds (__start_/__stop_wskfuzz_client_state), and the harness
# copies the first image back before each input: every input meets a freshly loaded driver.
set -eu
in=$1 out=$2
objcopy=${OBJCOPY:-objcopy}
command -v "$objcopy" >/dev/null 2>&1 || objcopy=llvm-objcopy
# The flags make a .bss (NOBITS) section PROGBITS too: with mixed types the linker would emit
# two output sections of that name, and __start_/__stop_ would bound only one of them.
args=()
while read -r name; do
    args+=(--rename-section "$name=wskfuzz_client_state,alloc,load,contents,data")
done < <("$objcopy" --version >/dev/null 2>&1 && readelf -SW "$in" 2>/dev/null |
         sed -n 's/^ *\[ *[0-9]*\] \(\.[^ ]*\) .*/\1/p' |
         grep -E '^\.(data|bss)(\.|$)' | grep -vE '^\.data\.rel\.ro' | sort -u)
"$objcopy" "${args[@]}" "$in" "$out"
