/*
 * runtime/value.c — values: text forms, casts, ordering, hashing.
 *
 * Text forms are PostgreSQL's (DateStyle ISO, IntervalStyle postgres, TimeZone UTC,
 * bytea_output hex, extra_float_digits 1): what pgoutput delivers, what COPY reads back,
 * and what tests and plans show, so a value survives every hop unchanged.
 */
#include "runtime/value.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/datetime.h"
#include "runtime/json.h"
#include "runtime/numeric.h"
#include "runtime/typeids.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

cdc_vtag
cdc_val_tag_of(cdc_rtype t)
{
	if (t.array)
		return CDC_VAL_ARRAY;
	switch (t.id) {
	case CDC_TY_BOOL: return CDC_VAL_BOOL;
	case CDC_TY_INT2: case CDC_TY_INT4: case CDC_TY_INT8: return CDC_VAL_INT;
	case CDC_TY_NUMERIC: return CDC_VAL_NUM;
	case CDC_TY_FLOAT4: case CDC_TY_FLOAT8: return CDC_VAL_FLOAT;
	case CDC_TY_BYTEA: return CDC_VAL_BYTES;
	case CDC_TY_DATE: return CDC_VAL_DATE;
	case CDC_TY_TIME: return CDC_VAL_TIME;
	case CDC_TY_TIMETZ: return CDC_VAL_TIMETZ;
	case CDC_TY_TIMESTAMP: return CDC_VAL_TS;
	case CDC_TY_TIMESTAMPTZ: return CDC_VAL_TSTZ;
	case CDC_TY_INTERVAL: return CDC_VAL_INTERVAL;
	case CDC_TY_UUID: return CDC_VAL_UUID;
	case CDC_TY_JSON: case CDC_TY_JSONB: return CDC_VAL_JSON;
	default: return CDC_VAL_TEXT;
	}
}

/* ---- floats: the shortest text that reads back as the same value ----------------------- */

/* PostgreSQL (extra_float_digits = 1) prints the shortest decimal that round-trips, in
 * positional notation for decimal exponents from -4 up to 14 (6 for real), else as
 * d.ddde+XX. */
/*
 * Is the decimal candidate `e` ("d.ddde+XX", the sign of d) exactly halfway between d
 * and its neighbour?  A midpoint has one binary digit more than d, so a decimal of at
 * most 17 digits can equal it only where the midpoint is an integer: |d| >= 2^53 for a
 * double (2^24 for a real).  There both are compared exactly as 128-bit integers (up
 * to 2^127; beyond, where a short decimal midpoint needs d to be a multiple of a large
 * power of 5, this is not checked).
 */
static bool
on_midpoint(double d, bool single, const char *e)
{
	double ad = fabs(d);
	if (ad < (single ? 16777216.0 : 9007199254740992.0) || ad >= 1.0e38)
		return false;
	unsigned __int128 c = 0;
	int ndigits = 0;
	const char *p = e;
	for (; *p && *p != 'e'; p++)
		if (isdigit((unsigned char)*p)) {
			c = c * 10 + (unsigned)(*p - '0');
			ndigits++;
		}
	if (*p != 'e')
		return false;
	int shift = atoi(p + 1) - (ndigits - 1);
	if (shift < 0)
		return false;   /* not an integer */
	for (; shift > 0; shift--) {
		if (c > ((unsigned __int128)1 << 123))
			return false;
		c *= 10;
	}
	unsigned __int128 di = (unsigned __int128)ad, ni;
	if (single) {
		float f = (float)ad;
		ni = (unsigned __int128)nextafterf(f, c > di ? INFINITY : 0.0f);
	} else {
		ni = (unsigned __int128)nextafter(ad, c > di ? INFINITY : 0.0);
	}
	return c != di && 2 * c == di + ni;
}

