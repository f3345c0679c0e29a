/*
 * runtime/arena.h — region allocator with a named lifetime.
 *
 * cdcc allocates in arenas whose lifetime is a phase of the program, the way PostgreSQL
 * uses memory contexts: the "compile" arena holds one file's tokens, AST, model and
 * diagnostics and is freed when that file is done; the runtime's "event" arena is reset
 * after each replication message.  Nothing allocated in an arena is freed on its own.
 */
#ifndef CDC_ARENA_H
#define CDC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cdc_arena cdc_arena;

cdc_arena *cdc_arena_new(const char *name);     /* name is for statistics and debugging */
void       cdc_arena_free(cdc_arena *a);
void       cdc_arena_reset(cdc_arena *a);        /* keeps the first chunk for reuse */

void *cdc_arena_alloc(cdc_arena *a, size_t n);   /* 16-byte aligned, uninitialised */
void *cdc_arena_zalloc(cdc_arena *a, size_t n);  /* zero-filled */
char *cdc_arena_strdup(cdc_arena *a, const char *s);
char *cdc_arena_strndup(cdc_arena *a, const char *s, size_t n);
char *cdc_arena_printf(cdc_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *cdc_arena_vprintf(cdc_arena *a, const char *fmt, va_list ap);

size_t      cdc_arena_bytes(const cdc_arena *a); /* bytes handed out since the last reset */
const char *cdc_arena_name(const cdc_arena *a);

#endif
