/*
 * compiler/explain.c — `cdcc explain` (see explain.h).
 *
 * Everything printed comes from the IR, so a plan file explains the same as the pipeline
 * it was built from; only the source text shown next to rules and steps needs the .cdc.
 */
#include "compiler/explain.h"
#include "compiler/options.h"
#include "runtime/buf.h"
#include "runtime/typeids.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
wanted(const cdc_explain_opts *o, const cdc_ir_table *t)
{
	return !o->table || strcmp(o->table, t->display) == 0;
}

/* The value kind of an option by its (last) name, to print durations and sizes as written. */
static cdc_vkind
opt_vkind(const char *dotted)
{
	const char *name = strrchr(dotted, '.');
	name = name ? name + 1 : dotted;
	for (int i = 0; i < CDC_OPT_COUNT; i++) {
		const cdc_optdef *d = cdc_opt_def((cdc_optid)i);
		if (strcmp(d->name, name) == 0)
			return d->vkind;
	}
	return CDC_V_INT;
}

static void
put_duration(cdc_buf *b, int64_t us)
{
	static const struct { int64_t us; const char *unit; } units[] = {
		{86400000000LL, "d"}, {3600000000LL, "h"}, {60000000LL, "m"}, {1000000LL, "s"}, {1000LL, "ms"},
	};
	if (us < 0) {
		cdc_buf_puts(b, "off");
		return;
	}
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (us >= units[i].us && us % units[i].us == 0) {
			cdc_buf_printf(b, "%" PRId64 "%s", us / units[i].us, units[i].unit);
			return;
		}
	cdc_buf_printf(b, "%" PRId64 "us", us);
}

static void
put_size(cdc_buf *b, int64_t n)
{
	static const char *const units[] = {"B", "kB", "MB", "GB", "TB"};
	int u = 0;
	while (u < 4 && n >= 1000 && n % 1000 == 0)
		n /= 1000, u++;
	if (u == 0) {
		int k = 0;
		static const char *const bin[] = {"B", "KiB", "MiB", "GiB", "TiB"};
		while (k < 4 && n >= 1024 && n % 1024 == 0)
			n /= 1024, k++;
		cdc_buf_printf(b, "%" PRId64 "%s", n, bin[k]);
		return;
	}
	cdc_buf_printf(b, "%" PRId64 "%s", n, units[u]);
}

/* An option's value as it would be written in the pipeline file. */
static void
put_value(cdc_buf *b, const cdc_ir_opt *o)
{
	switch (o->kind) {
	case CDC_IRV_INT:
		switch (opt_vkind(o->name)) {
		case CDC_V_DURATION:
		case CDC_V_DURATION_OFF:
			put_duration(b, o->num);
			return;
		case CDC_V_SIZE:
			put_size(b, o->num);
			return;
		default:
			cdc_buf_printf(b, "%" PRId64, o->num);
			return;
		}
	case CDC_IRV_BOOL:
		cdc_buf_puts(b, o->num ? "true" : "false");
		return;
	case CDC_IRV_ENV:
		cdc_buf_printf(b, "env(\"%s\")", o->str);
		return;
	case CDC_IRV_FILE:
		cdc_buf_printf(b, "file(\"%s\")", o->str);
		return;
	case CDC_IRV_LIST:
		cdc_buf_putc(b, '[');
		for (int i = 0; i < o->nlist; i++)
			cdc_buf_printf(b, "%s%s", i ? ", " : "", o->list[i]);
		cdc_buf_putc(b, ']');
		return;
	default:
		cdc_buf_json_string(b, o->str, strlen(o->str));
		return;
	}
}

static void
put_opts(cdc_buf *b, const cdc_ir_opts *o, const char *indent)
{
	for (int i = 0; i < o->n; i++) {
		cdc_buf_printf(b, "%s%s = ", indent, o->v[i].name);
		put_value(b, &o->v[i]);
		cdc_buf_putc(b, '\n');
	}
}

static const char *
type_text(cdc_rtype t, char *buf, size_t n)
{
	cdc_buf b = CDC_BUF_INIT;
	cdc_rtype_str(t, &b);
	snprintf(buf, n, "%s", cdc_buf_str(&b));
	cdc_buf_free(&b);
	return buf;
}

static const char *
target_table(const cdc_ir *ir, const cdc_ir_route *r, char *buf, size_t n)
{
	const char *t = ir->targets[r->target].name;
	if (r->schema)
		snprintf(buf, n, "%s.%s.%s", t, r->schema, r->name);
	else
		snprintf(buf, n, "%s.%s", t, r->name);
	return buf;
}