static void
format_float(double d, bool single, cdc_buf *out)
{
	if (isnan(d)) {
		cdc_buf_puts(out, "NaN");
		return;
	}
	if (isinf(d)) {
		cdc_buf_puts(out, d < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (d == 0) {
		cdc_buf_puts(out, signbit(d) ? "-0" : "0");
		return;
	}
	char e[64];
	int maxp = single ? 9 : 17;
	for (int p = 1; p <= maxp; p++) {
		snprintf(e, sizeof e, "%.*e", p - 1, d);
		/* strtof for real: through a double, a candidate could round twice */
		if (single ? strtof(e, NULL) == (float)d : strtod(e, NULL) == d) {
			/* PostgreSQL's shortest output (its Ryu) does not take a candidate that lies
			 * exactly halfway to the neighbouring value, even where reading it back
			 * rounds to this one; so neither do we. */
			if (on_midpoint(d, single, e))
				continue;
			break;
		}
	}
	/* e is "-d.ddde+XX": split digits and exponent */
	const char *p = e;
	bool neg = *p == '-';
	if (neg)
		p++;
	char digits[32];
	int nd = 0;
	for (; *p && *p != 'e'; p++)
		if (isdigit((unsigned char)*p))
			digits[nd++] = *p;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	int exp = atoi(p + 1);
	if (neg)
		cdc_buf_putc(out, '-');
	if (exp < -4 || exp >= (single ? 6 : 15)) {
		cdc_buf_putc(out, digits[0]);
		if (nd > 1) {
			cdc_buf_putc(out, '.');
			cdc_buf_put(out, digits + 1, (size_t)nd - 1);
		}
		cdc_buf_printf(out, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
	} else if (exp < 0) {
		cdc_buf_puts(out, "0.");
		cdc_buf_pad(out, '0', (size_t)(-exp - 1));
		cdc_buf_put(out, digits, (size_t)nd);
	} else {
		for (int i = 0; i <= exp || i < nd; i++) {
			if (i == exp + 1)
				cdc_buf_putc(out, '.');
			cdc_buf_putc(out, i < nd ? digits[i] : '0');
		}
	}
}

static bool
parse_float(const char *s, size_t n, bool single, double *out, const char **why)
{
	char buf[128];
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof buf) {
		*why = "invalid input syntax for type double precision";
		return false;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	const char *t = buf + (buf[0] == '+' || buf[0] == '-');
	if (strcasecmp(t, "nan") == 0) {
		*out = NAN;
		return true;
	}
	if (strcasecmp(t, "infinity") == 0 || strcasecmp(t, "inf") == 0) {
		*out = buf[0] == '-' ? -INFINITY : INFINITY;
		return true;
	}
	char *end;
	errno = 0;
	/* real reads with strtof: rounding through a double first could round twice */
	double d = single ? (double)strtof(buf, &end) : strtod(buf, &end);
	if (*end || end == buf || (!isdigit((unsigned char)*t) && *t != '.')) {
		*why = single ? "invalid input syntax for type real" : "invalid input syntax for type double precision";
		return false;
	}
	/* PostgreSQL's float4in/float8in: out of range is an error both ways, overflow and
	 * underflow to zero ('1e-400'); a denormal result (ERANGE, not zero) is accepted */
	if (errno == ERANGE && (d == 0.0 || isinf(d))) {
		*why = single ? "value out of range for type real" : "value out of range for type double precision";
		return false;
	}
	*out = d;
	return true;
}

/* ---- fractional-second precision: timestamp(p), time(p) ------------------------------ */

/* PostgreSQL's MIN_TIMESTAMP and END_TIMESTAMP (4714-11-24 BC, 294277-01-01). */
#define TS_MIN INT64_C(-211813488000000000)
#define TS_END INT64_C(9223371331200000000)

/* Rounds to t's fractional digits as PostgreSQL's AdjustTimestampForTypmod and
 * AdjustTimeForTypmod do: half away from zero, so '23:59:59.99'::time(1) is 24:00:00 and
 * '...00.5'::timestamp(0) the next second.  Without a precision (or 6) nothing changes. */
static bool
fit_precision(cdc_value *v, cdc_rtype t, const char **why)
{
	static const int64_t scale[] = {1000000, 100000, 10000, 1000, 100, 10};
	if (t.array || t.mod < 0 || t.mod >= 6)
		return true;
	if (v->tag != CDC_VAL_TS && v->tag != CDC_VAL_TSTZ && v->tag != CDC_VAL_TIME && v->tag != CDC_VAL_TIMETZ)
		return true;
	int64_t us = v->u.i, k = scale[t.mod], half = k / 2;
	if (us == CDC_DT_NOBEGIN || us == CDC_DT_NOEND)
		return true;
	us = us >= 0 ? (us + half) / k * k : -((-us + half) / k * k);
	if ((v->tag == CDC_VAL_TS || v->tag == CDC_VAL_TSTZ) && (us < TS_MIN || us >= TS_END)) {
		*why = "timestamp out of range";
		return false;
	}
	v->u.i = us;
	return true;
}

/* ---- text forms --------------------------------------------------------------------- */

void
cdc_val_format(cdc_value v, cdc_rtype t, cdc_buf *out)
{
	char buf[128];
	size_t n;
	switch (v.tag) {
	case CDC_VAL_NULL:
	case CDC_VAL_UNCHANGED:
		return;
	case CDC_VAL_BOOL:
		cdc_buf_putc(out, v.u.i ? 't' : 'f');
		return;
	case CDC_VAL_INT: {
		/* by hand: printf was a tenth of a snapshot's time */
		uint64_t u = v.u.i < 0 ? 0 - (uint64_t)v.u.i : (uint64_t)v.u.i;
		char *p = buf + sizeof buf;
		do
			*--p = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		if (v.u.i < 0)
			*--p = '-';
		cdc_buf_put(out, p, (size_t)(buf + sizeof buf - p));
		return;
	}
	case CDC_VAL_NUM:
		n = cdc_num_format(cdc_val_as_num(v), buf, sizeof buf);
		cdc_buf_put(out, buf, n < sizeof buf ? n : sizeof buf - 1);
		return;
	case CDC_VAL_FLOAT:
		format_float(v.u.f, t.id == CDC_TY_FLOAT4, out);
		return;
	case CDC_VAL_BYTES:
		cdc_buf_puts(out, "\\x");
		for (uint32_t i = 0; i < v.u.s.len; i++)
			cdc_buf_printf(out, "%02x", (unsigned char)v.u.s.p[i]);
		return;
	case CDC_VAL_DATE:
		n = cdc_dt_format_date((int32_t)v.u.i, buf, sizeof buf);
		break;
	case CDC_VAL_TIME:
		n = cdc_dt_format_time(v.u.i, buf, sizeof buf);
		break;
	case CDC_VAL_TIMETZ:
		n = cdc_dt_format_timetz(v.u.i, v.aux, buf, sizeof buf);
		break;
	case CDC_VAL_TS:
		n = cdc_dt_format_timestamp(v.u.i, buf, sizeof buf);
		break;
	case CDC_VAL_TSTZ:
		n = cdc_dt_format_timestamptz(v.u.i, buf, sizeof buf);
		break;
	case CDC_VAL_INTERVAL:
		n = cdc_dt_format_interval(cdc_val_as_interval(v), buf, sizeof buf);
		break;
	case CDC_VAL_UUID:
		for (int i = 0; i < 16; i++) {
			if (i == 4 || i == 6 || i == 8 || i == 10)
				cdc_buf_putc(out, '-');
			cdc_buf_printf(out, "%02x", v.u.uuid[i]);
		}
		return;
	default:        /* TEXT, JSON, ARRAY */
		cdc_buf_put(out, v.u.s.p, v.u.s.len);
		return;
	}
	cdc_buf_put(out, buf, n < sizeof buf ? n : sizeof buf - 1);
}

static size_t
utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* The byte length of the first `chars` characters of s. */
static size_t
utf8_prefix(const char *s, size_t n, size_t chars)
{
	size_t i = 0;
	for (size_t c = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (c == chars)
				break;
			c++;
		}
	}
	return i;
}

/* char(n) and varchar(n), as PostgreSQL assigns them: too long is an error unless only
 * spaces are cut; char(n) pads with spaces. */
static bool
fit_string(cdc_arena *a, cdc_value *v, cdc_rtype t, bool explicit_cast, const char **why)
{
	if ((t.id != CDC_TY_CHAR && t.id != CDC_TY_VARCHAR) || t.mod < 0)
		return true;
	size_t len = utf8_chars(v->u.s.p, v->u.s.len);
	if (len > (size_t)t.mod) {
		size_t keep = utf8_prefix(v->u.s.p, v->u.s.len, (size_t)t.mod);
		for (size_t i = keep; i < v->u.s.len && !explicit_cast; i++)
			if (v->u.s.p[i] != ' ') {
				*why = t.id == CDC_TY_CHAR ? "value too long for type character" : "value too long for type character varying";
				return false;
			}
		v->u.s.len = (uint32_t)keep;
		len = (size_t)t.mod;
	}
	if (t.id == CDC_TY_CHAR && len < (size_t)t.mod) {
		size_t pad = (size_t)t.mod - len;
		char *p = cdc_arena_alloc(a, v->u.s.len + pad);
		memcpy(p, v->u.s.p, v->u.s.len);
		memset(p + v->u.s.len, ' ', pad);
		v->u.s.p = p;
		v->u.s.len += (uint32_t)pad;
	}
	return true;
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool
parse_bytea(cdc_arena *a, const char *s, size_t n, cdc_value *out, const char **why)
{
	char *p = cdc_arena_alloc(a, n + 1);
	size_t k = 0;
	if (n >= 2 && s[0] == '\\' && s[1] == 'x') {
		for (size_t i = 2; i < n;) {
			if (isspace((unsigned char)s[i])) {
				i++;
				continue;
			}
			/* PostgreSQL's hex_decode and its two messages */
			int h = hexval(s[i]), l = i + 1 < n ? hexval(s[i + 1]) : -2;
			if (h < 0 || l == -1) {
				*why = "invalid hexadecimal digit";
				return false;
			}
			if (l == -2) {
				*why = "invalid hexadecimal data: odd number of digits";
				return false;
			}
			p[k++] = (char)(h * 16 + l);
			i += 2;
		}
	} else {                                 /* escape format: \\ and \ooo */
		for (size_t i = 0; i < n; i++) {
			if (s[i] != '\\') {
				p[k++] = s[i];
			} else if (i + 1 < n && s[i + 1] == '\\') {
				p[k++] = '\\';
				i++;
			} else if (i + 3 < n + 0 && s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' &&
			           s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
				p[k++] = (char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
				i += 3;
			} else {
				*why = "invalid input syntax for type bytea";
				return false;
			}
		}
	}
	*out = (cdc_value){0};
	out->tag = CDC_VAL_BYTES;
	out->u.s.p = p;
	out->u.s.len = (uint32_t)k;
	return true;
}

static bool
parse_uuid(const char *s, size_t n, cdc_value *out, const char **why)
{
	cdc_value v = {0};
	v.tag = CDC_VAL_UUID;
	size_t i = 0, k = 0;
	bool brace = n && s[0] == '{';
	i += brace;
	while (i < n && k < 32) {
		if (s[i] == '-' && k && k % 4 == 0) {
			i++;
			continue;
		}
		int h = hexval(s[i]);
		if (h < 0)
			break;
		v.u.uuid[k / 2] = (uint8_t)(k % 2 ? (v.u.uuid[k / 2] | h) : h << 4);
		k++;
		i++;
	}
	if (brace && i < n && s[i] == '}')
		i++;
	if (k != 32 || i != n) {
		*why = "invalid input syntax for type uuid";
		return false;
	}
	*out = v;
	return true;
}

/*
 * Is s[0..n) valid UTF-8 without NUL bytes, as PostgreSQL requires of text in a UTF8
 * database?  Overlong forms, encoded surrogates and code points above U+10FFFF are
 * invalid (Unicode table 3-7).  On failure *why says which byte, as PostgreSQL does.
 */
static bool
utf8_valid(const char *s, size_t n, const char **why)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		size_t len;
		unsigned char lo = 0x80, hi = 0xBF;
		if (c == 0) {
			*why = "invalid byte sequence for encoding \"UTF8\": 0x00";
			return false;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c < 0xE0)
			len = 2;
		else if (c >= 0xE0 && c < 0xF0) {
			len = 3;
			lo = c == 0xE0 ? 0xA0 : 0x80;
			hi = c == 0xED ? 0x9F : 0xBF;
		} else if (c >= 0xF0 && c < 0xF5) {
			len = 4;
			lo = c == 0xF0 ? 0x90 : 0x80;
			hi = c == 0xF4 ? 0x8F : 0xBF;
		} else {
			*why = "invalid byte sequence for encoding \"UTF8\"";
			return false;
		}
		if (len > n - i) {
			*why = "incomplete multibyte character for encoding \"UTF8\"";
			return false;
		}
		for (size_t k = 1; k < len; k++) {
			if (p[i + k] < lo || p[i + k] > hi) {
				*why = "invalid byte sequence for encoding \"UTF8\"";
				return false;
			}
			lo = 0x80;
			hi = 0xBF;
		}
		i += len;
	}
	return true;
}

static const char *
copy_text(cdc_arena *a, const char *s, size_t n)
{
	return cdc_arena_strndup(a, s, n);
}

/* ---- arrays: PostgreSQL's array text form, checked element by element ----------------- */

/* array_in's and array_out's blanks */
static bool
arr_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* One element's text as array_out writes it: quoted when it is empty, spells NULL, or
 * holds a blank or one of "\{}, ; quotes and backslashes escaped inside the quotes. */
static void
arr_put_elem(cdc_buf *out, const char *p, size_t n)
{
	bool quote = n == 0 || (n == 4 && strncasecmp(p, "NULL", 4) == 0);
	for (size_t k = 0; k < n && !quote; k++)
		quote = p[k] == '"' || p[k] == '\\' || p[k] == '{' || p[k] == '}' || p[k] == ',' || arr_space(p[k]);
	if (!quote) {
		cdc_buf_put(out, p, n);
		return;
	}
	cdc_buf_putc(out, '"');
	for (size_t k = 0; k < n; k++) {
		if (p[k] == '"' || p[k] == '\\')
			cdc_buf_putc(out, '\\');
		cdc_buf_putc(out, p[k]);
	}
	cdc_buf_putc(out, '"');
}

typedef struct arr_reader {
	cdc_arena  *a;
	cdc_rtype   from, to;   /* element types: read as `from`, written as `to` */
	const char *s;
	size_t      n, i;
	cdc_buf    *out;        /* the canonical text */
	cdc_buf     item;       /* the element being read, unescaped */
	long        dims[6];    /* elements per level, to check the array is rectangular */
	int         ndims;      /* the level of the scalars, plus one; 0 until one is seen */
	const char *why;
} arr_reader;

static bool
arr_malformed(arr_reader *r)
{
	r->why = "malformed array literal";
	return false;
}

/* Reads the element at r->i (quoted, unquoted, with backslash escapes) and writes it. */
static bool
arr_element(arr_reader *r)
{
	cdc_buf_truncate(&r->item, 0);
	bool quoted = false, literal = false;   /* literal: some of it was quoted or escaped */
	size_t keep = 0;                        /* without unquoted trailing blanks */
	while (r->i < r->n) {
		char ch = r->s[r->i];
		if (!quoted && (ch == ',' || ch == '}'))
			break;
		if (!quoted && ch == '{')
			return arr_malformed(r);
		r->i++;
		if (ch == '\\') {
			if (r->i >= r->n)
				return arr_malformed(r);
			cdc_buf_putc(&r->item, r->s[r->i++]);
			literal = true;
			keep = r->item.len;
		} else if (ch == '"') {
			quoted = !quoted;
			literal = true;
			keep = r->item.len;
		} else {
			cdc_buf_putc(&r->item, ch);
			if (quoted || !arr_space(ch))
				keep = r->item.len;
		}
	}
	if (quoted || (keep == 0 && !literal))
		return arr_malformed(r);
	cdc_buf_truncate(&r->item, keep);
	const char *p = r->item.data ? r->item.data : "";
	if (!literal && keep == 4 && strncasecmp(p, "NULL", 4) == 0) {
		cdc_buf_puts(r->out, "NULL");
		return true;
	}
	cdc_value v;
	if (!cdc_val_parse(r->a, r->from, p, keep, &v, &r->why))
		return false;
	if (memcmp(&r->from, &r->to, sizeof r->from) != 0 && !cdc_val_cast(r->a, v, r->from, r->to, &v, &r->why))
		return false;
	cdc_buf t = CDC_BUF_INIT;
	cdc_val_format(v, r->to, &t);
	arr_put_elem(r->out, cdc_buf_str(&t), t.len);
	cdc_buf_free(&t);
	return true;
}

/* One level of braces at r->i, sub-arrays included. */
static bool
arr_level(arr_reader *r, int depth)
{
	if (depth >= 6) {
		r->why = "number of array dimensions exceeds the maximum allowed (6)";
		return false;
	}
	r->i++;                               /* '{' */
	cdc_buf_putc(r->out, '{');
	long count = 0;
	int kind = 0;                         /* 1: scalars, 2: sub-arrays */
	while (r->i < r->n && arr_space(r->s[r->i]))
		r->i++;
	if (r->i < r->n && r->s[r->i] == '}') {
		r->i++;
		cdc_buf_putc(r->out, '}');
		return depth == 0 ? true : arr_malformed(r);   /* '{}' only as a whole, empty array */
	}
	for (;;) {
		while (r->i < r->n && arr_space(r->s[r->i]))
			r->i++;
		if (r->i >= r->n)
			return arr_malformed(r);
		if (r->s[r->i] == '{') {
			if (kind == 1 || !arr_level(r, depth + 1))
				return kind == 1 ? arr_malformed(r) : false;
			kind = 2;
		} else {
			if (kind == 2 || !arr_element(r))
				return kind == 2 ? arr_malformed(r) : false;
			kind = 1;
		}
		count++;
		while (r->i < r->n && arr_space(r->s[r->i]))
			r->i++;
		if (r->i < r->n && r->s[r->i] == ',') {
			r->i++;
			cdc_buf_putc(r->out, ',');
			continue;
		}
		if (r->i < r->n && r->s[r->i] == '}') {
			r->i++;
			break;
		}
		return arr_malformed(r);
	}
	cdc_buf_putc(r->out, '}');
	/* every sub-array of a level has as many elements, and scalars are all at one level */
	if (r->dims[depth] == 0)
		r->dims[depth] = count;
	else if (r->dims[depth] != count)
		return arr_malformed(r);
	if (kind == 1 && r->ndims == 0)
		r->ndims = depth + 1;
	else if (kind == 1 && r->ndims != depth + 1)
		return arr_malformed(r);
	return true;
}

/*
 * Reads an array's text form with elements of type `from`, converting each to `to`, into
 * its canonical text ("{ 1, 2 }" as int[] is "{1,2}"; "{true,0}" as boolean[] "{t,f}").
 * Each element must be a valid value, as PostgreSQL's array_in checks.  A value with
 * explicit bounds ("[0:1]={1,2}") is kept as it is.
 */
static bool
parse_array(cdc_arena *a, cdc_rtype from, cdc_rtype to, const char *s, size_t n, cdc_value *out, const char **why)
{
	if (!utf8_valid(s, n, why))
		return false;
	size_t i = 0;
	while (i < n && arr_space(s[i]))
		i++;
	cdc_buf canon = CDC_BUF_INIT;
	const char *text = s;
	size_t len = n;
	if (i < n && s[i] != '[') {
		arr_reader r = {a, from, to, s, n, i, &canon, CDC_BUF_INIT, {0}, 0, NULL};
		r.from.array = r.to.array = 0;
		bool ok = s[i] == '{' ? arr_level(&r, 0) : arr_malformed(&r);
		while (ok && r.i < n && arr_space(s[r.i]))
			r.i++;
		if (ok && r.i != n)
			ok = arr_malformed(&r);
		cdc_buf_free(&r.item);
		if (!ok) {
			*why = r.why;
			cdc_buf_free(&canon);
			return false;
		}
		text = cdc_buf_str(&canon);
		len = canon.len;
	} else if (i == n) {
		*why = "malformed array literal";
		return false;
	}
	*out = (cdc_value){0};
	out->tag = CDC_VAL_ARRAY;
	out->u.s.p = copy_text(a, text, len);
	out->u.s.len = (uint32_t)len;
	cdc_buf_free(&canon);
	return true;
}

/* ---- jsonb: PostgreSQL's canonical text ---------------------------------------------- */

static void jsonb_out(const cdc_json *j, cdc_buf *out);

/* PostgreSQL's escape_json: quotes, backslashes and control characters escaped, all
 * else (non-ASCII, '/') as it is. */
static void
jsonb_string(const char *s, size_t n, cdc_buf *out)
{
	cdc_buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': cdc_buf_puts(out, "\\\""); break;
		case '\\': cdc_buf_puts(out, "\\\\"); break;
		case '\b': cdc_buf_puts(out, "\\b"); break;
		case '\f': cdc_buf_puts(out, "\\f"); break;
		case '\n': cdc_buf_puts(out, "\\n"); break;
		case '\r': cdc_buf_puts(out, "\\r"); break;
		case '\t': cdc_buf_puts(out, "\\t"); break;
		default:
			if (c < 0x20)
				cdc_buf_printf(out, "\\u%04x", c);
			else
				cdc_buf_putc(out, (char)c);
		}
	}
	cdc_buf_putc(out, '"');
}

