/*
 * runtime/pgoutput.c — decoding pgoutput messages (see pgoutput.h).
 */
#include "runtime/pgoutput.h"
#include "runtime/arena.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* upper-case hex without leading zeros, as PostgreSQL prints a pg_lsn */
static char *
put_hex32(char *o, uint32_t v)
{
	int shift = 28;
	while (shift > 0 && (v >> shift) == 0)
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		*o++ = "0123456789ABCDEF"[(v >> shift) & 15];
	return o;
}

/* Without snprintf: every change's position is formatted, and printf cost a twentieth of
 * the client's decode. */
void
cdc_lsn_format(cdc_lsn lsn, char out[CDC_LSN_TEXT])
{
	char *o = put_hex32(out, (uint32_t)(lsn >> 32));
	*o++ = '/';
	o = put_hex32(o, (uint32_t)lsn);
	*o = '\0';
}

bool
cdc_lsn_parse(const char *s, cdc_lsn *out)
{
	uint64_t hi = 0, lo = 0;
	int nhi = 0, nlo = 0;
	const char *p = s;
	for (; *p && *p != '/'; p++, nhi++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0' : *p >= 'A' && *p <= 'F' ? *p - 'A' + 10
		      : *p >= 'a' && *p <= 'f' ? *p - 'a' + 10 : -1;
		if (d < 0 || nhi >= 8)
			return false;
		hi = hi * 16 + (uint64_t)d;
	}
	if (*p != '/' || nhi == 0)
		return false;
	for (p++; *p; p++, nlo++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0' : *p >= 'A' && *p <= 'F' ? *p - 'A' + 10
		      : *p >= 'a' && *p <= 'f' ? *p - 'a' + 10 : -1;
		if (d < 0 || nlo >= 8)
			return false;
		lo = lo * 16 + (uint64_t)d;
	}
	if (nlo == 0)
		return false;
	*out = hi << 32 | lo;
	return true;
}

uint64_t
cdc_pgo_get64(const uint8_t *p)
{
	return (uint64_t)cdc_pgo_get32(p) << 32 | cdc_pgo_get32(p + 4);
}

uint32_t
cdc_pgo_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void
cdc_pgo_put64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* A reader over one message: every read checks the length, and the first failure is
 * kept (later reads return zeroes), so decoders read straight through and check once. */
typedef struct rd {
	const uint8_t *p, *end;
	const char    *bad;
} rd;

static bool
need(rd *r, size_t n, const char *what)
{
	if (r->bad)
		return false;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = what;
		return false;
	}
	return true;
}

static uint8_t
u8(rd *r, const char *what)
{
	if (!need(r, 1, what))
		return 0;
	return *r->p++;
}

static uint32_t
u16(rd *r, const char *what)
{
	if (!need(r, 2, what))
		return 0;
	uint32_t v = (uint32_t)r->p[0] << 8 | r->p[1];
	r->p += 2;
	return v;
}

static uint32_t
u32(rd *r, const char *what)
{
	if (!need(r, 4, what))
		return 0;
	uint32_t v = cdc_pgo_get32(r->p);
	r->p += 4;
	return v;
}

static uint64_t
u64(rd *r, const char *what)
{
	if (!need(r, 8, what))
		return 0;
	uint64_t v = cdc_pgo_get64(r->p);
	r->p += 8;
	return v;
}

static const char *
str(rd *r, const char *what)
{
	if (r->bad)
		return "";
	const uint8_t *nul = memchr(r->p, '\0', (size_t)(r->end - r->p));
	if (!nul) {
		r->bad = what;
		return "";
	}
	const char *s = (const char *)r->p;
	r->p = nul + 1;
	return s;
}

static void
tuple(rd *r, cdc_arena *a, cdc_pgo_tuple *t)
{
	t->ncols = (int)u16(r, "tuple column count");
	t->cols = cdc_arena_zalloc(a, ((size_t)t->ncols + 1) * sizeof *t->cols);
	for (int i = 0; i < t->ncols && !r->bad; i++) {
		cdc_pgo_value *v = &t->cols[i];
		v->kind = (char)u8(r, "tuple column kind");
		switch (v->kind) {
		case 'n':
		case 'u':
			break;
		case 't':
		case 'b':
			v->len = u32(r, "tuple value length");
			if (need(r, v->len, "tuple value")) {
				v->data = (const char *)r->p;
				r->p += v->len;
			}
			break;
		default:
			if (!r->bad)
				r->bad = "tuple column kind (not n, u, t or b)";
			break;
		}
	}
}

