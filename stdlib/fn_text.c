/*
 * stdlib/fn_text.c — string functions: case, trimming, substrings, search, padding,
 * regular expressions, masking, hex/base64.
 *
 * Text is UTF-8 and functions count characters, not bytes, as PostgreSQL does in a UTF-8
 * database.  Case mapping is Unicode's simple mapping (the C.UTF-8 locale), not the C
 * locale's ASCII-only one: lower('É') is 'é'.
 */
#define _GNU_SOURCE     /* newlocale, towlower_l */
#include "stdlib/fn_int.h"

#include <locale.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <wctype.h>

size_t
fn_utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

size_t
fn_utf8_offset(const char *s, size_t n, size_t k)
{
	size_t i = 0;
	while (i < n && k > 0) {
		i += fn_u8len((unsigned char)s[i]);
		k--;
	}
	return i < n ? i : n;
}

static uint32_t
decode(const unsigned char *s, size_t k)
{
	if (k == 1)
		return s[0];
	uint32_t c = s[0] & (0x3F >> (k - 1));
	for (size_t i = 1; i < k; i++)
		c = (c << 6) | (s[i] & 0x3F);
	return c;
}

static size_t
encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* The C.UTF-8 locale, for case mapping and regular expressions beyond ASCII (created
 * once, shared with the VM's ILIKE); NULL if the system lacks it. */
locale_t
cdc_fn_utf8_locale(void)
{
	static locale_t loc;
	static bool tried;
	if (!tried) {
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		tried = true;
	}
	return loc;
}

static bool
change_case(cdc_vm *vm, cdc_value s, bool up, cdc_value *out)
{
	char *q = cdc_arena_alloc(vm->arena, (size_t)s.u.s.len * 2 + 4);
	const unsigned char *p = (const unsigned char *)s.u.s.p;
	/* the ASCII prefix (usually all of it) in one tight loop */
	size_t i = 0, n = s.u.s.len;
	if (up)
		for (; i < n && p[i] < 0x80; i++)
			q[i] = (char)(p[i] >= 'a' && p[i] <= 'z' ? p[i] - 32 : p[i]);
	else
		for (; i < n && p[i] < 0x80; i++)
			q[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	size_t k = i;
	locale_t loc = i < n ? cdc_fn_utf8_locale() : (locale_t)0;
	while (i < n) {
		if (p[i] < 0x80) {
			/* ASCII maps the same in every locale: no decoding, no locale call */
			unsigned char a = p[i++];
			q[k++] = (char)(up ? (a >= 'a' && a <= 'z' ? a - 32 : a) : (a >= 'A' && a <= 'Z' ? a + 32 : a));
			continue;
		}
		size_t l = fn_u8len(p[i]);
		uint32_t c = decode(p + i, l);
		if (loc)
			c = (uint32_t)(up ? towupper_l((wint_t)c, loc) : towlower_l((wint_t)c, loc));
		else if (c < 0x80)
			c = (uint32_t)(up ? (c >= 'a' && c <= 'z' ? c - 32 : c) : (c >= 'A' && c <= 'Z' ? c + 32 : c));
		k += encode(c, q + k);
		i += l;
	}
	*out = cdc_val_text(q, k);
	return true;
}

FN(fn_lower) { (void)call; return change_case(vm, args[0], false, out); }
FN(fn_upper) { (void)call; return change_case(vm, args[0], true, out); }

/* Is the character at p one of the characters of set? */
static bool
in_set(const char *p, size_t l, cdc_value set)
{
	for (size_t i = 0; i < set.u.s.len;) {
		size_t sl = fn_u8len((unsigned char)set.u.s.p[i]);
		if (sl == l && memcmp(set.u.s.p + i, p, l) == 0)
			return true;
		i += sl;
	}
	return false;
}

static bool
trim(cdc_vm *vm, const cdc_call *call, ARGS, bool left, bool right, cdc_value *out)
{
	(void)vm;
	cdc_value s = args[0];
	size_t b = 0, e = s.u.s.len;
	if (!PRESENT(1)) {
		/* the default set is one space: compare bytes */
		while (left && b < e && s.u.s.p[b] == ' ')
			b++;
		while (right && e > b && s.u.s.p[e - 1] == ' ')
			e--;
		*out = cdc_val_text(s.u.s.p + b, e - b);
		return true;
	}
	cdc_value set = args[1];
	while (left && b < e) {
		size_t l = fn_u8len((unsigned char)s.u.s.p[b]);
		if (!in_set(s.u.s.p + b, l, set))
			break;
		b += l;
	}
	while (right && e > b) {
		size_t st = e - 1;
		while (st > b && ((unsigned char)s.u.s.p[st] & 0xC0) == 0x80)
			st--;
		if (!in_set(s.u.s.p + st, e - st, set))
			break;
		e = st;
	}
	*out = cdc_val_text(s.u.s.p + b, e - b);
	return true;
}

FN(fn_trim) { return trim(vm, call, args, true, true, out); }
FN(fn_ltrim) { return trim(vm, call, args, true, false, out); }
FN(fn_rtrim) { return trim(vm, call, args, false, true, out); }

/* substring(s, start[, count]) with PostgreSQL's rules for positions before 1. */
static bool
substring(cdc_vm *vm, const cdc_call *call, ARGS, cdc_value *out)
{
	cdc_value s = args[0];
	int64_t start = args[1].u.i, len = INT64_MAX;
	if (PRESENT(2)) {
		len = args[2].u.i;
		if (len < 0) {
			cdc_vm_fail(vm, "negative substring length not allowed");
			return false;
		}
	}
	int64_t first = start, last;          /* 1-based, last exclusive */
	if (__builtin_add_overflow(start, len, &last))
		last = INT64_MAX;
	if (first < 1)
		first = 1;
	size_t nch = fn_utf8_chars(s.u.s.p, s.u.s.len);
	if (last <= first || first > (int64_t)nch) {
		*out = cdc_val_text(s.u.s.p, 0);
		return true;
	}
	if (last > (int64_t)nch + 1)
		last = (int64_t)nch + 1;
	size_t b = fn_utf8_offset(s.u.s.p, s.u.s.len, (size_t)(first - 1));
	size_t e = fn_utf8_offset(s.u.s.p, s.u.s.len, (size_t)(last - 1));
	*out = cdc_val_text(s.u.s.p + b, e - b);
	return true;
}

FN(fn_substring) { return substring(vm, call, args, out); }
FN(fn_substr) { return substring(vm, call, args, out); }

FN(fn_left)
{
	UNUSED;
	cdc_value s = args[0];
	int64_t n = args[1].u.i, nch = (int64_t)fn_utf8_chars(s.u.s.p, s.u.s.len);
	int64_t keep = n >= 0 ? (n < nch ? n : nch) : (nch + n > 0 ? nch + n : 0);
	*out = cdc_val_text(s.u.s.p, fn_utf8_offset(s.u.s.p, s.u.s.len, (size_t)keep));
	return true;
}

FN(fn_right)
{
	UNUSED;
	cdc_value s = args[0];
	int64_t n = args[1].u.i, nch = (int64_t)fn_utf8_chars(s.u.s.p, s.u.s.len);
	/* n > -nch rather than -n < nch: -n overflows for the smallest bigint */
	int64_t skip = n >= 0 ? (n < nch ? nch - n : 0) : (n > -nch ? -n : nch);
	size_t b = fn_utf8_offset(s.u.s.p, s.u.s.len, (size_t)skip);
	*out = cdc_val_text(s.u.s.p + b, s.u.s.len - b);
	return true;
}

FN(fn_length) { UNUSED; *out = cdc_val_int((int64_t)fn_utf8_chars(args[0].u.s.p, args[0].u.s.len)); return true; }
FN(fn_char_length) { return fn_length(vm, call, args, out); }
FN(fn_octet_length) { UNUSED; *out = cdc_val_int(args[0].u.s.len); return true; }

static const char *
find(const char *h, size_t hn, const char *n, size_t nn)
{
	if (nn == 0)
		return h;
	while (hn >= nn) {
		const char *c = memchr(h, n[0], hn - nn + 1);
		if (!c)
			return NULL;
		if (nn == 1 || memcmp(c, n, nn) == 0)
			return c;
		hn -= (size_t)(c - h) + 1;
		h = c + 1;
	}
	return NULL;
}

FN(fn_replace)
{
	(void)call;
	cdc_value s = args[0], from = args[1], to = args[2];
	if (from.u.s.len == 0) {
		*out = s;
		return true;
	}
	size_t count = 0;
	for (const char *p = s.u.s.p, *end = s.u.s.p + s.u.s.len; (p = find(p, (size_t)(end - p), from.u.s.p, from.u.s.len)); p += from.u.s.len)
		count++;
	if (!count) {
		*out = s;
		return true;
	}
	size_t n = s.u.s.len - count * from.u.s.len + count * to.u.s.len;
	char *q = cdc_arena_alloc(vm->arena, n + 1), *w = q;
	const char *p = s.u.s.p, *end = s.u.s.p + s.u.s.len, *hit;
	while ((hit = find(p, (size_t)(end - p), from.u.s.p, from.u.s.len))) {
		memcpy(w, p, (size_t)(hit - p));
		w += hit - p;
		memcpy(w, to.u.s.p, to.u.s.len);
		w += to.u.s.len;
		p = hit + from.u.s.len;
	}
	memcpy(w, p, (size_t)(end - p));
	*out = cdc_val_text(q, n);
	return true;
}

/* concat and concat_ws: codegen converts every argument to text; NULLs are skipped. */
static bool
join(cdc_vm *vm, const cdc_value *v, int n, cdc_value sep, cdc_value *out)
{
	size_t total = 0;
	int k = 0;
	for (int i = 0; i < n; i++)
		if (v[i].tag != CDC_VAL_NULL)
			total += v[i].u.s.len + (k++ ? sep.u.s.len : 0);
	char *q = cdc_arena_alloc(vm->arena, total + 1), *w = q;
	k = 0;
	for (int i = 0; i < n; i++) {
		if (v[i].tag == CDC_VAL_NULL)
			continue;
		if (k++ && sep.u.s.len) {
			memcpy(w, sep.u.s.p, sep.u.s.len);
			w += sep.u.s.len;
		}
		if (v[i].u.s.len)
			memcpy(w, v[i].u.s.p, v[i].u.s.len);
		w += v[i].u.s.len;
	}
	*out = cdc_val_text(q, total);
	return true;
}

FN(fn_concat) { return join(vm, args, call->nargs, cdc_val_text("", 0), out); }

FN(fn_concat_ws)
{
	if (args[0].tag == CDC_VAL_NULL) {
		*out = cdc_val_null();
		return true;
	}
	return join(vm, args + 1, call->nargs - 1, args[0], out);
}

FN(fn_split_part)
{
	(void)call;
	cdc_value s = args[0], d = args[1];
	int64_t n = args[2].u.i;
	if (n == 0) {
		cdc_vm_fail(vm, "field position must not be zero");
		return false;
	}
	if (s.u.s.len == 0) {
		*out = cdc_val_text(s.u.s.p, 0);
		return true;
	}
	if (n > 0 && d.u.s.len) {
		/* counted from the start: walk to field n, no need to count them all */
		const char *p = s.u.s.p, *e = s.u.s.p + s.u.s.len;
		for (int64_t f = 1; f < n; f++) {
			const char *q = find(p, (size_t)(e - p), d.u.s.p, d.u.s.len);
			if (!q) {
				*out = cdc_val_text(s.u.s.p, 0);
				return true;
			}
			p = q + d.u.s.len;
		}
		const char *q = find(p, (size_t)(e - p), d.u.s.p, d.u.s.len);
		*out = cdc_val_text(p, (size_t)((q ? q : e) - p));
		return true;
	}
	/* from the end (n < 0): count the fields first */
	size_t nf = 1;
	if (d.u.s.len)
		for (const char *p = s.u.s.p, *e = p + s.u.s.len; (p = find(p, (size_t)(e - p), d.u.s.p, d.u.s.len)); p += d.u.s.len)
			nf++;
	if (s.u.s.len == 0)
		nf = 0;
	int64_t want = n > 0 ? n : (int64_t)nf + n + 1;
	if (want < 1 || want > (int64_t)nf) {
		*out = cdc_val_text(s.u.s.p, 0);
		return true;
	}
	const char *p = s.u.s.p, *e = s.u.s.p + s.u.s.len;
	for (int64_t f = 1; f < want; f++)
		p = find(p, (size_t)(e - p), d.u.s.p, d.u.s.len) + d.u.s.len;
	const char *q = d.u.s.len ? find(p, (size_t)(e - p), d.u.s.p, d.u.s.len) : NULL;
	*out = cdc_val_text(p, (size_t)((q ? q : e) - p));
	return true;
}

static bool
pad(cdc_vm *vm, const cdc_call *call, ARGS, bool left, cdc_value *out)
{
	cdc_value s = args[0], fill = PRESENT(2) ? args[2] : cdc_val_text(" ", 1);
	int64_t len = args[1].u.i;
	if (len < 0)
		len = 0;
	if (len > 10 * 1024 * 1024) {
		cdc_vm_fail(vm, "requested length too large");
		return false;
	}
	size_t nch = fn_utf8_chars(s.u.s.p, s.u.s.len);
	if ((size_t)len <= nch || fill.u.s.len == 0) {
		*out = cdc_val_text(s.u.s.p, fn_utf8_offset(s.u.s.p, s.u.s.len, (size_t)len < nch ? (size_t)len : nch));
		return true;
	}
	size_t need = (size_t)len - nch;
	char *q = cdc_arena_alloc(vm->arena, s.u.s.len + need * 4 + 1), *w = q;
	if (!left) {
		memcpy(w, s.u.s.p, s.u.s.len);
		w += s.u.s.len;
	}
	for (size_t i = 0, fi = 0; i < need; i++) {
		size_t l = fn_u8len((unsigned char)fill.u.s.p[fi]);
		memcpy(w, fill.u.s.p + fi, l);
		w += l;
		fi += l;
		if (fi >= fill.u.s.len)
			fi = 0;
	}
	if (left) {
		memcpy(w, s.u.s.p, s.u.s.len);
		w += s.u.s.len;
	}
	*out = cdc_val_text(q, (size_t)(w - q));
	return true;
}

FN(fn_lpad) { return pad(vm, call, args, true, out); }
FN(fn_rpad) { return pad(vm, call, args, false, out); }

FN(fn_strpos)
{
	UNUSED;
	const char *hit = find(args[0].u.s.p, args[0].u.s.len, args[1].u.s.p, args[1].u.s.len);
	*out = cdc_val_int(hit ? (int64_t)fn_utf8_chars(args[0].u.s.p, (size_t)(hit - args[0].u.s.p)) + 1 : 0);
	return true;
}

FN(fn_starts_with)
{
	UNUSED;
	*out = cdc_val_bool(args[1].u.s.len <= args[0].u.s.len &&
	                    memcmp(args[0].u.s.p, args[1].u.s.p, args[1].u.s.len) == 0);
	return true;
}

/* ---- regular expressions: POSIX extended, compiled once per call site and pattern ---- */

typedef struct re_entry {
	const cdc_call  *call;
	char            *pattern;
	int              flags;
	regex_t          re;
	struct re_entry *next;
} re_entry;

/* The compiled expression for this call site.  Each site keeps one: a constant pattern
 * compiles once; a pattern that changes from row to row recompiles when it changes. */
static regex_t *
compiled(cdc_vm *vm, const cdc_call *call, cdc_value pat, int flags)
{
	re_entry *e = vm->cache;
	while (e && !(e->call == call && e->flags == flags))
		e = e->next;
	if (e && strlen(e->pattern) == pat.u.s.len && memcmp(e->pattern, pat.u.s.p, pat.u.s.len) == 0)
		return &e->re;
	if (e) {
		regfree(&e->re);
		free(e->pattern);
	} else {
		e = calloc(1, sizeof *e);
		if (!e)
			abort();
		e->call = call;
		e->flags = flags;
		e->next = vm->cache;
		vm->cache = e;
	}
	e->pattern = strndup(pat.u.s.p, pat.u.s.len);
	if (!e->pattern)
		abort();
	/* in the UTF-8 locale, so that . and [[:alpha:]] match characters, not bytes, and
	 * flag i folds non-ASCII letters, as PostgreSQL does in a UTF-8 database */
	locale_t loc = cdc_fn_utf8_locale(), prev = loc ? uselocale(loc) : (locale_t)0;
	int rc = regcomp(&e->re, e->pattern, REG_EXTENDED | flags);
	if (loc)
		uselocale(prev);
	if (rc != 0) {
		char msg[128];
		regerror(rc, &e->re, msg, sizeof msg);
		cdc_vm_fail(vm, "invalid regular expression: %s", msg);
		e->flags = -1;               /* matches no later lookup; recompiled then */
		regcomp(&e->re, "$^", REG_EXTENDED);
		return NULL;
	}
	return &e->re;
}

void
cdc_fn_release_cache(void *cache)
{
	for (re_entry *e = cache, *n; e; e = n) {
		n = e->next;
		regfree(&e->re);
		free(e->pattern);
		free(e);
	}
}

/* regexec in the locale the expression was compiled in (see compiled()). */
static int
re_exec(const regex_t *re, const char *s, size_t nmatch, regmatch_t *m, int eflags)
{
	locale_t loc = cdc_fn_utf8_locale(), prev = loc ? uselocale(loc) : (locale_t)0;
	int rc = regexec(re, s, nmatch, m, eflags);
	if (loc)
		uselocale(prev);
	return rc;
}

static int
re_flags(cdc_vm *vm, const cdc_call *call, ARGS, int flag_arg, bool *global, bool *ok)
{
	int f = 0;
	*global = false;
	*ok = true;
	if (!PRESENT(flag_arg))
		return 0;
	for (uint32_t i = 0; i < args[flag_arg].u.s.len; i++) {
		char c = args[flag_arg].u.s.p[i];
		if (c == 'i')
			f |= REG_ICASE;
		else if (c == 'g')
			*global = true;
		else {
			cdc_vm_fail(vm, "invalid regular expression option: \"%c\"", c);
			*ok = false;
		}
	}
	return f;
}

FN(fn_regexp_like)
{
	bool global, ok;
	int flags = re_flags(vm, call, args, 2, &global, &ok);
	if (!ok)
		return false;
	regex_t *re = compiled(vm, call, args[1], flags | REG_NOSUB);
	if (!re)
		return false;
	*out = cdc_val_bool(re_exec(re, fn_cstr(vm, args[0]), 0, NULL, 0) == 0);
	return true;
}

FN(fn_regexp_replace)
{
	bool global, ok;
	int flags = re_flags(vm, call, args, 3, &global, &ok);
	if (!ok)
		return false;
	regex_t *re = compiled(vm, call, args[1], flags);
	if (!re)
		return false;
	const char *s = fn_cstr(vm, args[0]);
	cdc_value rep = args[2];
	size_t cap = args[0].u.s.len + rep.u.s.len + 64, len = 0;
	char *buf = cdc_arena_alloc(vm->arena, cap);
	const char *p = s;
	regmatch_t m[10];
	int eflags = 0;
#define PUT(src, n) do { size_t n_ = (n); if (len + n_ + 1 > cap) { \
		size_t c2 = (cap + n_) * 2; char *b2 = cdc_arena_alloc(vm->arena, c2); \
		memcpy(b2, buf, len); buf = b2; cap = c2; } memcpy(buf + len, (src), n_); len += n_; } while (0)
	while (re_exec(re, p, 10, m, eflags) == 0) {
		PUT(p, (size_t)m[0].rm_so);
		for (uint32_t i = 0; i < rep.u.s.len; i++) {
			char c = rep.u.s.p[i];
			if (c == '\\' && i + 1 < rep.u.s.len) {
				char d = rep.u.s.p[i + 1];
				if (d >= '1' && d <= '9') {    /* \0 is not a group in PostgreSQL: kept as written */
					int g = d - '0';
					if (m[g].rm_so >= 0)
						PUT(p + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
					i++;
					continue;
				}
				if (d == '&') {
					PUT(p + m[0].rm_so, (size_t)(m[0].rm_eo - m[0].rm_so));
					i++;
					continue;
				}
				if (d == '\\') {
					PUT("\\", 1);
					i++;
					continue;
				}
			}
			PUT(&c, 1);
		}
		if (m[0].rm_eo == m[0].rm_so) {      /* an empty match: step over one character */
			if (!p[m[0].rm_eo]) {
				/* at the end ('$'): the text before it is already out */
				p += m[0].rm_eo;
				break;
			}
			size_t l = fn_u8len((unsigned char)p[m[0].rm_eo]);
			PUT(p + m[0].rm_eo, l);
			p += m[0].rm_eo + l;
		} else {
			p += m[0].rm_eo;
		}
		eflags = REG_NOTBOL;
		if (!global)
			break;
	}
	PUT(p, strlen(p));
#undef PUT
	*out = cdc_val_text(buf, len);
	return true;
}

/* ---- masking ---------------------------------------------------------------------- */

/* mask(s, keep_last => 4, keep_first => 0, mask_char => '*'): every character but the kept
 * ones becomes mask_char; a value too short to mask keeps nothing visible. */
FN(fn_mask)
{
	cdc_value s = args[0];
	int64_t last = PRESENT(1) ? args[1].u.i : 4, first = PRESENT(2) ? args[2].u.i : 0;
	cdc_value mc = PRESENT(3) ? args[3] : cdc_val_text("*", 1);
	if (last < 0 || first < 0) {
		cdc_vm_fail(vm, "mask() keeps a number of characters that must not be negative");
		return false;
	}
	size_t mcl = mc.u.s.len ? fn_u8len((unsigned char)mc.u.s.p[0]) : 0;
	size_t nch = fn_utf8_chars(s.u.s.p, s.u.s.len);
	if ((size_t)first + (size_t)last >= nch)
		first = last = 0;
	char *q = cdc_arena_alloc(vm->arena, s.u.s.len + nch * 4 + 1), *w = q;
	size_t ci = 0;
	for (size_t i = 0; i < s.u.s.len; ci++) {
		size_t l = fn_u8len((unsigned char)s.u.s.p[i]);
		if (ci < (size_t)first || ci >= nch - (size_t)last) {
			memcpy(w, s.u.s.p + i, l);
			w += l;
		} else {
			memcpy(w, mc.u.s.p, mcl);
			w += mcl;
		}
		i += l;
	}
	*out = cdc_val_text(q, (size_t)(w - q));
	(void)call;
	return true;
}

/* ---- encode / decode -------------------------------------------------------------- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

FN(fn_encode)
{
	(void)call;
	cdc_value d = args[0];
	const char *fmt = fn_cstr(vm, args[1]);
	const unsigned char *p = (const unsigned char *)d.u.s.p;
	if (strcasecmp(fmt, "hex") == 0) {
		char *q = cdc_arena_alloc(vm->arena, (size_t)d.u.s.len * 2 + 1);
		for (uint32_t i = 0; i < d.u.s.len; i++)
			snprintf(q + 2 * i, 3, "%02x", p[i]);
		*out = cdc_val_text(q, (size_t)d.u.s.len * 2);
		return true;
	}
	if (strcasecmp(fmt, "base64") == 0) {
		/* PostgreSQL wraps base64 lines at 76 characters */
		size_t n = d.u.s.len, outn = (n + 2) / 3 * 4;
		char *q = cdc_arena_alloc(vm->arena, outn + outn / 76 + 2), *w = q;
		size_t col = 0;
		for (size_t i = 0; i < n; i += 3) {
			uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
			char four[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], i + 1 < n ? b64[v >> 6 & 63] : '=', i + 2 < n ? b64[v & 63] : '='};
			for (int k = 0; k < 4; k++) {
				if (col == 76) {
					*w++ = '\n';
					col = 0;
				}
				*w++ = four[k];
				col++;
			}
		}
		*out = cdc_val_text(q, (size_t)(w - q));
		return true;
	}
	cdc_vm_fail(vm, "unrecognized encoding: \"%s\"", fmt);
	return false;
}