/* jsonb orders keys by length, then bytewise (lengthCompareJsonbString). */
static int
jsonb_key_cmp(const void *x, const void *y)
{
	const cdc_json *a = *(const cdc_json *const *)x, *b = *(const cdc_json *const *)y;
	if (a->keylen != b->keylen)
		return a->keylen < b->keylen ? -1 : 1;
	int c = a->keylen ? memcmp(a->key, b->key, a->keylen) : 0;
	if (c)
		return c;
	return a < b ? -1 : a > b;   /* duplicates stay in input order: the last one wins */
}

/* Can the JSON number s be held exactly by a cdc_num (38 significant digits, scale at
 * most 38)?  If not, cdc_num_parse would round it, so it is kept as written. */
static bool
jsonb_num_fits(const char *s)
{
	int sig = 0, frac = 0;
	bool point = false, lead = true;
	for (; *s && *s != 'e' && *s != 'E'; s++) {
		if (*s == '.')
			point = true;
		else if (*s >= '0' && *s <= '9') {
			lead = lead && *s == '0';
			sig += !lead;
			frac += point;
		}
	}
	long exp = *s ? strtol(s + 1, NULL, 10) : 0;
	return sig <= CDC_NUM_MAX_DIGITS && exp < 1000 && frac - exp <= CDC_NUM_MAX_DIGITS;
}

