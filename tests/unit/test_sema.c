/*
 * tests/unit/test_sema.c — the checked model: selection, rule order, transform rows,
 * route naming and option merging, the schema lock, scale.
 */
#include "unit.h"

#include <stdlib.h>
#include <unistd.h>

static const char *header =
	"pipeline p { }\n"
	"source shop postgres { dsn = env(\"D\") tables = [public.*] heartbeat = 1m }\n"
	"target dw redshift { dsn = env(\"W\") staging = s3(\"s3://b/p/\") }\n"
	"table shop.public.orders { id bigint primary key\n amount numeric(12,2)\n note text\n }\n"
	"table shop.public.customers { id bigint primary key\n name text }\n";

static void
compile_with(tunit *u, const char *body)
{
	char *src = malloc(strlen(header) + strlen(body) + 1);
	strcpy(src, header);
	strcat(src, body);
	tu_compile(u, src);
	free(src);
}

static cdc_table *
table(tunit *u, const char *display)
{
	for (int i = 0; i < u->m->ntables; i++)
		if (strcmp(u->m->tables[i]->display, display) == 0)
			return u->m->tables[i];
	ck_abort_msg("no table %s", display);
	return NULL;
}

START_TEST(routes_and_target_names)
{
	tunit u;
	compile_with(&u, "merge shop.public.* into dw.stage.stg_* { }\n");
	ck_clean(&u);
	ck_assert_int_eq(u.m->nroutes, 2);
	ck_assert_str_eq(u.m->routes[0]->display, "dw.stage.stg_orders");
	ck_assert_str_eq(u.m->routes[1]->display, "dw.stage.stg_customers");
	ck_assert_int_eq(u.m->routes[0]->nkey, 1);
	ck_assert_str_eq(table(&u, "shop.public.orders")->out[u.m->routes[0]->key[0]].name, "id");
	tu_free(&u);
}
END_TEST

START_TEST(specific_merge_overrides_pattern)
{
	tunit u;
	compile_with(&u,
		"merge shop.public.* into dw.a.* { deletes = soft(_deleted) }\n"
		"merge shop.public.orders into dw.b.orders_v2 { distkey = id }\n");
	ck_clean(&u);
	cdc_table *o = table(&u, "shop.public.orders");
	ck_assert_int_eq(o->nroutes, 1);
	cdc_route *r = o->routes[0];
	ck_assert_str_eq(r->display, "dw.b.orders_v2");
	ck_assert_int_eq(r->deletes, CDC_DELETES_SOFT);          /* from the pattern block */
	ck_assert_str_eq(r->soft_column, "_deleted");
	ck_assert_ptr_nonnull(r->opts[CDC_OPT_MRG_DISTKEY]);       /* from the exact block */
	ck_assert_str_eq(table(&u, "shop.public.customers")->routes[0]->display, "dw.a.customers");
	tu_free(&u);
}
END_TEST

START_TEST(equal_specificity_conflict)
{
	tunit u;
	compile_with(&u,
		"merge shop.public.o* into dw.a.* { deletes = hard }\n"
		"merge shop.public.*s into dw.a.* { deletes = ignore }\n");
	ck_assert_msg(tu_count(&u, CDC_E0605) == 1, "%s", tu_dump(&u));
	tu_free(&u);
}
END_TEST

START_TEST(rule_order_and_names)
{
	tunit u;
	compile_with(&u,
		"quality shop.public.orders { require specific: amount > 0 else quarantine }\n"
		"quality shop.public.* { require id IS NOT NULL }\n"
		"merge shop.public.* into dw.a.* { }\n");
	ck_clean(&u);
	cdc_table *o = table(&u, "shop.public.orders");
	ck_assert_int_eq(o->nrules, 2);
	ck_assert_str_eq(o->rules[0]->name, "id IS NOT NULL");   /* pattern blocks first */
	ck_assert_int_eq(o->rules[0]->action, CDC_ACT_FAIL);
	ck_assert_str_eq(o->rules[1]->name, "specific");
	ck_assert_int_eq(o->rules[1]->action, CDC_ACT_QUARANTINE);
	ck_assert_int_eq(table(&u, "shop.public.customers")->nrules, 1);
	tu_free(&u);
}
END_TEST

