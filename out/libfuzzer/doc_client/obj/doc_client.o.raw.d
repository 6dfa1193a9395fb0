out/libfuzzer/doc_client/obj/doc_client.o.raw.o: src/doc_client.c \
  stubs/include/ntddk.h stubs/include/wdm.h stubs/include/ntdef.h \
  stubs/include/wsk.h stubs/include/netioddk.h stubs/include/netiodef.h \
  stubs/include/ws2def.h

stubs/include/ntddk.h:

stubs/include/wdm.h:

stubs/include/ntdef.h:

stubs/include/wsk.h:

stubs/include/netioddk.h:

stubs/include/netiodef.h:

stubs/include/ws2def.h:
