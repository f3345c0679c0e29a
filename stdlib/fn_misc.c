/*
 * stdlib/fn_misc.c — hashing and privacy (md5, sha2, pseudonymize), env(), JSON
 * (json_extract_path_text, is_valid_json), UUIDs, and the change-event functions.
 *
 * The JSON functions scan the text in place instead of building a tree, so they
 * allocate nothing but their result.
 */
#define _GNU_SOURCE     /* getrandom */
#include "stdlib/fn_int.h"
#include "runtime/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>

FN(fn_md5)
{
	(void)call;
	char hex[33];
	cdc_hash_md5_hex(args[0].u.s.p, args[0].u.s.len, hex);
	*out = fn_text(vm, hex, 32);
	return true;
}

FN(fn_sha2)
{
	(void)call;
	char hex[2 * CDC_HASH_MAX_LEN + 1];
	if (!cdc_hash_sha2_hex((int)args[1].u.i, args[0].u.s.p, args[0].u.s.len, hex)) {
		cdc_vm_fail(vm, "sha2() bits must be 224, 256, 384 or 512");
		return false;
	}
	*out = fn_text(vm, hex, strlen(hex));
	return true;
}

/* HMAC-SHA-256 of the value's text form (codegen converts it) under the key. */
FN(fn_pseudonymize)
{
	(void)call;
	uint8_t mac[CDC_SHA256_LEN];
	char hex[2 * CDC_SHA256_LEN + 1];
	cdc_hash_hmac_sha256(args[1].u.s.p, args[1].u.s.len, args[0].u.s.p, args[0].u.s.len, mac);
	cdc_hash_hex(mac, sizeof mac, hex);
	*out = fn_text(vm, hex, 2 * CDC_SHA256_LEN);
	return true;
}

FN(fn_env)
{
	(void)call;
	const char *name = fn_cstr(vm, args[0]);
	const char *v = vm->env ? vm->env(vm->env_data, name) : getenv(name);
	if (!v) {
		cdc_vm_fail(vm, "environment variable \"%s\" is not set", name);
		return false;
	}
	*out = cdc_val_text(v, strlen(v));
	return true;
}

/* ---- JSON, scanned in place ------------------------------------------------------- */

typedef struct scan {
	const char *p, *end;
	int         depth;
} scan;

static void
ws(scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static bool value(scan *s);

static bool
string(scan *s)
{
	if (s->p >= s->end || *s->p != '"')
		return false;
	for (s->p++; s->p < s->end; s->p++) {
		unsigned char c = (unsigned char)*s->p;
		if (c == '"') {
			s->p++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (++s->p >= s->end)
				return false;
			if (*s->p == 'u') {
				for (int i = 0; i < 4; i++)
					if (++s->p >= s->end || !strchr("0123456789abcdefABCDEF", *s->p) || !*s->p)
						return false;
			} else if (!strchr("\"\\/bfnrt", *s->p) || !*s->p) {
				return false;
			}
		}
	}
	return false;
}

static bool
literal(scan *s, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n) != 0)
		return false;
	s->p += n;
	return true;
}

static bool
number(scan *s)
{
	const char *st = s->p;
	if (s->p < s->end && *s->p == '-')
		s->p++;
	if (s->p >= s->end)
		return false;
	if (*s->p == '0')
		s->p++;
	else if (*s->p >= '1' && *s->p <= '9')
		while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
			s->p++;
	else
		return false;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (s->p >= s->end || *s->p < '0' || *s->p > '9')
			return false;
		while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
			s->p++;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (s->p >= s->end || *s->p < '0' || *s->p > '9')
			return false;
		while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
			s->p++;
	}
	return s->p > st;
}

static bool
container(scan *s, char open, char close)
{
	if (++s->depth > 1000)
		return false;
	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == close) {
		s->p++;
		s->depth--;
		return true;
	}
	for (;;) {
		if (open == '{') {
			ws(s);      /* {"a": 1, "b": 2}: blanks after the comma, before the key */
			if (!string(s))
				return false;
			ws(s);
			if (s->p >= s->end || *s->p++ != ':')
				return false;
		}
		if (!value(s))
			return false;
		ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == close) {
			s->p++;
			s->depth--;
			return true;
		}
		return false;
	}
}

static bool
value(scan *s)
{
	ws(s);
	if (s->p >= s->end)
		return false;
	switch (*s->p) {
	case '{': return container(s, '{', '}');
	case '[': return container(s, '[', ']');
	case '"': return string(s);
	case 't': return literal(s, "true");
	case 'f': return literal(s, "false");
	case 'n': return literal(s, "null");
	default: return number(s);
	}
}

