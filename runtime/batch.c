/*
 * runtime/batch.c — a target's batch and its staged rows (see batch.h).
 */
#include "runtime/batch.h"
#include "runtime/arena.h"
#include "runtime/mem.h"
#include "runtime/typeids.h"
#include "runtime/vm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Moves the rows in memory to the end of the spill file (created on first use: an
 * unnamed temporary file, gone when closed or when the process ends). */
static void
spill_out(cdc_batch_route *br)
{
	if (!br->spill && !(br->spill = tmpfile())) {
		/* no room for a temporary file: keep the rows in memory */
		return;
	}
	if (fseek(br->spill, (long)br->spilled, SEEK_SET) != 0 ||
	    fwrite(br->rows.data, 1, br->rows.len, br->spill) != br->rows.len || fflush(br->spill) != 0) {
		/* a full disk: keep the rows in memory rather than lose them */
		return;
	}
	br->spilled += br->rows.len;
	cdc_buf_truncate(&br->rows, 0);
}

/* The spill file cut back to n bytes. */
static void
spill_truncate(cdc_batch_route *br, uint64_t n)
{
	if (!br->spill || n >= br->spilled)
		return;
	if (ftruncate(fileno(br->spill), (off_t)n) == 0)
		br->spilled = n;
}

uint64_t
cdc_batch_route_len(const cdc_batch_route *br)
{
	return br->spilled + br->rows.len;
}

bool
cdc_batch_route_each(const cdc_batch_route *br, bool (*fn)(const char *data, size_t n, void *arg), void *arg)
{
	if (br->spilled) {
		char *piece = cdc_mem_alloc(1u << 20);
		bool ok = fseek(br->spill, 0, SEEK_SET) == 0;
		for (uint64_t at = 0; ok && at < br->spilled;) {
			size_t want = br->spilled - at < (1u << 20) ? (size_t)(br->spilled - at) : (1u << 20);
			size_t got = fread(piece, 1, want, br->spill);
			ok = got == want && fn(piece, got, arg);
			at += got;
		}
		cdc_mem_free(piece);
		if (!ok)
			return false;
	}
	return br->rows.len == 0 || fn(br->rows.data, br->rows.len, arg);
}

void
cdc_batch_init(cdc_batch *b, const cdc_ir *ir, int target, cdc_dialect d)
{
	memset(b, 0, sizeof *b);
	b->ir = ir;
	b->target = target;
	b->dialect = d;
	b->arena = cdc_arena_new("batch");
	for (int i = 0; i < ir->ntables; i++)
		for (int k = 0; k < ir->tables[i].nroutes; k++)
			b->nroutes += ir->tables[i].routes[k].target == target;
	b->routes = cdc_mem_zalloc(((size_t)b->nroutes + 1) * sizeof *b->routes);
	b->first = cdc_mem_alloc(((size_t)ir->ntables + 1) * sizeof *b->first);
	for (int i = 0; i < ir->ntables; i++)
		b->first[i] = -1;
	int n = 0;
	for (int i = 0; i < ir->ntables; i++)
		for (int k = 0; k < ir->tables[i].nroutes; k++)
			if (ir->tables[i].routes[k].target == target) {
				if (b->first[i] < 0)
					b->first[i] = n;
				b->routes[n].table = &ir->tables[i];
				b->routes[n].route = &ir->tables[i].routes[k];
				b->routes[n].rows = (cdc_buf)CDC_BUF_INIT;
				n++;
			}
	b->positions = cdc_mem_zalloc(((size_t)ir->nsources + 1) * sizeof *b->positions);
	b->mark.len = cdc_mem_zalloc(((size_t)b->nroutes + 1) * sizeof *b->mark.len);
	b->mark.nrows = cdc_mem_zalloc(((size_t)b->nroutes + 1) * sizeof *b->mark.nrows);
	b->mark.partial = cdc_mem_zalloc(((size_t)b->nroutes + 1) * sizeof *b->mark.partial);
}

void
cdc_batch_free(cdc_batch *b)
{
	for (int i = 0; i < b->nroutes; i++) {
		cdc_buf_free(&b->routes[i].rows);
		if (b->routes[i].spill)
			fclose(b->routes[i].spill);
	}
	cdc_mem_free(b->routes);
	cdc_mem_free(b->quarantine);
	cdc_mem_free(b->positions);
	cdc_mem_free(b->first);
	cdc_buf_free(&b->scratch);
	cdc_mem_free(b->mark.len);
	cdc_mem_free(b->mark.nrows);
	cdc_mem_free(b->mark.partial);
	cdc_arena_free(b->arena);
	memset(b, 0, sizeof *b);
}

void
cdc_batch_reset(cdc_batch *b)
{
	for (int i = 0; i < b->nroutes; i++) {
		cdc_batch_route *br = &b->routes[i];
		cdc_buf_truncate(&br->rows, 0);
		spill_truncate(br, 0);
		br->nrows = 0;
		br->partial = false;
		br->copy = false;
	}
	b->nquarantine = 0;
	for (int i = 0; i < b->ir->nsources; i++)
		b->positions[i] = NULL;
	b->changes = b->bytes = 0;
	b->started = 0;
	b->commit_time = 0;
	b->seq = 0;
	b->snapshot = b->added = false;
	b->copy_at = NULL;
	cdc_arena_reset(b->arena);
}

cdc_batch_route *
cdc_batch_route_of(cdc_batch *b, const cdc_ir_table *t, const cdc_ir_route *r)
{
	int i = b->first[t - b->ir->tables];
	for (; i >= 0 && i < b->nroutes && b->routes[i].table == t; i++)
		if (b->routes[i].route == r)
			return &b->routes[i];
	return NULL;
}

/* A value in the CSV that COPY ... (FORMAT csv, NULL '\N') reads: text quoted, a quote
 * doubled, so that an empty string and the text \N stay strings; NULL is an unquoted \N. */
static void
csv_value(cdc_buf *out, cdc_value v, cdc_rtype t, cdc_buf *scratch)
{
	switch (v.tag) {
	case CDC_VAL_NULL:
	case CDC_VAL_UNCHANGED:
		cdc_buf_puts(out, "\\N");
		return;
	case CDC_VAL_TEXT:
	case CDC_VAL_JSON:
	case CDC_VAL_ARRAY:
		break;
	default:
		/* numbers, dates, times, booleans, UUIDs, bytea: their text has no quote, comma
		 * or line break, and is never empty or \N, so it needs no quotes (and is the bulk
		 * of a row: quoting it cost a tenth of a snapshot) */
		cdc_val_format(v, t, out);
		return;
	}
	cdc_buf_truncate(scratch, 0);
	cdc_val_format(v, t, scratch);
	cdc_buf_putc(out, '"');
	const char *s = scratch->data, *end = s + scratch->len;
	while (s < end) {
		const char *q = memchr(s, '"', (size_t)(end - s));
		size_t n = q ? (size_t)(q - s) + 1 : (size_t)(end - s);
		cdc_buf_put(out, s, n);
		if (q)
			cdc_buf_putc(out, '"');
		s += n;
	}
	cdc_buf_putc(out, '"');
}

/* A value in PostgreSQL's COPY text format, which PostgreSQL targets read (the server
 * reads it a fifth faster than CSV): backslash, tab, line feed and carriage return
 * escaped, NULL as \N. */
static void
text_value(cdc_buf *out, cdc_value v, cdc_rtype t, cdc_buf *scratch)
{
	const char *s;
	size_t n;
	switch (v.tag) {
	case CDC_VAL_NULL:
	case CDC_VAL_UNCHANGED:
		cdc_buf_puts(out, "\\N");
		return;
	case CDC_VAL_TEXT:
	case CDC_VAL_JSON:
	case CDC_VAL_ARRAY:
		s = v.u.s.p;
		n = v.u.s.len;
		break;
	case CDC_VAL_BYTES:
		cdc_buf_truncate(scratch, 0);
		cdc_val_format(v, t, scratch);
		s = scratch->data;
		n = scratch->len;
		break;
	default:
		/* numbers, dates, times, booleans, UUIDs: no character to escape */
		cdc_val_format(v, t, out);
		return;
	}
	const char *end = s + n;
	while (s < end) {
		const char *p = s;
		while (p < end && *p != '\\' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		cdc_buf_put(out, s, (size_t)(p - s));
		if (p == end)
			break;
		cdc_buf_putc(out, '\\');
		cdc_buf_putc(out, *p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ? 'r' : '\\');
		s = p + 1;
	}
}

/* _cdc_seq without printf, which cost more than the rest of a short row's header */
static void
put_seq(cdc_buf *out, uint32_t v)
{
	char d[10];
	int n = 0;
	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		cdc_buf_putc(out, d[--n]);
}

static char
op_char(int op)
{
	switch (op) {
	case CDC_EVOP_INSERT: return 'I';
	case CDC_EVOP_UPDATE: return 'U';
	case CDC_EVOP_DELETE: return 'D';
	default: return 'S';
	}
}

void
cdc_batch_row(cdc_batch *b, cdc_batch_route *br, int op, const cdc_value *out)
{
	const cdc_ir_route *r = br->route;
	cdc_buf *rows = &br->rows;
	size_t before = rows->len;
	bool first = true;
	bool text = b->dialect == CDC_DIALECT_POSTGRES;
	char sep = text ? '\t' : ',';
	if (!b->snapshot) {
		/* _cdc_seq, _cdc_op and _cdc_unchanged: the mask is a string, quoted in CSV so
		 * that an empty one is not NULL (in the text format an empty field is '') */
		put_seq(rows, ++b->seq);
		cdc_buf_putc(rows, sep);
		cdc_buf_putc(rows, op_char(op));
		cdc_buf_putc(rows, sep);
		if (!text)
			cdc_buf_putc(rows, '"');
		bool any = false;
		for (int c = 0; c < r->ncols; c++)
			any |= c < r->nout && out[c].tag == CDC_VAL_UNCHANGED;
		for (int c = 0; any && c < r->ncols; c++)
			cdc_buf_putc(rows, c < r->nout && out[c].tag == CDC_VAL_UNCHANGED ? '1' : '0');
		if (!text)
			cdc_buf_putc(rows, '"');
		first = false;
		if (any && op != CDC_EVOP_DELETE)
			br->partial = true;
	}
	for (int c = 0; c < r->ncols; c++) {
		if (c >= r->nout && c == r->soft)
			continue;   /* the route's own soft-delete flag is the SQL's to set */
		if (!first)
			cdc_buf_putc(rows, sep);
		first = false;
		cdc_value v = c < r->nout ? out[c] : cdc_val_null();
		if (text)
			text_value(rows, v, r->cols[c].type, &b->scratch);
		else
			csv_value(rows, v, r->cols[c].type, &b->scratch);
	}
	cdc_buf_putc(rows, '\n');
	br->nrows++;
	b->changes++;
	b->bytes += rows->len - before;
	if (rows->len >= CDC_BATCH_SPILL)
		spill_out(br);
}

static const char *
qdup(cdc_batch *b, const char *s)
{
	return s ? cdc_arena_strdup(b->arena, s) : NULL;
}

void
cdc_batch_quarantine(cdc_batch *b, const cdc_quarantined *q)
{
	if (b->nquarantine == b->capquarantine) {
		b->capquarantine = b->capquarantine ? b->capquarantine * 2 : 16;
		b->quarantine = cdc_mem_realloc(b->quarantine, (size_t)b->capquarantine * sizeof *b->quarantine);
	}
	cdc_quarantined *c = &b->quarantine[b->nquarantine++];
	c->table = qdup(b, q->table);
	c->rule = qdup(b, q->rule);
	c->reason = qdup(b, q->reason);
	c->line = q->line;
	c->op = qdup(b, q->op);
	c->position = qdup(b, q->position);
	c->commit_time = qdup(b, q->commit_time);
	c->row = qdup(b, q->row);
	b->changes++;
	b->bytes += strlen(q->row);
}

void
cdc_batch_position(cdc_batch *b, int source, const char *position)
{
	b->positions[source] = cdc_arena_strdup(b->arena, position);
}

bool
cdc_batch_empty(const cdc_batch *b)
{
	if (b->changes)
		return false;
	for (int i = 0; i < b->ir->nsources; i++)
		if (b->positions[i])
			return false;
	return true;
}

void
cdc_batch_mark(cdc_batch *b)
{
	for (int i = 0; i < b->nroutes; i++) {
		b->mark.len[i] = cdc_batch_route_len(&b->routes[i]);
		b->mark.nrows[i] = b->routes[i].nrows;
		b->mark.partial[i] = b->routes[i].partial;
	}
	b->mark.nquarantine = b->nquarantine;
	b->mark.changes = b->changes;
	b->mark.bytes = b->bytes;
	b->mark.seq = b->seq;
}

void
cdc_batch_rewind(cdc_batch *b)
{
	for (int i = 0; i < b->nroutes; i++) {
		cdc_batch_route *br = &b->routes[i];
		uint64_t len = b->mark.len[i];
		if (len >= br->spilled) {
			cdc_buf_truncate(&br->rows, (size_t)(len - br->spilled));
		} else {
			/* the mark is in the spill file: what follows it there, and all in memory, goes */
			spill_truncate(br, len);
			cdc_buf_truncate(&br->rows, 0);
		}
		br->nrows = b->mark.nrows[i];
		br->partial = b->mark.partial[i];
	}
	b->nquarantine = b->mark.nquarantine;
	b->changes = b->mark.changes;
	b->bytes = b->mark.bytes;
	b->seq = b->mark.seq;
}

void
cdc_batch_clear_rows(cdc_batch *b)
{
	for (int i = 0; i < b->nroutes; i++) {
		cdc_buf_truncate(&b->routes[i].rows, 0);
		spill_truncate(&b->routes[i], 0);
		b->mark.len[i] = 0;
	}
	b->bytes = 0;
	b->mark.bytes = 0;
}

void
cdc_batch_take_rows(cdc_batch *to, cdc_batch *from)
{
	cdc_batch_clear_rows(to);
	for (int i = 0; i < from->nroutes && i < to->nroutes; i++) {
		cdc_batch_route *a = &to->routes[i], *b = &from->routes[i];
		cdc_buf rows = a->rows;
		a->rows = b->rows;
		b->rows = rows;
		FILE *spill = a->spill;
		a->spill = b->spill;
		b->spill = spill;
		a->spilled = b->spilled;
		b->spilled = 0;
		from->mark.len[i] = 0;
		a->copy = b->copy;   /* the target empties the copied routes' tables first */
	}
	to->bytes = from->bytes;
	from->bytes = from->mark.bytes = 0;
}

int64_t
cdc_batch_limit(const cdc_ir_target *t, const char *name, int64_t def)
{
	char dotted[64];
	snprintf(dotted, sizeof dotted, "batch.%s", name);
	const cdc_ir_opt *o = cdc_ir_opt_get(&t->opts, dotted);
	return o && o->kind == CDC_IRV_INT && o->num > 0 ? o->num : def;
}
