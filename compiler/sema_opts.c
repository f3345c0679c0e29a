/*
 * compiler/sema_opts.c — option values: lookup in the option table, value kinds,
 * ranges, and the secret lints on literal values.
 */
#include "compiler/sema_int.h"
#include "compiler/secrets.h"
#include "compiler/suggest.h"
#include "runtime/buf.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
cdc_sema_mask(cdc_sema *s, cdc_loc loc)
{
	cdc_diag_mask(s->diags, loc);
}

/* A bare word value (`initial`, `off`): a one-part path, unquoted, no wildcard. */
static const char *
word_of(const cdc_node *v)
{
	if (v->kind != CDC_N_PATH || v->a->next || (v->a->flags & (CDC_NF_QUOTED | CDC_NF_WILD)))
		return NULL;
	return v->a->key;
}

static const char *
what_value(const cdc_node *v)
{
	switch (v->kind) {
	case CDC_N_V_STRING: return "a string";
	case CDC_N_V_NUMBER: return "a number";
	case CDC_N_V_DURATION: return "a duration";
	case CDC_N_V_SIZE: return "a size";
	case CDC_N_V_BOOL: return "a boolean";
	case CDC_N_V_NULL: return "null";
	case CDC_N_V_CALL: return "a function call";
	case CDC_N_V_LIST: return "a list";
	case CDC_N_V_TUPLE: return "a parenthesized list";
	case CDC_N_V_BLOCK: return "a block";
	case CDC_N_PATH: return word_of(v) ? "a bare word" : "a name";
	default: return "this value";
	}
}

/* A duration in the largest unit that divides it: 1ms, 90s, 366d. */
static const char *
duration_text(cdc_sema *s, int64_t us)
{
	static const struct { int64_t us; const char *unit; } units[] = {
		{86400000000LL, "d"}, {3600000000LL, "h"}, {60000000LL, "m"}, {1000000LL, "s"}, {1000LL, "ms"}};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (us % units[i].us == 0)
			return cdc_arena_printf(s->arena, "%lld%s", (long long)(us / units[i].us), units[i].unit);
	return cdc_arena_printf(s->arena, "%lldus", (long long)us);
}

/* "a, b or c" from "a|b|c". */
static const char *
choices_text(cdc_sema *s, const char *choices)
{
	cdc_buf b = CDC_BUF_INIT;
	const char *last = strrchr(choices, '|');
	for (const char *c = choices; *c; c++) {
		if (*c != '|')
			cdc_buf_putc(&b, *c);
		else
			cdc_buf_puts(&b, c == last ? " or " : ", ");
	}
	const char *r = cdc_arena_strdup(s->arena, cdc_buf_str(&b));
	cdc_buf_free(&b);
	return r;
}

static cdc_diag *
wrong_kind(cdc_sema *s, const cdc_optdef *d, const cdc_node *v)
{
	if (d->vkind == CDC_V_ENUM)
		return cdc_diag_report(s->diags, CDC_E0504, v->loc, "option \"%s\" takes the word %s, not %s",
		                       d->name, choices_text(s, d->choices), what_value(v));
	return cdc_diag_report(s->diags, CDC_E0504, v->loc, "option \"%s\" takes %s, not %s",
	                       d->name, cdc_vkind_name(d->vkind), what_value(v));
}

/* "10s", "1.5h", "250ms" -> microseconds; -1 if the value does not fit. */
static int64_t
parse_duration(const char *t)
{
	char *end;
	double v = strtod(t, &end);
	double unit = 1e6;
	if (strcmp(end, "ms") == 0)
		unit = 1e3;
	else if (strcmp(end, "m") == 0)
		unit = 60e6;
	else if (strcmp(end, "h") == 0)
		unit = 3600e6;
	else if (strcmp(end, "d") == 0)
		unit = 86400e6;
	double us = v * unit;
	return us >= 9.2e18 ? -1 : (int64_t)(us + 0.5);
}

/* "64MB", "1GiB", "512kB": powers of 1024, as in PostgreSQL's settings. */
static int64_t
parse_size(const char *t)
{
	char *end;
	double v = strtod(t, &end);
	double unit = 1;
	switch (tolower((unsigned char)end[0])) {
	case 'k': unit = 1024.0; break;
	case 'm': unit = 1024.0 * 1024; break;
	case 'g': unit = 1024.0 * 1024 * 1024; break;
	case 't': unit = 1024.0 * 1024 * 1024 * 1024; break;
	default: break;
	}
	double b = v * unit;
	return b >= 9.2e18 ? -1 : (int64_t)(b + 0.5);
}

