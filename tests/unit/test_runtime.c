/*
 * tests/unit/test_runtime.c — the pieces of `cdcc run` that need no server: LSNs, the
 * pgoutput decoder (every message kind, and every truncation of each), and the batch's
 * staged rows (the CSV the target's COPY reads, the unchanged bitmap, marks).
 */
#include "unit.h"

#include "compiler/ir.h"
#include "runtime/batch.h"
#include "runtime/drift.h"
#include "runtime/stage.h"
#include "runtime/pgoutput.h"
#include "runtime/vm.h"

#include <stdint.h>

/* ---- LSNs --------------------------------------------------------------------------- */

START_TEST(lsn_text)
{
	char out[CDC_LSN_TEXT];
	cdc_lsn_format(0, out);
	ck_assert_str_eq(out, "0/0");
	cdc_lsn_format(UINT64_C(0x16B374D848), out);
	ck_assert_str_eq(out, "16/B374D848");
	cdc_lsn_format(UINT64_MAX, out);
	ck_assert_str_eq(out, "FFFFFFFF/FFFFFFFF");
	cdc_lsn v;
	ck_assert(cdc_lsn_parse("16/B374D848", &v));
	ck_assert_uint_eq(v, UINT64_C(0x16B374D848));
	ck_assert(cdc_lsn_parse("0/16b3748", &v));
	ck_assert_uint_eq(v, UINT64_C(0x16B3748));
	static const char *const bad[] = {"", "/", "1/", "/1", "1/2/3", "G/0", "123456789/0", "0/123456789", "1 /2",
	                                  "-1/0"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(!cdc_lsn_parse(bad[i], &v), "'%s' parsed", bad[i]);
	/* the order of positions is the order of their values, not of their text */
	cdc_lsn a, b;
	ck_assert(cdc_lsn_parse("9/FFFFFFFF", &a) && cdc_lsn_parse("10/0", &b));
	ck_assert(a < b);
}
END_TEST

/* ---- pgoutput ----------------------------------------------------------------------- */

typedef struct msg {
	uint8_t b[512];
	size_t  n;
} msg;

static void put8(msg *m, uint8_t v) { m->b[m->n++] = v; }
static void put16(msg *m, uint16_t v) { put8(m, (uint8_t)(v >> 8)); put8(m, (uint8_t)v); }
static void put32(msg *m, uint32_t v) { put16(m, (uint16_t)(v >> 16)); put16(m, (uint16_t)v); }
static void put64(msg *m, uint64_t v) { put32(m, (uint32_t)(v >> 32)); put32(m, (uint32_t)v); }
static void puts0(msg *m, const char *s) { size_t n = strlen(s) + 1; memcpy(m->b + m->n, s, n); m->n += n; }
static void putval(msg *m, const char *s) { put8(m, 't'); put32(m, (uint32_t)strlen(s)); memcpy(m->b + m->n, s, strlen(s)); m->n += strlen(s); }

/* Decodes m whole, and checks that every shorter prefix is refused, not misread. */
static cdc_pgo_msg
decode(cdc_arena *a, const msg *m, bool in_stream)
{
	char why[256];
	cdc_pgo_msg out;
	for (size_t n = 0; n < m->n; n++)
		ck_assert_msg(!cdc_pgo_decode(m->b, n, in_stream, a, &out, why, sizeof why),
		              "a %zu-byte prefix of a %zu-byte '%c' message decoded", n, m->n, m->b[0]);
	ck_assert_msg(cdc_pgo_decode(m->b, m->n, in_stream, a, &out, why, sizeof why), "'%c': %s", m->b[0], why);
	return out;
}

START_TEST(pgo_begin_commit)
{
	cdc_arena *a = cdc_arena_new("t");
	msg m = {0};
	put8(&m, 'B');
	put64(&m, UINT64_C(0x100000200));
	put64(&m, 777000000);
	put32(&m, 731);
	cdc_pgo_msg d = decode(a, &m, false);
	ck_assert_int_eq(d.kind, CDC_PGO_BEGIN);
	ck_assert_uint_eq(d.lsn, UINT64_C(0x100000200));
	ck_assert_int_eq(d.time, 777000000);
	ck_assert_uint_eq(d.xid, 731);

	msg c = {0};
	put8(&c, 'C');
	put8(&c, 0);
	put64(&c, UINT64_C(0x100000200));
	put64(&c, UINT64_C(0x100000238));
	put64(&c, 777000001);
	d = decode(a, &c, false);
	ck_assert_int_eq(d.kind, CDC_PGO_COMMIT);
	ck_assert_uint_eq(d.lsn, UINT64_C(0x100000200));
	ck_assert_uint_eq(d.end_lsn, UINT64_C(0x100000238));
	cdc_arena_free(a);
}
END_TEST

static msg
relation_msg(bool in_stream)
{
	msg m = {0};
	put8(&m, 'R');
	if (in_stream)
		put32(&m, 900);
	put32(&m, 16384);
	puts0(&m, "public");
	puts0(&m, "orders");
	put8(&m, 'd');
	put16(&m, 3);
	put8(&m, 1), puts0(&m, "id"), put32(&m, 20), put32(&m, (uint32_t)-1);
	put8(&m, 0), puts0(&m, "note"), put32(&m, 25), put32(&m, (uint32_t)-1);
	put8(&m, 0), puts0(&m, "total"), put32(&m, 1700), put32(&m, (12 << 16 | 2) + 4);
	return m;
}

START_TEST(pgo_relation)
{
	cdc_arena *a = cdc_arena_new("t");
	for (int s = 0; s < 2; s++) {
		msg m = relation_msg(s);
		cdc_pgo_msg d = decode(a, &m, s);
		ck_assert_int_eq(d.kind, CDC_PGO_RELATION);
		ck_assert_uint_eq(d.relid, 16384);
		if (s)
			ck_assert_uint_eq(d.xid, 900);
		ck_assert_str_eq(d.nspname, "public");
		ck_assert_str_eq(d.relname, "orders");
		ck_assert_int_eq(d.replident, 'd');
		ck_assert_int_eq(d.ncols, 3);
		ck_assert(d.cols[0].key && !d.cols[1].key && !d.cols[2].key);
		ck_assert_str_eq(d.cols[2].name, "total");
		ck_assert_uint_eq(d.cols[2].type, 1700);
		ck_assert_int_eq(d.cols[2].typmod, (12 << 16 | 2) + 4);
	}
	cdc_arena_free(a);
}
END_TEST

START_TEST(pgo_changes)
{
	cdc_arena *a = cdc_arena_new("t");
	/* insert: NULL, text, and an empty string (not NULL) */
	msg m = {0};
	put8(&m, 'I');
	put32(&m, 16384);
	put8(&m, 'N');
	put16(&m, 3);
	putval(&m, "7");
	put8(&m, 'n');
	putval(&m, "");
	cdc_pgo_msg d = decode(a, &m, false);
	ck_assert_int_eq(d.kind, CDC_PGO_INSERT);
	ck_assert_int_eq(d.new.ncols, 3);
	ck_assert_int_eq(d.new.cols[0].kind, 't');
	ck_assert_uint_eq(d.new.cols[0].len, 1);
	ck_assert(memcmp(d.new.cols[0].data, "7", 1) == 0);
	ck_assert_int_eq(d.new.cols[1].kind, 'n');
	ck_assert_int_eq(d.new.cols[2].kind, 't');
	ck_assert_uint_eq(d.new.cols[2].len, 0);

	/* update of the key with the old key, and a TOASTed column not sent */
	msg u = {0};
	put8(&u, 'U');
	put32(&u, 16384);
	put8(&u, 'K');
	put16(&u, 3);
	putval(&u, "7");
	put8(&u, 'n');
	put8(&u, 'n');
	put8(&u, 'N');
	put16(&u, 3);
	putval(&u, "8");
	put8(&u, 'u');
	putval(&u, "1.50");
	d = decode(a, &u, false);
	ck_assert_int_eq(d.kind, CDC_PGO_UPDATE);
	ck_assert_int_eq(d.old_kind, 'K');
	ck_assert_int_eq(d.old.ncols, 3);
	ck_assert_int_eq(d.new.cols[1].kind, 'u');

	/* update without an old tuple */
	msg u2 = {0};
	put8(&u2, 'U');
	put32(&u2, 16384);
	put8(&u2, 'N');
	put16(&u2, 1);
	putval(&u2, "x");
	d = decode(a, &u2, false);
	ck_assert_int_eq(d.old_kind, 0);

	/* delete with the whole old row (replica identity full), streamed */
	msg x = {0};
	put8(&x, 'D');
	put32(&x, 901);
	put32(&x, 16384);
	put8(&x, 'O');
	put16(&x, 1);
	putval(&x, "7");
	d = decode(a, &x, true);
	ck_assert_int_eq(d.kind, CDC_PGO_DELETE);
	ck_assert(d.streamed);
	ck_assert_uint_eq(d.xid, 901);
	ck_assert_int_eq(d.old_kind, 'O');

	/* truncate of two relations */
	msg t = {0};
	put8(&t, 'T');
	put32(&t, 2);
	put8(&t, 1);
	put32(&t, 16384);
	put32(&t, 16390);
	d = decode(a, &t, false);
	ck_assert_int_eq(d.kind, CDC_PGO_TRUNCATE);
	ck_assert_int_eq(d.nrelids, 2);
	ck_assert_uint_eq(d.relids[1], 16390);
	ck_assert_uint_eq(d.flags, 1);
	cdc_arena_free(a);
}
END_TEST

START_TEST(pgo_stream)
{
	cdc_arena *a = cdc_arena_new("t");
	msg s = {0};
	put8(&s, 'S');
	put32(&s, 900);
	put8(&s, 1);
	cdc_pgo_msg d = decode(a, &s, false);
	ck_assert_int_eq(d.kind, CDC_PGO_STREAM_START);
	ck_assert_uint_eq(d.xid, 900);
	ck_assert(d.first);

	msg e = {0};
	put8(&e, 'E');
	d = decode(a, &e, true);
	ck_assert_int_eq(d.kind, CDC_PGO_STREAM_STOP);

	msg c = {0};
	put8(&c, 'c');
	put32(&c, 900);
	put8(&c, 0);
	put64(&c, 0x5000);
	put64(&c, 0x5040);
	put64(&c, 123);
	d = decode(a, &c, false);
	ck_assert_int_eq(d.kind, CDC_PGO_STREAM_COMMIT);
	ck_assert_uint_eq(d.xid, 900);
	ck_assert_uint_eq(d.lsn, 0x5000);
	ck_assert_uint_eq(d.end_lsn, 0x5040);
	ck_assert_int_eq(d.time, 123);

	msg ab = {0};
	put8(&ab, 'A');
	put32(&ab, 900);
	put32(&ab, 905);
	d = decode(a, &ab, false);
	ck_assert_int_eq(d.kind, CDC_PGO_STREAM_ABORT);
	ck_assert_uint_eq(d.xid, 900);
	ck_assert_uint_eq(d.subxid, 905);
	cdc_arena_free(a);
}
END_TEST

START_TEST(pgo_malformed)
{
	cdc_arena *a = cdc_arena_new("t");
	char why[256];
	cdc_pgo_msg d;
	const uint8_t unknown[] = {'Z', 0, 0};
	ck_assert(!cdc_pgo_decode(unknown, sizeof unknown, false, a, &d, why, sizeof why));
	ck_assert(strlen(why) > 0);
	/* a tuple value longer than the message */
	msg m = {0};
	put8(&m, 'I');
	put32(&m, 1);
	put8(&m, 'N');
	put16(&m, 1);
	put8(&m, 't');
	put32(&m, 1000);
	put8(&m, 'x');
	ck_assert(!cdc_pgo_decode(m.b, m.n, false, a, &d, why, sizeof why));
	/* an unknown tuple column kind */
	msg k = {0};
	put8(&k, 'I');
	put32(&k, 1);
	put8(&k, 'N');
	put16(&k, 1);
	put8(&k, 'q');
	ck_assert(!cdc_pgo_decode(k.b, k.n, false, a, &d, why, sizeof why));
	/* a string without its terminator */
	msg r = relation_msg(false);
	r.n = 12;
	ck_assert(!cdc_pgo_decode(r.b, r.n, false, a, &d, why, sizeof why));
	cdc_arena_free(a);
}
END_TEST

/* ---- batches ------------------------------------------------------------------------ */

static const char batch_pipeline[] =
	"pipeline p { }\n"
	"source s postgres { dsn = env(\"D\")  tables = [public.t] }\n"
	"table s.public.t {\n"
	"  id   bigint primary key\n"
	"  note text\n"
	"  amt  numeric(12,2)\n"
	"}\n"
	"target w postgres { dsn = env(\"W\") }\n"
	"merge s.public.t into w.public.t { deletes = soft(gone) }\n";

typedef struct bfix {
	tunit      u;
	cdc_ir    *ir;
	cdc_batch  b;
	cdc_batch_route *br;
	cdc_arena *a;
} bfix;

static void
bfix_open_as(bfix *f, cdc_dialect d)
{
	tu_compile(&f->u, batch_pipeline);
	ck_assert_ptr_nonnull(f->u.m);
	f->ir = cdc_ir_lower(f->u.a, f->u.d, f->u.m, batch_pipeline, strlen(batch_pipeline), false);
	ck_assert_ptr_nonnull(f->ir);
	cdc_batch_init(&f->b, f->ir, 0, d);
	ck_assert_int_eq(f->b.nroutes, 1);
	f->br = cdc_batch_route_of(&f->b, &f->ir->tables[0], &f->ir->tables[0].routes[0]);
	ck_assert_ptr_nonnull(f->br);
	f->a = cdc_arena_new("values");
}

/* staged as a PostgreSQL target stages: COPY's text format */
static void
bfix_open(bfix *f)
{
	bfix_open_as(f, CDC_DIALECT_POSTGRES);
}

static void
bfix_close(bfix *f)
{
	cdc_batch_free(&f->b);
	cdc_arena_free(f->a);
	tu_free(&f->u);
}

static void
row3(bfix *f, cdc_value *v, int64_t id, const char *note, const char *amt)
{
	v[0] = cdc_val_int(id);
	if (!note)
		v[1] = cdc_val_null();
	else if (strcmp(note, "<unchanged>") == 0)
		v[1].tag = CDC_VAL_UNCHANGED;
	else
		v[1] = cdc_val_text(note, strlen(note));
	const char *why = NULL;
	ck_assert(cdc_val_parse(f->a, f->ir->tables[0].out[2].type, amt, strlen(amt), &v[2], &why));
}

/* The same four changes, staged: NULL, an empty string, the text \N, and quotes, a
 * comma, a tab and a line break; then the counts every format keeps alike. */
static const char *
stage4(bfix *f)
{
	cdc_value v[3];
	row3(f, v, 1, NULL, "1.50");
	cdc_batch_row(&f->b, f->br, CDC_EVOP_INSERT, v);
	row3(f, v, 2, "", "2");
	cdc_batch_row(&f->b, f->br, CDC_EVOP_INSERT, v);
	row3(f, v, 3, "\\N", "-0.5");
	cdc_batch_row(&f->b, f->br, CDC_EVOP_UPDATE, v);
	row3(f, v, 4, "say \"hi\",\tx\r\nbye", "0");
	cdc_batch_row(&f->b, f->br, CDC_EVOP_DELETE, v);
	ck_assert_uint_eq(f->br->nrows, 4);
	ck_assert_uint_eq(f->b.changes, 4);
	ck_assert(!f->br->partial);
	ck_assert(!cdc_batch_empty(&f->b));
	return cdc_buf_str(&f->br->rows);
}

/* PostgreSQL targets: COPY's text format.  NULL is \N; an empty string stays empty and
 * the text \N is escaped; tabs, line breaks and backslashes escaped; the empty mask is
 * an empty field. */
START_TEST(batch_text)
{
	bfix f;
	bfix_open(&f);
	ck_assert_str_eq(stage4(&f),
	                 "1\tI\t\t1\t\\N\t1.50\n"
	                 "2\tI\t\t2\t\t2.00\n"
	                 "3\tU\t\t3\t\\\\N\t-0.50\n"
	                 "4\tD\t\t4\tsay \"hi\",\\tx\\r\\nbye\t0.00\n");
	bfix_close(&f);
}
END_TEST

/* Redshift targets: CSV.  NULL is \N; an empty string and the text \N stay strings;
 * quotes double; the empty mask is quoted. */
START_TEST(batch_csv)
{
	bfix f;
	bfix_open_as(&f, CDC_DIALECT_REDSHIFT);
	ck_assert_str_eq(stage4(&f),
	                 "1,I,\"\",1,\\N,1.50\n"
	                 "2,I,\"\",2,\"\",2.00\n"
	                 "3,U,\"\",3,\"\\N\",-0.50\n"
	                 "4,D,\"\",4,\"say \"\"hi\"\",\tx\r\nbye\",0.00\n");
	bfix_close(&f);
}
END_TEST

START_TEST(batch_unchanged)
{
	bfix f;
	bfix_open(&f);
	cdc_value v[3];
	/* a delete with unsent columns is not partial (only its key counts) */
	row3(&f, v, 1, "<unchanged>", "1");
	cdc_batch_row(&f.b, f.br, CDC_EVOP_DELETE, v);
	ck_assert(!f.br->partial);
	/* an update that left a column unsent: the bitmap marks it, over the route's columns */
	cdc_batch_row(&f.b, f.br, CDC_EVOP_UPDATE, v);
	ck_assert(f.br->partial);
	ck_assert_str_eq(cdc_buf_str(&f.br->rows), "1\tD\t0100\t1\t\\N\t1.00\n2\tU\t0100\t1\t\\N\t1.00\n");
	bfix_close(&f);
}
END_TEST

START_TEST(batch_mark_rewind)
{
	bfix f;
	bfix_open(&f);
	cdc_value v[3];
	row3(&f, v, 1, "a", "1");
	cdc_batch_mark(&f.b);
	cdc_batch_row(&f.b, f.br, CDC_EVOP_INSERT, v);
	cdc_batch_position(&f.b, 0, "0/10");
	cdc_batch_mark(&f.b);
	size_t len = f.br->rows.len;
	/* a transaction with a partial row and a quarantined change, taken out again */
	row3(&f, v, 2, "<unchanged>", "1");
	cdc_batch_row(&f.b, f.br, CDC_EVOP_UPDATE, v);
	cdc_quarantined q = {"s.public.t", "r", "why", 3, "insert", "0/20", NULL, "{}"};
	cdc_batch_quarantine(&f.b, &q);
	ck_assert(f.br->partial);
	ck_assert_int_eq(f.b.nquarantine, 1);
	cdc_batch_rewind(&f.b);
	ck_assert_uint_eq(f.br->rows.len, len);
	ck_assert_uint_eq(f.br->nrows, 1);
	ck_assert(!f.br->partial);
	ck_assert_int_eq(f.b.nquarantine, 0);
	ck_assert_uint_eq(f.b.changes, 1);
	ck_assert_uint_eq(f.b.seq, 1);
	ck_assert_str_eq(f.b.positions[0], "0/10");
	/* reset empties everything */
	cdc_batch_reset(&f.b);
	ck_assert(cdc_batch_empty(&f.b));
	ck_assert_uint_eq(f.br->rows.len, 0);
	/* a position alone makes a batch: the checkpoint of transactions that staged nothing */
	cdc_batch_position(&f.b, 0, "0/30");
	ck_assert(!cdc_batch_empty(&f.b));
	bfix_close(&f);
}
END_TEST

START_TEST(batch_snapshot)
{
	bfix f;
	bfix_open(&f);
	f.b.snapshot = true;
	cdc_value v[3];
	row3(&f, v, 9, "x", "3.25");
	cdc_batch_row(&f.b, f.br, CDC_EVOP_SNAPSHOT, v);
	/* no staging columns, and not the route's own soft-delete flag; PostgreSQL's COPY text
	 * format: tab-separated, backslash, tab and line breaks escaped, NULL \N, and the text
	 * \N stays text */
	ck_assert_str_eq(cdc_buf_str(&f.br->rows), "9\tx\t3.25\n");
	row3(&f, v, 10, "a\tb\\c\nd\re", "1");
	cdc_batch_row(&f.b, f.br, CDC_EVOP_SNAPSHOT, v);
	row3(&f, v, 11, NULL, "2");
	cdc_batch_row(&f.b, f.br, CDC_EVOP_SNAPSHOT, v);
	row3(&f, v, 12, "\\N", "3");
	cdc_batch_row(&f.b, f.br, CDC_EVOP_SNAPSHOT, v);
	ck_assert_str_eq(cdc_buf_str(&f.br->rows), "9\tx\t3.25\n10\ta\\tb\\\\c\\nd\\re\t1.00\n11\t\\N\t2.00\n"
	                                          "12\t\\\\N\t3.00\n");
	cdc_quarantined q = {"s.public.t", "r", "why", 3, "snapshot", "0/20", NULL, "{}"};
	cdc_batch_quarantine(&f.b, &q);
	cdc_batch_clear_rows(&f.b);
	ck_assert_uint_eq(f.br->rows.len, 0);
	ck_assert_uint_eq(f.b.bytes, 0);
	ck_assert_int_eq(f.b.nquarantine, 1);   /* kept for the snapshot's commit */
	bfix_close(&f);
}
END_TEST

/* A snapshot's chunk handed to the worker carries which routes the snapshot copies (the
 * target empties their tables at the first chunk); a reset forgets the copy. */
START_TEST(batch_copy_flags)
{
	bfix f, g;
	bfix_open(&f);
	bfix_open(&g);
	f.b.snapshot = f.b.added = true;
	f.br->copy = true;
	f.b.copy_at = "0/40";
	cdc_value v[3];
	row3(&f, v, 1, "a", "1");
	cdc_batch_row(&f.b, f.br, CDC_EVOP_SNAPSHOT, v);
	cdc_batch_take_rows(&g.b, &f.b);
	ck_assert(g.br->copy);
	ck_assert_str_eq(cdc_buf_str(&g.br->rows), "1\ta\t1.00\n");
	ck_assert_uint_eq(f.br->rows.len, 0);
	ck_assert(f.br->copy);   /* the batch that commits the copy keeps its flags */
	f.br->copy = false;
	cdc_batch_take_rows(&g.b, &f.b);
	ck_assert(!g.br->copy);   /* a later chunk (or snapshot) says it again */
	f.br->copy = true;
	cdc_batch_reset(&f.b);
	ck_assert(!f.br->copy);
	ck_assert(!f.b.snapshot && !f.b.added);
	ck_assert_ptr_null(f.b.copy_at);
	bfix_close(&g);
	bfix_close(&f);
}
END_TEST

static bool
collect(const char *data, size_t n, void *arg)
{
	cdc_buf_put(arg, data, n);
	return true;
}

/* Rows past CDC_BATCH_SPILL go to a temporary file; reading them back gives every row in
 * order, and a rewind to a mark inside the file cuts the file there. */
START_TEST(batch_spill)
{
	bfix f;
	bfix_open(&f);
	cdc_value v[3];
	char note[200];
	memset(note, 'x', sizeof note - 1);
	note[sizeof note - 1] = '\0';
	int n = 0;
	while (f.br->spilled == 0) {
		row3(&f, v, ++n, note, "1");
		cdc_batch_row(&f.b, f.br, CDC_EVOP_INSERT, v);
	}
	int first_spill = n;
	for (int i = 0; i < 10; i++) {
		row3(&f, v, ++n, note, "1");
		cdc_batch_row(&f.b, f.br, CDC_EVOP_INSERT, v);
	}
	ck_assert_uint_eq(f.br->nrows, (uint64_t)n);
	cdc_buf all = CDC_BUF_INIT;
	ck_assert(cdc_batch_route_each(f.br, collect, &all));
	ck_assert_uint_eq(all.len, cdc_batch_route_len(f.br));
	ck_assert(strncmp(all.data, "1\tI\t\t1\t", 7) == 0);
	char last[64];
	snprintf(last, sizeof last, "\n%d\tI\t\t%d\t", n, n);
	ck_assert_ptr_nonnull(strstr(all.data, last));
	/* count the rows read back */
	int lines = 0;
	for (size_t i = 0; i < all.len; i++)
		lines += all.data[i] == '\n';
	ck_assert_int_eq(lines, n);

	/* a mark before the spill: a long transaction after it, spilled, then taken out */
	cdc_batch_reset(&f.b);
	row3(&f, v, 1, "kept", "1");
	cdc_batch_row(&f.b, f.br, CDC_EVOP_INSERT, v);
	cdc_batch_mark(&f.b);
	uint64_t at = cdc_batch_route_len(f.br);
	for (int i = 0; i < first_spill + 5; i++) {
		row3(&f, v, 100 + i, note, "1");
		cdc_batch_row(&f.b, f.br, CDC_EVOP_UPDATE, v);
	}
	ck_assert(f.br->spilled > 0);
	cdc_batch_rewind(&f.b);
	ck_assert_uint_eq(cdc_batch_route_len(f.br), at);
	cdc_buf_truncate(&all, 0);
	ck_assert(cdc_batch_route_each(f.br, collect, &all));
	ck_assert_str_eq(cdc_buf_str(&all), "1\tI\t\t1\tkept\t1.00\n");
	cdc_buf_free(&all);
	bfix_close(&f);
}
END_TEST

/* Values passed through unread (CDC_VAL_RAW): staged as they came, and in a quarantine
 * record's JSON as the typed value would be. */
START_TEST(raw_values)
{
	bfix f;
	bfix_open(&f);
	ck_assert(cdc_stage_identity(&f.ir->tables[0]));
	cdc_value v[3];
	v[0] = cdc_val_raw("42", 2);
	v[1] = cdc_val_text("a,b", 3);
	v[2] = cdc_val_raw("-0.50", 5);
	cdc_batch_row(&f.b, f.br, CDC_EVOP_INSERT, v);
	ck_assert_str_eq(cdc_buf_str(&f.br->rows), "1\tI\t\t42\ta,b\t-0.50\n");
	cdc_buf j = CDC_BUF_INIT;
	cdc_row_json(f.ir->tables[0].cols, 3, v, &j);
	ck_assert_str_eq(cdc_buf_str(&j), "{\"id\": 42, \"note\": \"a,b\", \"amt\": -0.50}");
	cdc_rtype num = {CDC_TY_NUMERIC, 0, 0, -1}, boolean = {CDC_TY_BOOL, 0, 0, -1}, ts = {CDC_TY_TIMESTAMPTZ, 0, 0, -1};
	cdc_buf_truncate(&j, 0);
	cdc_val_json(cdc_val_raw("NaN", 3), num, &j);
	cdc_buf_puts(&j, " ");
	cdc_val_json(cdc_val_raw("t", 1), boolean, &j);
	cdc_buf_puts(&j, " ");
	cdc_val_json(cdc_val_raw("2024-01-01 00:00:00+00", 22), ts, &j);
	ck_assert_str_eq(cdc_buf_str(&j), "\"NaN\" true \"2024-01-01 00:00:00+00\"");
	cdc_buf_free(&j);
	/* which types may pass through: not text (its UTF-8 is checked), not arrays */
	cdc_rtype text = {CDC_TY_TEXT, 0, 0, -1}, arr = {CDC_TY_INT4, 1, 0, -1}, iv = {CDC_TY_INTERVAL, 0, 0, -1};
	ck_assert(cdc_val_raw_type(num) && cdc_val_raw_type(ts) && cdc_val_raw_type(boolean));
	ck_assert(!cdc_val_raw_type(text) && !cdc_val_raw_type(arr) && !cdc_val_raw_type(iv));
	bfix_close(&f);
}
END_TEST

/* ---- schema drift ------------------------------------------------------------------- */

/* A column the source gained and the target added: the run's IR takes it after the
 * declared columns, the route before its own soft-delete flag, the stage passes it
 * through, and the batch stages it; an ignoring target's route stays as compiled. */
START_TEST(drift_grow)
{
	bfix f;
	bfix_open(&f);
	cdc_drift d;
	cdc_drift_init(&d);
	const char *why = NULL;
	/* nothing added: the compiled IR itself */
	cdc_drift_put(&d, 0, 0, "secret", "text", CDC_DRIFT_PRESENT, NULL, false);
	ck_assert_ptr_eq(cdc_drift_ir(f.a, f.ir, &d, &why), f.ir);
	cdc_drift_put(&d, 0, 0, "region", "varchar(8)", CDC_DRIFT_ADDED, "eu", true);
	ck_assert(cdc_drift_dirty(&d));
	const cdc_ir *g = cdc_drift_ir(f.a, f.ir, &d, &why);
	ck_assert_ptr_nonnull(g);
	ck_assert_ptr_ne(g, f.ir);
	const cdc_ir_table *t = &g->tables[0], *t0 = &f.ir->tables[0];
	ck_assert_int_eq(t->ncols, t0->ncols + 1);
	ck_assert_int_eq(t->nout, t0->nout + 1);
	ck_assert_str_eq(t->cols[3].name, "region");
	ck_assert_int_eq(t->cols[3].type.mod, 8);
	const cdc_ir_route *r = &t->routes[0], *r0 = &t0->routes[0];
	ck_assert_int_eq(r->ncols, r0->ncols + 1);
	ck_assert_int_eq(r->nout, 4);
	ck_assert_str_eq(r->cols[3].name, "region");
	ck_assert_int_eq(r0->soft, 3);
	ck_assert_int_eq(r->soft, 4);
	ck_assert_str_eq(r->cols[4].name, "gone");
	/* the compiled IR is untouched */
	ck_assert_int_eq(t0->ncols, 3);
	ck_assert_int_eq(r0->nout, 3);

	/* the stage passes it through; the batch stages it before the flag (which the SQL sets) */
	cdc_arena *ev = cdc_arena_new("event");
	cdc_stage st;
	cdc_stage_init(&st, t, ev);
	cdc_value in[4];
	row3(&f, in, 7, "n", "2.5");
	in[3] = cdc_val_text("us", 2);
	cdc_event_info info = {0};
	info.op = CDC_EVOP_INSERT;
	ck_assert_int_eq(cdc_stage_run(&st, &info, in), CDC_FATE_APPLY);
	cdc_batch b;
	cdc_batch_init(&b, g, 0, CDC_DIALECT_POSTGRES);
	cdc_batch_route *br = cdc_batch_route_of(&b, t, r);
	ck_assert_ptr_nonnull(br);
	cdc_batch_row(&b, br, CDC_EVOP_INSERT, st.out);
	ck_assert_str_eq(cdc_buf_str(&br->rows), "1\tI\t\t7\tn\t2.50\tus\n");
	cdc_batch_free(&b);
	cdc_stage_release(&st);
	cdc_arena_free(ev);

	/* the records: found in any target, per table; states by name */
	ck_assert_ptr_nonnull(cdc_drift_find(&d, 0, "region"));
	ck_assert_ptr_null(cdc_drift_find(&d, 1, "region"));
	ck_assert(cdc_drift_added(&d, 0, 0, "region"));
	ck_assert(!cdc_drift_added(&d, 1, 0, "region"));
	ck_assert_int_eq(cdc_drift_state_parse("ignored"), CDC_DRIFT_IGNORED);
	ck_assert_int_eq(cdc_drift_state_parse("gone"), -1);
	/* forgetting keeps what is still to be written; cleaning marks it written */
	cdc_drift_forget(&d);
	ck_assert_int_eq(d.n, 1);
	cdc_drift_clean(&d);
	ck_assert(!cdc_drift_dirty(&d));
	/* a type cdcc does not read is refused, with its name */
	cdc_drift_put(&d, 0, 0, "shape", "polygon", CDC_DRIFT_ADDED, NULL, false);
	ck_assert_ptr_null(cdc_drift_ir(f.a, f.ir, &d, &why));
	ck_assert_str_eq(why, "polygon");
	cdc_drift_free(&d);
	bfix_close(&f);
}
END_TEST

/* A target new to a table takes the other targets' records: a column one of them added
 * or ignored is added to it when its routes add, ignored otherwise; once each column
 * several targets record; not when it has records of its own, or nobody has. */
START_TEST(drift_adopt)
{
	cdc_drift d;
	cdc_drift_init(&d);
	ck_assert(!cdc_drift_adopt(&d, 2, 0, true));   /* nobody has records of table 0 */
	cdc_drift_put(&d, 0, 0, "id", "integer", CDC_DRIFT_DECLARED, NULL, false);
	cdc_drift_put(&d, 0, 0, "secret", "text", CDC_DRIFT_PRESENT, NULL, false);
	cdc_drift_put(&d, 0, 0, "region", "text", CDC_DRIFT_ADDED, "eu", false);
	cdc_drift_put(&d, 1, 0, "region", "text", CDC_DRIFT_IGNORED, "eu", false);
	cdc_drift_put(&d, 1, 0, "score", "numeric(6,2)", CDC_DRIFT_IGNORED, NULL, false);
	cdc_drift_put(&d, -1, 0, "late", "text", CDC_DRIFT_ADDED, NULL, true);   /* every target's */
	cdc_drift_put(&d, 0, 1, "other", "text", CDC_DRIFT_ADDED, NULL, false);
	int n = d.n;
	ck_assert(cdc_drift_adopt(&d, 2, 0, true));
	ck_assert_int_eq(d.n, n + 4);   /* id, secret, region (once), score; not late, not table 1's */
	ck_assert(cdc_drift_added(&d, 2, 0, "region"));
	ck_assert(cdc_drift_added(&d, 2, 0, "score"));
	ck_assert(!cdc_drift_added(&d, 2, 0, "secret"));
	ck_assert(!cdc_drift_added(&d, 2, 0, "other"));
	for (int i = n; i < d.n; i++) {
		ck_assert_int_eq(d.cols[i].target, 2);
		ck_assert(d.cols[i].dirty);
		if (strcmp(d.cols[i].name, "region") == 0)
			ck_assert_str_eq(d.cols[i].missing, "eu");
		if (strcmp(d.cols[i].name, "id") == 0)
			ck_assert_int_eq(d.cols[i].state, CDC_DRIFT_DECLARED);
	}
	ck_assert(!cdc_drift_adopt(&d, 2, 0, true));   /* it has records now */
	/* a target whose routes ignore new columns */
	ck_assert(cdc_drift_adopt(&d, 3, 0, false));
	ck_assert(!cdc_drift_added(&d, 3, 0, "region"));
	const cdc_drift_col *c = NULL;
	for (int i = 0; i < d.n; i++)
		if (d.cols[i].target == 3 && strcmp(d.cols[i].name, "region") == 0)
			c = &d.cols[i];
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->state, CDC_DRIFT_IGNORED);
	/* records enough that taking them grows the array under the loop */
	char name[16];
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "c%d", i);
		cdc_drift_put(&d, 0, 5, name, "integer", i % 2 ? CDC_DRIFT_ADDED : CDC_DRIFT_DECLARED, NULL, false);
	}
	n = d.n;
	ck_assert(cdc_drift_adopt(&d, 1, 5, true));
	ck_assert_int_eq(d.n, n + 40);
	for (int i = 0; i < 40; i++) {
		const cdc_drift_col *x = &d.cols[n + i];
		snprintf(name, sizeof name, "c%d", i);
		ck_assert_str_eq(x->name, name);
		ck_assert_int_eq(x->target, 1);
		ck_assert_int_eq(x->state, i % 2 ? CDC_DRIFT_ADDED : CDC_DRIFT_DECLARED);
	}
	cdc_drift_free(&d);
}
END_TEST

Suite *
runtime_suite(void)
{
	Suite *s = suite_create("runtime");
	TCase *tc = tcase_create("pgoutput");
	tcase_add_test(tc, lsn_text);
	tcase_add_test(tc, pgo_begin_commit);
	tcase_add_test(tc, pgo_relation);
	tcase_add_test(tc, pgo_changes);
	tcase_add_test(tc, pgo_stream);
	tcase_add_test(tc, pgo_malformed);
	suite_add_tcase(s, tc);
	tc = tcase_create("batch");
	tcase_add_test(tc, batch_text);
	tcase_add_test(tc, batch_csv);
	tcase_add_test(tc, drift_grow);
	tcase_add_test(tc, drift_adopt);
	tcase_add_test(tc, raw_values);
	tcase_add_test(tc, batch_unchanged);
	tcase_add_test(tc, batch_mark_rewind);
	tcase_add_test(tc, batch_snapshot);
	tcase_add_test(tc, batch_copy_flags);
	tcase_add_test(tc, batch_spill);
	suite_add_tcase(s, tc);
	return s;
}
