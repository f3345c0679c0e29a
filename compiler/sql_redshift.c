/*
 * compiler/sql_redshift.c — Amazon Redshift targets.
 *
 * Types (docs/sql.md has the whole table): VARCHAR counts bytes, so a varchar(n) becomes
 * VARCHAR(4n) (UTF-8 needs at most 4 bytes a character), capped at 65535, and text is
 * VARCHAR(65535) (Redshift's TEXT is VARCHAR(256)); json, jsonb and arrays are SUPER;
 * bytea is VARBYTE.  Tables get DISTSTYLE/DISTKEY/SORTKEY from the merge and a
 * compression ENCODE per column: AZ64 for numbers, dates and timestamps, ZSTD for text
 * and the rest, RAW for booleans and the leading sort key column (AWS's guidance), unless
 * the merge's `encode` block says otherwise.
 *
 * A batch is staged in S3 and loaded with one COPY (a manifest of the batch's files);
 * Redshift's MERGE takes a table as its source and one unconditional clause each for
 * matched and not matched rows, so deletes are applied first with DELETE ... USING and
 * removed from the batch.  With the target's `apply = delete_insert`, the batch's rows
 * are built against the target first, then its keys deleted and the rows inserted.
 */
#include "compiler/sql_int.h"
#include "runtime/typeids.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Redshift folds identifiers to lower case, quoted or not (unless the cluster enables
 * case-sensitive identifiers): write them folded, so what is created is what is named. */
static void
rs_ident(cdc_buf *b, const char *name)
{
	sql_quoted(b, name, '"', true);
}

static int
varchar_bytes(int chars)
{
	return chars < 0 || chars > 16383 ? 65535 : chars * 4;
}

static cdc_fit
rs_type(cdc_buf *b, cdc_rtype t, bool key, const char **why)
{
	(void)key;
	if (t.array) {
		cdc_buf_puts(b, "SUPER");
		return CDC_FIT_OK;
	}
	switch (t.id) {
	case CDC_TY_BOOL: cdc_buf_puts(b, "BOOLEAN"); return CDC_FIT_OK;
	case CDC_TY_INT2: cdc_buf_puts(b, "SMALLINT"); return CDC_FIT_OK;
	case CDC_TY_INT4: cdc_buf_puts(b, "INTEGER"); return CDC_FIT_OK;
	case CDC_TY_INT8: cdc_buf_puts(b, "BIGINT"); return CDC_FIT_OK;
	case CDC_TY_NUMERIC:
		if (t.mod < 0) {
			cdc_buf_puts(b, "DECIMAL(38,10)");
			*why = "it is stored as DECIMAL(38,10)";
			return CDC_FIT_UNBOUNDED;
		}
		cdc_buf_printf(b, "DECIMAL(%d,%d)", t.mod > 38 ? 38 : t.mod, t.scale);
		if (t.mod > 38) {
			*why = "Redshift DECIMAL holds at most 38 digits";
			return CDC_FIT_TOO_WIDE;
		}
		return CDC_FIT_OK;
	case CDC_TY_FLOAT4: cdc_buf_puts(b, "REAL"); return CDC_FIT_OK;
	case CDC_TY_FLOAT8: cdc_buf_puts(b, "DOUBLE PRECISION"); return CDC_FIT_OK;
	case CDC_TY_CHAR:
	case CDC_TY_VARCHAR:
		/* Redshift's CHAR holds single-byte characters only: both become VARCHAR */
		cdc_buf_printf(b, "VARCHAR(%d)", varchar_bytes(t.mod));
		if (t.mod > 65535) {
			*why = "Redshift VARCHAR holds at most 65535 bytes";
			return CDC_FIT_TOO_WIDE;
		}
		return CDC_FIT_OK;
	case CDC_TY_TEXT: cdc_buf_puts(b, "VARCHAR(65535)"); return CDC_FIT_OK;
	case CDC_TY_BYTEA: cdc_buf_puts(b, "VARBYTE(1024000)"); return CDC_FIT_OK;
	case CDC_TY_DATE: cdc_buf_puts(b, "DATE"); return CDC_FIT_OK;
	case CDC_TY_TIME: cdc_buf_puts(b, "TIME"); return CDC_FIT_OK;
	case CDC_TY_TIMETZ: cdc_buf_puts(b, "TIMETZ"); return CDC_FIT_OK;
	case CDC_TY_TIMESTAMP: cdc_buf_puts(b, "TIMESTAMP"); return CDC_FIT_OK;
	case CDC_TY_TIMESTAMPTZ: cdc_buf_puts(b, "TIMESTAMPTZ"); return CDC_FIT_OK;
	case CDC_TY_UUID: cdc_buf_puts(b, "CHAR(36)"); return CDC_FIT_OK;
	case CDC_TY_JSON:
	case CDC_TY_JSONB: cdc_buf_puts(b, "SUPER"); return CDC_FIT_OK;
	case CDC_TY_INTERVAL:
		cdc_buf_puts(b, "VARCHAR(64)");
		*why = "Redshift has no interval type that holds months and days together";
		return CDC_FIT_UNSUPPORTED;
	default:
		cdc_buf_puts(b, "VARCHAR(65535)");
		return CDC_FIT_OK;
	}
}

