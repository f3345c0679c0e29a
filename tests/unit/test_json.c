/*
 * tests/unit/test_json.c — the strict JSON reader: every kind of value, exact number
 * text, raw spans of nested values, escapes and surrogate pairs, each error with its
 * position, the nesting limit, and a differential fuzz loop against an independent
 * recursive validator and cJSON.
 *
 * Every input is copied into a heap block of exactly its length before parsing, so an
 * AddressSanitizer build catches any read past the end (the reader must never rely on
 * a terminating NUL).
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "runtime/arena.h"
#include "runtime/json.h"

static cdc_arena *arena;
static char     **copies;    /* exact_copy blocks, freed by teardown */
static size_t     ncopies;

static void
setup(void)
{
	arena = cdc_arena_new("test_json");
}

static void
teardown(void)
{
	cdc_arena_free(arena);
	while (ncopies)
		free(copies[--ncopies]);
	free(copies);
	copies = NULL;
}

/*
 * A heap copy of exactly n bytes, so that over-reads are caught (a copy inside the
 * arena would be followed by more arena).  Raw spans point into it, so it lives until
 * teardown.
 */
static const char *
exact_copy(const char *s, size_t n)
{
	char *b = malloc(n ? n : 1);
	copies = realloc(copies, (ncopies + 1) * sizeof *copies);
	ck_assert(b && copies);
	memcpy(b, s, n);
	return copies[ncopies++] = b;
}

static const cdc_json *
parse_okn(const char *src, size_t n)
{
	const char *err = "not set";
	size_t pos = 12345;
	const cdc_json *v = cdc_json_parse(arena, exact_copy(src, n), n, &err, &pos);
	ck_assert_msg(v != NULL, "parsing '%.*s' failed at %zu: %s", (int)n, src, pos, err);
	ck_assert_ptr_null(err);
	ck_assert_uint_eq(pos, 0);
	return v;
}

static const cdc_json *
parse_ok(const char *src)
{
	return parse_okn(src, strlen(src));
}

static void
expect_errn(const char *src, size_t n, const char *msg, size_t at)
{
	const char *err = NULL;
	size_t pos = 12345;
	const cdc_json *v = cdc_json_parse(arena, exact_copy(src, n), n, &err, &pos);
	ck_assert_msg(v == NULL, "'%.*s' was accepted, want error '%s'", (int)n, src, msg);
	ck_assert_msg(err && strcmp(err, msg) == 0 && pos == at,
	              "'%.*s': got '%s' at %zu, want '%s' at %zu", (int)n, src,
	              err ? err : "(null)", pos, msg, at);
}

static void
expect_err(const char *src, const char *msg, size_t at)
{
	expect_errn(src, strlen(src), msg, at);
}

static void
expect_raw(const cdc_json *v, const char *want)
{
	ck_assert_ptr_nonnull(v);
	ck_assert_msg(v->rawlen == strlen(want) && memcmp(v->raw, want, v->rawlen) == 0,
	              "raw is '%.*s', want '%s'", (int)v->rawlen, v->raw, want);
}

/* The str of a STRING or NUMBER against want[0..wantlen), NUL terminator included. */
static void
expect_strn(const cdc_json *v, const char *want, size_t wantlen)
{
	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_nonnull(v->str);
	ck_assert_uint_eq(v->len, wantlen);
	ck_assert_mem_eq(v->str, want, wantlen);
	ck_assert_int_eq(v->str[wantlen], '\0');
}

static void
expect_str(const cdc_json *v, const char *want)
{
	expect_strn(v, want, strlen(want));
}

/* The i-th child of an array or object. */
static const cdc_json *
nth(const cdc_json *v, size_t i)
{
	const cdc_json *c = v->child;
	while (c && i--)
		c = c->next;
	ck_assert_ptr_nonnull(c);
	return c;
}

/* ---- valid documents ------------------------------------------------------------- */

START_TEST(scalars)
{
	const cdc_json *v = parse_ok("null");
	ck_assert_int_eq(v->kind, CDC_JSON_NULL);
	expect_raw(v, "null");
	ck_assert_ptr_null(v->str);
	ck_assert_ptr_null(v->key);
	ck_assert_ptr_null(v->child);
	ck_assert_ptr_null(v->next);

	v = parse_ok(" \t\r\n true \n");
	ck_assert_int_eq(v->kind, CDC_JSON_TRUE);
	expect_raw(v, "true");

	v = parse_ok("false");
	ck_assert_int_eq(v->kind, CDC_JSON_FALSE);
	expect_raw(v, "false");

	v = parse_ok("  42  ");
	ck_assert_int_eq(v->kind, CDC_JSON_NUMBER);
	expect_raw(v, "42");
	expect_str(v, "42");

	v = parse_ok("\"hi\"");
	ck_assert_int_eq(v->kind, CDC_JSON_STRING);
	expect_raw(v, "\"hi\"");
	expect_str(v, "hi");

	v = parse_ok("\"\"");
	expect_raw(v, "\"\"");
	expect_str(v, "");

	v = parse_ok("[]");
	ck_assert_int_eq(v->kind, CDC_JSON_ARRAY);
	ck_assert_uint_eq(v->count, 0);
	ck_assert_ptr_null(v->child);
	expect_raw(v, "[]");

	v = parse_ok("{ \n }");
	ck_assert_int_eq(v->kind, CDC_JSON_OBJECT);
	ck_assert_uint_eq(v->count, 0);
	ck_assert_ptr_null(v->child);
	expect_raw(v, "{ \n }");
}
END_TEST

/* The whole point of the module: digits a double would lose come through untouched. */
START_TEST(numbers_exact)
{
	static const char *const nums[] = {
		"0", "-0", "1", "-1", "0.0", "-0.0", "10", "1.5", "1e5", "1E5", "1e+5", "1E-5",
		"0e0", "-0E-0", "123.456e789",
		"12345678901234567890123",
		"-0.000000000000000000000000000000000001",
		"1E+400",
		"99999999999999999999999999999999999999.99999999999999999999999999999999999999",
		"9007199254740993",
		"-9223372036854775809",
		"4.9406564584124654e-325",
	};
	char buf[256];
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		const cdc_json *v = parse_ok(nums[i]);
		ck_assert_int_eq(v->kind, CDC_JSON_NUMBER);
		expect_raw(v, nums[i]);
		expect_str(v, nums[i]);

		snprintf(buf, sizeof buf, "[ %s ,%s]", nums[i], nums[i]);
		v = parse_ok(buf);
		ck_assert_uint_eq(v->count, 2);
		expect_str(nth(v, 0), nums[i]);
		expect_str(nth(v, 1), nums[i]);
	}
}
END_TEST

