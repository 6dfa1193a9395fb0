out/standalone/obj/stubs/world.o: stubs/world.c stubs/kernel.h \
 stubs/stub_control.h stubs/include/wsk.h stubs/include/wdm.h \
 stubs/include/ntdef.h stubs/include/netioddk.h stubs/include/netiodef.h \
 stubs/include/ws2def.h stubs/verdict_catalog.h stubs/trace.h
stubs/kernel.h:
stubs/stub_control.h:
stubs/include/wsk.h:
stubs/include/wdm.h:
stubs/include/ntdef.h:
stubs/include/netioddk.h:
stubs/include/netiodef.h:
stubs/include/ws2def.h:
stubs/verdict_catalog.h:
stubs/trace.h:
