/* wskfuzz_wpp.h - WPP software tracing, as the .tmh files the build generates for a driver's
 * `#include "X.tmh"` see it (scripts/lib.sh: client_wpp_prepare). The WPP macros are declared
 * and their messages dropped: the arguments of a trace call are not evaluated, as in a Windows
 * build where the trace is not enabled. Tracing is never enabled, so code guarded by
 * WPP_LEVEL_ENABLED and friends does not run. */
#ifndef WSKFUZZ_WPP_H
#define WSKFUZZ_WPP_H

#include "evntrace.h"

/* set up and torn down in DriverEntry / DriverUnload (also the KMDF and user-mode spellings) */
#ifndef WPP_INIT_TRACING
#define WPP_INIT_TRACING(...) ((void)0)
#endif
#ifndef WPP_CLEANUP
#define WPP_CLEANUP(...) ((void)0)
#endif
#ifndef WPP_SYSTEMCONTROL
#define WPP_SYSTEMCONTROL(...) ((void)0)
#endif
#ifndef WPP_SYSTEMCONTROL2
#define WPP_SYSTEMCONTROL2(...) ((void)0)
#endif

/* the trace calls: WPP's own, and the names drivers usually configure (a FUNC line of the
 * driver's WPP configuration adds its own names to the generated .tmh) */
#ifndef DoTraceMessage
#define DoTraceMessage(...) ((void)0)
#endif
#ifndef DoDebugTrace
#define DoDebugTrace(...) ((void)0)
#endif
#ifndef DoTraceLevelMessage
#define DoTraceLevelMessage(...) ((void)0)
#endif
#ifndef TraceEvents
#define TraceEvents(...) ((void)0)
#endif
#ifndef TraceError
#define TraceError(...) ((void)0)
#endif
#ifndef TraceWarning
#define TraceWarning(...) ((void)0)
#endif
#ifndef TraceInfo
#define TraceInfo(...) ((void)0)
#endif
#ifndef TraceInformation
#define TraceInformation(...) ((void)0)
#endif
#ifndef TraceVerbose
#define TraceVerbose(...) ((void)0)
#endif
#ifndef TraceEnter
#define TraceEnter(...) ((void)0)
#endif
#ifndef TraceExit
#define TraceExit(...) ((void)0)
#endif
#ifndef TraceLog
#define TraceLog(...) ((void)0)
#endif

/* what drivers test or call around their traces: tracing is off (a driver's
 * trace header may define some of them itself) */
#ifndef WPP_LEVEL_ENABLED
#define WPP_LEVEL_ENABLED(...) 0
#endif
#ifndef WPP_FLAG_ENABLED
#define WPP_FLAG_ENABLED(...) 0
#endif
#ifndef WPP_LEVEL_LOGGER
#define WPP_LEVEL_LOGGER(...) 0
#endif
#ifndef WPP_FLAG_LOGGER
#define WPP_FLAG_LOGGER(...) 0
#endif
#ifndef WPP_LEVEL_FLAGS_ENABLED
#define WPP_LEVEL_FLAGS_ENABLED(...) 0
#endif
#ifndef WPP_LEVEL_FLAGS_LOGGER
#define WPP_LEVEL_FLAGS_LOGGER(...) 0
#endif
#ifndef WPP_FLAGS_LEVEL_ENABLED
#define WPP_FLAGS_LEVEL_ENABLED(...) 0
#endif
#ifndef WPP_FLAGS_LEVEL_LOGGER
#define WPP_FLAGS_LEVEL_LOGGER(...) 0
#endif
#ifndef WPP_FLAG_LEVEL_ENABLED
#define WPP_FLAG_LEVEL_ENABLED(...) 0
#endif
#ifndef WPP_FLAG_LEVEL_LOGGER
#define WPP_FLAG_LEVEL_LOGGER(...) 0
#endif
#ifndef WPP_RECORDER_LEVEL_FLAGS_FILTER
#define WPP_RECORDER_LEVEL_FLAGS_FILTER(...) 0
#endif
#ifndef WPP_RECORDER_LEVEL_FLAGS_ARGS
#define WPP_RECORDER_LEVEL_FLAGS_ARGS(...) 0
#endif
#ifndef WppAutoLogStart
#define WppAutoLogStart(...) ((void)0)
#endif
#ifndef WppAutoLogStop
#define WppAutoLogStop(...) ((void)0)
#endif
#ifndef WppAutoLogTrace
#define WppAutoLogTrace(...) ((void)0)
#endif
#ifndef WppRecorderLogGetDefault
#define WppRecorderLogGetDefault() ((void *)0)
#endif
#ifndef WppRecorderLogCreate
#define WppRecorderLogCreate(...) 0
#endif
#ifndef WppRecorderLogDelete
#define WppRecorderLogDelete(...) ((void)0)
#endif
#ifndef WppRecorderDumpLiveDriverData
#define WppRecorderDumpLiveDriverData(...) 0
#endif
#ifndef WPP_GLOBAL_Control
#define WPP_GLOBAL_Control ((void *)0)
#endif


#endif /* WSKFUZZ_WPP_H */