START_TEST(change_event)
{
	const char *src =
		"{\"op\":\"insert\",\"row\":{\"id\":12345678901234567890123,\"amount\":\"1.10\","
		"\"price\": 1.10,\"doc\": {\"tags\": [\"a\", {\"b\" :null}] , \"n\":[ ]}},"
		"\"lsn\":\"0/16B3748\"}";
	const cdc_json *ev = parse_ok(src);
	ck_assert_int_eq(ev->kind, CDC_JSON_OBJECT);
	ck_assert_uint_eq(ev->count, 3);
	expect_raw(ev, src);

	const cdc_json *op = cdc_json_get(ev, "op");
	expect_str(op, "insert");
	ck_assert_str_eq(op->key, "op");
	ck_assert_uint_eq(op->keylen, 2);

	const cdc_json *row = cdc_json_get(ev, "row");
	ck_assert_int_eq(row->kind, CDC_JSON_OBJECT);
	ck_assert_uint_eq(row->count, 4);
	expect_raw(row, "{\"id\":12345678901234567890123,\"amount\":\"1.10\",\"price\": 1.10,"
	                "\"doc\": {\"tags\": [\"a\", {\"b\" :null}] , \"n\":[ ]}}");

	const cdc_json *id = cdc_json_get(row, "id");
	ck_assert_int_eq(id->kind, CDC_JSON_NUMBER);
	expect_str(id, "12345678901234567890123");
	expect_str(cdc_json_get(row, "amount"), "1.10");
	expect_str(cdc_json_get(row, "price"), "1.10");   /* the trailing zero survives */

	/* A json column is passed on as its exact text, inner blanks included. */
	const cdc_json *doc = cdc_json_get(row, "doc");
	expect_raw(doc, "{\"tags\": [\"a\", {\"b\" :null}] , \"n\":[ ]}");
	const cdc_json *tags = cdc_json_get(doc, "tags");
	expect_raw(tags, "[\"a\", {\"b\" :null}]");
	ck_assert_uint_eq(tags->count, 2);
	expect_raw(nth(tags, 0), "\"a\"");
	ck_assert_ptr_null(nth(tags, 0)->key);
	expect_raw(nth(tags, 1), "{\"b\" :null}");
	expect_raw(cdc_json_get(nth(tags, 1), "b"), "null");
	expect_raw(cdc_json_get(doc, "n"), "[ ]");

	expect_str(cdc_json_get(ev, "lsn"), "0/16B3748");
	ck_assert_ptr_null(cdc_json_get(ev, "missing"));
	ck_assert_ptr_null(cdc_json_get(ev, "ro"));
	ck_assert_ptr_null(cdc_json_get(ev, "rows"));
}
END_TEST

START_TEST(children_in_order)
{
	const cdc_json *v = parse_ok("[1,[2,[3]],{\"x\":[4]},\"5\",true,false,null]");
	ck_assert_uint_eq(v->count, 7);
	static const cdc_json_kind kinds[] = {
		CDC_JSON_NUMBER, CDC_JSON_ARRAY, CDC_JSON_OBJECT, CDC_JSON_STRING,
		CDC_JSON_TRUE, CDC_JSON_FALSE, CDC_JSON_NULL
	};
	size_t i = 0;
	for (const cdc_json *c = v->child; c; c = c->next, i++)
		ck_assert_int_eq(c->kind, kinds[i]);
	ck_assert_uint_eq(i, 7);
	expect_raw(nth(v, 1), "[2,[3]]");
	expect_raw(nth(nth(v, 1), 1), "[3]");
	expect_raw(nth(nth(nth(v, 1), 1), 0), "3");
	expect_raw(nth(v, 2), "{\"x\":[4]}");
}
END_TEST

/* First wins: a duplicate later in the object cannot override what was read first. */
START_TEST(get_duplicates_and_misuse)
{
	const cdc_json *v = parse_ok("{\"a\":1,\"b\":2,\"a\":3}");
	ck_assert_uint_eq(v->count, 3);
	expect_str(cdc_json_get(v, "a"), "1");
	expect_str(nth(v, 2), "3");
	ck_assert_str_eq(nth(v, 2)->key, "a");

	ck_assert_ptr_null(cdc_json_get(NULL, "a"));
	ck_assert_ptr_null(cdc_json_get(parse_ok("[\"a\"]"), "a"));
	ck_assert_ptr_null(cdc_json_get(parse_ok("\"a\""), "a"));

	/* An empty key is a key like any other. */
	v = parse_ok("{\"\":0,\"a\\u0000b\":1}");
	expect_str(cdc_json_get(v, ""), "0");
	ck_assert_uint_eq(nth(v, 1)->keylen, 3);
	ck_assert_mem_eq(nth(v, 1)->key, "a\0b", 4);
	ck_assert_ptr_null(cdc_json_get(v, "a"));   /* the NUL is part of the key */

	/* Keys are compared decoded. */
	v = parse_ok("{\"k\\u00e9y\":true,\"\\\"q\\\"\":false}");
	ck_assert_int_eq(cdc_json_get(v, "k\xC3\xA9y")->kind, CDC_JSON_TRUE);
	ck_assert_int_eq(cdc_json_get(v, "\"q\"")->kind, CDC_JSON_FALSE);
}
END_TEST

START_TEST(kind_names)
{
	ck_assert_str_eq(cdc_json_kind_name(CDC_JSON_NULL), "null");
	ck_assert_str_eq(cdc_json_kind_name(CDC_JSON_FALSE), "boolean");
	ck_assert_str_eq(cdc_json_kind_name(CDC_JSON_TRUE), "boolean");
	ck_assert_str_eq(cdc_json_kind_name(CDC_JSON_NUMBER), "number");
	ck_assert_str_eq(cdc_json_kind_name(CDC_JSON_STRING), "string");
	ck_assert_str_eq(cdc_json_kind_name(CDC_JSON_ARRAY), "array");
	ck_assert_str_eq(cdc_json_kind_name(CDC_JSON_OBJECT), "object");
}
END_TEST

/* The input is s[0..n): what follows is not looked at, and no NUL is needed. */
START_TEST(length_bounded)
{
	const cdc_json *v = parse_okn("[1,2]garbage", 5);
	ck_assert_uint_eq(v->count, 2);
	v = parse_okn("12345", 3);
	expect_str(v, "123");
	v = parse_okn("\"ab\"cd", 4);
	expect_str(v, "ab");
	expect_errn("truex", 3, "invalid literal, expected 'true'", 0);
	expect_errn("\"abc\"", 4, "unterminated string", 0);

	/* Both out-parameters are optional. */
	ck_assert_ptr_null(cdc_json_parse(arena, "[", 1, NULL, NULL));
	ck_assert_ptr_nonnull(cdc_json_parse(arena, "[]", 2, NULL, NULL));
	ck_assert_ptr_null(cdc_json_parse(arena, NULL, 0, NULL, NULL));
}
END_TEST