static void
jsonb_out(const cdc_json *j, cdc_buf *out)
{
	switch (j->kind) {
	case CDC_JSON_NULL: cdc_buf_puts(out, "null"); return;
	case CDC_JSON_TRUE: cdc_buf_puts(out, "true"); return;
	case CDC_JSON_FALSE: cdc_buf_puts(out, "false"); return;
	case CDC_JSON_STRING: jsonb_string(j->str, j->len, out); return;
	case CDC_JSON_NUMBER: {
		/* a jsonb number is a numeric: 1e2 is 100, 1.50 stays 1.50 */
		cdc_num n;
		char buf[CDC_NUM_BUFSIZE];
		if (jsonb_num_fits(j->str) && cdc_num_parse(j->str, j->len, &n) == CDC_NUM_OK) {
			size_t k = cdc_num_format(n, buf, sizeof buf);
			cdc_buf_put(out, buf, k < sizeof buf ? k : sizeof buf - 1);
		} else {
			cdc_buf_put(out, j->str, j->len);   /* beyond 38 digits: as written */
		}
		return;
	}
	case CDC_JSON_ARRAY: {
		cdc_buf_putc(out, '[');
		for (const cdc_json *e = j->child; e; e = e->next) {
			jsonb_out(e, out);
			if (e->next)
				cdc_buf_puts(out, ", ");
		}
		cdc_buf_putc(out, ']');
		return;
	}
	case CDC_JSON_OBJECT: {
		size_t n = 0;
		for (const cdc_json *m = j->child; m; m = m->next)
			n++;
		const cdc_json **v = malloc((n + 1) * sizeof *v);
		if (!v)
			abort();
		n = 0;
		for (const cdc_json *m = j->child; m; m = m->next)
			v[n++] = m;
		qsort(v, n, sizeof *v, jsonb_key_cmp);
		cdc_buf_putc(out, '{');
		bool first = true;
		for (size_t i = 0; i < n; i++) {
			if (i + 1 < n && v[i + 1]->keylen == v[i]->keylen &&
			    memcmp(v[i + 1]->key, v[i]->key, v[i]->keylen) == 0)
				continue;           /* a later duplicate replaces this one */
			if (!first)
				cdc_buf_puts(out, ", ");
			first = false;
			jsonb_string(v[i]->key, v[i]->keylen, out);
			cdc_buf_puts(out, ": ");
			jsonb_out(v[i], out);
		}
		cdc_buf_putc(out, '}');
		free(v);
		return;
	}
	}
}