static bool
is_super(cdc_rtype t)
{
	return t.array || t.id == CDC_TY_JSON || t.id == CDC_TY_JSONB;
}

/* SUPER is staged as text (the stage's VARCHAR holds the JSON text, up to 65535 bytes)
 * and parsed with JSON_PARSE when applied. */
static bool
rs_stage_type(cdc_buf *b, cdc_rtype t)
{
	if (!is_super(t))
		return false;
	cdc_buf_puts(b, "VARCHAR(65535)");
	return true;
}

static const char *
rs_unstage(cdc_rtype t)
{
	return is_super(t) ? "JSON_PARSE" : NULL;
}

static void
rs_runtime(sqlw *w)
{
	const char *schema = sw_runtime_schema(w->tg);
	sw_puts(w, "CREATE SCHEMA IF NOT EXISTS ");
	sw_ident(w, schema);
	sw_puts(w, ";\nCREATE TABLE IF NOT EXISTS ");
	sw_qname(w, schema, SQL_CHECKPOINTS);
	sw_puts(w, " (\n"
	           "  \"pipeline\"     VARCHAR(512) NOT NULL,\n"
	           "  \"source\"       VARCHAR(512) NOT NULL,\n"
	           "  \"position\"     VARCHAR(512) NOT NULL,\n"
	           "  \"batch_id\"     BIGINT NOT NULL,\n"
	           "  \"committed_at\" TIMESTAMPTZ NOT NULL,\n"
	           "  PRIMARY KEY (\"pipeline\", \"source\")\n"
	           ") DISTSTYLE ALL;\nCREATE TABLE IF NOT EXISTS ");
	sw_qname(w, schema, sw_quarantine(w->tg));
	sw_puts(w, " (\n"
	           "  \"pipeline\"       VARCHAR(512) NOT NULL,\n"
	           "  \"table_name\"     VARCHAR(1024) NOT NULL,\n"
	           "  \"rule\"           VARCHAR(65535) NOT NULL,\n"
	           "  \"reason\"         VARCHAR(65535) NOT NULL,\n"
	           "  \"line\"           INTEGER,\n"
	           "  \"op\"             VARCHAR(16) NOT NULL,\n"
	           "  \"position\"       VARCHAR(512),\n"
	           "  \"commit_time\"    TIMESTAMPTZ,\n"
	           "  \"row\"            SUPER NOT NULL,\n"
	           "  \"quarantined_at\" TIMESTAMPTZ NOT NULL\n"
	           ");\n");
}

static const cdc_ir_opt *
list_opt(const cdc_ir_route *r, const char *name)
{
	const cdc_ir_opt *o = sw_opt(&r->opts, name);
	return o && o->kind == CDC_IRV_LIST ? o : NULL;
}

/* Is column i the leading column of the route's sort key? */
static bool
leading_sort(const cdc_ir_route *r, int i)
{
	const cdc_ir_opt *sortkey = list_opt(r, "sortkey");
	return sortkey && sortkey->nlist > 0 && strcmp(sortkey->list[0], r->cols[i].name) == 0;
}

