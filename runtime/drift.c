/*
 * runtime/drift.c — the columns a run knows beyond the declared ones (see drift.h).
 */
#include "runtime/drift.h"
#include "compiler/codegen.h"
#include "compiler/types.h"
#include "runtime/arena.h"
#include "runtime/mem.h"

#include <string.h>

static const char *const state_names[CDC_DRIFT_NSTATES] = {"declared", "present", "added", "ignored"};

bool
cdc_drift_rtype(const char *type, cdc_rtype *out, const char **why)
{
	cdc_type ty;
	*why = NULL;
	if (cdc_type_parse_text(type, &ty, why) != CDC_TYERR_OK)
		return false;
	*out = cdc_cg_rtype(ty);
	return true;
}

void
cdc_drift_init(cdc_drift *d)
{
	memset(d, 0, sizeof *d);
	d->a = cdc_arena_new("drift");
}

void
cdc_drift_free(cdc_drift *d)
{
	cdc_arena_free(d->a);
	cdc_mem_free(d->cols);
	memset(d, 0, sizeof *d);
}

void
cdc_drift_forget(cdc_drift *d)
{
	int n = 0;
	for (int i = 0; i < d->n; i++)
		if (d->cols[i].dirty)
			d->cols[n++] = d->cols[i];
	d->n = n;
}

const char *
cdc_drift_state_name(int state)
{
	return state >= 0 && state < CDC_DRIFT_NSTATES ? state_names[state] : "?";
}

int
cdc_drift_state_parse(const char *word)
{
	for (int i = 0; i < CDC_DRIFT_NSTATES; i++)
		if (strcmp(word, state_names[i]) == 0)
			return i;
	return -1;
}

void
cdc_drift_put(cdc_drift *d, int target, int table, const char *name, const char *type, int state,
              const char *missing, bool dirty)
{
	cdc_drift_col *c = NULL;
	for (int i = 0; i < d->n && !c; i++)
		if (d->cols[i].target == target && d->cols[i].table == table && strcmp(d->cols[i].name, name) == 0)
			c = &d->cols[i];
	if (!c) {
		if (d->n == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 32;
			d->cols = cdc_mem_realloc(d->cols, (size_t)d->cap * sizeof *d->cols);
		}
		c = &d->cols[d->n++];
		c->target = target;
		c->table = table;
		c->name = cdc_arena_strdup(d->a, name);
	}
	c->type = cdc_arena_strdup(d->a, type);
	c->state = state;
	c->missing = missing ? cdc_arena_strdup(d->a, missing) : NULL;
	c->dirty = dirty;
}

void
cdc_drift_retype(cdc_drift *d, int table, const char *name, const char *type)
{
	for (int i = 0; i < d->n; i++)
		if (d->cols[i].table == table && strcmp(d->cols[i].name, name) == 0) {
			d->cols[i].type = cdc_arena_strdup(d->a, type);
			d->cols[i].dirty = true;
		}
}

void
cdc_drift_clean(cdc_drift *d)
{
	for (int i = 0; i < d->n; i++)
		d->cols[i].dirty = false;
}

bool
cdc_drift_dirty(const cdc_drift *d)
{
	for (int i = 0; i < d->n; i++)
		if (d->cols[i].dirty)
			return true;
	return false;
}

const cdc_drift_col *
cdc_drift_find(const cdc_drift *d, int table, const char *name)
{
	for (int i = 0; i < d->n; i++)
		if (d->cols[i].table == table && strcmp(d->cols[i].name, name) == 0)
			return &d->cols[i];
	return NULL;
}

bool
cdc_drift_has_table(const cdc_drift *d, int table)
{
	for (int i = 0; i < d->n; i++)
		if (d->cols[i].table == table)
			return true;
	return false;
}

bool
cdc_drift_adopt(cdc_drift *d, int target, int table, bool adds)
{
	for (int i = 0; i < d->n; i++)
		if (d->cols[i].table == table && d->cols[i].target == target)
			return false;
	int n = d->n;   /* cdc_drift_put may move d->cols; the records added come after n */
	bool any = false;
	for (int i = 0; i < n; i++) {
		cdc_drift_col c = d->cols[i];
		if (c.table != table || c.target == target || c.target < 0)
			continue;
		bool seen = false;   /* a column several targets record: the first one's */
		for (int j = 0; j < i && !seen; j++)
			seen = d->cols[j].table == table && d->cols[j].target >= 0 && strcmp(d->cols[j].name, c.name) == 0;
		if (seen)
			continue;
		int state = c.state;
		if (state == CDC_DRIFT_ADDED || state == CDC_DRIFT_IGNORED)
			state = adds ? CDC_DRIFT_ADDED : CDC_DRIFT_IGNORED;
		cdc_drift_put(d, target, table, c.name, c.type, state, c.missing, true);
		any = true;
	}
	return any;
}