/* Does the tree hold a NUL character (\u0000), which jsonb refuses? */
static bool
jsonb_has_nul(const cdc_json *j)
{
	if ((j->str && j->kind == CDC_JSON_STRING && memchr(j->str, 0, j->len)) || (j->key && memchr(j->key, 0, j->keylen)))
		return true;
	for (const cdc_json *c = j->child; c; c = c->next)
		if (jsonb_has_nul(c))
			return true;
	return false;
}

/*
 * jsonb text as PostgreSQL prints it: keys sorted (by length, then bytes) with the last
 * of duplicates kept, ", " and ": " between items, numbers as numerics.  Two jsonb
 * values are equal exactly when these texts are, which is what '=' and IS DISTINCT
 * FROM compare: '{"b":1,"a":2}' and '{"a": 2, "b": 1}' are the same jsonb.
 */
static bool
parse_jsonb(cdc_arena *a, const char *s, size_t n, cdc_value *out, const char **why)
{
	const char *err;
	size_t at;
	cdc_json *j = cdc_json_parse(a, s, n, &err, &at);
	if (!j) {
		*why = "invalid input syntax for type json";
		return false;
	}
	if (jsonb_has_nul(j)) {
		*why = "unsupported Unicode escape sequence: \\u0000 cannot be converted to text";
		return false;
	}
	cdc_buf b = CDC_BUF_INIT;
	jsonb_out(j, &b);
	*out = (cdc_value){0};
	out->tag = CDC_VAL_JSON;
	out->u.s.p = cdc_arena_strndup(a, cdc_buf_str(&b), b.len);
	out->u.s.len = (uint32_t)b.len;
	cdc_buf_free(&b);
	return true;
}