static bool
check_range(cdc_sema *s, const cdc_optdef *d, const cdc_node *v, int64_t n, int64_t lo, int64_t hi)
{
	if (n >= lo && n <= hi)
		return true;
	if (d->vkind == CDC_V_DURATION || d->vkind == CDC_V_DURATION_OFF)
		cdc_diag_report(s->diags, CDC_E0506, v->loc, "option \"%s\" must be between %s and %s",
		                d->name, duration_text(s, lo), duration_text(s, hi));
	else
		cdc_diag_report(s->diags, CDC_E0506, v->loc, "option \"%s\" must be between %lld and %lld",
		                d->name, (long long)lo, (long long)hi);
	return false;
}


/* A column name value: a bare word, or a double-quoted string as a quoted name
 * (`key = ("Order Id")`).  A fresh NAME node, or NULL. */
static cdc_node *
column_name(cdc_sema *s, const cdc_node *e)
{
	cdc_node *n = cdc_arena_alloc(s->arena, sizeof *n);
	if (e->kind == CDC_N_PATH && !e->a->next && !(e->a->flags & CDC_NF_WILD)) {
		*n = *e->a;
	} else if (e->kind == CDC_N_V_STRING && !e->op && e->text[0]) {
		*n = (cdc_node){.kind = CDC_N_NAME, .loc = e->loc, .text = e->text, .key = e->text,
		                .flags = CDC_NF_QUOTED};
	} else {
		return NULL;
	}
	n->next = n->tail = NULL;
	return n;
}

/* Names of columns from `(a, b)`, `[a, b]` or `a`; NULL after reporting a problem. */
static const cdc_node *
column_names(cdc_sema *s, const cdc_optdef *d, const cdc_node *v, bool single)
{
	cdc_node *one = column_name(s, v);
	if (one)
		return cdc_ast_append(NULL, one);
	if (single || (v->kind != CDC_N_V_TUPLE && v->kind != CDC_N_V_LIST)) {
		wrong_kind(s, d, v);
		return NULL;
	}
	cdc_node *names = NULL;
	for (const cdc_node *e = v->a; e; e = e->next) {
		cdc_node *n = column_name(s, e);
		if (!n) {
			cdc_diag_report(s->diags, CDC_E0504, e->loc, "option \"%s\" takes column names",
			                d->name);
			return NULL;
		}
		names = cdc_ast_append(names, n);
	}
	if (!names)
		cdc_diag_report(s->diags, CDC_E0504, v->loc, "option \"%s\" needs at least one column",
		                d->name);
	return names;
}

/* W0104: a literal DSN with a password in it; W0105: an AWS access key anywhere.  The
 * lexer has already masked such literals in every printed snippet. */
static void
secret_lints(cdc_sema *s, const cdc_optdef *d, const cdc_node *v)
{
	switch (cdc_secret_scan(v->text)) {
	case CDC_FOUND_AWS_KEY: {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_W0105, v->loc,
			"option \"%s\" contains an AWS access key", d->name);
		cdc_diag_help(g, "use an IAM role, or read the value with env(\"NAME\")");
		break;
	}
	case CDC_FOUND_PASSWORD: {
		if (d->vkind != CDC_V_SECRET)
			break;
		cdc_diag *g = cdc_diag_report(s->diags, CDC_W0104, v->loc,
			"option \"%s\" contains a password", d->name);
		cdc_diag_help(g, "write %s = env(\"NAME\") and set NAME where cdcc runs, or use file(\"/run/secrets/name\")",
		              d->name);
		break;
	}
	default:
		break;
	}
}