static bool
valid_json(const char *p, size_t n)
{
	scan s = {p, p + n, 0};
	if (!value(&s))
		return false;
	ws(&s);
	return s.p == s.end;
}

FN(fn_is_valid_json)
{
	(void)vm;
	(void)call;
	*out = cdc_val_bool(valid_json(args[0].u.s.p, args[0].u.s.len));
	return true;
}

/* Four hex digits at p (validated by string()). */
static unsigned
hex4(const char *p)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v = v << 4 | (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

/* Decodes a JSON string's contents (without quotes) into the arena as UTF-8.  As
 * PostgreSQL's json ->> does, a \u0000 or a surrogate that is not part of a pair is an
 * error: the first cannot be text, the second would not be valid UTF-8. */
static bool
unescape(cdc_vm *vm, const char *p, size_t n, cdc_value *out)
{
	char *q = cdc_arena_alloc(vm->arena, n + 1), *w = q;
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '\\') {
			*w++ = p[i];
			continue;
		}
		char c = p[++i];
		switch (c) {
		case 'b': *w++ = '\b'; break;
		case 'f': *w++ = '\f'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case 't': *w++ = '\t'; break;
		case 'u': {
			unsigned cp = hex4(p + i + 1);
			i += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				unsigned lo = i + 6 < n && p[i + 1] == '\\' && p[i + 2] == 'u' ? hex4(p + i + 3) : 0;
				if (lo < 0xDC00 || lo > 0xDFFF) {
					cdc_vm_fail(vm, "invalid input syntax for type json: Unicode low surrogate must follow a high surrogate");
					return false;
				}
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				cdc_vm_fail(vm, "invalid input syntax for type json: Unicode low surrogate must follow a high surrogate");
				return false;
			} else if (cp == 0) {
				cdc_vm_fail(vm, "unsupported Unicode escape sequence: \\u0000 cannot be converted to text");
				return false;
			}
			if (cp < 0x80) {
				*w++ = (char)cp;
			} else if (cp < 0x800) {
				*w++ = (char)(0xC0 | cp >> 6);
				*w++ = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				*w++ = (char)(0xE0 | cp >> 12);
				*w++ = (char)(0x80 | (cp >> 6 & 0x3F));
				*w++ = (char)(0x80 | (cp & 0x3F));
			} else {
				*w++ = (char)(0xF0 | cp >> 18);
				*w++ = (char)(0x80 | (cp >> 12 & 0x3F));
				*w++ = (char)(0x80 | (cp >> 6 & 0x3F));
				*w++ = (char)(0x80 | (cp & 0x3F));
			}
			break;
		}
		default: *w++ = c; break;
		}
	}
	*out = cdc_val_text(q, (size_t)(w - q));
	return true;
}

/* Does the key string at k (quotes included, n bytes) spell `key`?  Keys with escapes
 * are decoded first: {"\u0061": 1} has the key "a". */
static bool
key_is(cdc_vm *vm, const char *k, size_t n, cdc_value key, bool *bad)
{
	const char *p = k + 1;
	size_t len = n - 2;
	if (memchr(p, '\\', len)) {
		cdc_value d;
		if (!unescape(vm, p, len, &d)) {
			*bad = true;
			return false;
		}
		p = d.u.s.p;
		len = d.u.s.len;
	}
	return len == key.u.s.len && memcmp(p, key.u.s.p, len) == 0;
}

/* Number of elements of the array at s (s->p at '['), for negative subscripts. */
static long
array_length(scan s)
{
	long n = 0;
	s.p++;
	ws(&s);
	if (s.p < s.end && *s.p == ']')
		return 0;
	while (value(&s)) {
		n++;
		ws(&s);
		if (s.p >= s.end || *s.p != ',')
			break;
		s.p++;
	}
	return n;
}

/*
 * Moves s to the member `key` of the object (or element `key` of the array) at s, as
 * PostgreSQL's json_extract_path_text finds it: the last of duplicate keys, array
 * subscripts as integers ("1", " 1", "+1"), negative ones counted from the end.  Returns
 * 0 if there is none, 1 if found, -1 on an error already reported.
 */
