out/standalone/obj/fuzz/fuzz_wskreg.o: fuzz/fuzz_wskreg.c fuzz/play.h \
 fuzz/scenario.h fuzz/../stubs/stub_control.h stubs/include/wsk.h \
 stubs/include/wdm.h stubs/include/ntdef.h stubs/include/netioddk.h \
 stubs/include/netiodef.h stubs/include/ws2def.h \
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
