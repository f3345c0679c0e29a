/*
 * runtime/json.c — strict JSON reader that keeps numbers and nested values as text.
 *
 * Sits between a source's wire decoder and the row builder: a change event arrives as
 * JSON text, is parsed into the per-event arena, and the row builder reads fields by
 * key and converts each from its exact text (runtime/numeric for decimals).
 *
 * The parser is one loop over an explicit stack of open containers, so a hostile
 * document cannot exhaust the C stack and the depth limit is a plain comparison.
 * Strings take two passes: the first finds the closing quote, so the decoded copy can
 * be allocated at its final size (decoding never lengthens a string); the second
 * validates and decodes.  Every byte is looked at a bounded number of times.
 */
#include "runtime/json.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define STR_(x) #x
#define STR(x)  STR_(x)

/* An array or object that is still open. */
typedef struct frame {
	cdc_json *node;
	cdc_json *last;   /* its last child so far, so appending is O(1) */
} frame;

typedef struct parser {
	cdc_arena           *a;
	const unsigned char *s;       /* unsigned so that bytes >= 0x80 compare as such */
	size_t               n;
	size_t               pos;     /* next byte to look at */
	const char          *err;
	size_t               errpos;
} parser;

static bool
fail(parser *p, size_t pos, const char *msg)
{
	p->err = msg;
	p->errpos = pos;
	return false;
}

/*
 * Decodes the UTF-8 sequence at s, of which avail > 0 bytes are readable.  Returns its
 * length with the code point in *cp; 0 if the bytes are not well-formed (Unicode 15,
 * table 3-7: this is what excludes overlong forms, encoded surrogates and anything
 * above U+10FFFF); -1 if they are a well-formed start cut off at avail, so that a
 * string truncated by the end of input can be reported as unterminated instead.
 */
static int
utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xBF;   /* range of the second byte; later ones are 80..BF */
	uint32_t v;
	int len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2)                      /* stray continuation byte, or overlong C0/C1 lead */
		return 0;
	if (c < 0xE0) {
		len = 2;
		v = c & 0x1F;
	} else if (c < 0xF0) {
		len = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;                 /* below is overlong */
		else if (c == 0xED)
			hi = 0x9F;                 /* above is U+D800..U+DFFF */
	} else if (c < 0xF5) {
		len = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;                 /* below is overlong */
		else if (c == 0xF4)
			hi = 0x8F;                 /* above is beyond U+10FFFF */
	} else {
		return 0;
	}
	for (int k = 1; k < len; k++) {
		if ((size_t)k >= avail)
			return -1;
		if (s[k] < lo || s[k] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
		v = v << 6 | (s[k] & 0x3F);
	}
	*cp = v;
	return len;
}

