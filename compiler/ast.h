/*
 * compiler/ast.h — the syntax tree of a .cdc file.
 *
 * One node type for every construct keeps the bison actions to one constructor call
 * each.  What `text`, `op` and the children a, b, c mean depends on the kind; the table
 * below is the contract between the grammar (which builds), sema (which reads) and fmt
 * (which prints).  Nodes live in the compile arena and are never freed one by one.
 * Lists are chained through `next`; the first element's `tail` points at the last so
 * the left-recursive grammar rules append in O(1).
 *
 *  kind          text                 op                a            b            c
 *  FILE          -                    -                 items        -            -
 *  PIPELINE      -                    -                 NAME         options      -
 *  SOURCE        -                    -                 NAME         NAME (kind)  options
 *  TARGET        -                    -                 NAME         NAME (kind)  options
 *  TABLE         -                    -                 PATH         elements     -
 *  COLUMN        -                    CDC_COL_* flags   NAME         TYPE         -
 *  PKEY          -                    -                 NAMEs        -            -
 *  QUALITY       -                    -                 PATH         RULEs        -
 *  RULE          -                    CDC_RULE_*        NAME label?  expr         NAME action?
 *  TRANSFORM     -                    -                 PATH         steps        -
 *  ASSIGN        -                    -                 NAME         expr         -
 *  DROP          -                    -                 NAMEs        -            -
 *  RENAME        -                    -                 NAME from    NAME to      -
 *  FILTER        -                    -                 expr         -            -
 *  MERGE         -                    -                 PATH source  PATH target  options
 *  TEST          -                    -                 items        name         -
 *  GIVEN         -                    -                 PATH         CHANGEs      V_STRING file
 *  CHANGE        -                    CDC_CHG_*         FIELDs       -            -
 *  EXPECT        -                    CDC_EXP_*         PATH         ROWs         NAME rule
 *  ROW           -                    -                 FIELDs       NAME rule?   -
 *  FIELD         -                    -                 NAME         expr         -
 *  OPTION        -                    -                 NAME         value        -
 *  NAME          spelling (unquoted)  -                 -            -            -
 *  PATH          -                    -                 NAMEs        -            -
 *  TYPE          type name            -                 V_NUMBERs    -            -
 *  V_STRING      contents             1: 'single'       -            -            -
 *  V_NUMBER      digits as written    1: negative       -            -            -
 *  V_DURATION    as written           -                 -            -            -
 *  V_SIZE        as written           -                 -            -            -
 *  V_BOOL        -                    0 / 1             -            -            -
 *  V_NULL        -                    -                 -            -            -
 *  V_CALL        -                    -                 NAME         args         -
 *  V_NAMEDARG    -                    -                 NAME         value        -
 *  V_LIST        -                    -                 values       -            -
 *  V_TUPLE       -                    -                 values       -            -
 *  V_BLOCK       -                    -                 NAME         options      -
 *  E_LIT         literal text         CDC_LIT_*         -            -            -
 *  E_COL         -                    -                 NAME         -            -
 *  E_UNARY       -                    CDC_OP_*          operand      -            -
 *  E_BINARY      -                    CDC_OP_*          left         right        -
 *  E_IS          -                    CDC_IS_*          operand      other (DISTINCT FROM)
 *  E_IN          -                    -                 operand      items        -
 *  E_BETWEEN     -                    -                 operand      low          high
 *  E_LIKE        -                    CDC_OP_LIKE/ILIKE operand      pattern      -
 *  E_CASE        -                    -                 operand?     WHENs        else?
 *  E_WHEN        -                    -                 condition    result       -
 *  E_CAST        -                    CDC_CAST_*        operand      TYPE         -
 *  E_CALL        -                    -                 NAME         args         -
 *  E_NAMEDARG    -                    -                 NAME         expr         -
 *  E_EXTRACT     -                    -                 NAME field   expr         -
 *  (V_PATH values are PATH nodes; a bare name value is a PATH of one NAME.)
 */
#ifndef CDC_AST_H
#define CDC_AST_H

#include <stdbool.h>

#include "compiler/srcfile.h"