/* Target `target`'s record of the column (its own, or every target's) that `dirty`
 * and `state` (-1: any) select, or NULL. */
static const cdc_drift_col *
record_of(const cdc_drift *d, int target, int table, const char *name, bool dirty, int state)
{
	for (int i = 0; i < d->n; i++) {
		const cdc_drift_col *c = &d->cols[i];
		if ((c->target == target || c->target < 0) && c->table == table && (!dirty || c->dirty) &&
		    (state < 0 || c->state == state) && strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

bool
cdc_drift_added(const cdc_drift *d, int target, int table, const char *name)
{
	return record_of(d, target, table, name, false, CDC_DRIFT_ADDED) != NULL;
}

bool
cdc_drift_pending(const cdc_drift *d, int target, int table, const char *name)
{
	return record_of(d, target, table, name, true, -1) != NULL;
}

/* Whether route r of table ti takes the table's added columns (all of them: a route's
 * columns must start with the output row, so it takes the longest prefix its target
 * added; only a policy changed between runs makes that less than all). */
static int
route_takes(const cdc_drift *d, int ti, const cdc_ir_route *r, const cdc_ir_col *added, int nadded)
{
	if (r->drift != CDC_IR_DRIFT_ADD)
		return 0;
	int k = 0;
	while (k < nadded && cdc_drift_added(d, r->target, ti, added[k].name))
		k++;
	return k;
}

static cdc_ir_col *
grow_cols(struct cdc_arena *a, const cdc_ir_col *cols, int n, int at, const cdc_ir_col *add, int nadd)
{
	cdc_ir_col *out = cdc_arena_zalloc(a, ((size_t)n + (size_t)nadd + 1) * sizeof *out);
	memcpy(out, cols, (size_t)at * sizeof *out);
	memcpy(out + at, add, (size_t)nadd * sizeof *out);
	memcpy(out + at + nadd, cols + at, (size_t)(n - at) * sizeof *out);
	return out;
}

const cdc_ir *
cdc_drift_ir(struct cdc_arena *a, const cdc_ir *base, const cdc_drift *d, const char **why)
{
	cdc_ir *ir = NULL;
	for (int ti = 0; ti < base->ntables; ti++) {
		const cdc_ir_table *t = &base->tables[ti];
		/* the table's added columns, once each, in the order of the records */
		cdc_ir_col *added = cdc_arena_zalloc(a, ((size_t)d->n + 1) * sizeof *added);
		int nadded = 0;
		for (int i = 0; i < d->n; i++) {
			const cdc_drift_col *c = &d->cols[i];
			if (c->table != ti || c->state != CDC_DRIFT_ADDED)
				continue;
			bool have = false, wanted = false;
			for (int k = 0; k < nadded && !have; k++)
				have = strcmp(added[k].name, c->name) == 0;
			for (int k = 0; k < t->nroutes && !wanted; k++)
				wanted = t->routes[k].drift == CDC_IR_DRIFT_ADD && (c->target < 0 || t->routes[k].target == c->target);
			if (have || !wanted)
				continue;
			cdc_rtype ty;
			if (!cdc_drift_rtype(c->type, &ty, why)) {
				*why = cdc_arena_strdup(a, c->type);
				return NULL;
			}
			added[nadded++] = (cdc_ir_col){c->name, ty, false, NULL, 0};
		}
		if (nadded == 0)
			continue;
		if (!ir) {
			ir = cdc_arena_alloc(a, sizeof *ir);
			*ir = *base;
			ir->tables = cdc_arena_zalloc(a, ((size_t)base->ntables + 1) * sizeof *ir->tables);
			memcpy(ir->tables, base->tables, (size_t)base->ntables * sizeof *ir->tables);
		}
		cdc_ir_table *o = &ir->tables[ti];
		o->cols = grow_cols(a, t->cols, t->ncols, t->ncols, added, nadded);
		o->ncols = t->ncols + nadded;
		o->out = grow_cols(a, t->out, t->nout, t->nout, added, nadded);
		o->nout = t->nout + nadded;
		o->routes = cdc_arena_zalloc(a, ((size_t)t->nroutes + 1) * sizeof *o->routes);
		for (int k = 0; k < t->nroutes; k++) {
			const cdc_ir_route *r = &t->routes[k];
			cdc_ir_route *ro = &o->routes[k];
			*ro = *r;
			int take = route_takes(d, ti, r, added, nadded);
			if (take == 0)
				continue;
			ro->cols = grow_cols(a, r->cols, r->ncols, r->nout, added, take);
			ro->ncols = r->ncols + take;
			ro->nout = r->nout + take;
			if (r->soft >= r->nout)
				ro->soft = r->soft + take;
		}
	}
	return ir ? ir : base;
}