static bool
valid_pg_name(const char *t, bool slot)
{
	size_t n = strlen(t);
	if (n == 0 || n > 63)
		return false;
	for (; *t; t++)
		if (slot && !((*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9') || *t == '_'))
			return false;
	return true;
}

/* env("NAME") or file("path"): a value read when the pipeline starts, stored as the
 * reference, never as the value (plans and logs show the reference only). */
static bool
reference(cdc_sema *s, const cdc_node *call, cdc_optval *out)
{
	bool env = strcmp(call->a->key, "env") == 0;
	const cdc_node *arg = call->b;
	if (!arg || arg->next || arg->kind != CDC_N_V_STRING || !arg->text[0]) {
		cdc_diag_report(s->diags, CDC_E0504, call->loc, "%s() takes one non-empty string: %s(\"%s\")",
		                call->a->key, call->a->key, env ? "NAME" : "/path/to/secret");
		return false;
	}
	out->secret = env ? CDC_SECRET_ENV : CDC_SECRET_FILE;
	out->str = arg->text;
	return true;
}

static bool parse_value(cdc_sema *s, const cdc_optdef *d, const cdc_node *opt, cdc_optval *out,
                        unsigned kinds);

/* The options of a nested block or of s3(...)'s named arguments. */
static bool
nested(cdc_sema *s, cdc_opt_block block, unsigned kinds, const char *what, const cdc_node *where,
       const cdc_node *options, cdc_optval *out)
{
	unsigned before = cdc_diag_errors(s->diags);
	out->nested = cdc_arena_zalloc(s->arena, sizeof(cdc_opts));
	cdc_sema_options(s, block, kinds, what, where->loc, options, out->nested);
	return cdc_diag_errors(s->diags) == before;
}

static bool
parse_value(cdc_sema *s, const cdc_optdef *d, const cdc_node *opt, cdc_optval *out, unsigned kinds)
{
	const cdc_node *v = opt->kind == CDC_N_V_BLOCK ? opt : opt->b;
	out->def = d;
	out->decl = opt;
	out->value = v;
	bool block = d->vkind == CDC_V_BLOCK || d->vkind == CDC_V_ENCODE;
	if ((v->kind == CDC_N_V_BLOCK) != block) {
		cdc_diag *g = wrong_kind(s, d, v);
		if (block)
			cdc_diag_help(g, "write it as a block: %s { ... }", d->name);
		return false;
	}
	const char *w = word_of(v);
	switch (d->vkind) {
	case CDC_V_STRING:
		if (v->kind == CDC_N_V_CALL && strcmp(v->a->key, "env") == 0)
			return reference(s, v, out);   /* read when the pipeline starts */
		/* fall through */
	case CDC_V_LITERAL:
		if (v->kind != CDC_N_V_STRING) {
			cdc_diag *g = wrong_kind(s, d, v);
			if (w)
				cdc_diag_help(g, "quote it: %s = \"%s\"", d->name, v->a->text);
			return false;
		}
		out->str = v->text;
		secret_lints(s, d, v);
		if ((d->id == CDC_OPT_SRC_SLOT || d->id == CDC_OPT_SRC_PUBLICATION) &&
		    !valid_pg_name(out->str, d->id == CDC_OPT_SRC_SLOT)) {
			cdc_diag_report(s->diags, CDC_E0506, v->loc, d->id == CDC_OPT_SRC_SLOT
				? "slot names take 1 to 63 lower-case letters, digits and underscores"
				: "publication names take 1 to 63 bytes");
			return false;
		}
		if ((d->id == CDC_OPT_TGT_PATH && (kinds & CDC_K_S3) && strncmp(out->str, "s3://", 5) != 0) ||
		    (d->id == CDC_OPT_TGT_PATH && !out->str[0]) || (d->id == CDC_OPT_SRC_PATH && !out->str[0])) {
			cdc_diag_report(s->diags, CDC_E0506, v->loc, (kinds & CDC_K_S3)
				? "an s3 target's path must be an s3://bucket/prefix/ URL"
				: "the path must not be empty");
			return false;
		}
		if (d->id == CDC_OPT_TGT_PATH && strstr(out->str, "{{")) {
			cdc_diag_report(s->diags, CDC_E0506, v->loc, "a path may not contain \"{{\": the generated SQL's placeholders use it");
			return false;
		}
		return true;
	case CDC_V_SECRET:
		if (v->kind == CDC_N_V_STRING) {
			out->secret = CDC_SECRET_LITERAL;
			out->str = v->text;
			secret_lints(s, d, v);
			return true;
		}
		if (v->kind == CDC_N_V_CALL && (strcmp(v->a->key, "env") == 0 || strcmp(v->a->key, "file") == 0))
			return reference(s, v, out);
		wrong_kind(s, d, v);
		return false;
	case CDC_V_INT: {
		if (v->kind == CDC_N_V_NUMBER && strpbrk(v->text, ".eE")) {
			cdc_diag_report(s->diags, CDC_E0504, v->loc, "option \"%s\" takes a whole number, not %s",
			                d->name, v->text);
			return false;
		}
		if (v->kind != CDC_N_V_NUMBER) {
			wrong_kind(s, d, v);
			return false;
		}
		errno = 0;
		long long n = strtoll(v->text, NULL, 10);
		if (errno == ERANGE)
			n = v->op ? LLONG_MIN : LLONG_MAX;
		out->num = v->op ? -n : n;
		if (d->id == CDC_OPT_BATCH_ROWS)
			return check_range(s, d, v, out->num, 1, 100000000);
		if (d->id == CDC_OPT_SRC_SERVER_ID)
			return check_range(s, d, v, out->num, 1, 4294967295LL);
		return check_range(s, d, v, out->num, 0, LLONG_MAX);
	}
	case CDC_V_BOOL:
		if (v->kind != CDC_N_V_BOOL) {
			wrong_kind(s, d, v);
			return false;
		}
		out->flag = v->op != 0;
		return true;
	case CDC_V_DURATION_OFF:
		if (w && strcmp(w, "off") == 0) {
			out->num = -1;
			return true;
		}
		/* fall through */
	case CDC_V_DURATION:
		if (v->kind != CDC_N_V_DURATION) {
			cdc_diag *g = wrong_kind(s, d, v);
			if (v->kind == CDC_N_V_NUMBER)
				cdc_diag_help(g, "add a unit: ms, s, m, h or d (%ss)", v->text);
			return false;
		}
		out->num = parse_duration(v->text);
		if (d->id == CDC_OPT_SRC_TIMEOUT)   /* shorter: a busy server would be dropped */
			return check_range(s, d, v, out->num, 2000000, 3600LL * 1000000);
		return check_range(s, d, v, out->num, 1000, 366LL * 86400 * 1000000);
	case CDC_V_SIZE:
		if (v->kind != CDC_N_V_SIZE) {
			cdc_diag *g = wrong_kind(s, d, v);
			if (v->kind == CDC_N_V_NUMBER)
				cdc_diag_help(g, "add a unit: B, kB, MB, GB or TB (%sMB)", v->text);
			return false;
		}
		out->num = parse_size(v->text);
		if (out->num <= 0) {
			cdc_diag_report(s->diags, CDC_E0506, v->loc, "option \"%s\" must be a positive size", d->name);
			return false;
		}
		return true;
	case CDC_V_ENUM: {
		if (!w) {
			cdc_diag *g = wrong_kind(s, d, v);
			if (v->kind == CDC_N_V_STRING && cdc_opt_choice_ok(d, v->text))
				cdc_diag_help(g, "write the word without quotes: %s = %s", d->name, v->text);
			return false;
		}
		if (!cdc_opt_choice_ok(d, w)) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0505, v->loc,
				"\"%s\" is not a valid value for option \"%s\"", w, d->name);
			cdc_suggest sg;
			cdc_suggest_init(&sg, w);
			char buf[128];
			snprintf(buf, sizeof buf, "%s", d->choices);
			for (char *c = strtok(buf, "|"); c; c = strtok(NULL, "|"))
				cdc_suggest_add(&sg, c);
			if (cdc_suggest_best(&sg))
				cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
			cdc_diag_note(g, "option \"%s\" takes %s", d->name, choices_text(s, d->choices));
			return false;
		}
		out->str = w;
		return true;
	}
	case CDC_V_TABLES: {
		/* A list of paths; a lone double-quoted string is a quoted one-part name
		 * (`tables = ["Orders"]` for sources without schemas). */
		const cdc_node *items = v->kind == CDC_N_V_LIST ? v->a : v;
		if (v->kind != CDC_N_V_LIST && v->kind != CDC_N_PATH && !(v->kind == CDC_N_V_STRING && !v->op)) {
			wrong_kind(s, d, v);
			return false;
		}
		cdc_node *paths = NULL;
		for (const cdc_node *e = items; e; e = v->kind == CDC_N_V_LIST ? e->next : NULL) {
			cdc_node *p = cdc_arena_alloc(s->arena, sizeof *p);
			if (e->kind == CDC_N_PATH) {
				*p = *e;
			} else if (e->kind == CDC_N_V_STRING && !e->op && e->text[0]) {
				cdc_node *name = cdc_arena_zalloc(s->arena, sizeof *name);
				name->kind = CDC_N_NAME;
				name->loc = e->loc;
				name->text = name->key = e->text;
				name->flags = CDC_NF_QUOTED;
				name->tail = name;
				*p = (cdc_node){.kind = CDC_N_PATH, .loc = e->loc, .a = name};
			} else {
				/* report it and keep the others: one typo should not unlist every table */
				cdc_diag_report(s->diags, CDC_E0504, e->loc,
					"option \"%s\" takes table names and patterns, not %s", d->name, what_value(e));
				continue;
			}
			p->next = p->tail = NULL;
			paths = cdc_ast_append(paths, p);
		}
		out->names = paths;
		return true;
	}
	case CDC_V_COLUMNS:
	case CDC_V_COLUMN:
		out->names = column_names(s, d, v, d->vkind == CDC_V_COLUMN);
		return out->names != NULL;
	case CDC_V_DELETES:
		if (w && (strcmp(w, "hard") == 0 || strcmp(w, "ignore") == 0 || strcmp(w, "soft") == 0)) {
			out->sub = w[0] == 'h' ? CDC_DELETES_HARD : w[0] == 'i' ? CDC_DELETES_IGNORE : CDC_DELETES_SOFT;
			out->str = w[0] == 's' ? "_deleted" : NULL;
			return true;
		}
		if (v->kind == CDC_N_V_CALL && strcmp(v->a->key, "soft") == 0) {
			cdc_node *col = v->b && !v->b->next ? column_name(s, v->b) : NULL;
			if (!col) {
				cdc_diag_report(s->diags, CDC_E0504, v->loc, "soft() takes one column name: soft(_deleted)");
				return false;
			}
			out->sub = CDC_DELETES_SOFT;
			out->str = col->key;
			out->names = col;
			return true;
		}
		if (w) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0505, v->loc,
				"\"%s\" is not a valid value for option \"deletes\"", w);
			cdc_diag_note(g, "choose one of: hard, ignore, soft, soft(column)");
			return false;
		}
		wrong_kind(s, d, v);
		return false;
	case CDC_V_SORTKEY:
		if (v->kind == CDC_N_V_CALL && (strcmp(v->a->key, "compound") == 0 ||
		                                strcmp(v->a->key, "interleaved") == 0)) {
			cdc_node tuple = *v;
			tuple.kind = CDC_N_V_TUPLE;
			tuple.a = (cdc_node *)v->b;
			out->sub = v->a->key[0] == 'c' ? CDC_SORT_COMPOUND : CDC_SORT_INTERLEAVED;
			out->names = column_names(s, d, &tuple, false);
			return out->names != NULL;
		}
		out->sub = CDC_SORT_COMPOUND;
		out->names = column_names(s, d, v, false);
		return out->names != NULL;
	case CDC_V_STAGING: {
		if (v->kind != CDC_N_V_CALL || strcmp(v->a->key, "s3") != 0) {
			cdc_diag *g = wrong_kind(s, d, v);
			cdc_diag_help(g, "staging = s3(\"s3://bucket/prefix/\", region = \"us-east-1\", iam_role = env(\"COPY_ROLE\"))");
			return false;
		}
		const cdc_node *url = v->b;
		if (!url || url->kind != CDC_N_V_STRING || strncmp(url->text, "s3://", 5) != 0 || !url->text[5]) {
			cdc_diag_report(s->diags, CDC_E0504, url ? url->loc : v->loc,
				"s3() takes the staging location first: s3(\"s3://bucket/prefix/\", ...)");
			return false;
		}
		if (strstr(url->text, "{{")) {
			cdc_diag_report(s->diags, CDC_E0506, url->loc,
				"the staging location may not contain \"{{\": the generated SQL's placeholders use it");
			return false;
		}
		out->str = url->text;
		cdc_node *named = NULL;
		for (const cdc_node *a = url->next; a; a = a->next) {
			if (a->kind != CDC_N_V_NAMEDARG) {
				cdc_diag_report(s->diags, CDC_E0504, a->loc,
					"s3() takes the location, then named arguments such as region = \"us-east-1\"");
				return false;
			}
			cdc_node *o = cdc_arena_alloc(s->arena, sizeof *o);
			*o = *a;
			o->kind = CDC_N_OPTION;
			o->next = o->tail = NULL;
			named = cdc_ast_append(named, o);
		}
		return nested(s, CDC_OB_STAGING, CDC_K_ANY, "s3()", v, named, out);
	}
	case CDC_V_BLOCK:
		return nested(s, CDC_OB_BATCH, CDC_K_ANY, d->name, v->a, v->b, out);
	case CDC_V_ENCODE: {
		/* column = encoding; the columns are checked against the table's rows with the
		 * route (sema.c), the words here */
		bool ok = true;
		for (const cdc_node *o = v->b; o; o = o->next) {
			const char *enc = word_of(o->b);
			if (!enc || !cdc_opt_choice_ok(d, enc)) {
				cdc_diag *g = cdc_diag_report(s->diags, CDC_E0505, o->b->loc,
					"\"%s\" is not a Redshift compression encoding", enc ? enc : what_value(o->b));
				cdc_suggest sg;
				cdc_suggest_init(&sg, enc ? enc : "");
				char buf[160];
				snprintf(buf, sizeof buf, "%s", d->choices);
				for (char *c = strtok(buf, "|"); c; c = strtok(NULL, "|"))
					cdc_suggest_add(&sg, c);
				if (enc && cdc_suggest_best(&sg))
					cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
				cdc_diag_note(g, "encodings: %s", choices_text(s, d->choices));
				ok = false;
			}
			for (const cdc_node *p = v->b; p != o; p = p->next)
				if (strcmp(p->a->key, o->a->key) == 0) {
					cdc_diag *g = cdc_diag_report(s->diags, CDC_E0502, o->a->loc, "column \"%s\" is encoded twice",
					                              o->a->key);
					cdc_diag_note_at(g, p->a->loc, "first here");
					ok = false;
				}
		}
		out->names = v->b;
		return ok;
	}
	}
	return false;
}