/* Kinds from CDC_N_V_STRING on are values and expressions: keep them last. */
typedef enum cdc_node_kind {
	CDC_N_FILE, CDC_N_PIPELINE, CDC_N_SOURCE, CDC_N_TARGET, CDC_N_TABLE, CDC_N_COLUMN,
	CDC_N_PKEY, CDC_N_QUALITY, CDC_N_RULE, CDC_N_TRANSFORM, CDC_N_ASSIGN, CDC_N_DROP,
	CDC_N_RENAME, CDC_N_FILTER, CDC_N_MERGE, CDC_N_TEST, CDC_N_GIVEN, CDC_N_CHANGE,
	CDC_N_EXPECT, CDC_N_ROW, CDC_N_FIELD, CDC_N_OPTION, CDC_N_NAME, CDC_N_PATH, CDC_N_TYPE,
	CDC_N_V_STRING, CDC_N_V_NUMBER, CDC_N_V_DURATION, CDC_N_V_SIZE, CDC_N_V_BOOL,
	CDC_N_V_NULL, CDC_N_V_CALL, CDC_N_V_NAMEDARG, CDC_N_V_LIST, CDC_N_V_TUPLE, CDC_N_V_BLOCK,
	CDC_N_E_LIT, CDC_N_E_COL, CDC_N_E_UNARY, CDC_N_E_BINARY, CDC_N_E_IS, CDC_N_E_IN,
	CDC_N_E_BETWEEN, CDC_N_E_LIKE, CDC_N_E_CASE, CDC_N_E_WHEN, CDC_N_E_CAST, CDC_N_E_CALL,
	CDC_N_E_NAMEDARG, CDC_N_E_EXTRACT
} cdc_node_kind;

/* Node flags. */
#define CDC_NF_QUOTED   0x01u  /* NAME: written in double quotes (case kept) */
#define CDC_NF_WILD     0x02u  /* NAME: path segment containing * or % */
#define CDC_NF_PAREN    0x04u  /* expression written in parentheses */
#define CDC_NF_NOT      0x08u  /* E_IS / E_IN / E_BETWEEN / E_LIKE: negated form */
#define CDC_NF_ARRAY    0x10u  /* TYPE: element type followed by [] */

/* COLUMN op flags. */
#define CDC_COL_PKEY    0x1
#define CDC_COL_NOTNULL 0x2
#define CDC_COL_NULL    0x4

enum { CDC_RULE_REQUIRE, CDC_RULE_WARN };
enum { CDC_CHG_INSERT, CDC_CHG_UPDATE, CDC_CHG_DELETE, CDC_CHG_SNAPSHOT };
enum { CDC_EXP_ROWS, CDC_EXP_QUARANTINE, CDC_EXP_FAILURE };
enum { CDC_LIT_INT, CDC_LIT_DEC, CDC_LIT_FLOAT, CDC_LIT_STRING, CDC_LIT_TRUE, CDC_LIT_FALSE,
       CDC_LIT_NULL, CDC_LIT_INTERVAL };
enum { CDC_IS_NULL, CDC_IS_TRUE, CDC_IS_FALSE, CDC_IS_DISTINCT };
enum { CDC_CAST_FUNC, CDC_CAST_COLONS, CDC_CAST_LITERAL };   /* CAST(x AS t), x::t, t 'x' */

/* Operators, in one list so sema, fmt and the IR agree on spelling. */
#define CDC_OPERATORS(X) \
	X(OR, "OR")   X(AND, "AND") X(NOT, "NOT")                                  \
	X(EQ, "=")    X(NE, "<>")   X(LT, "<")    X(LE, "<=") X(GT, ">") X(GE, ">=") \
	X(ADD, "+")   X(SUB, "-")   X(MUL, "*")   X(DIV, "/") X(MOD, "%") X(POW, "^") \
	X(CONCAT, "||") X(NEG, "-") X(PLUS, "+")  X(LIKE, "LIKE") X(ILIKE, "ILIKE")
enum {
#define X(name, text) CDC_OP_##name,
	CDC_OPERATORS(X)
#undef X
	CDC_OP_COUNT
};
const char *cdc_ast_op_text(int op);

typedef struct cdc_node cdc_node;
struct cdc_node {
	cdc_node_kind kind;
	cdc_loc       loc;    /* the whole construct */
	const char   *text;   /* see the table above */
	const char   *key;    /* NAME: lookup key (unquoted names folded to lower case) */
	int           op;
	unsigned      flags;  /* CDC_NF_* */
	unsigned      depth;  /* 1 + the deepest child: bounded so later passes may recurse */
	cdc_node     *a, *b, *c;
	cdc_node     *next;   /* next element of the list this node is in */
	cdc_node     *tail;   /* on a list's first element: its last element */
};

typedef struct cdc_comment {
	cdc_loc loc;
	bool    own_line;     /* nothing but blanks before it on its line */
} cdc_comment;

/* Parse state shared by the lexer, the grammar actions and the constructors below. */
typedef struct cdc_parse {
	cdc_arena         *arena;
	const cdc_srcfile *file;
	struct cdc_diags  *diags;
	cdc_node          *root;
	cdc_comment       *comments;   /* in source order */
	unsigned           ncomments, comments_cap;
	unsigned           syntax_errors;
	uint32_t           offset;        /* lexer: byte offset of the next token */
	uint32_t           comment_depth; /* lexer: nesting inside a block comment */
	uint32_t           comment_start; /* lexer: offset of the outermost open comment */
	uint32_t           open_braces[16]; /* lexer: offsets of unclosed '{', innermost last */
	unsigned           nopen;           /* lexer: how many are open (may exceed 16) */
	bool               too_deep;      /* a tree exceeded CDC_AST_MAX_DEPTH ... */
	cdc_loc            too_deep_loc;  /* ... first here */
} cdc_parse;

/* Deepest tree the passes accept: they recurse over expressions, and a left-associative
 * chain (1 + 1 + ...) grows the tree without growing the parser's stack. */
#define CDC_AST_MAX_DEPTH 256

/* Longest name, in bytes: the longest identifier any supported target accepts. */
#define CDC_MAX_NAME 127

/* Constructors, one per shape; each action in parser.y is one call of these. */
cdc_node *cdc_ast_node(cdc_parse *p, cdc_node_kind k, int op, cdc_loc loc,
                       cdc_node *a, cdc_node *b, cdc_node *c);
cdc_node *cdc_ast_nodef(cdc_parse *p, cdc_node_kind k, int op, unsigned flags, cdc_loc loc,
                        cdc_node *a, cdc_node *b, cdc_node *c);
cdc_node *cdc_ast_leaf(cdc_parse *p, cdc_node_kind k, int op, cdc_loc loc, const char *text);
cdc_node *cdc_ast_path(cdc_parse *p, cdc_loc loc, cdc_node *head);
cdc_node *cdc_ast_path_add(cdc_node *path, cdc_node *seg, cdc_loc loc);
cdc_node *cdc_ast_type(cdc_parse *p, cdc_loc loc, const char *name, cdc_node *mods,
                       unsigned flags);
/* A typed literal, `date '2024-01-01'`: a CAST of the string to the named type. */
cdc_node *cdc_ast_typed_literal(cdc_parse *p, cdc_loc loc, cdc_loc type_loc, const char *type,
                                cdc_loc str_loc, const char *str);
cdc_node *cdc_ast_name(cdc_parse *p, cdc_loc loc, const char *text, bool quoted);
cdc_node *cdc_ast_name_at(cdc_parse *p, cdc_loc loc);   /* spelling taken from the source */
cdc_node *cdc_ast_wild(cdc_parse *p, cdc_loc loc, const char *text);
cdc_node *cdc_ast_flag(cdc_node *n, unsigned flags, cdc_loc loc);   /* adds flags, widens loc */
cdc_node *cdc_ast_append(cdc_node *list, cdc_node *item);           /* list may be NULL */

unsigned    cdc_ast_list_len(const cdc_node *list);
const char *cdc_ast_kind_name(cdc_node_kind k);
/* The path's segments joined with '.', quoted where needed ("shop.public.orders"). */
const char *cdc_ast_path_text(cdc_arena *a, const cdc_node *path);
bool        cdc_ast_path_is_wild(const cdc_node *path);
/* Names as they must be written to lex back: bare when possible, else "quoted". */
struct cdc_buf;
bool        cdc_ast_name_is_bare(const char *key);
void        cdc_ast_put_name(struct cdc_buf *b, const char *key);

#endif
