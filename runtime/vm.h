/*
 * runtime/vm.h — the bytecode interpreter that runs a table's quality rules and
 * transforms on one change event.
 *
 * The caller loads the event's columns into R[0 .. ninputs), runs the program, reads
 * the output row from the registers named by program->out, then resets the event arena.
 * Once warm, running a program allocates nothing but what functions return into the
 * event arena.
 */
#ifndef CDC_VM_H
#define CDC_VM_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/program.h"

typedef struct cdc_arena cdc_arena;

/* What the change event tells the program (op(), commit_time(), before(), ...). */
typedef struct cdc_event_info {
	int              op;            /* CDC_EVOP_* */
	int64_t          commit_time;   /* timestamptz, microseconds */
	const char      *position;      /* source position, text form */
	const char      *table;         /* schema.table or table */
	int64_t          txid;
	bool             has_txid;
	const cdc_value *before;        /* before image by input column, or NULL */
	int64_t          now;           /* processing time, timestamptz */
} cdc_event_info;

enum { CDC_EVOP_INSERT, CDC_EVOP_UPDATE, CDC_EVOP_DELETE, CDC_EVOP_SNAPSHOT };

typedef enum cdc_vm_status {
	CDC_VM_OK,          /* the output registers hold the row */
	CDC_VM_FILTERED,    /* a filter step removed the row */
	CDC_VM_RULE,        /* a fail, quarantine or drop rule broke: vm->rule */
	CDC_VM_ERROR        /* an expression failed: vm->error at vm->pc */
} cdc_vm_status;

/* Looks up an environment variable for env(); NULL if unset.  The plan stores the
 * variable's name only; the value is read when the pipeline starts. */
typedef const char *(*cdc_env_fn)(void *data, const char *name);

typedef struct cdc_vm {
	cdc_arena            *arena;    /* the per-event arena */
	const cdc_event_info *ev;
	uint64_t             *warns;    /* per rule of the program: broken warn rules */
	const uint64_t       *unchanged; /* input columns the source marked unchanged, as a
	                                    bit set of program->dep_words words; or NULL */
	cdc_env_fn            env;
	void                 *env_data;
	uint32_t              rule;     /* CDC_VM_RULE: index in program->rules */
	uint32_t              pc;       /* CDC_VM_ERROR: the failing instruction */
	char                  error[256];
	void                 *cache;    /* compiled regular expressions, by call site */
	char                 *out_buf;  /* scratch for output-form casts (heap, kept) */
	size_t                out_cap;
} cdc_vm;

void          cdc_vm_init(cdc_vm *vm, cdc_arena *event_arena);
void          cdc_vm_release(cdc_vm *vm);
cdc_vm_status cdc_vm_run(cdc_vm *vm, const cdc_program *p, cdc_value *regs);
/* Runs from instruction `start`, the first of a segment: after an error in a warn rule,
 * the caller counts it and resumes at the next segment. */
cdc_vm_status cdc_vm_resume(cdc_vm *vm, const cdc_program *p, cdc_value *regs, uint32_t start);

/* For built-in functions: report an error and make the call fail. */
void cdc_vm_fail(cdc_vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The segment (rule or step) of instruction pc, or NULL. */
const cdc_segment *cdc_vm_segment(const cdc_program *p, uint32_t pc);

#endif
