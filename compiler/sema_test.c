/*
 * compiler/sema_test.c — test blocks: given changes and expected rows, checked against
 * the tables and routes they name so that `cdcc test` only runs well-formed tests.
 */
#include "compiler/sema_int.h"
#include "compiler/suggest.h"

#include "compiler/codegen.h"
#include "runtime/change.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Fields of one change or row: known columns, constant values of a fitting type. */
static cdc_tfield *
fields(cdc_sema *s, const cdc_node *list, const cdc_column *cols, int ncols, const cdc_table *t,
       const char *where, int *nout)
{
	int n = (int)cdc_ast_list_len(list);
	cdc_tfield *out = cdc_arena_zalloc(s->arena, (size_t)(n + 1) * sizeof *out);
	cdc_scope cscope = {.table = t, .where = where, .constant = true};
	cdc_scope names = {.cols = cols, .ncols = ncols, .table = t, .where = where};
	*nout = 0;
	for (const cdc_node *f = list; f; f = f->next) {
		int ci = cdc_sema_find_column(cols, ncols, f->a->key);
		cdc_texpr *v = cdc_sema_expr(s, &cscope, f->b);
		if (ci < 0) {
			cdc_sema_unknown_column(s, &names, f->a, NULL);
			continue;
		}
		for (int k = 0; k < *nout; k++)
			if (out[k].col == ci) {
				cdc_diag *g = cdc_diag_report(s->diags, CDC_E0207, f->a->loc, "column \"%s\" is given twice", f->a->key);
				cdc_diag_note_at(g, out[k].value->node->loc, "first value");
			}
		if (!cdc_type_coercible(v->type, cols[ci].type) && !cdc_type_castable(v->type, cols[ci].type))
			cdc_diag_report(s->diags, CDC_E0405, f->b->loc, "value of type %s does not fit column \"%s\" (%s)",
			                cdc_sema_type_str(s, v->type), cols[ci].name, cdc_sema_type_str(s, cols[ci].type));
		else
			cdc_sema_literal_fits(s, v, cols[ci].type, true);
		out[*nout].col = ci;
		out[*nout].value = v;
		(*nout)++;
	}
	return out;
}

/*
 * Test data in a file: JSON Lines, one change per line,
 *   {"op": "insert", "row": {"id": 1, "amount": "10.00"}}
 * read by the runtime's own reader (runtime/change.c), so `cdcc check` accepts exactly
 * what `cdcc test` can run; updates and deletes must also give the key.  Blank lines and
 * lines starting with # are skipped.  The first problem is reported (E0705) with its line.
 */
static void
check_jsonl(cdc_sema *s, const cdc_node *at, const char *path, const cdc_srcfile *data,
            const cdc_table *t)
{
	cdc_ir_col *cols = cdc_arena_zalloc(s->arena, ((size_t)t->ncols + 1) * sizeof *cols);
	for (int i = 0; i < t->ncols; i++) {
		cols[i].name = t->cols[i].name;
		cols[i].type = cdc_cg_rtype(t->cols[i].type);
	}
	cdc_arena *scratch = cdc_arena_new("test data");
	for (uint32_t ln = 1; ln <= data->nlines; ln++) {
		size_t len;
		const char *line = cdc_srcfile_line(data, ln, &len);
		if (cdc_change_line_skipped(line, len))
			continue;
		char why[512];
		cdc_change ch;
		bool ok = cdc_change_from_json(scratch, cols, t->ncols, line, len, &ch, why, sizeof why);
		/* updates and deletes are matched by the key */
		if (ok && (ch.op == CDC_EVOP_UPDATE || ch.op == CDC_EVOP_DELETE))
			for (int kc = 0; kc < t->npk && ok; kc++)
				if (ch.row[t->pk[kc]].tag == CDC_VAL_UNCHANGED) {
					snprintf(why, sizeof why, "%s without key column \"%s\"", ch.op == CDC_EVOP_UPDATE ? "update" : "delete",
					         t->cols[t->pk[kc]].name);
					ok = false;
				}
		cdc_arena_reset(scratch);
		if (!ok) {
			cdc_diag *g = cdc_diag_report(s->diags, CDC_E0705, at->loc, "test data \"%s\", line %u: %s", path, ln, why);
			cdc_diag_note(g, "each line is one change: {\"op\": \"insert\", \"row\": {\"id\": 1, ...}}");
			break;
		}
	}
	cdc_arena_free(scratch);
}

static void
given(cdc_sema *s, const cdc_node *g, cdc_tgiven *out)
{
	out->decl = g;
	out->table = cdc_sema_exact_table(s, g->a, "given");
	if (g->c) {
		out->file = g->c->text;
		const char *path = out->file[0] == '/' ? out->file
		                 : (strcmp(s->m->dir, ".") == 0 ? out->file : cdc_arena_printf(s->arena, "%s/%s", s->m->dir, out->file));
		cdc_srcfile *data = cdc_srcfile_read(s->arena, path);
		if (!data)
			cdc_diag_report(s->diags, CDC_E0705, g->c->loc, "cannot read test data \"%s\": %s", path,
			                strerror(errno));
		else if (out->table)
			check_jsonl(s, g->c, path, data, out->table);
		return;
	}
	cdc_table *t = out->table;
	if (!t)
		return;
	out->changes = cdc_arena_zalloc(s->arena, (cdc_ast_list_len(g->b) + 1) * sizeof *out->changes);
	for (const cdc_node *c = g->b; c; c = c->next) {
		cdc_tchange *ch = &out->changes[out->nchanges++];
		ch->op = c->op;
		ch->decl = c;
		ch->fields = fields(s, c->a, t->cols, t->ncols, t, NULL, &ch->nfields);
		if (c->op != CDC_CHG_UPDATE && c->op != CDC_CHG_DELETE)
			continue;
		for (int k = 0; k < t->npk; k++) {
			bool have = false;
			for (int f = 0; f < ch->nfields; f++)
				have |= ch->fields[f].col == t->pk[k];
			if (!have) {
				cdc_diag *d = cdc_diag_report(s->diags, CDC_E0702, c->loc, "%s without key column \"%s\"",
				                              c->op == CDC_CHG_UPDATE ? "update" : "delete", t->cols[t->pk[k]].name);
				cdc_diag_note(d, "updates and deletes are matched to rows by the key of \"%s\"", t->display);
				break;
			}
		}
	}
}

static cdc_rule *
find_rule(const cdc_table *t, const char *name)
{
	for (int i = 0; i < t->nrules; i++)
		if (strcmp(t->rules[i]->name, name) == 0)
			return t->rules[i];
	return NULL;
}

static void
unknown_rule(cdc_sema *s, const cdc_table *t, const cdc_node *name, const char *what)
{
	cdc_diag *g = cdc_diag_report(s->diags, CDC_E0704, name->loc, "\"%s\" is not %s of \"%s\"", name->key, what,
	                              t->display);
	cdc_suggest sg;
	cdc_suggest_init(&sg, name->key);
	for (int i = 0; i < t->nrules; i++)
		cdc_suggest_add(&sg, t->rules[i]->name);
	if (cdc_suggest_best(&sg))
		cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
	else
		cdc_diag_help(g, "name the rule in its quality block: require name: condition else quarantine");
}

