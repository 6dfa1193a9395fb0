/* workitem.h - device objects and work items (workitem.c owns both). */
#ifndef WSKFUZZ_WORKITEM_H
#define WSKFUZZ_WORKITEM_H

void workitem_reset(void);
void workitem_unload_checks(void); /* devices not deleted, work items not freed */

#endif