bool
cdc_val_parse(cdc_arena *a, cdc_rtype t, const char *s, size_t n, cdc_value *out, const char **why)
{
	*why = NULL;
	if (t.array)
		return parse_array(a, t, t, s, n, out, why);
	switch (t.id) {
	case CDC_TY_BOOL: {
		/* PostgreSQL's parse_bool: true, yes, false and no or any prefix of them ('t',
		 * 'tr', 'ye'), on and off from two letters on, 1 and 0; any case */
		static const struct { const char *word; size_t min; bool v; } words[] = {
			{"true", 1, true}, {"false", 1, false}, {"yes", 1, true}, {"no", 1, false},
			{"on", 2, true}, {"off", 2, false}, {"1", 1, true}, {"0", 1, false},
		};
		while (n && isspace((unsigned char)*s))
			s++, n--;
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
			if (n >= words[i].min && n <= strlen(words[i].word) && strncasecmp(s, words[i].word, n) == 0) {
				*out = cdc_val_bool(words[i].v);
				return true;
			}
		}
		*why = "invalid input syntax for type boolean";
		return false;
	}
	case CDC_TY_INT2:
	case CDC_TY_INT4:
	case CDC_TY_INT8: {
		int64_t lo = t.id == CDC_TY_INT2 ? INT16_MIN : t.id == CDC_TY_INT4 ? INT32_MIN : INT64_MIN;
		int64_t hi = t.id == CDC_TY_INT2 ? INT16_MAX : t.id == CDC_TY_INT4 ? INT32_MAX : INT64_MAX;
		/* the usual form, up to 18 digits with an optional minus, without strtoll; the
		 * rest (spaces, a plus, 19 digits, errors) below */
		if (n > 0 && n <= 18 + (s[0] == '-')) {
			size_t i = s[0] == '-';
			int64_t v = 0;
			while (i < n && s[i] >= '0' && s[i] <= '9')
				v = v * 10 + (s[i++] - '0');
			if (s[0] == '-')
				v = -v;
			if (i == n && n > (size_t)(s[0] == '-') && v >= lo && v <= hi) {
				*out = cdc_val_int(v);
				return true;
			}
		}
		char buf[32];
		while (n && isspace((unsigned char)*s))
			s++, n--;
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		if (n == 0 || n >= sizeof buf)
			break;
		memcpy(buf, s, n);
		buf[n] = '\0';
		char *end;
		errno = 0;
		long long v = strtoll(buf, &end, 10);
		const char *digits = buf + (buf[0] == '-' || buf[0] == '+');
		if (*end || !isdigit((unsigned char)*digits))
			break;
		if (errno == ERANGE || v < lo || v > hi) {
			*why = t.id == CDC_TY_INT2 ? "value out of range for type smallint"
			     : t.id == CDC_TY_INT4 ? "value out of range for type integer" : "value out of range for type bigint";
			return false;
		}
		*out = cdc_val_int(v);
		return true;
	}
	case CDC_TY_NUMERIC: {
		cdc_num num;
		cdc_num_err e = cdc_num_parse(s, n, &num);
		if (e == CDC_NUM_OK && t.mod >= 0)
			e = cdc_num_fit(num, t.mod, t.scale, &num);
		if (e == CDC_NUM_OVERFLOW) {
			*why = "numeric field overflow";
			return false;
		}
		if (e)
			break;
		*out = cdc_val_num(num);
		return true;
	}
	case CDC_TY_FLOAT4:
	case CDC_TY_FLOAT8: {
		double d;
		if (!parse_float(s, n, t.id == CDC_TY_FLOAT4, &d, why))
			return false;
		*out = cdc_val_float(d);
		return true;
	}
	case CDC_TY_BYTEA:
		return parse_bytea(a, s, n, out, why);
	case CDC_TY_DATE: {
		int32_t d;
		if (cdc_dt_parse_date(s, n, &d, why))
			return false;
		*out = cdc_val_tagged(CDC_VAL_DATE, d);
		return true;
	}
	case CDC_TY_TIME: {
		int64_t us;
		if (cdc_dt_parse_time(s, n, &us, why))
			return false;
		*out = cdc_val_tagged(CDC_VAL_TIME, us);
		return fit_precision(out, t, why);
	}
	case CDC_TY_TIMETZ: {
		int64_t us;
		int32_t off;
		if (cdc_dt_parse_timetz(s, n, &us, &off, why))
			return false;
		*out = cdc_val_tagged(CDC_VAL_TIMETZ, us);
		out->aux = off;
		return fit_precision(out, t, why);
	}
	case CDC_TY_TIMESTAMP: {
		int64_t us;
		if (cdc_dt_parse_timestamp(s, n, &us, why))
			return false;
		*out = cdc_val_tagged(CDC_VAL_TS, us);
		return fit_precision(out, t, why);
	}
	case CDC_TY_TIMESTAMPTZ: {
		int64_t us;
		if (cdc_dt_parse_timestamptz(s, n, &us, why))
			return false;
		*out = cdc_val_tagged(CDC_VAL_TSTZ, us);
		return fit_precision(out, t, why);
	}
	case CDC_TY_INTERVAL: {
		cdc_interval iv;
		if (cdc_dt_parse_interval(s, n, &iv, why))
			return false;
		*out = cdc_val_interval(iv);
		return true;
	}
	case CDC_TY_UUID:
		return parse_uuid(s, n, out, why);
	case CDC_TY_JSONB:
		return parse_jsonb(a, s, n, out, why);
	case CDC_TY_JSON: {
		if (!utf8_valid(s, n, why))
			return false;
		cJSON *j = cJSON_ParseWithLength(s, n);
		if (!j) {
			*why = "invalid input syntax for type json";
			return false;
		}
		cJSON_Delete(j);
		*out = (cdc_value){0};
		out->tag = CDC_VAL_JSON;
		out->u.s.p = copy_text(a, s, n);
		out->u.s.len = (uint32_t)n;
		return true;
	}
	default: {                           /* text, varchar, char */
		/* text must be valid UTF-8: functions count and cut characters, and targets
		 * would refuse the bytes later, far from where they came in */
		if (!utf8_valid(s, n, why))
			return false;
		*out = (cdc_value){0};
		out->tag = CDC_VAL_TEXT;
		out->u.s.p = copy_text(a, s, n);
		out->u.s.len = (uint32_t)n;
		return fit_string(a, out, t, false, why);
	}
	}
	if (!*why)   /* PostgreSQL's wording names the type */
		*why = t.id == CDC_TY_INT2 ? "invalid input syntax for type smallint"
		     : t.id == CDC_TY_INT4 ? "invalid input syntax for type integer"
		     : t.id == CDC_TY_INT8 ? "invalid input syntax for type bigint"
		     : t.id == CDC_TY_NUMERIC ? "invalid input syntax for type numeric"
		     : t.id == CDC_TY_BOOL ? "invalid input syntax for type boolean" : "invalid input syntax";
	return false;
}

/* ---- casts ---------------------------------------------------------------------------- */

static bool
num_to_int(cdc_value v, cdc_rtype to, cdc_value *out, const char **why)
{
	int64_t i;
	cdc_num_err e = cdc_num_to_i64(cdc_val_as_num(v), &i);
	int64_t lo = to.id == CDC_TY_INT2 ? INT16_MIN : to.id == CDC_TY_INT4 ? INT32_MIN : INT64_MIN;
	int64_t hi = to.id == CDC_TY_INT2 ? INT16_MAX : to.id == CDC_TY_INT4 ? INT32_MAX : INT64_MAX;
	if (e == CDC_NUM_INVALID) {
		*why = "cannot convert NaN or infinity to integer";
		return false;
	}
	if (e || i < lo || i > hi) {
		*why = to.id == CDC_TY_INT2 ? "smallint out of range" : to.id == CDC_TY_INT4 ? "integer out of range"
		     : "bigint out of range";
		return false;
	}
	*out = cdc_val_int(i);
	return true;
}

/* float -> integer rounds half to even (rint), as PostgreSQL does. */
static bool
float_to_int(double d, cdc_rtype to, cdc_value *out, const char **why)
{
	double r = rint(d);
	double lo = to.id == CDC_TY_INT2 ? INT16_MIN : to.id == CDC_TY_INT4 ? INT32_MIN : -9223372036854775808.0;
	double hi = to.id == CDC_TY_INT2 ? INT16_MAX : to.id == CDC_TY_INT4 ? INT32_MAX : 9223372036854775807.0;
	if (isnan(r) || r < lo || (to.id == CDC_TY_INT8 ? r >= hi : r > hi)) {
		*why = to.id == CDC_TY_INT2 ? "smallint out of range" : to.id == CDC_TY_INT4 ? "integer out of range" : "bigint out of range";
		return false;
	}
	*out = cdc_val_int((int64_t)r);
	return true;
}

static bool
fit_numeric(cdc_value *v, cdc_rtype to, const char **why)
{
	if (to.mod < 0)
		return true;
	cdc_num r;
	if (cdc_num_fit(cdc_val_as_num(*v), to.mod, to.scale, &r)) {
		*why = "numeric field overflow";
		return false;
	}
	*v = cdc_val_num(r);
	return true;
}