static int
hexdigit(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

FN(fn_decode)
{
	(void)call;
	cdc_value s = args[0];
	const char *fmt = fn_cstr(vm, args[1]);
	char *q = cdc_arena_alloc(vm->arena, (size_t)s.u.s.len + 1);
	size_t k = 0;
	if (strcasecmp(fmt, "hex") == 0) {
		for (uint32_t i = 0; i < s.u.s.len;) {
			if (s.u.s.p[i] == ' ' || s.u.s.p[i] == '\n' || s.u.s.p[i] == '\t' || s.u.s.p[i] == '\r') {
				i++;
				continue;
			}
			/* PostgreSQL's hex_decode, with its two messages */
			int h = hexdigit(s.u.s.p[i]), l = i + 1 < s.u.s.len ? hexdigit(s.u.s.p[i + 1]) : -2;
			if (h < 0 || l == -1) {
				cdc_vm_fail(vm, "invalid hexadecimal digit");
				return false;
			}
			if (l == -2) {
				cdc_vm_fail(vm, "invalid hexadecimal data: odd number of digits");
				return false;
			}
			q[k++] = (char)(h * 16 + l);
			i += 2;
		}
	} else if (strcasecmp(fmt, "base64") == 0) {
		/* PostgreSQL's pg_base64_decode: groups of four symbols, '=' only as the third or
		 * fourth of a group, and then every later group short by as much; a last group
		 * that is not complete is an error, not silently dropped bits */
		uint32_t acc = 0;
		int pos = 0, end = 0;
		for (uint32_t i = 0; i < s.u.s.len; i++) {
			char c = s.u.s.p[i];
			int b;
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
				continue;
			if (c == '=') {
				if (!end) {
					if (pos == 2)
						end = 1;
					else if (pos == 3)
						end = 2;
					else {
						cdc_vm_fail(vm, "unexpected \"=\" while decoding base64 sequence");
						return false;
					}
				}
				b = 0;
			} else {
				const char *at = c ? strchr(b64, c) : NULL;
				if (!at) {
					/* the whole character, so the message stays valid UTF-8 */
					size_t l = fn_u8len((unsigned char)c);
					if (l > s.u.s.len - i)
						l = s.u.s.len - i;
					cdc_vm_fail(vm, "invalid symbol \"%.*s\" found while decoding base64 sequence", (int)l,
					            s.u.s.p + i);
					return false;
				}
				b = (int)(at - b64);
			}
			acc = acc << 6 | (uint32_t)b;
			if (++pos == 4) {
				q[k++] = (char)(acc >> 16 & 0xFF);
				if (end == 0 || end > 1)
					q[k++] = (char)(acc >> 8 & 0xFF);
				if (end == 0 || end > 2)
					q[k++] = (char)(acc & 0xFF);
				acc = 0;
				pos = 0;
			}
		}
		if (pos != 0) {
			cdc_vm_fail(vm, "invalid base64 end sequence");
			return false;
		}
	} else {
		cdc_vm_fail(vm, "unrecognized encoding: \"%s\"", fmt);
		return false;
	}
	cdc_value v = {0};
	v.tag = CDC_VAL_BYTES;
	v.u.s.p = q;
	v.u.s.len = (uint32_t)k;
	*out = v;
	return true;
}