/* The column's encoding: the merge's `encode` block, else cdcc's default. */
static const char *
encoding(const cdc_ir_route *r, int i)
{
	const cdc_ir_opt *enc = list_opt(r, "encode");
	for (int k = 0; enc && k + 1 < enc->nlist; k += 2)
		if (strcmp(enc->list[k], r->cols[i].name) == 0)
			return enc->list[k + 1];
	cdc_rtype t = r->cols[i].type;
	if (leading_sort(r, i) || (t.id == CDC_TY_BOOL && !t.array))
		return "raw";
	if (t.array)
		return "zstd";
	switch (t.id) {
	case CDC_TY_INT2: case CDC_TY_INT4: case CDC_TY_INT8: case CDC_TY_NUMERIC:
	case CDC_TY_DATE: case CDC_TY_TIMESTAMP: case CDC_TY_TIMESTAMPTZ:
		return "az64";
	default:
		return "zstd";
	}
}

/* A keyword from the plan's options, in upper case: one of `words` ("a|b|c"), else the
 * plan was not written by cdcc and the statement is refused rather than written. */
static void
keyword(sqlw *w, const char *s, const char *words)
{
	size_t n = strlen(s);
	for (const char *p = words; *p; p += strcspn(p, "|"), p += *p == '|')
		if (strncmp(p, s, n) == 0 && (p[n] == '|' || p[n] == '\0')) {
			for (; *s; s++)
				cdc_buf_putc(w->b, (char)toupper((unsigned char)*s));
			return;
		}
	sw_fail(w, "\"%s\" is not one of %s", s, words);
}

static const char encodings[] =
	"raw|az64|bytedict|delta|delta32k|lzo|mostly8|mostly16|mostly32|runlength|text255|text32k|zstd";

static void
rs_column_extra(sqlw *w, const cdc_ir_route *r, int i)
{
	sw_puts(w, " ENCODE ");
	keyword(w, encoding(r, i), encodings);
}

/* "(a, b)": the names of a list option */
static void
names(sqlw *w, const cdc_ir_opt *list)
{
	sw_puts(w, "(");
	for (int k = 0; k < list->nlist; k++) {
		if (k)
			sw_puts(w, ", ");
		sw_ident(w, list->list[k]);
	}
	sw_puts(w, ")");
}

static void
rs_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	const cdc_ir_opt *sortkey = list_opt(r, "sortkey"), *distkey = list_opt(r, "distkey");
	sw_fold_collisions(w, r, "which folds names to lower case");
	sw_create_schema(w, r->schema);
	sw_create_table(w, t, r);
	const char *style = sw_opt_str(&r->opts, "diststyle");
	if (distkey && distkey->nlist == 1) {
		sw_puts(w, "\nDISTSTYLE KEY DISTKEY (");
		sw_ident(w, distkey->list[0]);
		sw_puts(w, ")");
	} else {
		sw_puts(w, "\nDISTSTYLE ");
		keyword(w, style ? style : "auto", "auto|even|key|all");
	}
	if (sortkey && sortkey->nlist > 0) {
		const char *st = sw_opt_str(&r->opts, "sortkey_style");
		sw_puts(w, st && strcmp(st, "interleaved") == 0 ? "\nINTERLEAVED SORTKEY " : "\nCOMPOUND SORTKEY ");
		names(w, sortkey);
	}
	sw_puts(w, ";\n");
}

