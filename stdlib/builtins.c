/*
 * stdlib/builtins.c — the standard library table and its signature parser.
 *
 * Signatures are written as short strings in builtins.def so that one line documents
 * and defines a function; they are parsed once, on first use.  A malformed signature is
 * a bug in cdcc, caught by the unit tests, so parsing aborts on one.
 */
#include "stdlib/builtins.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static cdc_builtin table[] = {
#define CDC_BUILTIN(name, params, result, vol, fn, doc) \
	{#name, params, result, CDC_##vol, fn, doc, true, 0, {{0}}, 0, 0, false},
#include "stdlib/builtins.def"
#undef CDC_BUILTIN
};

/* Functions that see NULL arguments: they skip them, test them, or give a value
 * without them. */
static const char *const lenient[] = {"coalesce", "nullif", "greatest", "least", "concat",
                                      "concat_ws", "before"};

#define NBUILTINS ((int)(sizeof table / sizeof table[0]))

static const char *const class_names[] = {
	"str", "int", "num", "float8", "bool", "bytea", "strbytes", "ts", "temporal", "json",
	"jsonish", "any", "T",
};

const char *
cdc_pclass_name(cdc_pclass c)
{
	return class_names[c];
}

static void
bad_spec(const cdc_builtin *b)
{
	fprintf(stderr, "cdcc: internal error: bad signature \"%s\" for builtin %s\n",
	        b->params_spec, b->name);
	abort();
}

/* Parses "s:str, chars:str?, ...values:any" into b->params.  Names point into a
 * static copy of the spec, so the table stays valid for the life of the process. */
static void
parse_spec(cdc_builtin *b)
{
	if (!b->params_spec[0])
		return;
	char *spec = strdup(b->params_spec);
	if (!spec)
		abort();
	for (char *tok = strtok(spec, ","); tok; tok = strtok(NULL, ",")) {
		while (*tok == ' ')
			tok++;
		if (b->nparams == (int)(sizeof b->params / sizeof b->params[0]) || b->variadic)
			bad_spec(b);
		cdc_param *p = &b->params[b->nparams++];
		if (strncmp(tok, "...", 3) == 0) {
			p->variadic = b->variadic = true;
			tok += 3;
		}
		char *colon = strchr(tok, ':');
		if (!colon)
			bad_spec(b);
		*colon = '\0';
		p->name = tok;
		char *cls = colon + 1;
		size_t n = strlen(cls);
		if (n && cls[n - 1] == '?') {
			p->optional = true;
			cls[--n] = '\0';
		}
		size_t k = 0;
		while (k < sizeof class_names / sizeof class_names[0] && strcmp(cls, class_names[k]))
			k++;
		if (k == sizeof class_names / sizeof class_names[0])
			bad_spec(b);
		p->cls = (cdc_pclass)k;
		if (!p->optional && !p->variadic)
			b->min_args++;
	}
	/* spec memory is deliberately kept: params[].name points into it */
}

static void
init(void)
{
	static bool done;
	if (done)
		return;
	for (int i = 0; i < NBUILTINS; i++) {
		table[i].id = i;
		parse_spec(&table[i]);
		for (size_t k = 0; k < sizeof lenient / sizeof lenient[0]; k++)
			if (strcmp(table[i].name, lenient[k]) == 0)
				table[i].strict = false;
	}
	done = true;
}

const cdc_builtin *
cdc_builtin_find(const char *name, int *n)
{
	init();
	for (int i = 0; i < NBUILTINS; i++) {
		if (strcasecmp(table[i].name, name) == 0) {
			int k = 1;
			while (i + k < NBUILTINS && strcasecmp(table[i + k].name, name) == 0)
				k++;
			*n = k;
			return &table[i];
		}
	}
	*n = 0;
	return NULL;
}

int
cdc_builtin_count(void)
{
	return NBUILTINS;
}

const cdc_builtin *
cdc_builtin_at(int i)
{
	init();
	return &table[i];
}