/* Writes code point cp (<= U+10FFFF, not a surrogate) as UTF-8; returns the length. */
static size_t
utf8_encode(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Reports the byte at pos as not what the grammar wants there.  Printable ASCII is
 * quoted; anything else is named by code point, since quoting a control character or
 * a lone multibyte character would garble the message.
 */
static bool
fail_unexpected(parser *p, size_t pos, const char *expected)
{
	if (pos >= p->n)
		return fail(p, pos, cdc_arena_printf(p->a, "unexpected end of input, expected %s",
		                                     expected));
	unsigned char c = p->s[pos];
	if (c >= 0x20 && c < 0x7F)
		return fail(p, pos, cdc_arena_printf(p->a, "unexpected character '%c', expected %s",
		                                     c, expected));
	uint32_t cp;
	if (utf8_decode(p->s + pos, p->n - pos, &cp) <= 0)
		return fail(p, pos, "invalid UTF-8");
	return fail(p, pos, cdc_arena_printf(p->a, "unexpected character U+%04" PRIX32
	                                     ", expected %s", cp, expected));
}

/* RFC 8259 whitespace is exactly these four; a form feed or NBSP is an error. */
static void
skip_ws(parser *p)
{
	while (p->pos < p->n) {
		unsigned char c = p->s[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum { HEX_OK, HEX_BAD, HEX_SHORT };

/* Reads four hex digits at s[i..end) into *u; HEX_SHORT if end comes first. */
static int
hex4(const unsigned char *s, size_t i, size_t end, uint32_t *u)
{
	uint32_t v = 0;
	for (int k = 0; k < 4; k++, i++) {
		if (i >= end)
			return HEX_SHORT;
		int d = hexval(s[i]);
		if (d < 0)
			return HEX_BAD;
		v = v << 4 | (uint32_t)d;
	}
	*u = v;
	return HEX_OK;
}

/*
 * Parses the string whose opening quote is at p->pos into a decoded, NUL-terminated
 * arena copy, and leaves p->pos after the closing quote.  When the input ends inside
 * the string, whatever else is wrong before the end is reported first; a problem that
 * is only a truncation (half an escape, half a UTF-8 sequence) counts as unterminated.
 */
static bool
parse_string(parser *p, const char **out, size_t *outlen)
{
	const unsigned char *s = p->s;
	size_t open = p->pos, i = open + 1, end = i;

	/* Pass 1: the closing quote.  Skipping the byte after each backslash is exact for
	 * valid strings (no escape contains a quote) and pass 2 catches the rest. */
	while (end < p->n && s[end] != '"')
		end += s[end] == '\\' ? 2 : 1;
	if (end > p->n)
		end = p->n;
	bool closed = end < p->n;

	char *d = cdc_arena_alloc(p->a, end - i + 1);
	size_t o = 0;
	while (i < end) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x80 && c != '\\') {
			d[o++] = (char)c;
			i++;
			continue;
		}
		if (c < 0x20)
			return fail(p, i, cdc_arena_printf(p->a, "unescaped control character U+%04X "
			                                   "in string", c));
		if (c >= 0x80) {
			uint32_t cp;
			int k = utf8_decode(s + i, end - i, &cp);
			if (k < 0 && !closed)
				break;
			if (k <= 0)
				return fail(p, i, "invalid UTF-8");
			memcpy(d + o, s + i, (size_t)k);
			o += (size_t)k;
			i += (size_t)k;
			continue;
		}
		/* A backslash.  Pass 1 skipped the byte after it, so when the string is closed
		 * that byte is inside [i, end). */
		if (i + 1 >= end)
			break;
		unsigned char e = s[i + 1];
		char simple = 0;
		switch (e) {
		case '"': simple = '"'; break;
		case '\\': simple = '\\'; break;
		case '/': simple = '/'; break;
		case 'b': simple = '\b'; break;
		case 'f': simple = '\f'; break;
		case 'n': simple = '\n'; break;
		case 'r': simple = '\r'; break;
		case 't': simple = '\t'; break;
		case 'u': break;
		default:
			if (e >= 0x20 && e < 0x7F)
				return fail(p, i, cdc_arena_printf(p->a, "invalid escape '\\%c'", e));
			return fail(p, i, "invalid escape");
		}
		if (simple) {
			d[o++] = simple;
			i += 2;
			continue;
		}
		uint32_t u, lo;
		int h = hex4(s, i + 2, end, &u);
		if (h == HEX_SHORT && !closed)
			break;
		if (h != HEX_OK)
			return fail(p, i, "invalid \\u escape");
		if (u >= 0xDC00 && u <= 0xDFFF)
			return fail(p, i, "unpaired surrogate in \\u escape");
		if (u >= 0xD800 && u <= 0xDBFF) {
			/* UTF-16 spells U+10000 and up as a high and a low surrogate, and JSON as
			 * two escapes in a row; anything else after the high half is an error. */
			size_t j = i + 6;
			if (!closed && (j == end || (j + 1 == end && s[j] == '\\')))
				break;
			if (j + 1 >= end || s[j] != '\\' || s[j + 1] != 'u')
				return fail(p, i, "unpaired surrogate in \\u escape");
			h = hex4(s, j + 2, end, &lo);
			if (h == HEX_SHORT && !closed)
				break;
			if (h != HEX_OK)
				return fail(p, j, "invalid \\u escape");
			if (lo < 0xDC00 || lo > 0xDFFF)
				return fail(p, i, "unpaired surrogate in \\u escape");
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			i += 6;
		}
		o += utf8_encode(d + o, u);
		i += 6;
	}
	if (!closed)
		return fail(p, open, "unterminated string");
	d[o] = '\0';
	*out = d;
	*outlen = o;
	p->pos = end + 1;
	return true;
}

/* Parses a number by the RFC 8259 grammar and keeps its text; nothing is converted. */
static bool
parse_number(parser *p, cdc_json *v)
{
	const unsigned char *s = p->s;
	size_t n = p->n, start = p->pos, i = start;

#define DIGIT(k) ((k) < n && s[k] >= '0' && s[k] <= '9')
	if (s[i] == '-')
		i++;
	if (!DIGIT(i))
		return fail(p, i, "invalid number: expected digit after '-'");
	if (s[i] == '0') {
		if (DIGIT(i + 1))
			return fail(p, i, "invalid number: leading zero");
		i++;
	} else {
		while (DIGIT(i))
			i++;
	}
	if (i < n && s[i] == '.') {
		i++;
		if (!DIGIT(i))
			return fail(p, i, "invalid number: expected digit after '.'");
		while (DIGIT(i))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!DIGIT(i))
			return fail(p, i, "invalid number: expected digit in exponent");
		while (DIGIT(i))
			i++;
	}
#undef DIGIT
	v->kind = CDC_JSON_NUMBER;
	v->rawlen = v->len = i - start;
	v->str = cdc_arena_strndup(p->a, (const char *)s + start, v->len);
	p->pos = i;
	return true;
}

/* Matches one of the three literals at p->pos; the first byte has already matched. */
static bool
parse_literal(parser *p, cdc_json *v, cdc_json_kind kind, const char *word,
              const char *msg)
{
	size_t wl = strlen(word);
	if (p->n - p->pos < wl || memcmp(p->s + p->pos, word, wl) != 0)
		return fail(p, p->pos, msg);
	v->kind = kind;
	v->rawlen = wl;
	p->pos += wl;
	return true;
}

/* Reads `"key" :` and the blanks after it, leaving p->pos at the member's value. */
static bool
parse_key(parser *p, const char *expected, const char **key, size_t *keylen)
{
	if (p->pos >= p->n || p->s[p->pos] != '"')
		return fail_unexpected(p, p->pos, expected);
	if (!parse_string(p, key, keylen))
		return false;
	skip_ws(p);
	if (p->pos >= p->n || p->s[p->pos] != ':')
		return fail_unexpected(p, p->pos, "':'");
	p->pos++;
	skip_ws(p);
	return true;
}

/*
 * The main loop alternates between two states: a value is expected at p->pos, or a
 * value has just ended and what follows must close its container or continue it.
 * Containers are linked into their parent when they open, so closing one only has to
 * record its length.
 */
cdc_json *
cdc_json_parse(cdc_arena *a, const char *s, size_t n, const char **err, size_t *errpos)
{
	parser P = {.a = a, .s = (const unsigned char *)s, .n = n};
	parser *p = &P;
	frame stack[CDC_JSON_MAX_DEPTH];
	size_t depth = 0;
	cdc_json *root = NULL;
	const char *key = NULL;   /* the pending member name for the next value */
	size_t keylen = 0;
	bool want_value = true;

	skip_ws(p);
	for (;;) {
		if (want_value) {
			skip_ws(p);
			if (p->pos >= n) {
				fail_unexpected(p, p->pos, "a value");
				goto error;
			}
			cdc_json *v = cdc_arena_zalloc(a, sizeof *v);
			v->raw = s + p->pos;
			v->key = key;
			v->keylen = keylen;
			key = NULL;
			if (depth == 0) {
				root = v;
			} else {
				frame *f = &stack[depth - 1];
				if (f->last)
					f->last->next = v;
				else
					f->node->child = v;
				f->last = v;
				f->node->count++;
			}

			bool ok = true;
			switch (s[p->pos]) {
			case '[':
			case '{':
				if (depth == CDC_JSON_MAX_DEPTH) {
					fail(p, p->pos, "nesting deeper than " STR(CDC_JSON_MAX_DEPTH));
					goto error;
				}
				v->kind = s[p->pos] == '[' ? CDC_JSON_ARRAY : CDC_JSON_OBJECT;
				stack[depth++] = (frame){.node = v, .last = NULL};
				p->pos++;
				skip_ws(p);
				if (p->pos < n && s[p->pos] == (v->kind == CDC_JSON_ARRAY ? ']' : '}'))
					want_value = false;   /* empty; the close is handled below */
				else if (v->kind == CDC_JSON_OBJECT)
					ok = parse_key(p, "a string or '}'", &key, &keylen);
				break;
			case '"':
				v->kind = CDC_JSON_STRING;
				ok = parse_string(p, &v->str, &v->len);
				v->rawlen = (size_t)(s + p->pos - v->raw);
				want_value = false;
				break;
			case '-': case '0': case '1': case '2': case '3': case '4':
			case '5': case '6': case '7': case '8': case '9':
				ok = parse_number(p, v);
				want_value = false;
				break;
			case 't':
				ok = parse_literal(p, v, CDC_JSON_TRUE, "true",
				                   "invalid literal, expected 'true'");
				want_value = false;
				break;
			case 'f':
				ok = parse_literal(p, v, CDC_JSON_FALSE, "false",
				                   "invalid literal, expected 'false'");
				want_value = false;
				break;
			case 'n':
				ok = parse_literal(p, v, CDC_JSON_NULL, "null",
				                   "invalid literal, expected 'null'");
				want_value = false;
				break;
			default:
				ok = fail_unexpected(p, p->pos, "a value");
				break;
			}
			if (!ok)
				goto error;
			continue;
		}

		skip_ws(p);
		if (depth == 0) {
			if (p->pos < n) {
				fail(p, p->pos, "trailing characters");
				goto error;
			}
			break;
		}
		frame *f = &stack[depth - 1];
		bool is_array = f->node->kind == CDC_JSON_ARRAY;
		if (p->pos < n && s[p->pos] == (is_array ? ']' : '}')) {
			p->pos++;
			f->node->rawlen = (size_t)(s + p->pos - f->node->raw);
			depth--;
			continue;
		}
		if (p->pos < n && s[p->pos] == ',') {
			p->pos++;
			skip_ws(p);
			if (!is_array && !parse_key(p, "a string", &key, &keylen))
				goto error;
			want_value = true;
			continue;
		}
		fail_unexpected(p, p->pos, is_array ? "',' or ']'" : "',' or '}'");
		goto error;
	}
	if (err)
		*err = NULL;
	if (errpos)
		*errpos = 0;
	return root;

error:
	if (err)
		*err = p->err;
	if (errpos)
		*errpos = p->errpos;
	return NULL;
}

const cdc_json *
cdc_json_get(const cdc_json *obj, const char *key)
{
	if (!obj || obj->kind != CDC_JSON_OBJECT)
		return NULL;
	size_t kl = strlen(key);
	for (const cdc_json *m = obj->child; m; m = m->next)
		if (m->keylen == kl && memcmp(m->key, key, kl) == 0)
			return m;
	return NULL;
}

const char *
cdc_json_kind_name(cdc_json_kind k)
{
	switch (k) {
	case CDC_JSON_NULL: return "null";
	case CDC_JSON_FALSE:
	case CDC_JSON_TRUE: return "boolean";
	case CDC_JSON_NUMBER: return "number";
	case CDC_JSON_STRING: return "string";
	case CDC_JSON_ARRAY: return "array";
	case CDC_JSON_OBJECT: return "object";
	}
	return "unknown";
}