bool
cdc_val_cast(cdc_arena *a, cdc_value v, cdc_rtype from, cdc_rtype to, cdc_value *out, const char **why)
{
	*why = NULL;
	if (v.tag == CDC_VAL_NULL || v.tag == CDC_VAL_UNCHANGED) {
		*out = v;
		return true;
	}
	cdc_vtag ft = cdc_val_tag_of(from), tt = cdc_val_tag_of(to);
	/* To text: the value's text form; char(n) loses its padding, as in PostgreSQL. */
	if (tt == CDC_VAL_TEXT) {
		cdc_value r = {0};
		r.tag = CDC_VAL_TEXT;
		if (ft == CDC_VAL_TEXT) {
			r.u.s = v.u.s;
			if (from.id == CDC_TY_CHAR)
				while (r.u.s.len && r.u.s.p[r.u.s.len - 1] == ' ')
					r.u.s.len--;
		} else if (ft == CDC_VAL_BOOL) {
			/* PostgreSQL's boolean-to-text cast (booltext) spells the word out, unlike
			 * the output form 't'/'f': true::text is 'true' */
			r.u.s.p = v.u.i ? "true" : "false";
			r.u.s.len = v.u.i ? 4 : 5;
		} else {
			cdc_buf b = CDC_BUF_INIT;
			cdc_val_format(v, from, &b);
			r.u.s.p = cdc_arena_strndup(a, cdc_buf_str(&b), b.len);
			r.u.s.len = (uint32_t)b.len;
			cdc_buf_free(&b);
		}
		*out = r;
		return fit_string(a, out, to, true, why);
	}
	/* json to jsonb: the text becomes jsonb's canonical form */
	if (from.id == CDC_TY_JSON && to.id == CDC_TY_JSONB && !from.array && !to.array)
		return parse_jsonb(a, v.u.s.p, v.u.s.len, out, why);
	/* array to array: element by element, each with this function's rules (numeric[] to
	 * integer[] rounds, as PostgreSQL's array_map does) */
	if (ft == CDC_VAL_ARRAY && tt == CDC_VAL_ARRAY)
		return parse_array(a, from, to, v.u.s.p, v.u.s.len, out, why);
	/* From text, and everything without a direct conversion: through the text form. */
	if (ft == CDC_VAL_TEXT || ft == CDC_VAL_ARRAY || tt == CDC_VAL_ARRAY) {
		cdc_buf b = CDC_BUF_INIT;
		const char *s;
		size_t n;
		if (ft == CDC_VAL_TEXT) {
			s = v.u.s.p;
			n = v.u.s.len;
		} else {
			cdc_val_format(v, from, &b);
			s = cdc_buf_str(&b);
			n = b.len;
		}
		bool ok = cdc_val_parse(a, to, s, n, out, why);
		cdc_buf_free(&b);
		return ok;
	}
	switch (tt) {
	case CDC_VAL_BOOL:
		if (ft == CDC_VAL_INT) {
			*out = cdc_val_bool(v.u.i != 0);
			return true;
		}
		*out = v;
		return true;
	case CDC_VAL_INT:
		if (ft == CDC_VAL_BOOL) {
			*out = cdc_val_int(v.u.i);
			return true;
		}
		if (ft == CDC_VAL_NUM)
			return num_to_int(v, to, out, why);
		if (ft == CDC_VAL_FLOAT)
			return float_to_int(v.u.f, to, out, why);
		if (to.id != CDC_TY_INT8) {
			int64_t lo = to.id == CDC_TY_INT2 ? INT16_MIN : INT32_MIN;
			int64_t hi = to.id == CDC_TY_INT2 ? INT16_MAX : INT32_MAX;
			if (v.u.i < lo || v.u.i > hi) {
				*why = to.id == CDC_TY_INT2 ? "smallint out of range" : "integer out of range";
				return false;
			}
		}
		*out = v;
		return true;
	case CDC_VAL_NUM: {
		cdc_num n;
		if (ft == CDC_VAL_INT)
			n = cdc_num_from_i64(v.u.i);
		else if (ft == CDC_VAL_FLOAT && from.id == CDC_TY_FLOAT4 && isfinite(v.u.f)) {
			/* PostgreSQL's float4_numeric keeps FLT_DIG (6) significant digits, as
			 * float8_numeric keeps 15: 0.1::real::numeric is 0.1, not 0.100000001490116 */
			char buf[32];
			int len = snprintf(buf, sizeof buf, "%.*g", FLT_DIG, v.u.f);
			if (cdc_num_parse(buf, (size_t)len, &n)) {
				*why = "numeric field overflow";
				return false;
			}
		} else if (ft == CDC_VAL_FLOAT) {
			if (cdc_num_from_f64(v.u.f, &n)) {
				*why = "numeric field overflow";
				return false;
			}
		} else
			n = cdc_val_as_num(v);
		*out = cdc_val_num(n);
		return fit_numeric(out, to, why);
	}
	case CDC_VAL_FLOAT: {
		double d = ft == CDC_VAL_INT ? (double)v.u.i : ft == CDC_VAL_NUM ? cdc_num_to_f64(cdc_val_as_num(v)) : v.u.f;
		if (to.id == CDC_TY_FLOAT4) {
			/* PostgreSQL's dtof: overflow and underflow to zero are both errors */
			float f = (float)d;
			if (isinf(f) && !isinf(d)) {
				*why = "value out of range: overflow";
				return false;
			}
			if (f == 0.0f && d != 0.0) {
				*why = "value out of range: underflow";
				return false;
			}
			d = f;
		}
		*out = cdc_val_float(d);
		return true;
	}
	case CDC_VAL_DATE:
		if (ft == CDC_VAL_TS || ft == CDC_VAL_TSTZ) {
			int32_t d;
			if (cdc_dt_ts_to_date(v.u.i, &d)) {
				*why = "date out of range";
				return false;
			}
			*out = cdc_val_tagged(CDC_VAL_DATE, d);
			return true;
		}
		*out = v;
		return true;
	case CDC_VAL_TS:
	case CDC_VAL_TSTZ:
		/* the pipeline's time zone is UTC: timestamp and timestamptz share the clock */
		if (ft == CDC_VAL_DATE) {
			int64_t ts;
			if (cdc_dt_date_to_ts_checked((int32_t)v.u.i, &ts)) {
				*why = "date out of range for timestamp";
				return false;
			}
			*out = cdc_val_tagged(tt, ts);
		} else
			*out = cdc_val_tagged(tt, v.u.i);
		return fit_precision(out, to, why);
	case CDC_VAL_TIME:
	case CDC_VAL_TIMETZ:
		/* an infinite timestamp has no time of day: NULL, as in PostgreSQL */
		if ((ft == CDC_VAL_TS || ft == CDC_VAL_TSTZ) && (v.u.i == INT64_MIN || v.u.i == INT64_MAX)) {
			*out = cdc_val_null();
			return true;
		}
		if (tt == CDC_VAL_TIMETZ)
			goto timetz;
		if (ft == CDC_VAL_TS || ft == CDC_VAL_TSTZ) {
			const int64_t day = 86400000000LL;
			int64_t t = v.u.i % day;
			*out = cdc_val_tagged(CDC_VAL_TIME, t < 0 ? t + day : t);
		} else if (ft == CDC_VAL_INTERVAL) {
			const int64_t day = 86400000000LL;
			int64_t t = v.u.iv.us % day;
			*out = cdc_val_tagged(CDC_VAL_TIME, t < 0 ? t + day : t);
		} else {
			*out = cdc_val_tagged(CDC_VAL_TIME, v.u.i);
		}
		return fit_precision(out, to, why);
	timetz:
		if (ft == CDC_VAL_TS || ft == CDC_VAL_TSTZ || ft == CDC_VAL_INTERVAL) {
			/* the time of day; an interval keeps only its time part, as for time */
			const int64_t day = 86400000000LL;
			int64_t t = (ft == CDC_VAL_INTERVAL ? v.u.iv.us : v.u.i) % day;
			*out = cdc_val_tagged(CDC_VAL_TIMETZ, t < 0 ? t + day : t);
		} else {
			*out = cdc_val_tagged(CDC_VAL_TIMETZ, v.u.i);
			out->aux = ft == CDC_VAL_TIMETZ ? v.aux : 0;
		}
		return fit_precision(out, to, why);
	case CDC_VAL_INTERVAL:
		if (ft == CDC_VAL_TIME || ft == CDC_VAL_TIMETZ) {
			/* a timetz gives its local time of day, the zone dropped (docs 7.4 allows
			 * time and timetz to interval; without this the value kept its timetz tag) */
			cdc_interval iv = {v.u.i, 0, 0};
			*out = cdc_val_interval(iv);
			return true;
		}
		*out = v;
		return true;
	default:
		*out = v;
		return true;
	}
}

