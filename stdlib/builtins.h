/*
 * stdlib/builtins.h — the standard library table (see builtins.def).
 */
#ifndef CDC_BUILTINS_H
#define CDC_BUILTINS_H

#include <locale.h>
#include <stdbool.h>

typedef enum cdc_volatility { CDC_IMMUTABLE, CDC_EVENT, CDC_VOLATILE } cdc_volatility;

typedef enum cdc_pclass {
	CDC_PC_STR, CDC_PC_INT, CDC_PC_NUM, CDC_PC_FLOAT8, CDC_PC_BOOL, CDC_PC_BYTEA,
	CDC_PC_STRBYTES, CDC_PC_TS, CDC_PC_TEMPORAL, CDC_PC_JSON, CDC_PC_JSONISH, CDC_PC_ANY,
	CDC_PC_T
} cdc_pclass;

typedef struct cdc_param {
	const char *name;
	cdc_pclass  cls;
	bool        optional;
	bool        variadic;
} cdc_param;

struct cdc_vm;
struct cdc_call;
struct cdc_value;

/* A builtin's implementation: arguments in parameter order (variadic ones last, absent
 * optional ones marked in call->present), already converted to what the parameter
 * takes; writes the result, or reports with cdc_vm_fail() and returns false. */
typedef bool cdc_fn_impl(struct cdc_vm *vm, const struct cdc_call *call,
                         const struct cdc_value *args, struct cdc_value *out);

typedef struct cdc_builtin {
	const char    *name;
	const char    *params_spec;
	const char    *result;        /* type name or rule, see builtins.def */
	cdc_volatility vol;
	cdc_fn_impl   *impl;
	const char    *doc;
	bool           strict;        /* NULL argument -> NULL result, without a call */
	int            id;            /* index in the table */
	cdc_param      params[8];     /* parsed from params_spec */
	int            nparams;
	int            min_args;      /* parameters without '?' */
	bool           variadic;
} cdc_builtin;

/* The overloads of a name (case-insensitive): *n set to how many; NULL if none. */
const cdc_builtin *cdc_builtin_find(const char *name, int *n);
int                cdc_builtin_count(void);
const cdc_builtin *cdc_builtin_at(int i);
const char        *cdc_pclass_name(cdc_pclass c);

/* The C.UTF-8 locale (LC_CTYPE) for case mapping beyond ASCII, created on first use;
 * NULL if the system has none.  Shared by lower()/upper(), the regular expressions and
 * the VM's ILIKE, so all three fold case the same way. */
locale_t cdc_fn_utf8_locale(void);

/* Frees what the functions cached for a VM (compiled regular expressions). */
void cdc_fn_release_cache(void *cache);

/* The implementations, one per line of builtins.def (stdlib/fn_*.c). */
#define CDC_BUILTIN(name, params, result, vol, fn, doc) cdc_fn_impl fn;
#include "stdlib/builtins.def"
#undef CDC_BUILTIN

#endif