static int
step(cdc_vm *vm, scan *s, cdc_value key)
{
	ws(s);
	if (s->p >= s->end || (*s->p != '{' && *s->p != '['))
		return 0;
	bool obj = *s->p == '{';
	long index = -1;
	if (!obj) {
		char *end;
		char buf[24];
		if (key.u.s.len == 0 || key.u.s.len >= sizeof buf)
			return 0;
		memcpy(buf, key.u.s.p, key.u.s.len);
		buf[key.u.s.len] = '\0';
		index = strtol(buf, &end, 10);
		if (*end || end == buf)
			return 0;
		if (index < 0) {
			index += array_length(*s);
			if (index < 0)
				return 0;
		}
	}
	s->p++;
	const char *found = NULL;
	for (long i = 0;; i++) {
		ws(s);
		if (s->p < s->end && *s->p == (obj ? '}' : ']'))
			break;
		bool hit;
		if (obj) {
			const char *k = s->p;
			bool bad = false;
			if (!string(s))
				return 0;
			hit = key_is(vm, k, (size_t)(s->p - k), key, &bad);
			if (bad)
				return -1;
			ws(s);
			if (s->p >= s->end || *s->p++ != ':')
				return 0;
		} else {
			hit = i == index;
		}
		ws(s);
		if (hit) {
			found = s->p;
			if (!obj)
				break;
		}
		if (!value(s))
			return 0;
		ws(s);
		if (s->p >= s->end || *s->p != ',')
			break;
		s->p++;
	}
	if (!found)
		return 0;
	s->p = found;
	return 1;
}

FN(fn_json_extract_path_text)
{
	scan s = {args[0].u.s.p, args[0].u.s.p + args[0].u.s.len, 0};
	if (!valid_json(s.p, args[0].u.s.len)) {
		cdc_vm_fail(vm, "invalid input syntax for type json");
		return false;
	}
	for (uint16_t i = 1; i < call->nargs; i++) {
		int found = args[i].tag == CDC_VAL_NULL ? 0 : step(vm, &s, args[i]);
		if (found < 0)
			return false;
		if (found == 0) {
			*out = cdc_val_null();
			return true;
		}
	}
	const char *start = s.p;
	if (!value(&s) || literal(&(scan){start, s.p, 0}, "null")) {
		*out = cdc_val_null();
		return true;
	}
	if (*start == '"')
		return unescape(vm, start + 1, (size_t)(s.p - start - 2), out);
	else
		*out = fn_text(vm, start, (size_t)(s.p - start));
	return true;
}

/* ---- UUIDs -------------------------------------------------------------------------- */

static bool
random_uuid(cdc_vm *vm, cdc_value *out)
{
	cdc_value v = {0};
	v.tag = CDC_VAL_UUID;
	if (getrandom(v.u.uuid, 16, 0) != 16) {
		cdc_vm_fail(vm, "could not read random bytes for a UUID");
		return false;
	}
	v.u.uuid[6] = (uint8_t)((v.u.uuid[6] & 0x0F) | 0x40);   /* version 4 */
	v.u.uuid[8] = (uint8_t)((v.u.uuid[8] & 0x3F) | 0x80);   /* RFC 4122 variant */
	*out = v;
	return true;
}

FN(fn_uuid_generate) { (void)call; (void)args; return random_uuid(vm, out); }
FN(fn_gen_random_uuid) { (void)call; (void)args; return random_uuid(vm, out); }

/* ---- the change event: codegen emits EVENT/BEFORE for these; calls come only from
 * tools that evaluate a call directly -------------------------------------------------- */

static const char *const opnames = "IUDS";

FN(fn_op) { (void)call; (void)args; *out = cdc_val_text(&opnames[vm->ev->op], 1); return true; }

FN(fn_commit_time)
{
	(void)call;
	(void)args;
	cdc_value v = {0};
	v.tag = CDC_VAL_TSTZ;
	v.u.i = vm->ev->commit_time;
	*out = v;
	return true;
}

FN(fn_source_position)
{
	(void)call;
	(void)args;
	*out = vm->ev->position ? cdc_val_text(vm->ev->position, strlen(vm->ev->position)) : cdc_val_null();
	return true;
}

FN(fn_table_name)
{
	(void)call;
	(void)args;
	*out = vm->ev->table ? cdc_val_text(vm->ev->table, strlen(vm->ev->table)) : cdc_val_null();
	return true;
}

FN(fn_txid)
{
	(void)call;
	(void)args;
	*out = vm->ev->has_txid ? cdc_val_int(vm->ev->txid) : cdc_val_null();
	return true;
}

FN(fn_before)
{
	(void)call;
	(void)args;
	(void)out;
	cdc_vm_fail(vm, "before() is compiled to the BEFORE instruction");
	return false;
}
