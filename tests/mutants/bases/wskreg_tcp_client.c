/* wskreg_tcp_client.c - the correct client behind the mutants based on a WskRegister-path client with one TCP exchange through a reused IRP.
 * Each tests/mutants/<name>.patch plants one bug in it (scripts/write_mutants.sh). */
#include <ntddk.h>
#include <wsk.h>

#define APP_POOL_TAG 'tfpA'
#define APP_WSK_VERSION MAKE_WSK_VERSION(1, 0)
#define APP_BUFFER_SIZE 512

const WSK_CLIENT_DISPATCH AppWskDispatch = {
  APP_WSK_VERSION,
  0,
  NULL
};

WSK_CLIENT_NPI AppWskClientNpi = {
  NULL,
  &AppWskDispatch
};

WSK_REGISTRATION AppWskRegistration;

static const CHAR AppRequest[] = "GET / HTTP/1.0\r\n\r\n";

// One WSK request at a time: the IRP and the event its completion routine signals
typedef struct _APP_IO {
  PIRP Irp;
  KEVENT Done;
} APP_IO, *PAPP_IO;

IO_COMPLETION_ROUTINE AppIoComplete;
DRIVER_UNLOAD AppUnload;

NTSTATUS AppIoComplete(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
  UNREFERENCED_PARAMETER(DeviceObject);
  UNREFERENCED_PARAMETER(Irp);

  KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

// Make the IRP ready for the next WSK call
static VOID AppIoStart(PAPP_IO Io)
{
  KeResetEvent(&Io->Done);
  IoReuseIrp(Io->Irp, STATUS_UNSUCCESSFUL);
  IoSetCompletionRoutine(Io->Irp, AppIoComplete, &Io->Done, TRUE, TRUE, TRUE);
}

// The final status of the WSK call that took the IRP
static NTSTATUS AppIoFinish(PAPP_IO Io, NTSTATUS Status)
{
  if (Status == STATUS_PENDING)
  {
    KeWaitForSingleObject(&Io->Done, Executive, KernelMode, FALSE, NULL);
  }
  return Io->Irp->IoStatus.Status;
}

// The server's IPv4 address and port
static NTSTATUS AppResolve(PWSK_PROVIDER_NPI Npi, PAPP_IO Io, PSOCKADDR_IN Remote)
{
  UNICODE_STRING NodeName;
  UNICODE_STRING ServiceName;
  ADDRINFOEXW Hints;
  PADDRINFOEXW Result = NULL;
  PADDRINFOEXW Entry;
  NTSTATUS Status;

  RtlInitUnicodeString(&NodeName, L"192.0.2.10");
  RtlInitUnicodeString(&ServiceName, L"80");
  RtlZeroMemory(&Hints, sizeof(Hints));
  Hints.ai_family = AF_INET;

  AppIoStart(Io);
  Status = Npi->Dispatch->WskGetAddressInfo(Npi->Client, &NodeName, &ServiceName, NS_ALL, NULL, &Hints,
                                            &Result, NULL, NULL, Io->Irp);
  Status = AppIoFinish(Io, Status);
  if (!NT_SUCCESS(Status))
  {
    return Status;
  }

  Status = STATUS_NOT_FOUND;
  for (Entry = Result; Entry != NULL; Entry = Entry->ai_next)
  {
    if (Entry->ai_family == AF_INET)
    {
      RtlCopyMemory(Remote, Entry->ai_addr, sizeof(SOCKADDR_IN));
      Status = STATUS_SUCCESS;
      break;
    }
  }
  Npi->Dispatch->WskFreeAddressInfo(Npi->Client, Result);
  return Status;
}

// Connect, send the request, read the start of the answer, close
static NTSTATUS AppExchange(PWSK_PROVIDER_NPI Npi, PAPP_IO Io, PSOCKADDR_IN Remote)
{
  SOCKADDR_IN Local;
  PWSK_SOCKET Socket;
  const WSK_PROVIDER_CONNECTION_DISPATCH *Dispatch;
  PCHAR Buffer;
  PMDL Mdl;
  WSK_BUF WskBuf;
  NTSTATUS Status;

  Buffer = (PCHAR)ExAllocatePoolWithTag(NonPagedPoolNx, APP_BUFFER_SIZE, APP_POOL_TAG);
  if (Buffer == NULL)
  {
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  Mdl = IoAllocateMdl(Buffer, APP_BUFFER_SIZE, FALSE, FALSE, NULL);
  if (Mdl == NULL)
  {
    ExFreePoolWithTag(Buffer, APP_POOL_TAG);
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  MmBuildMdlForNonPagedPool(Mdl);

  AppIoStart(Io);
  Status = Npi->Dispatch->WskSocket(Npi->Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_CONNECTION_SOCKET,
                                    NULL, NULL, NULL, NULL, NULL, Io->Irp);
  Status = AppIoFinish(Io, Status);
  if (!NT_SUCCESS(Status))
  {
    goto FreeBuffer;
  }
  Socket = (PWSK_SOCKET)Io->Irp->IoStatus.Information;
  Dispatch = (const WSK_PROVIDER_CONNECTION_DISPATCH *)Socket->Dispatch;

  // Any local address and port
  RtlZeroMemory(&Local, sizeof(Local));
  Local.sin_family = AF_INET;
  AppIoStart(Io);
  Status = AppIoFinish(Io, Dispatch->WskBind(Socket, (PSOCKADDR)&Local, 0, Io->Irp));
  if (!NT_SUCCESS(Status))
  {
    goto Close;
  }

  AppIoStart(Io);
  Status = AppIoFinish(Io, Dispatch->WskConnect(Socket, (PSOCKADDR)Remote, 0, Io->Irp));
  if (!NT_SUCCESS(Status))
  {
    goto Close;
  }

  RtlCopyMemory(Buffer, AppRequest, sizeof(AppRequest) - 1);
  WskBuf.Mdl = Mdl;
  WskBuf.Offset = 0;
  WskBuf.Length = sizeof(AppRequest) - 1;
  AppIoStart(Io);
  Status = AppIoFinish(Io, Dispatch->WskSend(Socket, &WskBuf, 0, Io->Irp));
  if (!NT_SUCCESS(Status))
  {
    goto Close;
  }

  WskBuf.Length = APP_BUFFER_SIZE;
  AppIoStart(Io);
  Status = AppIoFinish(Io, Dispatch->WskReceive(Socket, &WskBuf, 0, Io->Irp));

Close:
  AppIoStart(Io);
  AppIoFinish(Io, Dispatch->WskCloseSocket(Socket, Io->Irp));
FreeBuffer:
  IoFreeMdl(Mdl);
  ExFreePoolWithTag(Buffer, APP_POOL_TAG);
  return Status;
}

VOID AppUnload(PDRIVER_OBJECT DriverObject)
{
  UNREFERENCED_PARAMETER(DriverObject);

  WskDeregister(&AppWskRegistration);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
  WSK_PROVIDER_NPI WskProviderNpi;
  SOCKADDR_IN Remote;
  APP_IO Io;
  NTSTATUS Status;

  UNREFERENCED_PARAMETER(RegistryPath);

  DriverObject->DriverUnload = AppUnload;

  Status = WskRegister(&AppWskClientNpi, &AppWskRegistration);
  if (!NT_SUCCESS(Status))
  {
    return Status;
  }

  Status = WskCaptureProviderNPI(&AppWskRegistration, WSK_NO_WAIT, &WskProviderNpi);
  if (Status == STATUS_DEVICE_NOT_READY)
  {
    // No network yet: the driver works without the exchange
    return STATUS_SUCCESS;
  }
  if (!NT_SUCCESS(Status))
  {
    WskDeregister(&AppWskRegistration);
    return Status;
  }

  Io.Irp = IoAllocateIrp(1, FALSE);
  if (Io.Irp != NULL)
  {
    KeInitializeEvent(&Io.Done, NotificationEvent, FALSE);
    Status = AppResolve(&WskProviderNpi, &Io, &Remote);
    if (NT_SUCCESS(Status))
    {
      Status = AppExchange(&WskProviderNpi, &Io, &Remote);
    }
    DbgPrint("app: exchange finished with 0x%x\n", Status);
    IoFreeIrp(Io.Irp);
  }
  WskReleaseProviderNPI(&AppWskRegistration);
  return STATUS_SUCCESS;
}