static void
rs_copy(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	const char *staging = sw_opt_str(&w->tg->opts, "staging");
	const cdc_ir_opt *role = sw_opt(&w->tg->opts, "staging.iam_role");
	const char *region = sw_opt_str(&w->tg->opts, "staging.region");
	const char *compression = sw_opt_str(&w->tg->opts, "compression");
	sw_puts(w, "COPY ");
	sw_temp(w, SQL_STAGE);
	sw_puts(w, " ");
	sw_stage_columns(w, t, r);
	sw_puts(w, "\nFROM ");
	/* {{batch}}: the runtime writes the batch's files under this prefix, and the manifest
	 * that lists them (one COPY loads them all in parallel) */
	cdc_buf path = CDC_BUF_INIT;
	if (!staging)
		staging = "s3://{{staging}}/";
	else if (strstr(staging, "{{"))
		sw_fail(w, "the staging location \"%s\" holds \"{{\", which the runtime's placeholders use", staging);
	size_t sl = strlen(staging);
	cdc_buf_printf(&path, "%s%s{{batch}}/", staging, sl && staging[sl - 1] == '/' ? "" : "/");
	if (r->schema) {
		sql_key_part(&path, r->schema);
		cdc_buf_putc(&path, '.');
	}
	sql_key_part(&path, r->name);
	cdc_buf_puts(&path, ".manifest");
	sw_string(w, cdc_buf_str(&path));
	cdc_buf_free(&path);
	sw_puts(w, "\nIAM_ROLE ");
	if (!role)
		sw_puts(w, "default");
	else if (role->kind == CDC_IRV_STR)
		sw_string(w, role->str);
	else
		sw_string(w, "{{iam_role}}");   /* read from env()/file() when the pipeline starts */
	sw_puts(w, "\nMANIFEST FORMAT AS CSV");
	if (!compression || strcmp(compression, "gzip") == 0)
		sw_puts(w, " GZIP");
	sw_puts(w, " NULL AS '\\\\N' TIMEFORMAT 'auto' DATEFORMAT 'auto'");
	if (region) {
		sw_puts(w, " REGION ");
		sw_string(w, region);
	}
	sw_puts(w, " COMPUPDATE OFF STATUPDATE OFF;\n");
}

static void
rs_load(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	sw_section(w, SQL_PART_STAGE);
	sw_stage_table(w, t, r, "CREATE TEMP TABLE");
	sw_section(w, SQL_PART_LOAD);
	rs_copy(w, t, r);
	sw_section(w, SQL_PART_APPLY);
	if (r->append) {
		sw_append(w, t, r);
		sw_drop_temps(w, "DROP TABLE", false);
		return;
	}
	sw_collapse(w, t, r, "CREATE TEMP TABLE");
	const char *apply = sw_opt_str(&w->tg->opts, "apply");
	/* Redshift's DELETE takes no alias for its table: the key is matched on full names */
	cdc_buf tq = CDC_BUF_INIT, bq = CDC_BUF_INIT;
	sw_qualified(w, &tq, r->schema, r->name);
	sw_qualified(w, &bq, NULL, SQL_BATCH);
	if (r->deletes == CDC_IR_DEL_SOFT)
		sw_soft_prefilter(w, t, r);
	if (apply && strcmp(apply, "delete_insert") == 0) {
		/* the rows as they will be, against the target before anything is deleted */
		sw_puts(w, "CREATE TEMP TABLE ");
		sw_ident(w, SQL_ROWS);
		sw_puts(w, " AS\nSELECT ");
		for (int i = 0; i < r->ncols; i++) {
			if (i)
				sw_puts(w, ",\n  ");
			sw_value(w, t, r, i, "t.");
			sw_puts(w, " AS ");
			sw_ident(w, r->cols[i].name);
		}
		sw_puts(w, "\nFROM ");
		sw_temp(w, SQL_BATCH);
		sw_puts(w, " AS b LEFT JOIN ");
		sw_qname(w, r->schema, r->name);
		sw_puts(w, " AS t ON ");
		sw_key_match(w, t, r, "t", "b");
		if (r->deletes == CDC_IR_DEL_HARD) {
			sw_puts(w, "\nWHERE b.");
			sw_ident(w, SQL_OP);
			sw_puts(w, " <> 'D'");
		}
		sw_puts(w, ";\nDELETE FROM ");
		sw_qname(w, r->schema, r->name);
		sw_puts(w, " USING ");
		sw_temp(w, SQL_BATCH);
		sw_puts(w, " WHERE ");
		sw_key_match(w, t, r, cdc_buf_str(&tq), cdc_buf_str(&bq));
		sw_puts(w, ";\nINSERT INTO ");
		sw_qname(w, r->schema, r->name);
		sw_puts(w, " (");
		sw_column_list(w, r);
		sw_puts(w, ")\nSELECT ");
		sw_column_list(w, r);
		sw_puts(w, " FROM ");
		sw_ident(w, SQL_ROWS);
		sw_puts(w, ";\nDROP TABLE ");
		sw_ident(w, SQL_ROWS);
		sw_puts(w, ";\n");
	} else {
		if (r->deletes == CDC_IR_DEL_HARD) {
			sw_puts(w, "DELETE FROM ");
			sw_qname(w, r->schema, r->name);
			sw_puts(w, " USING ");
			sw_temp(w, SQL_BATCH);
			sw_puts(w, " WHERE ");
			sw_key_match(w, t, r, cdc_buf_str(&tq), cdc_buf_str(&bq));
			sw_printf(w, " AND %s.", cdc_buf_str(&bq));
			sw_ident(w, SQL_OP);
			sw_puts(w, " = 'D';\n");
			sw_prune_deletes(w);
		}
		/* Redshift's MERGE takes no alias for its target, and needs an UPDATE clause
		 * (setting the key changes nothing) */
		cdc_buf all_key = CDC_BUF_INIT;
		cdc_buf_puts(&all_key, "UPDATE SET ");
		rs_ident(&all_key, r->cols[r->nkey ? r->key[0] : 0].name);
		cdc_buf_puts(&all_key, " = b.");
		rs_ident(&all_key, r->cols[r->nkey ? r->key[0] : 0].name);
		sw_merge(w, t, r, cdc_buf_str(&all_key), cdc_buf_str(&tq), false);
		cdc_buf_free(&all_key);
	}
	cdc_buf_free(&tq);
	cdc_buf_free(&bq);
	sw_drop_temps(w, "DROP TABLE", true);
}

static void
rs_checkpoint(sqlw *w)
{
	const char *schema = sw_runtime_schema(w->tg);
	sw_puts(w, "-- quarantined changes, one statement per change ($1 .. $9)\nINSERT INTO ");
	sw_qname(w, schema, sw_quarantine(w->tg));
	sw_puts(w, " (\"pipeline\", \"table_name\", \"rule\", \"reason\", \"line\", \"op\", \"position\", \"commit_time\", \"row\", \"quarantined_at\")\n"
	           "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, JSON_PARSE($9), GETDATE());\n"
	           "-- the checkpoint ($1 pipeline, $2 source, $3 position, $4 batch): no upsert in Redshift\nDELETE FROM ");
	sw_qname(w, schema, SQL_CHECKPOINTS);
	sw_puts(w, " WHERE \"pipeline\" = $1 AND \"source\" = $2;\nINSERT INTO ");
	sw_qname(w, schema, SQL_CHECKPOINTS);
	sw_puts(w, " (\"pipeline\", \"source\", \"position\", \"batch_id\", \"committed_at\")\n"
	           "  VALUES ($1, $2, $3, $4, GETDATE());\n");
}

/* Redshift changes one kind of type: a VARCHAR made longer, on a column that is not part
 * of a key and whose encoding is not BYTEDICT, RUNLENGTH, TEXT255 or TEXT32K.  NOT NULL
 * cannot be changed at all.  Anything else means a new table. */
static void
rs_alter_column(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, int i, const cdc_ir_route *o, int j)
{
	(void)t;
	const cdc_ir_col *old = &o->cols[j];
	const cdc_ir_col *c = &r->cols[i];
	const char *rebuild = "create the table anew and copy its rows (CREATE TABLE ... ; INSERT INTO ... SELECT ...)";
	if (old->not_null != c->not_null) {
		sw_fail(w, "column \"%s\" %s NOT NULL; Redshift cannot change that: %s", c->name,
		        c->not_null ? "became" : "is no longer", rebuild);
		return;
	}
	cdc_buf a = CDC_BUF_INIT, b = CDC_BUF_INIT;
	const char *why;
	bool key = sw_is_key(r, i);
	rs_type(&a, old->type, key, &why);
	rs_type(&b, c->type, key, &why);
	int from, to;
	char tail;
	bool varchars = sscanf(cdc_buf_str(&a), "VARCHAR(%d%c", &from, &tail) == 2 && tail == ')' &&
	                sscanf(cdc_buf_str(&b), "VARCHAR(%d%c", &to, &tail) == 2 && tail == ')';
	/* the encoding the column has when the ALTER runs: the old one (encodings change after) */
	const char *enc = encoding(o, j);
	if (!varchars || to < from) {
		sw_fail(w, "column \"%s\" changed from %s to %s; Redshift can only make a VARCHAR longer: %s", c->name,
		        cdc_buf_str(&a), cdc_buf_str(&b), rebuild);
	} else if (key) {
		sw_fail(w, "column \"%s\" is part of the key; Redshift cannot change its type: %s", c->name, rebuild);
	} else if (strcmp(enc, "bytedict") == 0 || strcmp(enc, "runlength") == 0 || strcmp(enc, "text255") == 0 ||
	           strcmp(enc, "text32k") == 0) {
		sw_fail(w, "column \"%s\" is encoded %s; Redshift cannot change the type of such a column: change its "
		        "encoding in a migration of its own first, or %s", c->name, enc, rebuild);
	} else {
		sw_alter_table(w, r);
		sw_puts(w, "ALTER COLUMN ");
		sw_ident(w, c->name);
		sw_printf(w, " TYPE %s;\n", cdc_buf_str(&b));
		sw_comment(w, "(Redshift runs ALTER COLUMN ... TYPE only outside a transaction block)");
	}
	cdc_buf_free(&a);
	cdc_buf_free(&b);
}

static bool
same_list(const cdc_ir_opt *a, const cdc_ir_opt *b)
{
	int na = a ? a->nlist : 0, nb = b ? b->nlist : 0;
	if (na != nb)
		return false;
	for (int k = 0; k < na; k++)
		if (strcasecmp(a->list[k], b->list[k]) != 0)
			return false;
	return true;
}

static bool
interleaved(const cdc_ir_route *r)
{
	const char *st = sw_opt_str(&r->opts, "sortkey_style");
	return st && strcmp(st, "interleaved") == 0;
}

/* Distribution, sort key and encodings, which Redshift alters in place. */
static void
rs_alter_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *o, const cdc_ir_route *r)
{
	(void)t;
	const cdc_ir_opt *od = list_opt(o, "distkey"), *nd = list_opt(r, "distkey");
	const char *os = sw_opt_str(&o->opts, "diststyle"), *ns = sw_opt_str(&r->opts, "diststyle");
	if (!same_list(od, nd) || (!nd && strcmp(os ? os : "auto", ns ? ns : "auto") != 0)) {
		sw_alter_table(w, r);
		if (nd && nd->nlist == 1) {
			sw_puts(w, "ALTER DISTSTYLE KEY DISTKEY ");
			sw_ident(w, nd->list[0]);
		} else {
			sw_puts(w, "ALTER DISTSTYLE ");
			keyword(w, ns ? ns : "auto", "auto|even|key|all");
		}
		sw_puts(w, ";\n");
	}
	const cdc_ir_opt *ok = list_opt(o, "sortkey"), *nk = list_opt(r, "sortkey");
	if (!same_list(ok, nk) || (nk && interleaved(o) != interleaved(r))) {
		if ((ok && interleaved(o)) || (nk && interleaved(r))) {
			sw_fail(w, "the sort key changed and one of them is interleaved; Redshift alters compound sort keys "
			        "only: create the table anew and copy its rows");
		} else {
			sw_alter_table(w, r);
			if (!nk || nk->nlist == 0) {
				sw_puts(w, "ALTER SORTKEY NONE");
			} else {
				sw_puts(w, "ALTER COMPOUND SORTKEY ");
				names(w, nk);
			}
			sw_puts(w, ";\n");
		}
	}
	for (int i = 0; i < r->ncols; i++) {
		int j = 0;
		while (j < o->ncols && strcmp(o->cols[j].name, r->cols[i].name) != 0)
			j++;
		if (j == o->ncols)
			continue;     /* added with its encoding */
		const char *oe = encoding(o, j), *ne = encoding(r, i);
		if (strcmp(oe, ne) != 0) {
			sw_alter_table(w, r);
			sw_puts(w, "ALTER COLUMN ");
			sw_ident(w, r->cols[i].name);
			sw_puts(w, " ENCODE ");
			keyword(w, ne, encodings);
			sw_puts(w, ";\n");
		}
	}
}

const cdc_sql_emitter cdc_sql_redshift = {
	.runtime = rs_runtime, .table = rs_table, .load = rs_load, .checkpoint = rs_checkpoint,
	.type = rs_type, .ident = rs_ident, .stage_type = rs_stage_type, .unstage = rs_unstage,
	.column_extra = rs_column_extra, .alter_column = rs_alter_column, .alter_table = rs_alter_table,
};