void
cdc_sema_options(cdc_sema *s, cdc_opt_block block, unsigned kinds, const char *what,
                 cdc_loc where, const cdc_node *options, cdc_opts out)
{
	const cdc_node *seen[CDC_OPT_COUNT] = {0};
	memset(out, 0, sizeof(cdc_opts));
	for (const cdc_node *o = options; o; o = o->next) {
		const char *key = o->a->key;
		const cdc_optdef *def = NULL, *other = NULL;
		for (int id = 0; id < CDC_OPT_COUNT && !def; id++) {
			const cdc_optdef *d = cdc_opt_def((cdc_optid)id);
			if (d->block != block || strcmp(d->name, key) != 0)
				continue;
			if (d->kinds & kinds)
				def = d;
			else
				other = d;
		}
		if (!def && other) {
			char buf[128];
			unsigned all = 0;
			for (int id = 0; id < CDC_OPT_COUNT; id++) {
				const cdc_optdef *d = cdc_opt_def((cdc_optid)id);
				if (d->block == block && strcmp(d->name, key) == 0)
					all |= d->kinds;
			}
			cdc_diag_report(s->diags, CDC_E0507, o->a->loc, "option \"%s\" applies only to %s",
			                key, cdc_kind_list(all, buf, sizeof buf));
			continue;
		}
		if (!def) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0501, o->a->loc,
				"unknown option \"%s\" in %s", key, what);
			cdc_suggest sg;
			cdc_suggest_init(&sg, key);
			for (int id = 0; id < CDC_OPT_COUNT; id++) {
				const cdc_optdef *d = cdc_opt_def((cdc_optid)id);
				if (d->block == block && (d->kinds & kinds))
					cdc_suggest_add(&sg, d->name);
			}
			const cdc_optdef *elsewhere = NULL;
			for (int id = 0; id < CDC_OPT_COUNT && !elsewhere; id++) {
				const cdc_optdef *d = cdc_opt_def((cdc_optid)id);
				if (d->block != block && strcmp(d->name, key) == 0)
					elsewhere = d;
			}
			if (cdc_suggest_best(&sg))
				cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
			else if (elsewhere)
				cdc_diag_help(g, "\"%s\" is an option of %s blocks", key,
				              cdc_opt_block_name(elsewhere->block));
			continue;
		}
		if (seen[def->id]) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0502, o->a->loc,
				"option \"%s\" is set twice", key);
			cdc_diag_note_at(g, seen[def->id]->a->loc, "first set here");
			continue;
		}
		seen[def->id] = o;
		cdc_optval *v = cdc_arena_zalloc(s->arena, sizeof *v);
		if (parse_value(s, def, o, v, kinds))
			out[def->id] = v;
	}
	for (int id = 0; id < CDC_OPT_COUNT; id++) {
		const cdc_optdef *d = cdc_opt_def((cdc_optid)id);
		if (d->block == block && d->required && (d->kinds & kinds) && !seen[id]) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0503, where,
				"%s needs option \"%s\"", what, d->name);
			cdc_diag_note(g, "%s: %s", d->name, d->doc);
		}
	}
}
