/*
 * runtime/mem.h — the one heap allocator of cdcc.
 *
 * Every malloc in the tree goes through here so that out-of-memory has exactly one
 * clear, fatal path: callers never see NULL and never check for it.
 */
#ifndef CDC_MEM_H
#define CDC_MEM_H

#include <stddef.h>

void *cdc_mem_alloc(size_t n);              /* uninitialised; never NULL */
void *cdc_mem_zalloc(size_t n);             /* zero-filled; never NULL */
void *cdc_mem_realloc(void *p, size_t n);   /* never NULL for n > 0 */
char *cdc_mem_strdup(const char *s);
void  cdc_mem_free(void *p);

/* Prints "cdcc: out of memory (N bytes)" and exits with status 3. */
_Noreturn void cdc_mem_oom(size_t n);

#endif
