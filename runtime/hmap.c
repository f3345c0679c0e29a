/*
 * runtime/hmap.c — string-keyed hash map, FNV-1a hash, load factor <= 1/2.
 */
#include "runtime/hmap.h"
#include "runtime/mem.h"

#include <string.h>

uint32_t
cdc_hmap_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

static cdc_hmap_slot *
find(const cdc_hmap *m, const char *key, uint32_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		cdc_hmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
			return s;
	}
}

void *
cdc_hmap_get(const cdc_hmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	cdc_hmap_slot *s = find(m, key, cdc_hmap_hash(key));
	return s->key ? s->val : NULL;
}

static void
grow(cdc_hmap *m)
{
	cdc_hmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 16;
	m->slots = cdc_mem_zalloc(m->cap * sizeof *m->slots);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	cdc_mem_free(old.slots);
}

void *
cdc_hmap_put(cdc_hmap *m, const char *key, void *val)
{
	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	uint32_t h = cdc_hmap_hash(key);
	cdc_hmap_slot *s = find(m, key, h);
	void *prev = s->key ? s->val : NULL;
	if (!s->key) {
		s->key = key;
		s->hash = h;
		m->count++;
	}
	s->val = val;
	return prev;
}

void
cdc_hmap_free(cdc_hmap *m)
{
	cdc_mem_free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
