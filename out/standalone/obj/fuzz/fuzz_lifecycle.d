out/standalone/obj/fuzz/fuzz_lifecycle.o: fuzz/fuzz_lifecycle.c \
 fuzz/play.h fuzz/scenario.h fuzz/../stubs/stub_control.h \
 stubs/include/wsk.h stubs/include/wdm.h stubs/include/ntdef.h \
 stubs/include/netioddk.h stubs/include/netiodef.h stubs/include/ws2def.h \
 fuzz/../stubs/verdict_catalog.h
fuzz/play.h:
fuzz/scenario.h:
fuzz/../stubs/stub_control.h:
stubs/include/wsk.h:
stubs/include/wdm.h:
stubs/include/ntdef.h:
stubs/include/netioddk.h:
stubs/include/netiodef.h:
stubs/include/ws2def.h:
fuzz/../stubs/verdict_catalog.h:
