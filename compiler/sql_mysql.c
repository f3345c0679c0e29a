/*
 * compiler/sql_mysql.c — MySQL and MariaDB targets (MariaDB 10.11 is what the tests run).
 *
 * Tables are InnoDB, utf8mb4 with the server's NO PAD binary collation (the target's
 * `flavor`), so that keys compare as the source compares them: 'A' and 'a', 'a' and 'a '
 * are two keys, as in PostgreSQL.  Strings of up to
 * 255 characters are VARCHAR; longer ones TEXT types, because a row's VARCHARs share a
 * 65,535-byte limit; a key must be VARCHAR of at most 768 characters (InnoDB's 3,072-byte
 * index limit in utf8mb4).  timestamptz is DATETIME(6) in UTC (the runtime's sessions run
 * with time_zone '+00:00'); MySQL's TIMESTAMP ends in 2038.
 *
 * There is no MERGE: a batch is loaded with LOAD DATA, collapsed per key, deletes are
 * applied with DELETE ... JOIN, and the rest with one INSERT ... SELECT ... ON DUPLICATE
 * KEY UPDATE of the rows as they will be.
 */
#include "compiler/sql_int.h"
#include "runtime/typeids.h"

#include <stdio.h>
#include <string.h>

static void
my_ident(cdc_buf *b, const char *name)
{
	sql_quoted(b, name, '`', false);
}

static cdc_fit
my_string_type(cdc_buf *b, int chars, bool key, const char **why)
{
	if (key) {
		if (chars < 0 || chars > 768) {
			cdc_buf_puts(b, "VARCHAR(768)");
			*why = chars < 0 ? "a MySQL key column holds at most 768 characters and this type has no length limit"
			                 : "a MySQL key column holds at most 768 characters (3,072 bytes in utf8mb4)";
			return CDC_FIT_TOO_WIDE;
		}
		cdc_buf_printf(b, "VARCHAR(%d)", chars);
		return CDC_FIT_OK;
	}
	if (chars >= 0 && chars <= 255)
		cdc_buf_printf(b, "VARCHAR(%d)", chars);
	else if (chars >= 0 && chars <= 16383)
		cdc_buf_puts(b, "TEXT");
	else if (chars >= 0 && chars <= 4194303)
		cdc_buf_puts(b, "MEDIUMTEXT");
	else
		cdc_buf_puts(b, "LONGTEXT");
	return CDC_FIT_OK;
}

static cdc_fit
my_type(cdc_buf *b, cdc_rtype t, bool key, const char **why)
{
	if (t.array) {
		cdc_buf_puts(b, "JSON");
		return CDC_FIT_OK;
	}
	switch (t.id) {
	case CDC_TY_BOOL: cdc_buf_puts(b, "BOOLEAN"); return CDC_FIT_OK;
	case CDC_TY_INT2: cdc_buf_puts(b, "SMALLINT"); return CDC_FIT_OK;
	case CDC_TY_INT4: cdc_buf_puts(b, "INT"); return CDC_FIT_OK;
	case CDC_TY_INT8: cdc_buf_puts(b, "BIGINT"); return CDC_FIT_OK;
	case CDC_TY_NUMERIC:
		if (t.mod < 0) {
			cdc_buf_puts(b, "DECIMAL(65,30)");
			*why = "it is stored as DECIMAL(65,30)";
			return CDC_FIT_UNBOUNDED;
		}
		if (t.mod > 65 || t.scale > 30 || t.scale < 0) {
			cdc_buf_printf(b, "DECIMAL(%d,%d)", t.mod > 65 ? 65 : t.mod, t.scale > 30 ? 30 : t.scale < 0 ? 0 : t.scale);
			*why = "MySQL DECIMAL holds at most 65 digits, 30 after the point";
			return CDC_FIT_TOO_WIDE;
		}
		cdc_buf_printf(b, "DECIMAL(%d,%d)", t.mod, t.scale);
		return CDC_FIT_OK;
	case CDC_TY_FLOAT4: cdc_buf_puts(b, "FLOAT"); return CDC_FIT_OK;
	case CDC_TY_FLOAT8: cdc_buf_puts(b, "DOUBLE"); return CDC_FIT_OK;
	case CDC_TY_CHAR:
		if (t.mod >= 0 && t.mod <= 255) {
			cdc_buf_printf(b, "CHAR(%d)", t.mod);
			return CDC_FIT_OK;
		}
		return my_string_type(b, t.mod, key, why);
	case CDC_TY_VARCHAR:
	case CDC_TY_TEXT:
		return my_string_type(b, t.id == CDC_TY_TEXT ? -1 : t.mod, key, why);
	case CDC_TY_BYTEA:
		if (!key) {
			cdc_buf_puts(b, "LONGBLOB");
			return CDC_FIT_OK;
		}
		cdc_buf_puts(b, "VARBINARY(3072)");
		*why = "a MySQL key column holds at most 3,072 bytes and bytea has no length limit";
		return CDC_FIT_TOO_WIDE;
	case CDC_TY_DATE: cdc_buf_puts(b, "DATE"); return CDC_FIT_OK;
	case CDC_TY_TIME: cdc_buf_puts(b, "TIME(6)"); return CDC_FIT_OK;
	case CDC_TY_TIMESTAMP:
	case CDC_TY_TIMESTAMPTZ: cdc_buf_puts(b, "DATETIME(6)"); return CDC_FIT_OK;
	case CDC_TY_UUID: cdc_buf_puts(b, "CHAR(36)"); return CDC_FIT_OK;
	case CDC_TY_JSON:
	case CDC_TY_JSONB: cdc_buf_puts(b, "JSON"); return CDC_FIT_OK;
	case CDC_TY_TIMETZ:
		cdc_buf_puts(b, "VARCHAR(32)");
		*why = "MySQL has no time with time zone";
		return CDC_FIT_UNSUPPORTED;
	case CDC_TY_INTERVAL:
		cdc_buf_puts(b, "VARCHAR(64)");
		*why = "MySQL has no interval type";
		return CDC_FIT_UNSUPPORTED;
	default:
		cdc_buf_puts(b, "LONGTEXT");
		return CDC_FIT_OK;
	}
}

/* Bytes of a key column in an InnoDB index (utf8mb4: 4 a character), for the 3,072-byte
 * limit on a whole key.  Unbounded types count as their key type's bound. */
static int
my_key_bytes(cdc_rtype t)
{
	switch (t.id) {
	case CDC_TY_BOOL: return 1;
	case CDC_TY_INT2: return 2;
	case CDC_TY_INT4: return 4;
	case CDC_TY_INT8: return 8;
	case CDC_TY_NUMERIC: return t.mod < 0 ? 30 : (t.mod + 8) / 9 * 4 + 1;   /* 4 bytes per 9 digits */
	case CDC_TY_DATE: return 3;
	case CDC_TY_TIME: return 6;
	case CDC_TY_TIMESTAMP:
	case CDC_TY_TIMESTAMPTZ: return 8;
	case CDC_TY_UUID: return 36 * 4;
	case CDC_TY_CHAR:
	case CDC_TY_VARCHAR: return (t.mod < 0 || t.mod > 768 ? 768 : t.mod) * 4;
	case CDC_TY_BYTEA: return 3072;
	default: return 768 * 4;
	}
}

static bool
my_key_fits(const cdc_rtype *types, int n, int *bytes)
{
	for (int i = 0; i < n; i++)
		*bytes += my_key_bytes(types[i]);
	return *bytes <= 3072;
}

/* utf8mb4_bin is a PAD SPACE collation: 'a' and 'a ' would be one key.  The NO PAD binary
 * collations compare bytes, as the source does; their names differ by server. */
static const char *
collation(sqlw *w)
{
	const char *flavor = sw_opt_str(&w->tg->opts, "flavor");
	return flavor && strcmp(flavor, "mariadb") == 0 ? "utf8mb4_nopad_bin" : "utf8mb4_0900_bin";
}

static void
table_options(sqlw *w)
{
	sw_printf(w, " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=%s", collation(w));
}

static void
database(sqlw *w, const char *name)
{
	sw_puts(w, "CREATE DATABASE IF NOT EXISTS ");
	sw_ident(w, name);
	sw_printf(w, " CHARACTER SET utf8mb4 COLLATE %s;\n", collation(w));
}

