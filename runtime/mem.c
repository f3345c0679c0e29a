/*
 * runtime/mem.c — heap allocation with a single fatal out-of-memory path.
 */
#include "runtime/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void
cdc_mem_oom(size_t n)
{
	fprintf(stderr, "cdcc: out of memory (could not allocate %zu bytes)\n", n);
	exit(3);
}

void *
cdc_mem_alloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		cdc_mem_oom(n);
	return p;
}

void *
cdc_mem_zalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (!p)
		cdc_mem_oom(n);
	return p;
}

void *
cdc_mem_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		cdc_mem_oom(n);
	return q;
}

char *
cdc_mem_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(cdc_mem_alloc(n), s, n);
}

void
cdc_mem_free(void *p)
{
	free(p);
}