/* The input columns an output column reads, from the program's dependency sets. */
static void
put_reads(cdc_buf *b, const cdc_ir_table *t, int i, cJSON *arr)
{
	const cdc_program *p = t->prog;
	const uint64_t *d = &p->out_deps[(size_t)i * p->dep_words];
	bool first = true;
	for (int c = 0; c < t->ncols; c++)
		if (d[c / 64] >> (c % 64) & 1) {
			if (b) {
				cdc_buf_printf(b, "%s%s", first ? "" : ", ", t->cols[c].name);
				first = false;
			}
			if (arr)
				cJSON_AddItemToArray(arr, cJSON_CreateString(t->cols[c].name));
		}
	if (b && first)
		cdc_buf_puts(b, "(no column)");
}

static void
route_summary(cdc_buf *b, const cdc_ir *ir, const cdc_ir_table *t, const cdc_ir_route *r)
{
	char buf[512];
	cdc_buf_printf(b, "%s  %s", target_table(ir, r, buf, sizeof buf), r->append ? "append" : "merge");
	if (!r->append) {
		cdc_buf_puts(b, "  key (");
		for (int k = 0; k < r->nkey; k++)
			cdc_buf_printf(b, "%s%s", k ? ", " : "", t->out[r->key[k]].name);
		cdc_buf_printf(b, ")  deletes %s", cdc_ir_deletes_name(r->deletes));
		if (r->deletes == CDC_IR_DEL_SOFT && r->soft >= 0)
			cdc_buf_printf(b, "(%s)", r->cols[r->soft].name);
	}
	cdc_buf_printf(b, "  on_schema_change %s", cdc_ir_drift_name(r->drift));
	if (r->line)
		cdc_buf_printf(b, "  (line %u)", r->line);
}

static size_t
name_width(const cdc_ir_col *c, int n)
{
	size_t w = 4;
	for (int i = 0; i < n; i++)
		if (strlen(c[i].name) > w)
			w = strlen(c[i].name);
	return w > 32 ? 32 : w;
}

void
cdc_explain_text(const cdc_ir *ir, const cdc_explain_opts *o, cdc_buf *b)
{
	char tb[128];
	cdc_buf_printf(b, "pipeline %s  (%s, sha256 %.12s)\n", ir->pipeline, ir->file, ir->sha256);
	put_opts(b, &ir->opts, "  ");
	cdc_buf_puts(b, "\nsources\n");
	for (int i = 0; i < ir->nsources; i++) {
		const cdc_ir_source *s = &ir->sources[i];
		cdc_buf_printf(b, "  %s  %s  (line %u)\n", s->name, s->kind, s->line);
		put_opts(b, &s->opts, "    ");
	}
	cdc_buf_puts(b, "\ntargets\n");
	for (int i = 0; i < ir->ntargets; i++) {
		const cdc_ir_target *t = &ir->targets[i];
		cdc_buf_printf(b, "  %s  %s  (line %u)\n", t->name, t->kind, t->line);
		put_opts(b, &t->opts, "    ");
	}
	cdc_buf_puts(b, "\ngraph\n");
	for (int i = 0; i < ir->ntables; i++) {
		const cdc_ir_table *t = &ir->tables[i];
		if (!wanted(o, t))
			continue;
		const cdc_program *p = t->prog;
		uint32_t nsteps = 0;
		for (uint32_t s = 0; s < p->nsegments; s++)
			nsteps += p->segments[s].kind == CDC_SEG_STEP;
		cdc_buf_printf(b, "  %s  ->  %u rule%s, %u step%s\n", t->display, p->nrules, p->nrules == 1 ? "" : "s",
		               nsteps, nsteps == 1 ? "" : "s");
		for (int k = 0; k < t->nroutes; k++) {
			cdc_buf_puts(b, "      -> ");
			route_summary(b, ir, t, &t->routes[k]);
			cdc_buf_putc(b, '\n');
		}
		if (t->nroutes == 0)
			cdc_buf_puts(b, "      (no route: captured, checked, not written)\n");
	}
	for (int i = 0; i < ir->ntables; i++) {
		const cdc_ir_table *t = &ir->tables[i];
		if (!wanted(o, t))
			continue;
		const cdc_program *p = t->prog;
		cdc_buf_printf(b, "\ntable %s", t->display);
		if (t->line)
			cdc_buf_printf(b, "  (line %u)", t->line);
		else
			cdc_buf_puts(b, "  (schema lock)");
		size_t w = name_width(t->cols, t->ncols);
		cdc_buf_puts(b, "\n  columns\n");
		for (int c = 0; c < t->ncols; c++) {
			bool pk = false;
			for (int k = 0; k < t->npk; k++)
				pk |= t->pk[k] == c;
			cdc_buf_printf(b, "    %-*s  %s%s%s\n", (int)w, t->cols[c].name, type_text(t->cols[c].type, tb, sizeof tb),
			               t->cols[c].not_null ? " not null" : "", pk ? "  primary key" : "");
		}
		if (p->nrules) {
			cdc_buf_puts(b, "  rules, in order\n");
			for (uint32_t r = 0; r < p->nrules; r++)
				cdc_buf_printf(b, "    %-10s  %s  (line %u)\n", cdc_action_name(p->rules[r].action), p->rules[r].name,
				               p->rules[r].line);
		}
		w = name_width(t->out, t->nout);
		cdc_buf_puts(b, "  output columns and lineage\n");
		for (int c = 0; c < t->nout; c++) {
			cdc_buf_printf(b, "    %-*s  %-24s ", (int)w, t->out[c].name, type_text(t->out[c].type, tb, sizeof tb));
			if (t->out[c].origin)
				cdc_buf_printf(b, "= %s  (line %u)  <- ", t->out[c].origin, t->out[c].line);
			else
				cdc_buf_puts(b, "<- ");
			put_reads(b, t, c, NULL);
			cdc_buf_putc(b, '\n');
		}
		if (t->nroutes) {
			cdc_buf_puts(b, "  routes\n");
			for (int k = 0; k < t->nroutes; k++) {
				cdc_buf_puts(b, "    ");
				route_summary(b, ir, t, &t->routes[k]);
				cdc_buf_putc(b, '\n');
				put_opts(b, &t->routes[k].opts, "      ");
			}
		}
		if (o->code) {
			cdc_buf_printf(b, "  program: %u instructions, %u registers, %u constants\n", p->ncode, p->nregs,
			               p->nconsts);
			const char **names = calloc((size_t)t->ncols + 1, sizeof *names);
			for (int c = 0; c < t->ncols; c++)
				names[c] = t->cols[c].name;
			cdc_prog_disasm(p, names, o->src, b);
			free(names);
		}
	}
}

