out/libfuzzer/obj/fuzz/scenario.o: fuzz/scenario.c fuzz/scenario.h \
  fuzz/../stubs/stub_control.h stubs/include/wsk.h stubs/include/wdm.h \
  stubs/include/ntdef.h stubs/include/netioddk.h \
  stubs/include/netiodef.h stubs/include/ws2def.h \
  stubs/verdict_catalog.h fuzz/fuzz_input.h

fuzz/scenario.h:

fuzz/../stubs/stub_control.h:

stubs/include/wsk.h:

stubs/include/wdm.h:

stubs/include/ntdef.h:

stubs/include/netioddk.h:

stubs/include/netiodef.h:

stubs/include/ws2def.h:

stubs/verdict_catalog.h:

fuzz/fuzz_input.h:
