/*
 * runtime/registry.c — the source and target kinds `cdcc run` can use: one line each.
 */
#include "runtime/source.h"
#include "runtime/target.h"

#include <string.h>

static const cdc_source_ops *const sources[] = {
	&cdc_pg_source,
};

static const cdc_target_ops *const targets[] = {
	&cdc_pg_target,
};

const cdc_source_ops *
cdc_source_kind(const char *kind)
{
	for (size_t i = 0; i < sizeof sources / sizeof *sources; i++)
		if (strcmp(sources[i]->kind, kind) == 0)
			return sources[i];
	return NULL;
}

const cdc_target_ops *
cdc_target_kind(const char *kind)
{
	for (size_t i = 0; i < sizeof targets / sizeof *targets; i++)
		if (strcmp(targets[i]->kind, kind) == 0)
			return targets[i];
	return NULL;
}