START_TEST(transform_output_row)
{
	tunit u;
	compile_with(&u,
		"transform shop.public.orders {\n"
		"  usd = amount * 1.08\n"
		"  note = upper(note)\n"
		"  tag = 'x'\n"
		"  drop amount\n"
		"  rename usd to amount_usd\n"
		"  filter amount_usd > 0\n"
		"}\n"
		"merge shop.public.* into dw.a.* { }\n");
	ck_clean(&u);
	cdc_table *o = table(&u, "shop.public.orders");
	const char *names[] = {"id", "note", "amount_usd", "tag"};
	const char *types[] = {"bigint", "text", "numeric(15,4)", "text"};
	ck_assert_int_eq(o->nout, 4);
	for (int i = 0; i < 4; i++) {
		char buf[64];
		ck_assert_str_eq(o->out[i].name, names[i]);
		ck_assert_str_eq(cdc_type_str(o->out[i].type, buf, sizeof buf), types[i]);
	}
	ck_assert_int_eq(o->nsteps, 6);
	ck_assert_int_eq(o->steps[5].kind, CDC_STEP_FILTER);
	tu_free(&u);
}
END_TEST

START_TEST(key_removed_by_transform)
{
	tunit u;
	compile_with(&u,
		"transform shop.public.orders { drop id }\n"
		"merge shop.public.* into dw.a.* { }\n");
	ck_assert_msg(tu_count(&u, CDC_E0602) == 1, "%s", tu_dump(&u));
	tu_free(&u);
}
END_TEST

/* A renamed primary key stays the merge key; naming it explicitly is no W0107. */
START_TEST(key_follows_rename)
{
	tunit u;
	compile_with(&u,
		"transform shop.public.orders { rename id to order_id }\n"
		"merge shop.public.orders into dw.a.orders { }\n"
		"merge shop.public.customers into dw.a.customers { }\n"
		"target dw2 postgres { dsn = env(\"X\") }\n"
		"merge shop.public.orders into dw2.a.orders { key = (order_id) }\n");
	ck_clean(&u);
	ck_assert_int_eq(tu_count(&u, CDC_W0107), 0);
	cdc_table *o = table(&u, "shop.public.orders");
	ck_assert_str_eq(o->out[o->routes[0]->key[0]].name, "order_id");
	tu_free(&u);
}
END_TEST

/* Current state and history of one table in one target: a merge and an append route. */
START_TEST(current_and_history_in_one_target)
{
	tunit u;
	compile_with(&u,
		"merge shop.public.* into dw.cur.* { }\n"
		"merge shop.public.* into dw.hist.*_history { mode = append }\n");
	ck_clean(&u);
	cdc_table *o = table(&u, "shop.public.orders");
	ck_assert_int_eq(o->nroutes, 2);
	ck_assert(!o->routes[0]->append && o->routes[1]->append);
	ck_assert_str_eq(o->routes[1]->display, "dw.hist.orders_history");
	tu_free(&u);
	compile_with(&u,
		"merge shop.public.orders into dw.a.orders { }\n"
		"merge shop.public.orders into dw.b.orders { }\n");
	ck_assert_msg(tu_count(&u, CDC_E0605) == 1, "%s", tu_dump(&u));
	tu_free(&u);
	/* an exact block without a mode refines the append route it shares a table with */
	compile_with(&u,
		"merge shop.public.* into dw.hist.* { mode = append }\n"
		"merge shop.public.orders into dw.hist.orders { distkey = id }\n");
	ck_clean(&u);
	o = table(&u, "shop.public.orders");
	ck_assert_int_eq(o->nroutes, 1);
	ck_assert(o->routes[0]->append);
	ck_assert_ptr_nonnull(o->routes[0]->opts[CDC_OPT_MRG_DISTKEY]);
	tu_free(&u);
}
END_TEST

