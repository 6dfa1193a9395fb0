/* workitem.h - device objects and work items (workitem.c owns both). */
#ifndef WSKFUZZ_WORKITEM_H
#define WSKFUZZ_WORKITEM_H

void workitem_reset(void);

#endif