static void
expect(cdc_sema *s, const cdc_node *e, cdc_texpect *out, const cdc_test *test)
{
	out->decl = e;
	out->kind = e->op;
	if (e->op == CDC_EXP_FAILURE) {
		/* the rule belongs to one of the tables the test gives changes for */
		for (int i = 0; i < test->ngiven; i++) {
			cdc_table *t = test->given[i].table;
			cdc_rule *r = t ? find_rule(t, e->c->key) : NULL;
			if (r) {
				out->rule = r;
				out->table = t;
				if (r->action != CDC_ACT_FAIL) {
					cdc_diag *g = cdc_diag_report(s->diags, CDC_E0706, e->c->loc,
						"rule \"%s\" does not stop the pipeline; its action is not fail", r->name);
					cdc_diag_note_at(g, r->decl->loc, "rule defined here");
				}
				return;
			}
		}
		if (test->ngiven && test->given[0].table)
			unknown_rule(s, test->given[0].table, e->c, "a rule");
		return;
	}
	if (e->op == CDC_EXP_QUARANTINE) {
		cdc_table *t = out->table = cdc_sema_exact_table(s, e->a, "expect quarantine");
		if (!t)
			return;
		out->rows = cdc_arena_zalloc(s->arena, (cdc_ast_list_len(e->b) + 1) * sizeof *out->rows);
		for (const cdc_node *r = e->b; r; r = r->next) {
			struct cdc_trow *row = &out->rows[out->nrows++];
			row->decl = r;
			if (!r->b) {
				cdc_diag_report(s->diags, CDC_E0704, r->loc, "a quarantined row names its rule: row RULE { ... }");
			} else {
				row->rule = find_rule(t, r->b->key);
				row->rule_name = row->rule ? row->rule->name : r->b->key;
				/* a change quarantined because a transform step failed has the rule name
				 * "transform" (unless a rule is called that) */
				if (!row->rule && strcmp(r->b->key, "transform") == 0)
					;
				else if (!row->rule)
					unknown_rule(s, t, r->b, "a rule");
				else if (row->rule->action != CDC_ACT_QUARANTINE) {
					cdc_diag *g = cdc_diag_report(s->diags, CDC_E0704, r->b->loc,
						"rule \"%s\" does not quarantine rows", row->rule->name);
					cdc_diag_note_at(g, row->rule->decl->loc, "rule defined here");
				}
			}
			row->fields = fields(s, r->a, t->cols, t->ncols, t, NULL, &row->nfields);
		}
		return;
	}
	cdc_route *route = out->route = cdc_sema_find_route(s, e->a);
	if (!route) {
		cdc_diag *g = cdc_diag_report(s->diags, CDC_E0703, e->a->loc, "no merge of this pipeline writes %s",
		                              cdc_sema_qpath(s, e->a));
		cdc_suggest sg;
		cdc_suggest_init(&sg, cdc_ast_path_text(s->arena, e->a));
		for (int i = 0; i < s->m->nroutes; i++)
			cdc_suggest_add(&sg, s->m->routes[i]->display);
		if (cdc_suggest_best(&sg))
			cdc_diag_help(g, "did you mean \"%s\"?", cdc_suggest_best(&sg));
		return;
	}
	cdc_table *t = route->table;
	out->rows = cdc_arena_zalloc(s->arena, (cdc_ast_list_len(e->b) + 1) * sizeof *out->rows);
	for (const cdc_node *r = e->b; r; r = r->next) {
		struct cdc_trow *row = &out->rows[out->nrows++];
		row->decl = r;
		if (r->b)
			cdc_diag_report(s->diags, CDC_E0704, r->b->loc, "only quarantined rows name a rule");
		row->fields = fields(s, r->a, route->cols, route->ncols, t, route->display, &row->nfields);
	}
}

void
cdc_sema_tests(cdc_sema *s, const cdc_node *root)
{
	int n = 0;
	for (const cdc_node *it = root->a; it; it = it->next)
		n += it->kind == CDC_N_TEST;
	s->m->tests = cdc_arena_zalloc(s->arena, (size_t)(n + 1) * sizeof *s->m->tests);
	for (const cdc_node *it = root->a; it; it = it->next) {
		if (it->kind != CDC_N_TEST)
			continue;
		const char *name = it->b->kind == CDC_N_V_STRING ? it->b->text : it->b->key;
		for (int i = 0; i < s->m->ntests; i++)
			if (strcmp(s->m->tests[i].name, name) == 0) {
				cdc_diag *g = cdc_diag_report(s->diags, CDC_E0209, it->b->loc, "test \"%s\" is defined twice", name);
				cdc_diag_note_at(g, s->m->tests[i].decl->b->loc, "first defined here");
			}
		cdc_test *t = &s->m->tests[s->m->ntests++];
		t->name = name;
		t->decl = it;
		int ng = 0, ne = 0;
		for (const cdc_node *k = it->a; k; k = k->next) {
			ng += k->kind == CDC_N_GIVEN;
			ne += k->kind == CDC_N_EXPECT;
		}
		t->given = cdc_arena_zalloc(s->arena, (size_t)(ng + 1) * sizeof *t->given);
		t->expect = cdc_arena_zalloc(s->arena, (size_t)(ne + 1) * sizeof *t->expect);
		for (const cdc_node *k = it->a; k; k = k->next)
			if (k->kind == CDC_N_GIVEN)
				given(s, k, &t->given[t->ngiven++]);
		for (const cdc_node *k = it->a; k; k = k->next)
			if (k->kind == CDC_N_EXPECT)
				expect(s, k, &t->expect[t->nexpect++], t);
	}
}
