/*
 * runtime/change.c — change events from JSON (see change.h).
 */
#include "runtime/change.h"
#include "runtime/arena.h"
#include "runtime/buf.h"
#include "runtime/datetime.h"
#include "runtime/json.h"
#include "runtime/typeids.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
cdc_change_op(const char *word)
{
	static const char *const ops[] = {"insert", "update", "delete", "snapshot"};
	for (int i = 0; i < 4; i++)
		if (strcmp(word, ops[i]) == 0)
			return i;   /* the order of CDC_EVOP_* */
	return -1;
}

bool
cdc_change_line_skipped(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
		k++;
	return k == n || s[k] == '#';
}

static bool
fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return false;
}

static int
find_col(const cdc_ir_col *cols, int ncols, const char *name)
{
	for (int i = 0; i < ncols; i++)
		if (strcmp(cols[i].name, name) == 0)
			return i;
	return -1;
}

/* One column value from its JSON value. */
static bool
column_value(cdc_arena *a, const cdc_ir_col *c, const cdc_json *v, cdc_value *out, char *why, size_t whylen)
{
	const char *text = NULL, *bad = NULL;
	size_t len = 0;
	bool json_col = !c->type.array && (c->type.id == CDC_TY_JSON || c->type.id == CDC_TY_JSONB);
	switch (v->kind) {
	case CDC_JSON_NULL:
		*out = cdc_val_null();
		return true;
	case CDC_JSON_STRING:
		if (json_col) {
			text = v->raw;
			len = v->rawlen;
		} else {
			text = v->str;
			len = v->len;
		}
		break;
	case CDC_JSON_NUMBER:
		text = v->str;
		len = v->len;
		break;
	case CDC_JSON_TRUE:
	case CDC_JSON_FALSE:
		if (c->type.id == CDC_TY_BOOL && !c->type.array) {
			*out = cdc_val_bool(v->kind == CDC_JSON_TRUE);
			return true;
		}
		if (!json_col)
			return fail(why, whylen, "column \"%s\" is not boolean", c->name);
		text = v->raw;
		len = v->rawlen;
		break;
	default:
		if (!json_col)
			return fail(why, whylen, "column \"%s\": a JSON %s is a value only for json columns", c->name,
			            cdc_json_kind_name(v->kind));
		text = v->raw;
		len = v->rawlen;
		break;
	}
	if (!cdc_val_parse(a, c->type, text, len, out, &bad)) {
		cdc_buf t = CDC_BUF_INIT;
		cdc_rtype_str(c->type, &t);
		bool ok = fail(why, whylen, "column \"%s\": %.*s is not a valid %s: %s", c->name, (int)(len > 80 ? 80 : len),
		               text, cdc_buf_str(&t), bad ? bad : "invalid input");
		cdc_buf_free(&t);
		return ok;
	}
	return true;
}

static bool
read_row(cdc_arena *a, const cdc_ir_col *cols, int ncols, const cdc_json *obj, const char *what, cdc_value **out,
         char *why, size_t whylen)
{
	if (obj->kind != CDC_JSON_OBJECT)
		return fail(why, whylen, "\"%s\" must be an object of column values", what);
	const char *in = strcmp(what, "row") == 0 ? "" : " (in \"before\")";
	cdc_value *row = cdc_arena_alloc(a, ((size_t)ncols + 1) * sizeof *row);
	for (int i = 0; i < ncols; i++) {
		row[i] = (cdc_value){0};
		row[i].tag = CDC_VAL_UNCHANGED;
	}
	bool *seen = cdc_arena_zalloc(a, (size_t)ncols + 1);
	for (const cdc_json *m = obj->child; m; m = m->next) {
		int ci = find_col(cols, ncols, m->key);
		if (ci < 0)
			return fail(why, whylen, "\"%s\" is not a column%s", m->key, in);
		if (seen[ci])
			return fail(why, whylen, "column \"%s\" is given twice%s", m->key, in);
		seen[ci] = true;
		if (!column_value(a, &cols[ci], m, &row[ci], why, whylen)) {
			size_t n = strlen(why);
			if (*in && n + strlen(in) < whylen)
				memcpy(why + n, in, strlen(in) + 1);
			return false;
		}
	}
	*out = row;
	return true;
}

bool
cdc_change_from_json(cdc_arena *a, const cdc_ir_col *cols, int ncols, const char *s, size_t n, cdc_change *out,
                     char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	const char *err;
	size_t at;
	cdc_json *doc = cdc_json_parse(a, s, n, &err, &at);
	if (!doc)
		return fail(why, whylen, "invalid JSON at byte %zu: %s", at + 1, err);
	if (doc->kind != CDC_JSON_OBJECT)
		return fail(why, whylen, "not a JSON object");
	const cdc_json *op = NULL, *row = NULL, *before = NULL;
	for (const cdc_json *m = doc->child; m; m = m->next) {
		if (strcmp(m->key, "op") == 0)
			op = m;
		else if (strcmp(m->key, "row") == 0)
			row = m;
		else if (strcmp(m->key, "before") == 0)
			before = m;
		else if (strcmp(m->key, "position") == 0) {
			if (m->kind != CDC_JSON_STRING)
				return fail(why, whylen, "\"position\" must be a string");
			out->position = m->str;
		} else if (strcmp(m->key, "commit_time") == 0) {
			const char *bad;
			if (m->kind != CDC_JSON_STRING || cdc_dt_parse_timestamptz(m->str, m->len, &out->commit_time, &bad))
				return fail(why, whylen, "\"commit_time\" must be a timestamp with time zone, as text");
			out->has_commit_time = true;
		} else if (strcmp(m->key, "txid") == 0) {
			cdc_value v;
			const char *bad;
			cdc_rtype i8 = {CDC_TY_INT8, 0, 0, -1};
			if (m->kind != CDC_JSON_NUMBER || !cdc_val_parse(a, i8, m->str, m->len, &v, &bad))
				return fail(why, whylen, "\"txid\" must be an integer");
			out->txid = v.u.i;
			out->has_txid = true;
		} else
			return fail(why, whylen, "unknown key \"%s\" (a change has op, row, before, position, commit_time, txid)",
			            m->key);
	}
	if (!op || op->kind != CDC_JSON_STRING || (out->op = cdc_change_op(op->str)) < 0)
		return fail(why, whylen, "\"op\" must be insert, update, delete or snapshot");
	if (!row)
		return fail(why, whylen, "\"row\" is missing");
	if (!read_row(a, cols, ncols, row, "row", &out->row, why, whylen))
		return false;
	/* an insert or a snapshot row is a whole row: what it does not list is NULL */
	if (out->op == CDC_EVOP_INSERT || out->op == CDC_EVOP_SNAPSHOT)
		for (int i = 0; i < ncols; i++)
			if (out->row[i].tag == CDC_VAL_UNCHANGED)
				out->row[i] = cdc_val_null();
	if (before && !read_row(a, cols, ncols, before, "before", &out->before, why, whylen))
		return false;
	return true;
}