static void
my_runtime(sqlw *w)
{
	const char *schema = sw_runtime_schema(w->tg);
	database(w, schema);
	sw_puts(w, "CREATE TABLE IF NOT EXISTS ");
	sw_qname(w, schema, SQL_CHECKPOINTS);
	sw_puts(w, " (\n"
	           "  `pipeline`     VARCHAR(255) NOT NULL,\n"
	           "  `source`       VARCHAR(255) NOT NULL,\n"
	           "  `position`     VARCHAR(512) NOT NULL,\n"
	           "  `batch_id`     BIGINT NOT NULL,\n"
	           "  `committed_at` DATETIME(6) NOT NULL,\n"
	           "  PRIMARY KEY (`pipeline`, `source`)\n)");
	table_options(w);
	sw_puts(w, ";\nCREATE TABLE IF NOT EXISTS ");
	sw_qname(w, schema, sw_quarantine(w->tg));
	sw_puts(w, " (\n"
	           "  `id`             BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n"
	           "  `pipeline`       VARCHAR(255) NOT NULL,\n"
	           "  `table_name`     VARCHAR(1024) NOT NULL,\n"
	           "  `rule`           TEXT NOT NULL,\n"
	           "  `reason`         TEXT NOT NULL,\n"
	           "  `line`           INT,\n"
	           "  `op`             VARCHAR(16) NOT NULL,\n"
	           "  `position`       VARCHAR(512),\n"
	           "  `commit_time`    DATETIME(6),\n"
	           "  `row`            JSON NOT NULL,\n"
	           "  `quarantined_at` DATETIME(6) NOT NULL\n)");
	table_options(w);
	sw_puts(w, ";\n");
}

static void
my_table(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	if (r->schema)
		database(w, r->schema);
	sw_fold_collisions(w, r, "whose column names ignore case");
	sw_create_table(w, t, r);
	table_options(w);
	sw_puts(w, ";\n");
}

/* bytea is staged as hex text, so that the staged file is text in one character set;
 * LOAD DATA reads it into a variable and stores UNHEX of it.  (Converting it later, in
 * the statements that read the stage, runs into MariaDB giving an empty UNHEX() of a
 * LONGTEXT column in a derived table.) */
static bool
is_bytes(cdc_rtype t)
{
	return t.id == CDC_TY_BYTEA && !t.array;
}