/* ---- order and hash ----------------------------------------------------------------- */

static int
sign3(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

int
cdc_val_cmp(cdc_value a, cdc_value b)
{
	switch (a.tag) {
	case CDC_VAL_NUM:
		return cdc_num_cmp(cdc_val_as_num(a), cdc_val_as_num(b));
	case CDC_VAL_FLOAT: {
		bool na = isnan(a.u.f), nb = isnan(b.u.f);
		if (na || nb)
			return na - nb;
		return (a.u.f > b.u.f) - (a.u.f < b.u.f);
	}
	case CDC_VAL_TEXT:
	case CDC_VAL_BYTES:
	case CDC_VAL_JSON:
	case CDC_VAL_ARRAY: {
		uint32_t n = a.u.s.len < b.u.s.len ? a.u.s.len : b.u.s.len;
		int c = n ? memcmp(a.u.s.p, b.u.s.p, n) : 0;
		return c ? (c < 0 ? -1 : 1) : sign3(a.u.s.len, b.u.s.len);
	}
	case CDC_VAL_INTERVAL:
		return cdc_dt_interval_cmp(cdc_val_as_interval(a), cdc_val_as_interval(b));
	case CDC_VAL_UUID: {
		int c = memcmp(a.u.uuid, b.u.uuid, 16);
		return (c > 0) - (c < 0);
	}
	case CDC_VAL_TIMETZ: {
		/* PostgreSQL: by the UTC instant, then by the offset */
		int c = sign3(a.u.i - (int64_t)a.aux * 1000000, b.u.i - (int64_t)b.aux * 1000000);
		return c ? c : sign3(b.aux, a.aux);
	}
	default:
		return sign3(a.u.i, b.u.i);
	}
}

static uint64_t
fnv(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

uint64_t
cdc_val_hash(cdc_value v)
{
	uint64_t h = 1469598103934665603ULL ^ v.tag;
	switch (v.tag) {
	case CDC_VAL_NULL:
	case CDC_VAL_UNCHANGED:
		return h;
	case CDC_VAL_NUM:
		return cdc_num_hash(cdc_val_as_num(v)) ^ h;
	case CDC_VAL_FLOAT: {
		double d = v.u.f == 0 ? 0 : v.u.f;   /* -0 equals 0 */
		if (isnan(d))
			return h;
		return fnv(&d, sizeof d, h);
	}
	case CDC_VAL_TEXT:
	case CDC_VAL_BYTES:
	case CDC_VAL_JSON:
	case CDC_VAL_ARRAY:
		return fnv(v.u.s.p, v.u.s.len, h);
	case CDC_VAL_INTERVAL: {
		/* equal by span: hash the normalized span, as PostgreSQL's interval_hash */
		__int128 span = (__int128)v.u.iv.us + (__int128)v.aux * 86400000000LL +
		                (__int128)v.u.iv.months * 30 * 86400000000LL;
		return fnv(&span, sizeof span, h);
	}
	case CDC_VAL_UUID:
		return fnv(v.u.uuid, 16, h);
	case CDC_VAL_TIMETZ: {
		int64_t x[2] = {v.u.i, v.aux};
		return fnv(x, sizeof x, h);
	}
	default:
		return fnv(&v.u.i, sizeof v.u.i, h);
	}
}

void
cdc_val_json(cdc_value v, cdc_rtype t, cdc_buf *out)
{
	size_t at = out->len;
	switch (v.tag) {
	case CDC_VAL_NULL:
	case CDC_VAL_UNCHANGED:
		cdc_buf_puts(out, "null");
		return;
	case CDC_VAL_BOOL:
		cdc_buf_puts(out, v.u.i ? "true" : "false");
		return;
	case CDC_VAL_INT:
		cdc_val_format(v, t, out);
		return;
	case CDC_VAL_NUM:
	case CDC_VAL_FLOAT:
		/* exact digits as a JSON number; NaN and the infinities have none */
		cdc_val_format(v, t, out);
		if (isalpha((unsigned char)out->data[out->len - 1])) {
			cdc_buf_truncate(out, at);
			break;
		}
		return;
	case CDC_VAL_JSON:
		cdc_buf_put(out, v.u.s.p, v.u.s.len);
		return;
	case CDC_VAL_TEXT:
		cdc_buf_json_string(out, v.u.s.p, v.u.s.len);
		return;
	case CDC_VAL_RAW:
		/* as the typed value would be: booleans and numbers bare, NaN and the
		 * infinities and everything else a string */
		if (t.id == CDC_TY_BOOL && v.u.s.len == 1) {
			cdc_buf_puts(out, v.u.s.p[0] == 't' ? "true" : "false");
			return;
		}
		if ((t.id == CDC_TY_INT2 || t.id == CDC_TY_INT4 || t.id == CDC_TY_INT8 || t.id == CDC_TY_NUMERIC ||
		     t.id == CDC_TY_FLOAT4 || t.id == CDC_TY_FLOAT8) && v.u.s.len &&
		    !isalpha((unsigned char)v.u.s.p[v.u.s.len - 1])) {
			cdc_buf_put(out, v.u.s.p, v.u.s.len);
			return;
		}
		cdc_buf_json_string(out, v.u.s.p, v.u.s.len);
		return;
	default:
		break;
	}
	cdc_buf tmp = CDC_BUF_INIT;
	cdc_val_format(v, t, &tmp);
	cdc_buf_json_string(out, cdc_buf_str(&tmp), tmp.len);
	cdc_buf_free(&tmp);
}

bool
cdc_val_raw_type(cdc_rtype t)
{
	if (t.array)
		return false;
	switch (t.id) {
	case CDC_TY_BOOL: case CDC_TY_INT2: case CDC_TY_INT4: case CDC_TY_INT8: case CDC_TY_NUMERIC:
	case CDC_TY_FLOAT4: case CDC_TY_FLOAT8: case CDC_TY_DATE: case CDC_TY_TIMESTAMP: case CDC_TY_TIMESTAMPTZ:
	case CDC_TY_TIME: case CDC_TY_UUID:
		return true;
	default:
		return false;
	}
}
