/*
 * compiler/options.c — the kind registry and the option table.
 */
#include "compiler/options.h"

#include <stdio.h>
#include <string.h>

static const cdc_kind kinds[] = {
	{"postgres", CDC_K_POSTGRES, false, true, false},
	{"mysql", CDC_K_MYSQL, false, true, false},
	{"kinesis", CDC_K_KINESIS, false, false, false},
	{"dynamodb", CDC_K_DYNAMODB, false, false, false},
	{"files", CDC_K_FILES, false, false, false},   /* with layout = dms: schemas */
	{"redshift", CDC_K_REDSHIFT, true, true, true},
	{"postgres", CDC_K_TPOSTGRES, true, true, true},
	{"mysql", CDC_K_TMYSQL, true, true, true},
	{"s3", CDC_K_S3, true, true, false},
	{"files", CDC_K_TFILES, true, true, false},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

const cdc_kind *
cdc_kind_find(const char *name, bool target)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (kinds[i].target == target && strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

const char *const *
cdc_kind_names(bool target)
{
	static const char *names[2][NKINDS + 1];
	const char **out = names[target];
	if (!out[0]) {
		size_t k = 0;
		for (size_t i = 0; i < NKINDS; i++)
			if (kinds[i].target == target)
				out[k++] = kinds[i].name;
	}
	return out;
}

const char *
cdc_kind_list(unsigned mask, char *buf, unsigned n)
{
	const char *names[NKINDS];
	size_t k = 0;
	bool target = false;
	for (size_t i = 0; i < NKINDS; i++)
		if (mask & kinds[i].mask) {
			names[k++] = kinds[i].name;
			target = kinds[i].target;
		}
	buf[0] = '\0';
	size_t len = 0;
	for (size_t i = 0; i < k; i++) {
		const char *sep = i == 0 ? "" : i + 1 == k ? " and " : ", ";
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", sep, names[i]);
	}
	snprintf(buf + len, len < n ? n - len : 0, " %s", target ? "targets" : "sources");
	return buf;
}

#define ANY CDC_K_ANY
static const cdc_optdef table[] = {
#define CDC_OPT(id, block, name, kinds, value, choices, req, dflt, doc) \
	{CDC_OPT_##id, CDC_OB_##block, #name, kinds, CDC_V_##value, choices, req, dflt, doc},
#include "compiler/options.def"
#undef CDC_OPT
};

const cdc_optdef *
cdc_opt_def(cdc_optid id)
{
	return &table[id];
}

const char *
cdc_opt_block_name(cdc_opt_block b)
{
	static const char *const names[] = {"pipeline", "source", "target", "merge", "batch",
	                                    "s3(...)"};
	return names[b];
}

const char *
cdc_vkind_name(cdc_vkind v)
{
	static const char *const names[] = {
		"a string or env(\"NAME\")", "a string", "a secret: a string, env(\"NAME\") or file(\"path\")", "an integer",
		"true or false", "a duration such as 10s", "a duration or off", "a size such as 64MB",
		"one of the listed words", "a list of tables", "a column or a list of columns",
		"a column name", "hard, ignore, soft or soft(column)",
		"a list of columns, compound(...) or interleaved(...)",
		"s3(\"s3://bucket/prefix/\", ...)", "a block { ... }",
		"a block { column = encoding ... }",
	};
	return names[v];
}

bool
cdc_opt_choice_ok(const cdc_optdef *d, const char *word)
{
	size_t n = strlen(word);
	for (const char *c = d->choices; *c;) {
		const char *bar = strchr(c, '|');
		size_t len = bar ? (size_t)(bar - c) : strlen(c);
		if (len == n && strncmp(c, word, n) == 0)
			return true;
		if (!bar)
			break;
		c = bar + 1;
	}
	return false;
}