START_TEST(schema_lock_drives_patterns)
{
	char dir[] = "/tmp/cdcc-unit-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char lock[256], pipe[256];
	snprintf(lock, sizeof lock, "%s/shop.lock.json", dir);
	snprintf(pipe, sizeof pipe, "%s/p.cdc", dir);
	FILE *f = fopen(lock, "w");
	fputs("{\"cdcc_schema_lock\": 1, \"sources\": [{\"name\": \"shop\", \"kind\": \"postgres\", \"complete\": true,\n"
	      " \"tables\": [{\"schema\": \"public\", \"name\": \"orders\", \"primary_key\": [\"id\"],\n"
	      "   \"columns\": [{\"name\": \"id\", \"type\": \"bigint\", \"not_null\": true},\n"
	      "               {\"name\": \"amount\", \"type\": \"numeric(12,2)\"}]},\n"
	      "  {\"schema\": \"public\", \"name\": \"audit_log\", \"columns\": [{\"name\": \"x\", \"type\": \"text\"}]}]}]}\n", f);
	fclose(f);
	const char *src =
		"pipeline p { schema_lock = \"shop.lock.json\" }\n"
		"source shop postgres { dsn = env(\"D\") tables = [public.*, sales.*] exclude = [public.audit_%] heartbeat = 1m }\n"
		"target dw postgres { dsn = env(\"W\") }\n"
		"table shop.public.orders { amount numeric(12,3) }\n"
		"merge shop.public.* into dw.a.* { }\n";
	tunit u;
	tu_compile_as(&u, pipe, src, true);
	ck_assert_msg(tu_count(&u, CDC_E0804) == 1, "%s", tu_dump(&u));   /* numeric(12,3) vs (12,2) */
	ck_assert_msg(tu_count(&u, CDC_W0103) == 1, "%s", tu_dump(&u));   /* sales.* matches nothing */
	ck_assert_msg(tu_count(&u, CDC_W0111) == 0, "%s", tu_dump(&u));
	cdc_table *o = table(&u, "shop.public.orders");
	ck_assert(o->captured && o->in_lock);
	ck_assert(!table(&u, "shop.public.audit_log")->captured);
	ck_assert_int_eq(o->npk, 1);
	tu_free(&u);
	unlink(lock);
	rmdir(dir);
}
END_TEST

/* 2,000 tables by pattern: every one gets the pattern's rules and a route. */
START_TEST(scale_two_thousand_tables)
{
	cdc_buf b = CDC_BUF_INIT;
	cdc_buf_puts(&b, "pipeline big { }\n"
	                 "source db postgres { dsn = env(\"D\") tables = [app.*] heartbeat = 1m }\n"
	                 "target dw redshift { dsn = env(\"W\") staging = s3(\"s3://b/p/\") }\n");
	for (int i = 0; i < 2000; i++)
		cdc_buf_printf(&b, "table db.app.t%04d { id bigint primary key\n v numeric(12,2)\n s text }\n", i);
	cdc_buf_puts(&b, "quality db.app.* { require v >= 0 else quarantine }\n"
	                 "transform db.app.* { s = lower(s) }\n"
	                 "merge db.app.* into dw.app.* { }\n");
	tunit u;
	tu_compile(&u, cdc_buf_str(&b));
	ck_clean(&u);
	ck_assert_int_eq(u.m->nroutes, 2000);
	ck_assert_int_eq(u.m->tables[1999]->nrules, 1);
	tu_free(&u);
	cdc_buf_free(&b);
}
END_TEST

Suite *
sema_suite(void)
{
	Suite *s = suite_create("sema");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, routes_and_target_names);
	tcase_add_test(tc, specific_merge_overrides_pattern);
	tcase_add_test(tc, equal_specificity_conflict);
	tcase_add_test(tc, rule_order_and_names);
	tcase_add_test(tc, transform_output_row);
	tcase_add_test(tc, key_removed_by_transform);
	tcase_add_test(tc, key_follows_rename);
	tcase_add_test(tc, current_and_history_in_one_target);
	tcase_add_test(tc, schema_lock_drives_patterns);
	tcase_add_test(tc, scale_two_thousand_tables);
	suite_add_tcase(s, tc);
	return s;
}
