/*
 * compiler/schemalock.c — reading the schema lock (JSON, via libcjson).
 */
#include "compiler/schemalock.h"
#include "runtime/arena.h"

#include <cjson/cJSON.h>
#include <string.h>

typedef struct reader {
	cdc_arena  *arena;
	const char *why;
} reader;

static bool
fail(reader *r, const char *what)
{
	if (!r->why)
		r->why = cdc_arena_strdup(r->arena, what);
	return false;
}

static const char *
get_str(reader *r, const cJSON *o, const char *key, bool required, const char *ctx)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (cJSON_IsString(v) && v->valuestring[0])
		return cdc_arena_strdup(r->arena, v->valuestring);
	if (v || required)
		fail(r, cdc_arena_printf(r->arena, "%s: \"%s\" must be a non-empty string", ctx, key));
	return NULL;
}

static bool
read_table(reader *r, const cJSON *t, cdc_lock_table *out, const char *src)
{
	const char *ctx = cdc_arena_printf(r->arena, "source \"%s\"", src);
	if (!cJSON_IsObject(t))
		return fail(r, cdc_arena_printf(r->arena, "%s: each table must be an object", ctx));
	out->schema = get_str(r, t, "schema", false, ctx);
	out->name = get_str(r, t, "name", true, ctx);
	if (r->why)
		return false;
	ctx = cdc_arena_printf(r->arena, "table \"%s%s%s\"", out->schema ? out->schema : "",
	                       out->schema ? "." : "", out->name);
	const cJSON *cols = cJSON_GetObjectItemCaseSensitive(t, "columns");
	if (!cJSON_IsArray(cols) || cJSON_GetArraySize(cols) == 0)
		return fail(r, cdc_arena_printf(r->arena, "%s: \"columns\" must be a non-empty array", ctx));
	out->ncols = cJSON_GetArraySize(cols);
	out->cols = cdc_arena_zalloc(r->arena, (size_t)out->ncols * sizeof *out->cols);
	int i = 0;
	const cJSON *c;
	cJSON_ArrayForEach(c, cols) {
		if (!cJSON_IsObject(c))
			return fail(r, cdc_arena_printf(r->arena, "%s: each column must be an object", ctx));
		out->cols[i].name = get_str(r, c, "name", true, ctx);
		if (r->why)
			return false;
		out->cols[i].type = get_str(r, c, "type", true,
		                            cdc_arena_printf(r->arena, "%s, column \"%s\"", ctx, out->cols[i].name));
		const cJSON *nn = cJSON_GetObjectItemCaseSensitive(c, "not_null");
		if (nn && !cJSON_IsBool(nn))
			return fail(r, cdc_arena_printf(r->arena, "%s: \"not_null\" must be true or false", ctx));
		out->cols[i].not_null = cJSON_IsTrue(nn);
		if (r->why)
			return false;
		i++;
	}
	const cJSON *pk = cJSON_GetObjectItemCaseSensitive(t, "primary_key");
	if (pk) {
		if (!cJSON_IsArray(pk))
			return fail(r, cdc_arena_printf(r->arena, "%s: \"primary_key\" must be an array of column names", ctx));
		out->npk = cJSON_GetArraySize(pk);
		out->pk = cdc_arena_zalloc(r->arena, (size_t)out->npk * sizeof *out->pk);
		i = 0;
		cJSON_ArrayForEach(c, pk) {
			if (!cJSON_IsString(c))
				return fail(r, cdc_arena_printf(r->arena, "%s: \"primary_key\" must be an array of column names", ctx));
			out->pk[i++] = cdc_arena_strdup(r->arena, c->valuestring);
		}
	}
	return true;
}

static bool
read_source(reader *r, const cJSON *s, cdc_lock_source *out)
{
	if (!cJSON_IsObject(s))
		return fail(r, "each source must be an object");
	out->name = get_str(r, s, "name", true, "source");
	if (r->why)
		return false;
	const char *ctx = cdc_arena_printf(r->arena, "source \"%s\"", out->name);
	out->kind = get_str(r, s, "kind", true, ctx);
	const cJSON *complete = cJSON_GetObjectItemCaseSensitive(s, "complete");
	if (complete && !cJSON_IsBool(complete))
		return fail(r, cdc_arena_printf(r->arena, "%s: \"complete\" must be true or false", ctx));
	out->complete = cJSON_IsTrue(complete);
	const cJSON *tables = cJSON_GetObjectItemCaseSensitive(s, "tables");
	if (!cJSON_IsArray(tables))
		return fail(r, cdc_arena_printf(r->arena, "%s: \"tables\" must be an array", ctx));
	out->ntables = cJSON_GetArraySize(tables);
	out->tables = cdc_arena_zalloc(r->arena, (size_t)out->ntables * sizeof *out->tables + 1);
	int i = 0;
	const cJSON *t;
	cJSON_ArrayForEach(t, tables)
		if (!read_table(r, t, &out->tables[i++], out->name))
			return false;
	return !r->why;
}

/* cJSON reports a parse error as a pointer into the text; turn it into line and column. */
static const char *
where(cdc_arena *a, const char *text, const char *at)
{
	unsigned line = 1, col = 1;
	for (const char *p = text; p < at && *p; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			col++;
		}
	}
	return cdc_arena_printf(a, "line %u, column %u", line, col);
}

cdc_lock_err
cdc_lock_parse(cdc_arena *a, const char *text, size_t len, cdc_lock **out, const char **why)
{
	reader r = {a, NULL};
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (!root) {
		*why = cdc_arena_printf(a, "%s: not valid JSON", where(a, text, end ? end : text));
		return CDC_LOCK_INVALID;
	}
	cdc_lock *lock = cdc_arena_zalloc(a, sizeof *lock);
	cdc_lock_err rc = CDC_LOCK_OK;
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "cdcc_schema_lock");
	if (!cJSON_IsObject(root) || !cJSON_IsNumber(ver)) {
		fail(&r, "not a schema lock: the top-level object needs \"cdcc_schema_lock\": 1");
		rc = CDC_LOCK_INVALID;
	} else if (ver->valueint != CDC_LOCK_VERSION || ver->valuedouble != CDC_LOCK_VERSION) {
		r.why = cdc_arena_printf(a, "version %g; this cdcc reads version %d",
		                         ver->valuedouble, CDC_LOCK_VERSION);
		rc = CDC_LOCK_VERSION_ERR;
	} else {
		lock->version = ver->valueint;
		const cJSON *sources = cJSON_GetObjectItemCaseSensitive(root, "sources");
		if (!cJSON_IsArray(sources)) {
			fail(&r, "\"sources\" must be an array");
		} else {
			lock->nsources = cJSON_GetArraySize(sources);
			lock->sources = cdc_arena_zalloc(a, (size_t)lock->nsources * sizeof *lock->sources + 1);
			int i = 0;
			const cJSON *s;
			cJSON_ArrayForEach(s, sources)
				if (!read_source(&r, s, &lock->sources[i++]))
					break;
		}
		if (r.why)
			rc = CDC_LOCK_INVALID;
	}
	cJSON_Delete(root);
	*why = r.why;
	*out = rc == CDC_LOCK_OK ? lock : NULL;
	return rc;
}

bool
cdc_lock_sniff(const char *text, size_t len)
{
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {   /* a UTF-8 byte order mark */
		text += 3;
		len -= 3;
	}
	cJSON *doc = cJSON_ParseWithLength(text, len);
	bool lock = cJSON_IsObject(doc) && cJSON_GetObjectItemCaseSensitive(doc, "cdcc_schema_lock") != NULL;
	cJSON_Delete(doc);
	return lock;
}
