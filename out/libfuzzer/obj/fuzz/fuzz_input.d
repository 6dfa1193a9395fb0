out/libfuzzer/obj/fuzz/fuzz_input.o: fuzz/fuzz_input.c fuzz/fuzz_input.h

fuzz/fuzz_input.h:
