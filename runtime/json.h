/*
 * runtime/json.h — strict RFC 8259 reader that keeps the exact text of every value.
 *
 * The sources decode change events with it (`{"op":"insert","row":{...}}`).  cJSON
 * turns numbers into doubles and so loses digits of bigint and numeric(38,x) columns;
 * here a number is kept as its text, and every value, nested ones included, carries
 * the span of input it came from, so a `json`-typed column can be passed on verbatim.
 *
 * The tree lives in the caller's arena (typically the per-event arena, reset after
 * each replication message) and nothing else is allocated.  `raw` points into the
 * input, so the input must outlive the tree; `str` and `key` are arena copies.
 *
 * Strictness: exactly RFC 8259 — no comments, no trailing commas, no NaN/Infinity,
 * no leading '+' or leading zeros, no single quotes, no byte order mark, no control
 * characters inside strings, and the input must be valid UTF-8 (no overlong forms, no
 * encoded surrogates, nothing above U+10FFFF).  \u escapes are decoded to UTF-8 with
 * surrogate pairs combined; an unpaired surrogate is an error.  Parsing is iterative
 * and linear in the input; nesting is limited to CDC_JSON_MAX_DEPTH.
 */
#ifndef CDC_JSON_H
#define CDC_JSON_H

#include <stddef.h>

#include "runtime/arena.h"

#define CDC_JSON_MAX_DEPTH 256   /* arrays and objects nested deeper than this are rejected */

typedef enum cdc_json_kind {
	CDC_JSON_NULL,
	CDC_JSON_FALSE,
	CDC_JSON_TRUE,
	CDC_JSON_NUMBER,
	CDC_JSON_STRING,
	CDC_JSON_ARRAY,
	CDC_JSON_OBJECT
} cdc_json_kind;

typedef struct cdc_json cdc_json;
struct cdc_json {
	cdc_json_kind kind;
	const char   *raw;     /* the value's exact text in the input, for every kind (quotes
	                        * and brackets included; not NUL-terminated) */
	size_t        rawlen;
	const char   *str;     /* STRING: decoded UTF-8, NUL-terminated, but may contain NUL
	                        * bytes (\u0000), so use len; NUMBER: the number's text,
	                        * NUL-terminated; NULL for the other kinds */
	size_t        len;     /* bytes in str, without the terminating NUL */
	const char   *key;     /* member of an OBJECT: its decoded key, NUL-terminated (may
	                        * contain NUL bytes like str); NULL otherwise */
	size_t        keylen;
	cdc_json     *child;   /* ARRAY/OBJECT: first element or member, in input order */
	cdc_json     *next;    /* next sibling */
	size_t        count;   /* ARRAY/OBJECT: number of children */
};

/*
 * Parses exactly one JSON value, with optional surrounding whitespace, from s[0..n);
 * s need not be NUL-terminated.  Returns the root, or NULL with *err set to a message
 * (static or in the arena) and *errpos to the byte offset of the problem; either out
 * pointer may be NULL.  On success *err is set to NULL and *errpos to 0.  Messages:
 *
 *   unexpected end of input, expected ...      errpos n
 *   unexpected character 'x', expected ...     the character; non-printable and
 *                                              non-ASCII ones are shown as U+XXXX
 *   invalid literal, expected 'true'           start of the literal (also 'false', 'null')
 *   invalid number: leading zero               the zero
 *   invalid number: expected digit after '-'   the byte after '-' (also after '.', and
 *                                              "in exponent")
 *   unterminated string                        the opening quote
 *   unescaped control character U+000A in string   the character
 *   invalid escape '\q'                        the backslash
 *   invalid \u escape                          the backslash: fewer than 4 hex digits
 *   unpaired surrogate in \u escape            the backslash of the surrogate
 *   invalid UTF-8                              the first byte of the bad sequence
 *   nesting deeper than 256                    the bracket that goes one level too deep
 *   trailing characters                        the first non-blank byte after the value
 */
cdc_json *cdc_json_parse(cdc_arena *a, const char *s, size_t n, const char **err,
                         size_t *errpos);

/*
 * The member of obj named key (compared bytewise against the decoded key), or NULL if
 * there is none or obj is not an object.  RFC 8259 leaves duplicate names undefined;
 * this returns the FIRST one, so a later duplicate cannot override a field the
 * producer wrote first.  Linear in the number of members.
 */
const cdc_json *cdc_json_get(const cdc_json *obj, const char *key);

/* "null", "boolean", "number", "string", "array" or "object", for messages. */
const char *cdc_json_kind_name(cdc_json_kind k);

#endif
