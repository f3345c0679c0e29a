/*
 * runtime/program.h — a compiled per-table program: bytecode, constants, and the side
 * tables the VM and the disassembler need.
 *
 * Produced by compiler/codegen.c, serialized into the plan (.cdcb) by compiler/plan.c,
 * executed by runtime/vm.c.  The runtime never sees the AST: everything it needs to run
 * a table's quality rules and transforms, and to report where something went wrong, is
 * here.
 *
 * Instruction layout (16 bytes):
 *
 *    0       1       2       4       6       8             12
 *   +-------+-------+-------+-------+-------+--------------+----+
 *   | op    | -     | A     | B     | C     | D (int32)    |line|
 *   +-------+-------+-------+-------+-------+--------------+----+
 *
 * Registers: R[0 .. ninputs) hold the source row's columns in table order; codegen
 * allocates the rest.  The output row is R[out[0]], R[out[1]], ...
 */
#ifndef CDC_PROGRAM_H
#define CDC_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/value.h"

struct cdc_vm;
struct cdc_call;

typedef enum cdc_opcode {
#define CDC_OP(name, operands, effect) CDC_BC_##name,
#include "runtime/opcodes.def"
#undef CDC_OP
	CDC_BC_COUNT
} cdc_opcode;

typedef struct cdc_instr {
	uint8_t  op;
	uint8_t  pad;
	uint16_t a, b, c;
	int32_t  d;
	uint32_t line;      /* source line, for explain and run-time errors */
} cdc_instr;

enum { CDC_CMP_EQ, CDC_CMP_NE, CDC_CMP_LT, CDC_CMP_LE, CDC_CMP_GT, CDC_CMP_GE };

/* Change-event fields read by EVENT. */
enum { CDC_EV_OP, CDC_EV_COMMIT_TIME, CDC_EV_POSITION, CDC_EV_TABLE, CDC_EV_TXID, CDC_EV_NOW };

/* CAST entries: the source and target types of a conversion.  `output` asks for the
 * type's output text instead of the SQL cast to text: they differ for boolean (`t`, not
 * `true`) and char(n) (padded), and concat() and pseudonymize() print their arguments
 * as PostgreSQL's output functions do. */
typedef struct cdc_cast {
	cdc_rtype from, to;
	uint8_t   output;
} cdc_cast;

/* At most this many arguments in a call (PostgreSQL's limit too). */
#define CDC_MAX_CALL_ARGS 100

/* CALL entries: which builtin, where its arguments are, what it returns. */
typedef struct cdc_call {
	uint16_t  fn;       /* index in the builtin table */
	uint16_t  nargs;
	uint16_t  present;  /* bit i: argument i given; only optional parameters (which come
	                       before any variadic one, so i < 16) can be absent */
	uint16_t *args;     /* nargs argument registers, in parameter order */
	cdc_rtype result;
	/* resolved from fn when the program is made or loaded (not in the plan): the VM
	 * calls through these without looking the function up */
	bool    (*impl)(struct cdc_vm *, const struct cdc_call *, const cdc_value *, cdc_value *);
	bool      strict;
} cdc_call;

typedef enum cdc_segkind { CDC_SEG_RULE, CDC_SEG_STEP } cdc_segkind;

/* Which rule or transform step an instruction belongs to: a run-time error in a rule's
 * condition breaks that rule; one in a step quarantines the row. */
typedef struct cdc_segment {
	uint32_t    first;  /* first instruction */
	uint16_t    kind;   /* cdc_segkind */
	uint16_t    index;  /* rule or step number */
	uint32_t    line;   /* source line of the rule or step; 0 if none */
} cdc_segment;

typedef enum cdc_action { CDC_ACT_FAIL, CDC_ACT_QUARANTINE, CDC_ACT_DROP, CDC_ACT_WARN } cdc_action;

typedef enum cdc_stepkind { CDC_STEP_K_ASSIGN, CDC_STEP_K_DROP, CDC_STEP_K_RENAME, CDC_STEP_K_FILTER } cdc_stepkind;

/* A transform step, for messages: a failing step is named by its column and line. */
typedef struct cdc_prog_step {
	uint8_t     kind;   /* cdc_stepkind */
	const char *column; /* ASSIGN: the column assigned; RENAME: the new name; else NULL */
	uint32_t    line;
} cdc_prog_step;

typedef struct cdc_prog_rule {
	const char *name;
	uint8_t     action; /* cdc_action */
	uint32_t    line;
} cdc_prog_rule;

typedef struct cdc_program {
	cdc_instr     *code;
	uint32_t       ncode;
	uint32_t       entry;      /* code[0 .. entry) is the prologue: LOADKs of the constants,
	                              run once when a stage starts; each change runs from entry */
	cdc_value     *consts;
	uint32_t       nconsts;
	cdc_rtype     *const_types;
	cdc_cast      *casts;
	uint32_t       ncasts;
	cdc_call      *calls;
	uint32_t       ncalls;
	cdc_segment   *segments;   /* in code order */
	uint32_t       nsegments;
	cdc_prog_rule *rules;
	uint32_t       nrules;
	cdc_prog_step *steps;
	uint32_t       nsteps;
	uint16_t       nregs;
	uint16_t       ninputs;
	uint16_t      *out;        /* output row: register per column */
	uint16_t       nout;
	/* Which input columns each rule, filter and output column reads (transitively),
	 * as bit sets of dep_words 64-bit words.  A column the source marked unchanged
	 * (TOAST) cannot be computed on: a rule or filter that reads one passes, and an
	 * output column computed from one stays unchanged, so the target keeps its value. */
	uint16_t       dep_words;
	uint64_t      *rule_deps;   /* nrules sets */
	uint64_t      *filter_deps; /* nfilters sets, indexed by FILTER's D */
	uint32_t       nfilters;
	uint64_t      *out_deps;    /* nout sets */
} cdc_program;

struct cdc_buf;

const char *cdc_op_name(cdc_opcode op);
const char *cdc_op_operands(cdc_opcode op);   /* "A B C D" */
const char *cdc_op_effect(cdc_opcode op);     /* opcodes.def's description */
int         cdc_op_find(const char *name);    /* -1 if no such opcode */
const char *cdc_action_name(int action);      /* "fail", "quarantine", "drop", "warn" */
const char *cdc_stepkind_name(int kind);      /* "assign", "drop", "rename", "filter" */

const char *cdc_typeid_name(int id);          /* "numeric", "double precision" */
int         cdc_typeid_find(const char *name);
/* "numeric(12,2)", "varchar(40)[]" */
void        cdc_rtype_str(cdc_rtype t, struct cdc_buf *out);

/*
 * Checks that a program is safe to run: every register, constant, cast, call, rule and
 * filter index in range, jumps forward and inside the code, the code ends with END.
 * The plan loader runs it on every program it reads, so a damaged or hand-edited plan
 * is refused with a message instead of crashing the runtime.
 */
bool cdc_prog_verify(const cdc_program *p, int ninputs, char *why, size_t whylen);
/* Then, on a verified program: every register read holds the class of value the reading
 * instruction or function expects (the types of the inputs and outputs given). */
bool cdc_prog_check_types(const cdc_program *p, const cdc_rtype *inputs, const cdc_rtype *outputs,
                          char *why, size_t whylen);

/* Source lines for the disassembler's headers (optional). */
typedef struct cdc_srclines {
	const char *const *lines;
	const size_t      *lens;
	uint32_t           n;
} cdc_srclines;

/* The program as text, one instruction per line, with a header before each rule and
 * step naming it and its source line (and the line's text when src is given). */
void cdc_prog_disasm(const cdc_program *p, const char *const *input_names,
                     const cdc_srclines *src, struct cdc_buf *out);

#endif