bool
cdc_pgo_decode(const uint8_t *buf, size_t len, bool in_stream, cdc_arena *a, cdc_pgo_msg *out, char *why,
               size_t whylen)
{
	memset(out, 0, sizeof *out);
	rd R = {buf, buf + len, NULL}, *r = &R;
	out->kind = (cdc_pgo_kind)u8(r, "message type");
	switch (out->kind) {
	case CDC_PGO_BEGIN:
		out->lsn = u64(r, "Begin final LSN");
		out->time = (int64_t)u64(r, "Begin commit time");
		out->xid = u32(r, "Begin xid");
		break;
	case CDC_PGO_COMMIT:
		out->flags = u8(r, "Commit flags");
		out->lsn = u64(r, "Commit LSN");
		out->end_lsn = u64(r, "Commit end LSN");
		out->time = (int64_t)u64(r, "Commit time");
		break;
	case CDC_PGO_ORIGIN:
		out->lsn = u64(r, "Origin LSN");
		out->prefix = str(r, "Origin name");
		break;
	case CDC_PGO_STREAM_START:
		out->xid = u32(r, "Stream Start xid");
		out->first = u8(r, "Stream Start flag") == 1;
		break;
	case CDC_PGO_STREAM_STOP:
		break;
	case CDC_PGO_STREAM_COMMIT:
		out->xid = u32(r, "Stream Commit xid");
		out->flags = u8(r, "Stream Commit flags");
		out->lsn = u64(r, "Stream Commit LSN");
		out->end_lsn = u64(r, "Stream Commit end LSN");
		out->time = (int64_t)u64(r, "Stream Commit time");
		break;
	case CDC_PGO_STREAM_ABORT:
		out->xid = u32(r, "Stream Abort xid");
		out->subxid = u32(r, "Stream Abort subtransaction xid");
		break;
	case CDC_PGO_RELATION:
	case CDC_PGO_TYPE:
	case CDC_PGO_INSERT:
	case CDC_PGO_UPDATE:
	case CDC_PGO_DELETE:
	case CDC_PGO_TRUNCATE:
	case CDC_PGO_MESSAGE:
		if (in_stream) {
			out->streamed = true;
			out->xid = u32(r, "streamed message xid");
		}
		switch (out->kind) {
		case CDC_PGO_RELATION:
			out->relid = u32(r, "Relation id");
			out->nspname = str(r, "Relation namespace");
			out->relname = str(r, "Relation name");
			out->replident = (char)u8(r, "Relation replica identity");
			out->ncols = (int)u16(r, "Relation column count");
			out->cols = cdc_arena_zalloc(a, ((size_t)out->ncols + 1) * sizeof *out->cols);
			for (int i = 0; i < out->ncols && !r->bad; i++) {
				out->cols[i].key = (u8(r, "Relation column flags") & 1) != 0;
				out->cols[i].name = str(r, "Relation column name");
				out->cols[i].type = u32(r, "Relation column type");
				out->cols[i].typmod = (int32_t)u32(r, "Relation column type modifier");
			}
			break;
		case CDC_PGO_TYPE:
			out->relid = u32(r, "Type id");
			out->nspname = str(r, "Type namespace");
			out->relname = str(r, "Type name");
			break;
		case CDC_PGO_INSERT:
			out->relid = u32(r, "Insert relation id");
			if (u8(r, "Insert tuple marker") != 'N' && !r->bad)
				r->bad = "Insert tuple marker (not N)";
			tuple(r, a, &out->new);
			break;
		case CDC_PGO_UPDATE: {
			out->relid = u32(r, "Update relation id");
			char m = (char)u8(r, "Update tuple marker");
			if (m == 'K' || m == 'O') {
				out->old_kind = m;
				tuple(r, a, &out->old);
				m = (char)u8(r, "Update new tuple marker");
			}
			if (m != 'N' && !r->bad)
				r->bad = "Update tuple marker (not K, O or N)";
			tuple(r, a, &out->new);
			break;
		}
		case CDC_PGO_DELETE: {
			out->relid = u32(r, "Delete relation id");
			char m = (char)u8(r, "Delete tuple marker");
			if (m != 'K' && m != 'O' && !r->bad)
				r->bad = "Delete tuple marker (not K or O)";
			out->old_kind = m;
			tuple(r, a, &out->old);
			break;
		}
		case CDC_PGO_TRUNCATE:
			out->nrelids = (int)u32(r, "Truncate relation count");
			out->flags = u8(r, "Truncate options");
			if (out->nrelids < 0 || (size_t)out->nrelids > len / 4) {
				r->bad = "Truncate relation count";
				break;
			}
			out->relids = cdc_arena_zalloc(a, ((size_t)out->nrelids + 1) * sizeof *out->relids);
			for (int i = 0; i < out->nrelids && !r->bad; i++)
				out->relids[i] = u32(r, "Truncate relation id");
			break;
		case CDC_PGO_MESSAGE:
			out->flags = u8(r, "Message flags");
			out->lsn = u64(r, "Message LSN");
			out->prefix = str(r, "Message prefix");
			out->content_len = u32(r, "Message length");
			if (need(r, out->content_len, "Message content")) {
				out->content = (const char *)r->p;
				r->p += out->content_len;
			}
			break;
		default:
			break;
		}
		break;
	default:
		snprintf(why, whylen, "unknown pgoutput message type 0x%02x", (unsigned)(uint8_t)out->kind);
		return false;
	}
	if (r->bad) {
		snprintf(why, whylen, "pgoutput message '%c' is malformed: %s", (char)out->kind, r->bad);
		return false;
	}
	return true;
}