static void
my_load(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r)
{
	sw_section(w, SQL_PART_STAGE);
	sw_stage_table(w, t, r, "CREATE TEMPORARY TABLE");
	sw_section(w, SQL_PART_LOAD);
	/* NULL is the unquoted word NULL (with ENCLOSED BY, LOAD DATA reads it so) */
	sw_puts(w, "LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE ");
	sw_temp(w, SQL_STAGE);
	sw_puts(w, " CHARACTER SET utf8mb4\n  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY ''\n"
	           "  LINES TERMINATED BY '\\n' (");
	sw_ident(w, SQL_SEQ);
	sw_puts(w, ", ");
	sw_ident(w, SQL_OP);
	sw_puts(w, ", ");
	sw_ident(w, SQL_UNCH);
	bool bytes = false;
	for (int i = 0; i < r->ncols; i++) {
		if (sw_is_flag(t, r, i))
			continue;
		sw_puts(w, ", ");
		if (is_bytes(r->cols[i].type)) {
			sw_printf(w, "@cdc_hex%d", i + 1);
			bytes = true;
		} else {
			sw_ident(w, r->cols[i].name);
		}
	}
	sw_puts(w, ")");
	for (int i = 0, n = 0; bytes && i < r->ncols; i++)
		if (!sw_is_flag(t, r, i) && is_bytes(r->cols[i].type)) {
			sw_puts(w, n++ ? ", " : "\n  SET ");
			sw_ident(w, r->cols[i].name);
			sw_printf(w, " = UNHEX(@cdc_hex%d)", i + 1);
		}
	sw_puts(w, ";\n");
	sw_section(w, SQL_PART_APPLY);
	if (r->append) {
		sw_append(w, t, r);
		sw_drop_temps(w, "DROP TEMPORARY TABLE", false);
		return;
	}
	sw_collapse(w, t, r, "CREATE TEMPORARY TABLE");
	/* the deletes name their tables in full, without aliases: MySQL resolves the alias
	 * of a multi-table DELETE in the session's database, which the runtime does not set */
	cdc_buf tq = CDC_BUF_INIT, bq = CDC_BUF_INIT;
	sw_qualified(w, &tq, r->schema, r->name);
	sw_qualified(w, &bq, w->temp_schema, SQL_BATCH);
	if (r->deletes == CDC_IR_DEL_HARD) {
		sw_puts(w, "DELETE ");
		sw_qname(w, r->schema, r->name);
		sw_puts(w, " FROM ");
		sw_qname(w, r->schema, r->name);
		sw_puts(w, " JOIN ");
		sw_temp(w, SQL_BATCH);
		sw_puts(w, " ON ");
		sw_key_match(w, t, r, cdc_buf_str(&tq), cdc_buf_str(&bq));
		sw_printf(w, " WHERE %s.", cdc_buf_str(&bq));
		sw_ident(w, SQL_OP);
		sw_puts(w, " = 'D';\n");
		sw_prune_deletes(w);
	} else if (r->deletes == CDC_IR_DEL_SOFT) {
		sw_soft_prefilter(w, t, r);
	}
	cdc_buf_free(&bq);
	cdc_buf_free(&tq);
	/* The rows as they will be, joined with the target for the columns the batch did not
	 * send, are inserted, and ON DUPLICATE KEY UPDATE takes them for the keys that exist.
	 * (Unsent columns cannot simply be NULL in the inserted row and kept by the update
	 * clause: MySQL checks the inserted row's NOT NULL columns before it finds the
	 * duplicate.) */
	sw_puts(w, "INSERT INTO ");
	sw_qname(w, r->schema, r->name);
	sw_puts(w, " (");
	sw_column_list(w, r);
	sw_puts(w, ")\nSELECT * FROM (\n  SELECT ");
	for (int i = 0; i < r->ncols; i++) {
		if (i)
			sw_puts(w, ",\n    ");
		sw_value(w, t, r, i, "t.");
		sw_puts(w, " AS ");
		sw_ident(w, r->cols[i].name);
	}
	sw_puts(w, "\n  FROM ");
	sw_temp(w, SQL_BATCH);
	sw_puts(w, " AS b LEFT JOIN ");
	sw_qname(w, r->schema, r->name);
	sw_puts(w, " AS t ON ");
	sw_key_match(w, t, r, "t", "b");
	sw_puts(w, "\n) AS n\nON DUPLICATE KEY UPDATE\n  ");
	bool any = false;
	for (int i = 0; i < r->ncols; i++) {
		if (sw_is_key(r, i) && r->nkey < r->ncols)
			continue;
		if (any)
			sw_puts(w, ",\n  ");
		any = true;
		sw_ident(w, r->cols[i].name);
		sw_puts(w, " = n.");
		sw_ident(w, r->cols[i].name);
		if (r->nkey == r->ncols)
			break;   /* every column is the key: an existing row stays as it is */
	}
	sw_puts(w, ";\n");
	sw_drop_temps(w, "DROP TEMPORARY TABLE", true);
}

static void
my_checkpoint(sqlw *w)
{
	const char *schema = sw_runtime_schema(w->tg);
	sw_puts(w, "-- quarantined changes, one statement per change (parameters ? in order)\nINSERT INTO ");
	sw_qname(w, schema, sw_quarantine(w->tg));
	sw_puts(w, " (`pipeline`, `table_name`, `rule`, `reason`, `line`, `op`, `position`, `commit_time`, `row`, `quarantined_at`)\n"
	           "  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6));\n"
	           "-- the checkpoint (pipeline, source, position, batch)\nINSERT INTO ");
	sw_qname(w, schema, SQL_CHECKPOINTS);
	sw_puts(w, " (`pipeline`, `source`, `position`, `batch_id`, `committed_at`)\n"
	           "  VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))\n"
	           "  ON DUPLICATE KEY UPDATE `position` = VALUES(`position`), `batch_id` = VALUES(`batch_id`),\n"
	           "    `committed_at` = VALUES(`committed_at`);\n");
}

/* MySQL rebuilds the table for MODIFY COLUMN, which takes any type (a value that does
 * not fit fails the statement in strict mode). */
static void
my_alter_column(sqlw *w, const cdc_ir_table *t, const cdc_ir_route *r, int i, const cdc_ir_route *o, int j)
{
	(void)o;
	(void)j;
	sw_alter_table(w, r);
	sw_puts(w, "MODIFY COLUMN ");
	sw_column_def(w, t, r, i, true);
	sw_puts(w, ";\n");
}

const cdc_sql_emitter cdc_sql_mysql = {
	.runtime = my_runtime, .table = my_table, .load = my_load, .checkpoint = my_checkpoint,
	.type = my_type, .key_fits = my_key_fits, .ident = my_ident, .temp_in_runtime_schema = true,
	.alter_column = my_alter_column, .table_options = table_options,
};
