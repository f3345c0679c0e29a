/*
 * runtime/hmap.h — string-keyed hash map (open addressing, linear probing).
 *
 * Keys are not copied: they must outlive the map (in practice they live in the same
 * arena).  Used for name lookup in the compiler — 2,000-table pipelines must resolve
 * names in constant time — and for caches in the runtime.
 */
#ifndef CDC_HMAP_H
#define CDC_HMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct cdc_hmap_slot {
	const char *key;
	void       *val;
	uint32_t    hash;
} cdc_hmap_slot;

typedef struct cdc_hmap {
	cdc_hmap_slot *slots;
	size_t         cap;   /* power of two, or 0 */
	size_t         count;
} cdc_hmap;

#define CDC_HMAP_INIT {NULL, 0, 0}

uint32_t cdc_hmap_hash(const char *s);
void    *cdc_hmap_get(const cdc_hmap *m, const char *key);
/* Inserts or replaces; returns the previous value or NULL. */
void    *cdc_hmap_put(cdc_hmap *m, const char *key, void *val);
void     cdc_hmap_free(cdc_hmap *m);

#endif
