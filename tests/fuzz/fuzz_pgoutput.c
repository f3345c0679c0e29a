/*
 * tests/fuzz/fuzz_pgoutput.c — libFuzzer target for the pgoutput decoder.
 *
 * The replication stream is input from the network: whatever the bytes, cdc_pgo_decode
 * must refuse them with a reason or return a message whose strings and values lie inside
 * the input, and decoding the same bytes again must give the same message.  The first
 * byte of the input chooses whether it is read as inside a streamed block.
 * Seeds: tests/fuzz/corpus-pgoutput (one message of every kind).
 */
#include "runtime/arena.h"
#include "runtime/pgoutput.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void
inside(const uint8_t *buf, size_t n, const void *p, size_t len)
{
	const uint8_t *q = p;
	if (len && (q < buf || q + len > buf + n))
		abort();
}

static void
check_tuple(const uint8_t *buf, size_t n, const cdc_pgo_tuple *t)
{
	for (int i = 0; i < t->ncols; i++) {
		const cdc_pgo_value *v = &t->cols[i];
		if (v->kind != 'n' && v->kind != 'u' && v->kind != 't' && v->kind != 'b')
			abort();
		if (v->kind == 't' || v->kind == 'b')
			inside(buf, n, v->data, v->len);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	bool in_stream = data[0] & 1;
	const uint8_t *buf = data + 1;
	size_t n = size - 1;
	/* a copy of exactly n bytes, so that reading past the end is seen by ASan */
	uint8_t *copy = malloc(n ? n : 1);
	memcpy(copy, buf, n);
	cdc_arena *a = cdc_arena_new("fuzz-pgoutput");
	cdc_pgo_msg m, again;
	char why[256];
	if (cdc_pgo_decode(copy, n, in_stream, a, &m, why, sizeof why)) {
		check_tuple(copy, n, &m.old);
		check_tuple(copy, n, &m.new);
		for (int i = 0; i < m.ncols; i++)
			inside(copy, n, m.cols[i].name, strlen(m.cols[i].name) + 1);
		if (m.nspname)
			inside(copy, n, m.nspname, strlen(m.nspname) + 1);
		if (m.relname)
			inside(copy, n, m.relname, strlen(m.relname) + 1);
		if (m.content)
			inside(copy, n, m.content, m.content_len);
		if (!cdc_pgo_decode(copy, n, in_stream, a, &again, why, sizeof why) || again.kind != m.kind ||
		    again.lsn != m.lsn || again.end_lsn != m.end_lsn || again.xid != m.xid || again.ncols != m.ncols ||
		    again.new.ncols != m.new.ncols || again.old.ncols != m.old.ncols)
			abort();
	} else if (!why[0]) {
		abort();   /* a refusal always says why */
	}
	cdc_arena_free(a);
	free(copy);
	return 0;
}
