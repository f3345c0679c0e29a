/*
 * runtime/arena.c — chunked bump allocator.
 *
 * Chunks grow geometrically up to 1 MiB; an allocation larger than half a chunk gets a
 * chunk of its own so that a single big string does not waste the rest of a chunk.
 */
#include "runtime/arena.h"
#include "runtime/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ARENA_ALIGN     16
#define ARENA_FIRST     (8 * 1024)
#define ARENA_MAX_CHUNK (1024 * 1024)

typedef struct chunk {
	struct chunk *prev;
	size_t        size;    /* usable bytes after the header */
	size_t        used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
} chunk;

struct cdc_arena {
	const char *name;
	chunk      *head;      /* the chunk being filled */
	size_t      next_size; /* size of the next chunk to allocate */
	size_t      bytes;     /* bytes handed out since the last reset */
};

static chunk *
chunk_new(size_t size, chunk *prev)
{
	chunk *c = cdc_mem_alloc(sizeof(chunk) + size);
	c->prev = prev;
	c->size = size;
	c->used = 0;
	return c;
}

cdc_arena *
cdc_arena_new(const char *name)
{
	cdc_arena *a = cdc_mem_zalloc(sizeof *a);
	a->name = name;
	a->next_size = ARENA_FIRST;
	return a;
}

void
cdc_arena_free(cdc_arena *a)
{
	if (!a)
		return;
	for (chunk *c = a->head, *p; c; c = p) {
		p = c->prev;
		cdc_mem_free(c);
	}
	cdc_mem_free(a);
}

/* Frees every chunk but the oldest, so a per-event arena settles at one chunk once warm. */
void
cdc_arena_reset(cdc_arena *a)
{
	chunk *c = a->head;
	if (!c)
		return;
	while (c->prev) {
		chunk *p = c->prev;
		cdc_mem_free(c);
		c = p;
	}
	c->used = 0;
	a->head = c;
	a->bytes = 0;
}

void *
cdc_arena_alloc(cdc_arena *a, size_t n)
{
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need < n)
		cdc_mem_oom(n);
	chunk *c = a->head;
	if (!c || c->size - c->used < need) {
		if (need > a->next_size / 2) {
			/* A big block gets its own chunk, slotted under the current one so the
			 * current chunk keeps filling. */
			chunk *big = chunk_new(need, c ? c->prev : NULL);
			big->used = need;
			if (c)
				c->prev = big;
			else
				a->head = big;
			a->bytes += need;
			return big->data;
		}
		c = chunk_new(a->next_size, c);
		a->head = c;
		if (a->next_size < ARENA_MAX_CHUNK)
			a->next_size *= 2;
	}
	void *p = c->data + c->used;
	c->used += need;
	a->bytes += need;
	return p;
}

void *
cdc_arena_zalloc(cdc_arena *a, size_t n)
{
	return memset(cdc_arena_alloc(a, n), 0, n);
}

char *
cdc_arena_strndup(cdc_arena *a, const char *s, size_t n)
{
	char *p = cdc_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
cdc_arena_strdup(cdc_arena *a, const char *s)
{
	return cdc_arena_strndup(a, s, strlen(s));
}

char *
cdc_arena_vprintf(cdc_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = cdc_arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
cdc_arena_printf(cdc_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = cdc_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t
cdc_arena_bytes(const cdc_arena *a)
{
	return a->bytes;
}

const char *
cdc_arena_name(const cdc_arena *a)
{
	return a->name;
}