START_TEST(large_documents)
{
	/* Many elements and a long string with many escapes: linear, and counts are right. */
	size_t k = 200000;
	char *s = malloc(2 * k + 2);
	ck_assert_ptr_nonnull(s);
	s[0] = '[';
	for (size_t i = 0; i < k; i++) {
		s[1 + 2 * i] = '7';
		s[2 + 2 * i] = i + 1 < k ? ',' : ']';
	}
	const cdc_json *v = parse_okn(s, 2 * k + 1);
	ck_assert_uint_eq(v->count, k);
	free(s);

	s = malloc(6 * k + 2);
	ck_assert_ptr_nonnull(s);
	s[0] = '"';
	for (size_t i = 0; i < k; i++)
		memcpy(s + 1 + 6 * i, "\\u00e9", 6);
	s[6 * k + 1] = '"';
	v = parse_okn(s, 6 * k + 2);
	ck_assert_uint_eq(v->len, 2 * k);
	ck_assert_uint_eq(v->rawlen, 6 * k + 2);
	for (size_t i = 0; i < k; i++)
		ck_assert(v->str[2 * i] == '\xC3' && v->str[2 * i + 1] == '\xA9');
	free(s);
}
END_TEST

/* ---- strings ---------------------------------------------------------------------- */

START_TEST(escapes)
{
	const cdc_json *v = parse_ok("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"");
	expect_str(v, "\"\\/\b\f\n\r\t");
	expect_raw(v, "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"");

	v = parse_ok("\"a\\u0041\\u00e9\\u00E9\\u20AC\\uFFFF z\"");
	expect_str(v, "aA\xC3\xA9\xC3\xA9\xE2\x82\xAC\xEF\xBF\xBF z");

	/* \u0000 is a NUL byte inside the string: len, not strlen. */
	v = parse_ok("\"a\\u0000b\"");
	expect_strn(v, "a\0b", 3);

	/* DEL and all of UTF-8 may appear unescaped; only U+0000..U+001F may not. */
	v = parse_ok("\"\x7F\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF\"");
	expect_str(v, "\x7F\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF");
	v = parse_ok("\"\xEF\xBB\xBF\"");   /* a BOM inside a string is just a character */
	expect_str(v, "\xEF\xBB\xBF");
}
END_TEST

START_TEST(surrogate_pairs)
{
	expect_str(parse_ok("\"\\uD83D\\uDE00\""), "\xF0\x9F\x98\x80");        /* U+1F600 */
	expect_str(parse_ok("\"\\ud83d\\ude00\""), "\xF0\x9F\x98\x80");
	expect_str(parse_ok("\"\\uD800\\uDC00\""), "\xF0\x90\x80\x80");        /* U+10000 */
	expect_str(parse_ok("\"\\uDBFF\\uDFFF\""), "\xF4\x8F\xBF\xBF");        /* U+10FFFF */
	expect_str(parse_ok("\"x\\uD834\\uDD1Ey\""), "x\xF0\x9D\x84\x9Ey");    /* U+1D11E */
	/* An escaped pair and the same character written raw decode alike. */
	expect_str(parse_ok("[\"\\uD83D\\uDE00\xF0\x9F\x98\x80\"]")->child,
	           "\xF0\x9F\x98\x80\xF0\x9F\x98\x80");

	expect_err("\"\\uD800\"", "unpaired surrogate in \\u escape", 1);
	expect_err("\"\\uDC00\"", "unpaired surrogate in \\u escape", 1);
	expect_err("\"ab\\uDFFF\\uD800\"", "unpaired surrogate in \\u escape", 3);
	expect_err("\"\\uD800\\u0041\"", "unpaired surrogate in \\u escape", 1);
	expect_err("\"\\uD800\\uD800\"", "unpaired surrogate in \\u escape", 1);
	expect_err("\"\\uD800x\"", "unpaired surrogate in \\u escape", 1);
	expect_err("\"\\uD800\\n\"", "unpaired surrogate in \\u escape", 1);
	expect_err("\"\\uD800\\\"", "unpaired surrogate in \\u escape", 1);
	expect_err("\"\\uD800\\u12\"", "invalid \\u escape", 7);
	expect_err("\"\\uD800\\u\"", "invalid \\u escape", 7);
	/* Cut off inside the pair: the string never ended, that is the problem. */
	expect_err("\"\\uD800", "unterminated string", 0);
	expect_err("\"\\uD800\\", "unterminated string", 0);
	expect_err("\"\\uD800\\u", "unterminated string", 0);
	expect_err("\"\\uD800\\uDC", "unterminated string", 0);
}
END_TEST

START_TEST(string_errors)
{
	expect_err("\"abc", "unterminated string", 0);
	expect_err("[1, \"abc", "unterminated string", 4);
	expect_err("\"abc\\", "unterminated string", 0);
	expect_err("\"abc\\\"", "unterminated string", 0);
	expect_err("\"", "unterminated string", 0);
	expect_err("{\"a", "unterminated string", 1);

	expect_err("\"a\nb\"", "unescaped control character U+000A in string", 2);
	expect_err("\"a\tb\"", "unescaped control character U+0009 in string", 2);
	expect_err("\"\x1F\"", "unescaped control character U+001F in string", 1);
	expect_errn("\"a\0b\"", 5, "unescaped control character U+0000 in string", 2);
	/* The first problem by position is reported, even in an unterminated string. */
	expect_err("\"a\nb", "unescaped control character U+000A in string", 2);

	expect_err("\"\\x\"", "invalid escape '\\x'", 1);
	expect_err("\"ab\\'\"", "invalid escape '\\''", 3);
	expect_err("\"\\U0041\"", "invalid escape '\\U'", 1);
	expect_err("\"\\0\"", "invalid escape '\\0'", 1);
	expect_err("\"\\\n\"", "invalid escape", 1);
	expect_err("\"\\\xC3\xA9\"", "invalid escape", 1);

	expect_err("\"\\u12\"", "invalid \\u escape", 1);
	expect_err("\"\\u\"", "invalid \\u escape", 1);
	expect_err("\"x\\u12G4\"", "invalid \\u escape", 2);
	expect_err("\"\\u 123\"", "invalid \\u escape", 1);
	expect_err("\"\\u-123\"", "invalid \\u escape", 1);
	expect_err("\"\\u12", "unterminated string", 0);
	expect_err("\"\\u12x", "invalid \\u escape", 1);

	/* Keys are strings with the same rules. */
	expect_err("{\"a\nb\":1}", "unescaped control character U+000A in string", 3);
	expect_err("{\"\\uDE00\":1}", "unpaired surrogate in \\u escape", 2);
}
END_TEST

START_TEST(utf8_errors)
{
	struct { const char *s; size_t at; } bad[] = {
		{"\"\xC0\x80\"", 1},                /* overlong NUL */
		{"\"\xC1\xBF\"", 1},                /* overlong U+007F */
		{"\"\xE0\x80\x80\"", 1},            /* overlong 3-byte */
		{"\"\xE0\x9F\xBF\"", 1},
		{"\"\xF0\x80\x80\x80\"", 1},        /* overlong 4-byte */
		{"\"\xF0\x8F\xBF\xBF\"", 1},
		{"\"\xED\xA0\x80\"", 1},            /* U+D800 encoded */
		{"\"\xED\xBF\xBF\"", 1},            /* U+DFFF encoded */
		{"\"\xED\xA0\xBD\xED\xB8\x80\"", 1},/* CESU-8 pair */
		{"\"\xF4\x90\x80\x80\"", 1},        /* U+110000 */
		{"\"\xF5\x80\x80\x80\"", 1},
		{"\"\xF8\x88\x80\x80\x80\"", 1},
		{"\"\xFE\"", 1},
		{"\"\xFF\"", 1},
		{"\"\x80\"", 1},                    /* stray continuation byte */
		{"\"ab\xBF\"", 3},
		{"\"a\xC3\"", 2},                   /* cut off by the closing quote */
		{"\"a\xE2\x82\"", 2},
		{"\"\xE2\x28\xA1\"", 1},
		{"\"\xC3\xA9\xC3\x28\"", 3},
		{"\"\xF0\x9F\x98\"", 1},
		{"{\"\xC0\x80\":1}", 2},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_err(bad[i].s, "invalid UTF-8", bad[i].at);

	/* Truncated by the end of input inside a string: unterminated. */
	expect_err("\"\xC3", "unterminated string", 0);
	expect_err("\"\xE2\x82", "unterminated string", 0);
	expect_err("\"\xF0\x9F\x98", "unterminated string", 0);
	/* ... unless the bytes so far are already wrong. */
	expect_err("\"\xF0\x8F", "invalid UTF-8", 1);

	/* Outside strings, a non-ASCII character is unexpected, or invalid if malformed. */
	expect_err("\xC3\xA9", "unexpected character U+00E9, expected a value", 0);
	expect_err("\xEF\xBB\xBF{}", "unexpected character U+FEFF, expected a value", 0);
	expect_err("[1,\x80]", "invalid UTF-8", 3);
	expect_err("\xFF", "invalid UTF-8", 0);
	expect_err("[1\xC3", "invalid UTF-8", 2);
	expect_err("{\"a\":1}\xC2\xA0", "trailing characters", 7);
	expect_err("[\xC2\xA0" "1]", "unexpected character U+00A0, expected a value", 1);
}
END_TEST

/* ---- structural and number errors -------------------------------------------------- */

START_TEST(syntax_errors)
{
	expect_err("", "unexpected end of input, expected a value", 0);
	expect_err(" \n\t ", "unexpected end of input, expected a value", 4);
	expect_err("[", "unexpected end of input, expected a value", 1);
	expect_err("[1", "unexpected end of input, expected ',' or ']'", 2);
	expect_err("[1,", "unexpected end of input, expected a value", 3);
	expect_err("{", "unexpected end of input, expected a string or '}'", 1);
	expect_err("{\"a\"", "unexpected end of input, expected ':'", 4);
	expect_err("{\"a\":", "unexpected end of input, expected a value", 5);
	expect_err("{\"a\":1", "unexpected end of input, expected ',' or '}'", 6);
	expect_err("{\"a\":1,", "unexpected end of input, expected a string", 7);

	/* Trailing commas and missing separators. */
	expect_err("[1,]", "unexpected character ']', expected a value", 3);
	expect_err("[,]", "unexpected character ',', expected a value", 1);
	expect_err("[1,,2]", "unexpected character ',', expected a value", 3);
	expect_err("{\"a\":1,}", "unexpected character '}', expected a string", 7);
	expect_err("{,}", "unexpected character ',', expected a string or '}'", 1);
	expect_err("[1 2]", "unexpected character '2', expected ',' or ']'", 3);
	expect_err("{\"a\":1 \"b\":2}", "unexpected character '\"', expected ',' or '}'", 7);
	expect_err("{\"a\" 1}", "unexpected character '1', expected ':'", 5);
	expect_err("{\"a\"=1}", "unexpected character '=', expected ':'", 4);
	expect_err("{\"a\":}", "unexpected character '}', expected a value", 5);
	expect_err("[1}", "unexpected character '}', expected ',' or ']'", 2);
	expect_err("{\"a\":1]", "unexpected character ']', expected ',' or '}'", 6);
	expect_err("]", "unexpected character ']', expected a value", 0);

	/* What lenient parsers take. */
	expect_err("{a:1}", "unexpected character 'a', expected a string or '}'", 1);
	expect_err("{'a':1}", "unexpected character ''', expected a string or '}'", 1);
	expect_err("['a']", "unexpected character ''', expected a value", 1);
	expect_err("/* c */ 1", "unexpected character '/', expected a value", 0);
	expect_err("[1] // c", "trailing characters", 4);
	expect_err("[1,/*c*/2]", "unexpected character '/', expected a value", 3);
	expect_err("# c\n1", "unexpected character '#', expected a value", 0);
	expect_err("NaN", "unexpected character 'N', expected a value", 0);
	expect_err("[Infinity]", "unexpected character 'I', expected a value", 1);
	expect_err("undefined", "unexpected character 'u', expected a value", 0);
	expect_err("True", "unexpected character 'T', expected a value", 0);
	expect_err("tru", "invalid literal, expected 'true'", 0);
	expect_err("[nul]", "invalid literal, expected 'null'", 1);
	expect_err("[fals", "invalid literal, expected 'false'", 1);
	expect_err("nil", "invalid literal, expected 'null'", 0);
	expect_err("truex", "trailing characters", 4);
	expect_err("[truex]", "unexpected character 'x', expected ',' or ']'", 5);

	/* Whitespace is space, tab, LF and CR only. */
	expect_err("\f1", "unexpected character U+000C, expected a value", 0);
	expect_err("[1,\v2]", "unexpected character U+000B, expected a value", 3);
	expect_errn("\0", 1, "unexpected character U+0000, expected a value", 0);
	expect_errn("1\0", 2, "trailing characters", 1);
	expect_errn("[1\0]", 4, "unexpected character U+0000, expected ',' or ']'", 2);
	expect_err("\x7F", "unexpected character U+007F, expected a value", 0);

	/* One value only. */
	expect_err("1 2", "trailing characters", 2);
	expect_err("{} {}", "trailing characters", 3);
	expect_err("[]]", "trailing characters", 2);
	expect_err("\"a\"\"b\"", "trailing characters", 3);
	expect_err("null,", "trailing characters", 4);
}
END_TEST

START_TEST(number_errors)
{
	expect_err("01", "invalid number: leading zero", 0);
	expect_err("-01", "invalid number: leading zero", 1);
	expect_err("[00]", "invalid number: leading zero", 1);
	expect_err("[1, 0123]", "invalid number: leading zero", 4);
	expect_err("-", "invalid number: expected digit after '-'", 1);
	expect_err("[-]", "invalid number: expected digit after '-'", 2);
	expect_err("-a", "invalid number: expected digit after '-'", 1);
	expect_err("- 1", "invalid number: expected digit after '-'", 1);
	expect_err("--1", "invalid number: expected digit after '-'", 1);
	expect_err("-Infinity", "invalid number: expected digit after '-'", 1);
	expect_err("1.", "invalid number: expected digit after '.'", 2);
	expect_err("1.e5", "invalid number: expected digit after '.'", 2);
	expect_err("[1.]", "invalid number: expected digit after '.'", 3);
	expect_err("-0.x", "invalid number: expected digit after '.'", 3);
	expect_err("1e", "invalid number: expected digit in exponent", 2);
	expect_err("1e+", "invalid number: expected digit in exponent", 3);
	expect_err("1E-x", "invalid number: expected digit in exponent", 3);
	expect_err("1e+-1", "invalid number: expected digit in exponent", 3);
	expect_err("+1", "unexpected character '+', expected a value", 0);
	expect_err(".5", "unexpected character '.', expected a value", 0);
	expect_err("[.5]", "unexpected character '.', expected a value", 1);
	expect_err("0x10", "trailing characters", 1);
	expect_err("1.5.3", "trailing characters", 3);
	expect_err("1e5e5", "trailing characters", 3);
	expect_err("1 000", "trailing characters", 2);
	expect_err("[1e5.0]", "unexpected character '.', expected ',' or ']'", 4);
	expect_err("[0x10]", "unexpected character 'x', expected ',' or ']'", 2);
}
END_TEST

/* ---- nesting ----------------------------------------------------------------------- */

/* A document nested depth levels deep: depth openers ('[' only, or '[' and '{"k":' in
 * turn when mixed), then inner, then the matching closers.  The caller frees it. */
static char *
nested(int depth, bool mixed, const char *inner, size_t *len)
{
	size_t cap = (size_t)depth * 6 + strlen(inner) + 1, n = 0;
	char *s = malloc(cap);
	ck_assert_ptr_nonnull(s);
	for (int i = 0; i < depth; i++) {
		if (mixed && i % 2) {
			memcpy(s + n, "{\"k\":", 5);
			n += 5;
		} else {
			s[n++] = '[';
		}
	}
	memcpy(s + n, inner, strlen(inner));
	n += strlen(inner);
	for (int i = depth - 1; i >= 0; i--)
		s[n++] = mixed && i % 2 ? '}' : ']';
	*len = n;
	return s;
}


START_TEST(depth_limit)
{
	size_t n;
	char *s = nested(CDC_JSON_MAX_DEPTH, false, "", &n);
	const cdc_json *v = parse_okn(s, n);
	int d = 1;
	for (; v->child; v = v->child)
		d++;
	ck_assert_int_eq(d, CDC_JSON_MAX_DEPTH);
	expect_raw(v, "[]");
	free(s);

	/* Objects count towards the same limit, and a scalar at the bottom is no level. */
	s = nested(CDC_JSON_MAX_DEPTH, true, "1", &n);
	v = parse_okn(s, n);
	ck_assert_uint_eq(v->rawlen, n);
	d = 1;
	for (; v->child; v = v->child) {
		ck_assert_int_eq(v->kind, d % 2 ? CDC_JSON_ARRAY : CDC_JSON_OBJECT);
		ck_assert_uint_eq(v->count, 1);
		d++;
	}
	ck_assert_int_eq(d, CDC_JSON_MAX_DEPTH + 1);
	ck_assert_int_eq(v->kind, CDC_JSON_NUMBER);
	ck_assert_str_eq(v->key, "k");
	free(s);
}
END_TEST

START_TEST(depth_limit_exceeded)
{
	size_t n;
	char *s = nested(CDC_JSON_MAX_DEPTH + 1, false, "", &n);
	expect_errn(s, n, "nesting deeper than 256", CDC_JSON_MAX_DEPTH);
	free(s);

	/* The 257th opener is '[' after 128 pairs of "[" and "{\"k\":". */
	s = nested(CDC_JSON_MAX_DEPTH + 1, true, "1", &n);
	expect_errn(s, n, "nesting deeper than 256", (size_t)(CDC_JSON_MAX_DEPTH / 2) * 6);
	free(s);
	s = nested(CDC_JSON_MAX_DEPTH + 2, true, "1", &n);
	expect_errn(s, n, "nesting deeper than 256", (size_t)(CDC_JSON_MAX_DEPTH / 2) * 6);
	free(s);

	/* An object as the one too many. */
	s = nested(CDC_JSON_MAX_DEPTH, false, "{}", &n);
	expect_errn(s, n, "nesting deeper than 256", CDC_JSON_MAX_DEPTH);
	free(s);

	/* Far deeper than the limit costs nothing but the error: there is no recursion. */
	size_t big = 1000000;
	s = malloc(big);
	ck_assert_ptr_nonnull(s);
	memset(s, '[', big);
	expect_errn(s, big, "nesting deeper than 256", CDC_JSON_MAX_DEPTH);
	free(s);

	/* The limit is on depth, not on the number of containers. */
	size_t k = 10000;
	s = malloc(3 * k + 1);
	ck_assert_ptr_nonnull(s);
	s[0] = '[';
	for (size_t i = 0; i < k; i++)
		memcpy(s + 1 + 3 * i, i + 1 < k ? "[]," : "[]]", 3);
	const cdc_json *v = parse_okn(s, 3 * k + 1);
	ck_assert_uint_eq(v->count, k);
	free(s);
}
END_TEST

/* ---- differential fuzzing ------------------------------------------------------------ */

/*
 * An independent validator, written straight from the RFC 8259 grammar: recursive,
 * one byte at a time, with UTF-8 checked by decoding and comparing against the minimum
 * code point for the length rather than by the reader's table of byte ranges.  The
 * reader must accept exactly what this accepts.
 */
typedef struct ref {
	const unsigned char *s;
	size_t               n, i;
} ref;

static bool ref_value(ref *r, int depth);

static int
ref_peek(const ref *r)
{
	return r->i < r->n ? r->s[r->i] : -1;
}

static void
ref_ws(ref *r)
{
	for (int c = ref_peek(r); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = ref_peek(r))
		r->i++;
}

static bool
ref_digit(const ref *r)
{
	int c = ref_peek(r);
	return c >= '0' && c <= '9';
}

static bool
ref_number(ref *r)
{
	if (ref_peek(r) == '-')
		r->i++;
	if (ref_peek(r) == '0') {
		r->i++;
	} else if (ref_digit(r)) {
		while (ref_digit(r))
			r->i++;
	} else {
		return false;
	}
	if (ref_peek(r) == '.') {
		r->i++;
		if (!ref_digit(r))
			return false;
		while (ref_digit(r))
			r->i++;
	}
	if (ref_peek(r) == 'e' || ref_peek(r) == 'E') {
		r->i++;
		if (ref_peek(r) == '+' || ref_peek(r) == '-')
			r->i++;
		if (!ref_digit(r))
			return false;
		while (ref_digit(r))
			r->i++;
	}
	return true;
}

static bool
ref_hex4(ref *r, unsigned *u)
{
	*u = 0;
	for (int k = 0; k < 4; k++) {
		int c = ref_peek(r);
		if (c < 0 || !strchr("0123456789abcdefABCDEF", c) || c == 0)
			return false;
		*u = *u * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
		r->i++;
	}
	return true;
}

static bool
ref_string(ref *r)
{
	static const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
	r->i++;
	for (;;) {
		int c = ref_peek(r);
		if (c < 0 || c < 0x20)
			return false;
		r->i++;
		if (c == '"')
			return true;
		if (c == '\\') {
			int e = ref_peek(r);
			r->i++;
			if (e > 0 && strchr("\"\\/bfnrt", e))
				continue;
			unsigned u, lo;
			if (e != 'u' || !ref_hex4(r, &u))
				return false;
			if (u >= 0xDC00 && u <= 0xDFFF)
				return false;
			if (u >= 0xD800 && u <= 0xDBFF) {
				if (ref_peek(r) != '\\')
					return false;
				r->i++;
				if (ref_peek(r) != 'u')
					return false;
				r->i++;
				if (!ref_hex4(r, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					return false;
			}
			continue;
		}
		if (c < 0x80)
			continue;
		int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || r->i - 1 + (size_t)len > r->n)
			return false;
		uint32_t cp = (uint32_t)c & (0x7Fu >> len);
		for (int k = 1; k < len; k++) {
			int b = r->s[r->i++];
			if ((b & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (uint32_t)(b & 0x3F);
		}
		if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
	}
}

static bool
ref_word(ref *r, const char *w)
{
	size_t k = strlen(w);
	if (r->n - r->i < k || memcmp(r->s + r->i, w, k) != 0)
		return false;
	r->i += k;
	return true;
}

static bool
ref_value(ref *r, int depth)
{
	ref_ws(r);
	int c = ref_peek(r);
	if (c == '[' || c == '{') {
		int close = c == '[' ? ']' : '}';
		if (depth == CDC_JSON_MAX_DEPTH)
			return false;
		r->i++;
		ref_ws(r);
		if (ref_peek(r) == close) {
			r->i++;
			return true;
		}
		for (;;) {
			if (close == '}') {
				ref_ws(r);
				if (ref_peek(r) != '"' || !ref_string(r))
					return false;
				ref_ws(r);
				if (ref_peek(r) != ':')
					return false;
				r->i++;
			}
			if (!ref_value(r, depth + 1))
				return false;
			ref_ws(r);
			c = ref_peek(r);
			r->i++;
			if (c == close)
				return true;
			if (c != ',')
				return false;
		}
	}
	if (c == '"')
		return ref_string(r);
	if (c == '-' || (c >= '0' && c <= '9'))
		return ref_number(r);
	return ref_word(r, "true") || ref_word(r, "false") || ref_word(r, "null");
}

static bool
ref_accepts(const char *s, size_t n)
{
	ref r = {(const unsigned char *)s, n, 0};
	if (!ref_value(&r, 0))
		return false;
	ref_ws(&r);
	return r.i == n;
}

/*
 * Checks what must hold of any tree the reader returns: spans nest inside their parent
 * and follow each other, counts match the lists, each span is itself a document that
 * parses to the same kind and size, strings and numbers carry their terminator.  Sets
 * *long_number when a number is too long for cJSON 1.7's 64-byte buffer.
 */
static void
check_tree(const cdc_json *v, const char *lo, const char *hi, bool member, bool *long_number)
{
	ck_assert(v->raw >= lo && v->rawlen <= (size_t)(hi - v->raw) && v->rawlen > 0);
	ck_assert(member == (v->key != NULL));
	if (member)
		ck_assert_int_eq(v->key[v->keylen], '\0');

	const char *err;
	size_t pos;
	const cdc_json *again = cdc_json_parse(arena, v->raw, v->rawlen, &err, &pos);
	ck_assert_msg(again != NULL, "span '%.*s' does not parse: %s", (int)v->rawlen, v->raw, err);
	ck_assert_int_eq(again->kind, v->kind);
	ck_assert_uint_eq(again->rawlen, v->rawlen);
	ck_assert_uint_eq(again->count, v->count);

	switch (v->kind) {
	case CDC_JSON_NULL:
		ck_assert(v->rawlen == 4 && memcmp(v->raw, "null", 4) == 0);
		break;
	case CDC_JSON_TRUE:
		ck_assert(v->rawlen == 4 && memcmp(v->raw, "true", 4) == 0);
		break;
	case CDC_JSON_FALSE:
		ck_assert(v->rawlen == 5 && memcmp(v->raw, "false", 5) == 0);
		break;
	case CDC_JSON_NUMBER:
		ck_assert(v->len == v->rawlen && memcmp(v->str, v->raw, v->len) == 0);
		ck_assert_int_eq(v->str[v->len], '\0');
		if (v->len >= 60)
			*long_number = true;
		break;
	case CDC_JSON_STRING:
		ck_assert(v->rawlen >= 2 && v->raw[0] == '"' && v->raw[v->rawlen - 1] == '"');
		ck_assert(v->len <= v->rawlen - 2);
		ck_assert_int_eq(v->str[v->len], '\0');
		ck_assert_mem_eq(again->str, v->str, v->len);
		break;
	case CDC_JSON_ARRAY:
	case CDC_JSON_OBJECT: {
		bool obj = v->kind == CDC_JSON_OBJECT;
		ck_assert_int_eq(v->raw[0], obj ? '{' : '[');
		ck_assert_int_eq(v->raw[v->rawlen - 1], obj ? '}' : ']');
		size_t k = 0;
		const char *from = v->raw + 1, *to = v->raw + v->rawlen - 1;
		for (const cdc_json *c = v->child; c; c = c->next, k++) {
			check_tree(c, from, to, obj, long_number);
			from = c->raw + c->rawlen;
		}
		ck_assert_uint_eq(k, v->count);
		break;
	}
	}
}

/* Compares s[0..n) with a cJSON string, which stops at the first NUL. */
static bool
same_cstr(const char *s, size_t n, const char *c)
{
	const char *z = memchr(s, '\0', n);
	size_t upto = z ? (size_t)(z - s) : n;
	return c && strlen(c) == upto && memcmp(s, c, upto) == 0;
}

/* The reader's tree against cJSON's: kinds, order, keys, decoded strings, and
 * numbers as doubles (both through strtod, so equal when the text is). */
static bool
same_as_cjson(const cdc_json *v, const cJSON *c)
{
	if (v->key && !same_cstr(v->key, v->keylen, c->string))
		return false;
	switch (v->kind) {
	case CDC_JSON_NULL: return cJSON_IsNull(c);
	case CDC_JSON_TRUE: return cJSON_IsTrue(c);
	case CDC_JSON_FALSE: return cJSON_IsFalse(c);
	case CDC_JSON_NUMBER: return cJSON_IsNumber(c) && strtod(v->str, NULL) == c->valuedouble;
	case CDC_JSON_STRING: return cJSON_IsString(c) && same_cstr(v->str, v->len, c->valuestring);
	case CDC_JSON_ARRAY:
	case CDC_JSON_OBJECT:
		if (v->kind == CDC_JSON_ARRAY ? !cJSON_IsArray(c) : !cJSON_IsObject(c))
			return false;
		const cJSON *cc = c->child;
		for (const cdc_json *vc = v->child; vc; vc = vc->next, cc = cc->next)
			if (!cc || !same_as_cjson(vc, cc))
				return false;
		return cc == NULL;
	}
	return false;
}

typedef struct fuzz_stats {
	long accepted, rejected;
} fuzz_stats;

/*
 * Parses s[0..n) with the reader and checks it against the reference validator; an
 * accepted document is also checked for tree invariants and against cJSON.
 */
static void
check_one(const char *src, size_t n, fuzz_stats *st)
{
	char *s = malloc(n ? n : 1);   /* exact size: ASan sees any over-read */
	ck_assert_ptr_nonnull(s);
	memcpy(s, src, n);
	const char *err = NULL;
	size_t pos = 0;
	const cdc_json *v = cdc_json_parse(arena, s, n, &err, &pos);
	bool want = ref_accepts(s, n);
	ck_assert_msg((v != NULL) == want, "'%.*s' (%zu bytes): reader %s (%s at %zu), reference %s",
	              (int)n, s, n, v ? "accepts" : "rejects", err ? err : "", pos,
	              want ? "accepts" : "rejects");
	if (!v) {
		ck_assert(err != NULL && pos <= n);
		st->rejected++;
	} else {
		bool long_number = false;
		check_tree(v, s, s + n, false, &long_number);
		if (!long_number) {
			char *z = malloc(n + 1);
			ck_assert_ptr_nonnull(z);
			memcpy(z, s, n);
			z[n] = '\0';
			cJSON *c = cJSON_ParseWithOpts(z, NULL, 1);
			ck_assert_msg(c != NULL, "cJSON rejects '%s'", z);
			ck_assert_msg(same_as_cjson(v, c), "trees differ for '%s'", z);
			cJSON_Delete(c);
			free(z);
		}
		st->accepted++;
	}
	free(s);
	cdc_arena_reset(arena);
}

static uint64_t rng_state;

static uint64_t
rng(void)
{
	/* xorshift64*: deterministic, so a failure reproduces. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static size_t
rnd(size_t bound)
{
	return (size_t)(rng() % bound);
}

typedef struct gbuf {
	char   b[8192];
	size_t n;
} gbuf;

static void
gput(gbuf *g, const char *s, size_t k)
{
	if (g->n + k <= sizeof g->b) {
		memcpy(g->b + g->n, s, k);
		g->n += k;
	}
}

static void
gputs(gbuf *g, const char *s)
{
	gput(g, s, strlen(s));
}

static void
gen_ws(gbuf *g)
{
	static const char *const ws[] = {"", "", "", " ", "\n", "\t", "\r\n  "};
	gputs(g, ws[rnd(sizeof ws / sizeof ws[0])]);
}

static void
gen_utf8(gbuf *g, uint32_t cp)
{
	char u[4];
	size_t k;
	if (cp < 0x80) {
		u[0] = (char)cp;
		k = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		k = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		k = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		k = 4;
	}
	gput(g, u, k);
}

static uint32_t
gen_codepoint(void)
{
	for (;;) {
		uint32_t cp;
		switch (rnd(4)) {
		case 0: cp = 0x20 + (uint32_t)rnd(0x60); break;
		case 1: cp = 0x80 + (uint32_t)rnd(0x780); break;
		case 2: cp = 0x800 + (uint32_t)rnd(0xF800); break;
		default: cp = 0x10000 + (uint32_t)rnd(0x100000); break;
		}
		if ((cp < 0xD800 || cp > 0xDFFF) && cp != '"' && cp != '\\')
			return cp;
	}
}

static void
gen_string(gbuf *g)
{
	char tmp[16];
	gputs(g, "\"");
	for (size_t k = rnd(8); k > 0; k--) {
		switch (rnd(6)) {
		case 0: {
			static const char *const esc[] = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n",
			                                  "\\r", "\\t", "\\u0000", "\\u001f"};
			gputs(g, esc[rnd(sizeof esc / sizeof esc[0])]);
			break;
		}
		case 1: {
			uint32_t cp = gen_codepoint();
			if (cp < 0x10000) {
				snprintf(tmp, sizeof tmp, rnd(2) ? "\\u%04X" : "\\u%04x", (unsigned)cp);
			} else {
				cp -= 0x10000;
				snprintf(tmp, sizeof tmp, "\\u%04X\\u%04x", (unsigned)(0xD800 + (cp >> 10)),
				         (unsigned)(0xDC00 + (cp & 0x3FF)));
			}
			gputs(g, tmp);
			break;
		}
		case 2:
			gen_utf8(g, gen_codepoint());
			break;
		default: {
			char c = (char)(0x20 + rnd(0x5F));
			gput(g, c == '"' || c == '\\' ? "q" : &c, 1);
			break;
		}
		}
	}
	gputs(g, "\"");
}

static void
gen_digits(gbuf *g, size_t k, bool nonzero_first)
{
	for (size_t i = 0; i < k; i++) {
		char d = (char)('0' + rnd(10));
		if (i == 0 && nonzero_first && d == '0')
			d = '1';
		gput(g, &d, 1);
	}
}

static void
gen_number(gbuf *g)
{
	if (rnd(3) == 0)
		gputs(g, "-");
	if (rnd(4) == 0)
		gputs(g, "0");
	else
		gen_digits(g, 1 + rnd(rnd(4) ? 4 : 30), true);
	if (rnd(3) == 0) {
		gputs(g, ".");
		gen_digits(g, 1 + rnd(rnd(4) ? 3 : 30), false);
	}
	if (rnd(4) == 0) {
		static const char *const e[] = {"e", "E", "e+", "e-", "E+", "E-"};
		gputs(g, e[rnd(6)]);
		gen_digits(g, 1 + rnd(3), false);
	}
}

/* A random valid document; deep ones now and then, to reach the limit. */
static void
gen_value(gbuf *g, int depth)
{
	size_t pick = depth >= 8 ? 4 + rnd(4) : rnd(8);
	if (depth < CDC_JSON_MAX_DEPTH - 1 && depth > 0 && rnd(200) == 0)
		pick = 0;   /* keep going down */
	switch (pick) {
	case 0:
	case 1: {
		gputs(g, "[");
		gen_ws(g);
		for (size_t k = rnd(4); k > 0; k--) {
			gen_value(g, depth + 1);
			if (k > 1)
				gputs(g, ",");
			gen_ws(g);
		}
		gputs(g, "]");
		break;
	}
	case 2:
	case 3: {
		gputs(g, "{");
		gen_ws(g);
		for (size_t k = rnd(4); k > 0; k--) {
			gen_string(g);
			gen_ws(g);
			gputs(g, ":");
			gen_ws(g);
			gen_value(g, depth + 1);
			if (k > 1)
				gputs(g, ",");
			gen_ws(g);
		}
		gputs(g, "}");
		break;
	}
	case 4: gen_string(g); break;
	case 5: gen_number(g); break;
	case 6: gputs(g, rnd(2) ? "true" : "false"); break;
	default: gputs(g, "null"); break;
	}
	gen_ws(g);
}

static const char *const seeds[] = {
	"{\"op\":\"insert\",\"row\":{\"id\":12345678901234567890123,\"amount\":\"1.10\"}}",
	"[1, -0.5e+10, 0, \"\\u00e9\\uD83D\\uDE00\", true, false, null, {}, []]",
	"{\"a\":{\"b\":[{\"c\":\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"}]}}",
	"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
	"-0.000000000000000000000000000000000001",
	" [ [ [ ] ] , { } ] ",
};

/* Pieces that tend to turn a valid document into an interesting invalid one. */
static const char *const pieces[] = {
	"[", "]", "{", "}", ",", ":", "\"", "\\", "\\u", "\\uD83D", "\\uDE00", "\\u00",
	"0", "-", "+", ".", "e", "E", "01", "1.", "true", "nul", "NaN", " ", "\t", "\f",
	"\xC3", "\xA9", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xEF\xBB\xBF",
	"\x00", "\x1F", "\x7F", "\xFF", "//", "/*", "'",
};

/* One random edit of g in place. */
static void
mutate(gbuf *g)
{
	size_t at = g->n ? rnd(g->n + 1) : 0;
	switch (rnd(7)) {
	case 0:   /* overwrite a byte */
		if (g->n)
			g->b[rnd(g->n)] = (char)rnd(256);
		break;
	case 1:   /* delete a run */
		{
			size_t k = 1 + rnd(4);
			if (k > g->n - at)
				k = g->n - at;
			memmove(g->b + at, g->b + at + k, g->n - at - k);
			g->n -= k;
		}
		break;
	case 2:   /* truncate */
		g->n = at;
		break;
	case 3:   /* a lead byte and continuation bytes, to probe the UTF-8 ranges */
		if (g->n + 4 <= sizeof g->b) {
			char u[4] = {(char)(0xC0 + rnd(0x40)), (char)(0x80 + rnd(0x40)),
			             (char)(0x80 + rnd(0x40)), (char)(0x80 + rnd(0x40))};
			size_t k = 1 + rnd(4);
			memmove(g->b + at + k, g->b + at, g->n - at);
			memcpy(g->b + at, u, k);
			g->n += k;
		}
		break;
	case 4:   /* swap two bytes */
		if (g->n) {
			size_t i = rnd(g->n), j = rnd(g->n);
			char t = g->b[i];
			g->b[i] = g->b[j];
			g->b[j] = t;
		}
		break;
	default: { /* insert a piece (the NUL piece is one byte, not an empty string) */
		size_t pi = rnd(sizeof pieces / sizeof pieces[0]);
		size_t k = pieces[pi][0] ? strlen(pieces[pi]) : 1;
		if (g->n + k <= sizeof g->b) {
			memmove(g->b + at + k, g->b + at, g->n - at);
			memcpy(g->b + at, pieces[pi], k);
			g->n += k;
		}
		break;
	}
	}
}

/* Random valid documents: all three parsers accept them, and the trees agree. */
START_TEST(fuzz_generated)
{
	fuzz_stats st = {0, 0};
	gbuf g;
	rng_state = 0x9E3779B97F4A7C15ULL;
	for (int i = 0; i < 20000; i++) {
		g.n = 0;
		gen_ws(&g);
		gen_value(&g, 0);
		check_one(g.b, g.n, &st);
	}
	ck_assert_int_eq(st.accepted, 20000);
}
END_TEST

/* 100k random edits of valid documents: never a crash or an over-read (under ASan),
 * and always the reference validator's verdict. */
START_TEST(fuzz_mutated)
{
	fuzz_stats st = {0, 0};
	gbuf g;
	rng_state = 0xD1B54A32D192ED03ULL;
	for (int i = 0; i < 100000; i++) {
		g.n = 0;
		if (rnd(50) == 0) {
			/* Around the nesting limit, where an off-by-one would show. */
			int d = CDC_JSON_MAX_DEPTH - 2 + (int)rnd(4);
			for (int k = 0; k < d; k++)
				gputs(&g, k % 2 ? "{\"k\":" : "[");
			gputs(&g, "0");
			for (int k = d - 1; k >= 0; k--)
				gputs(&g, k % 2 ? "}" : "]");
		} else if (rnd(3) == 0) {
			gputs(&g, seeds[rnd(sizeof seeds / sizeof seeds[0])]);
		} else {
			gen_ws(&g);
			gen_value(&g, 0);
		}
		for (size_t k = 1 + rnd(3); k > 0; k--)
			mutate(&g);
		check_one(g.b, g.n, &st);
	}
	/* Both verdicts must be well represented, or the loop tests little. */
	ck_assert_msg(st.accepted > 5000 && st.rejected > 50000, "accepted %ld, rejected %ld",
	              st.accepted, st.rejected);
}
END_TEST

Suite *
json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("valid");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, scalars);
	tcase_add_test(tc, numbers_exact);
	tcase_add_test(tc, change_event);
	tcase_add_test(tc, children_in_order);
	tcase_add_test(tc, get_duplicates_and_misuse);
	tcase_add_test(tc, kind_names);
	tcase_add_test(tc, length_bounded);
	tcase_add_test(tc, large_documents);
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, escapes);
	tcase_add_test(tc, surrogate_pairs);
	tcase_add_test(tc, string_errors);
	tcase_add_test(tc, utf8_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, syntax_errors);
	tcase_add_test(tc, number_errors);
	tcase_add_test(tc, depth_limit);
	tcase_add_test(tc, depth_limit_exceeded);
	suite_add_tcase(s, tc);

	tc = tcase_create("fuzz");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);   /* 120k documents, slow under sanitizers */
	tcase_add_test(tc, fuzz_generated);
	tcase_add_test(tc, fuzz_mutated);
	suite_add_tcase(s, tc);
	return s;
}