/* ---- JSON ---------------------------------------------------------------------------- */

static cJSON *
json_type(cdc_rtype t)
{
	char tb[128];
	return cJSON_CreateString(type_text(t, tb, sizeof tb));
}

static cJSON *
json_opts(const cdc_ir_opts *o)
{
	cJSON *obj = cJSON_CreateObject();
	for (int i = 0; i < o->n; i++) {
		cdc_buf v = CDC_BUF_INIT;
		put_value(&v, &o->v[i]);
		cJSON_AddStringToObject(obj, o->v[i].name, cdc_buf_str(&v));
		cdc_buf_free(&v);
	}
	return obj;
}

void
cdc_explain_json(const cdc_ir *ir, const cdc_explain_opts *o, cdc_buf *b)
{
	char buf[512];
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "version", 1);
	cJSON_AddStringToObject(doc, "pipeline", ir->pipeline);
	cJSON_AddStringToObject(doc, "file", ir->file);
	cJSON_AddStringToObject(doc, "sha256", ir->sha256);
	cJSON_AddItemToObject(doc, "options", json_opts(&ir->opts));
	cJSON *arr = cJSON_AddArrayToObject(doc, "sources");
	for (int i = 0; i < ir->nsources; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "name", ir->sources[i].name);
		cJSON_AddStringToObject(s, "kind", ir->sources[i].kind);
		cJSON_AddNumberToObject(s, "line", ir->sources[i].line);
		cJSON_AddItemToObject(s, "options", json_opts(&ir->sources[i].opts));
		cJSON_AddItemToArray(arr, s);
	}
	arr = cJSON_AddArrayToObject(doc, "targets");
	for (int i = 0; i < ir->ntargets; i++) {
		cJSON *t = cJSON_CreateObject();
		cJSON_AddStringToObject(t, "name", ir->targets[i].name);
		cJSON_AddStringToObject(t, "kind", ir->targets[i].kind);
		cJSON_AddNumberToObject(t, "line", ir->targets[i].line);
		cJSON_AddItemToObject(t, "options", json_opts(&ir->targets[i].opts));
		cJSON_AddItemToArray(arr, t);
	}
	arr = cJSON_AddArrayToObject(doc, "tables");
	for (int i = 0; i < ir->ntables; i++) {
		const cdc_ir_table *t = &ir->tables[i];
		if (!wanted(o, t))
			continue;
		const cdc_program *p = t->prog;
		cJSON *jt = cJSON_CreateObject();
		cJSON_AddStringToObject(jt, "name", t->display);
		cJSON_AddStringToObject(jt, "source", ir->sources[t->source].name);
		cJSON_AddNumberToObject(jt, "line", t->line);
		cJSON *cols = cJSON_AddArrayToObject(jt, "columns");
		for (int c = 0; c < t->ncols; c++) {
			cJSON *jc = cJSON_CreateObject();
			cJSON_AddStringToObject(jc, "name", t->cols[c].name);
			cJSON_AddItemToObject(jc, "type", json_type(t->cols[c].type));
			cJSON_AddBoolToObject(jc, "not_null", t->cols[c].not_null);
			bool pk = false;
			for (int k = 0; k < t->npk; k++)
				pk |= t->pk[k] == c;
			cJSON_AddBoolToObject(jc, "primary_key", pk);
			cJSON_AddItemToArray(cols, jc);
		}
		cJSON *rules = cJSON_AddArrayToObject(jt, "rules");
		for (uint32_t r = 0; r < p->nrules; r++) {
			cJSON *jr = cJSON_CreateObject();
			cJSON_AddStringToObject(jr, "name", p->rules[r].name);
			cJSON_AddStringToObject(jr, "action", cdc_action_name(p->rules[r].action));
			cJSON_AddNumberToObject(jr, "line", p->rules[r].line);
			cJSON_AddItemToArray(rules, jr);
		}
		cJSON *out = cJSON_AddArrayToObject(jt, "output");
		for (int c = 0; c < t->nout; c++) {
			cJSON *jc = cJSON_CreateObject();
			cJSON_AddStringToObject(jc, "name", t->out[c].name);
			cJSON_AddItemToObject(jc, "type", json_type(t->out[c].type));
			cJSON_AddBoolToObject(jc, "not_null", t->out[c].not_null);
			if (t->out[c].origin) {
				cJSON_AddStringToObject(jc, "expression", t->out[c].origin);
				cJSON_AddNumberToObject(jc, "line", t->out[c].line);
			}
			put_reads(NULL, t, c, cJSON_AddArrayToObject(jc, "reads"));
			cJSON_AddItemToArray(out, jc);
		}
		cJSON *routes = cJSON_AddArrayToObject(jt, "routes");
		for (int k = 0; k < t->nroutes; k++) {
			const cdc_ir_route *r = &t->routes[k];
			cJSON *jr = cJSON_CreateObject();
			cJSON_AddStringToObject(jr, "target", target_table(ir, r, buf, sizeof buf));
			cJSON_AddStringToObject(jr, "mode", r->append ? "append" : "merge");
			cJSON *key = cJSON_AddArrayToObject(jr, "key");
			for (int c = 0; c < r->nkey; c++)
				cJSON_AddItemToArray(key, cJSON_CreateString(t->out[r->key[c]].name));
			cJSON_AddStringToObject(jr, "deletes", cdc_ir_deletes_name(r->deletes));
			if (r->soft >= 0)
				cJSON_AddStringToObject(jr, "soft_delete_column", r->cols[r->soft].name);
			cJSON_AddStringToObject(jr, "on_schema_change", cdc_ir_drift_name(r->drift));
			cJSON_AddNumberToObject(jr, "line", r->line);
			cJSON_AddItemToObject(jr, "options", json_opts(&r->opts));
			cJSON_AddItemToArray(routes, jr);
		}
		if (o->code) {
			cJSON *prog = cJSON_AddObjectToObject(jt, "program");
			cJSON_AddNumberToObject(prog, "registers", p->nregs);
			cJSON_AddNumberToObject(prog, "constants", p->nconsts);
			cJSON *code = cJSON_AddArrayToObject(prog, "code");
			const char **names = calloc((size_t)t->ncols + 1, sizeof *names);
			for (int c = 0; c < t->ncols; c++)
				names[c] = t->cols[c].name;
			cdc_buf dis = CDC_BUF_INIT;
			cdc_prog_disasm(p, names, NULL, &dis);
			free(names);
			/* one string per line of the disassembly */
			const char *s = cdc_buf_str(&dis);
			while (*s) {
				const char *nl = strchr(s, '\n');
				size_t n = nl ? (size_t)(nl - s) : strlen(s);
				char *line = strndup(s, n);
				cJSON_AddItemToArray(code, cJSON_CreateString(line));
				free(line);
				s += n + (nl ? 1 : 0);
			}
			cdc_buf_free(&dis);
		}
		cJSON_AddItemToArray(arr, jt);
	}
	char *text = cJSON_Print(doc);
	cdc_buf_puts(b, text);
	cdc_buf_putc(b, '\n');
	cJSON_free(text);
	cJSON_Delete(doc);
}
