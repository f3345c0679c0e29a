/*
 * grammar/parser.y — the .cdc grammar.
 *
 * Blocks like HCL, expressions like SQL.  Every action is one AST constructor call with
 * the rule's location; nothing here looks a name up or checks a type (sema does).
 * Locations are byte offsets.  Error recovery works at statement level inside a block
 * (`... | list error`) and at block level at the top, so one run reports every syntax
 * error of a file.
 */
%require "3.8"
%define api.pure full
%define api.prefix {cdc_yy}
%define api.location.type {cdc_loc}
%define parse.error detailed
%define parse.lac full
%locations
%expect 0
%param {void *scanner}
%parse-param {cdc_parse *p}

%code requires {
#include "compiler/ast.h"
#define YYLLOC_DEFAULT(cur, rhs, n)                                      \
	do {                                                                 \
		if (n) {                                                         \
			(cur).start = YYRHSLOC(rhs, 1).start;                        \
			(cur).end = YYRHSLOC(rhs, n).end;                            \
		} else {                                                         \
			(cur).start = (cur).end = YYRHSLOC(rhs, 0).end;              \
		}                                                                \
	} while (0)
}

%code top {
#include "config.h"
}

%code {
#include "compiler/diag.h"
#include "grammar/grammar.h"

#include <string.h>

/* Deep nesting ends as a clear diagnostic instead of a deep recursion in later passes. */
#define YYMAXDEPTH 1500

int  cdc_yylex(CDC_YYSTYPE *lval, CDC_YYLTYPE *lloc, void *scanner);
static void cdc_yyerror(CDC_YYLTYPE *loc, void *scanner, cdc_parse *p, const char *msg);
}

%union {
	const char *str;
	cdc_node   *node;
	int         num;
}

/* Every semantic value is arena-owned (compile arena): nothing to free when the parser
 * discards symbols during error recovery. */
%destructor { (void)$$; } <node> <str>

%token <str> NAME       "name"
%token <str> DQSTRING   "double-quoted string"
%token <str> SQSTRING   "string literal"
%token <str> INTEGER    "integer"
%token <str> DECIMAL    "decimal number"
%token <str> FLOAT      "floating-point number"
%token <str> DURATION   "duration"
%token <str> SIZE       "size"
%token <str> DOTPAT     "pattern segment"
%token <str> WILDHEAD   "pattern"
%token SEMICOLON "';'"
%token COLONCOLON "'::'"  CONCAT "'||'"  LE "'<='"  GE "'>='"  NE "'<>'"  ARROW "'=>'"  EQEQ "'=='"

/* Keywords carry no value: where an unreserved one is used as a name, the name's
 * spelling is taken from the source text at its location. */
/* reserved words */
%token AND "AND" AS "AS" BETWEEN "BETWEEN" CASE "CASE" CAST "CAST"
%token DISTINCT "DISTINCT" ELSE "ELSE" END_P "END" FALSE_P "FALSE" FROM "FROM"
%token ILIKE "ILIKE" IN_P "IN" IS "IS" LIKE "LIKE" NOT "NOT" NULL_P "NULL"
%token NOT_LA "NOT (before LIKE, ILIKE, IN or BETWEEN)"
%token PRIMARY_LA "primary (before key (...))"
%token OR "OR" THEN "THEN" TRUE_P "TRUE" WHEN "WHEN"
/* unreserved words: also usable as names */
%token DELETE_P "delete" DROP "drop" EXPECT "expect" FAILURE "failure"
%token FILTER "filter" GIVEN "given" INSERT "insert" INTO "into" KEY "key"
%token MERGE "merge" PIPELINE "pipeline" PRIMARY "primary" QUALITY "quality"
%token QUARANTINE "quarantine" RENAME "rename" REQUIRE "require" ROW "row"
%token SNAPSHOT "snapshot" SOURCE "source" TABLE "table" TARGET "target"
%token TEST "test" TO "to" TRANSFORM "transform" UPDATE "update" WARN "warn"

%left OR
%left AND
%precedence NOT
%nonassoc IS
%nonassoc '<' '>' '=' LE GE NE
%nonassoc BETWEEN IN_P LIKE ILIKE NOT_LA
%left CONCAT
%left '+' '-'
%left '*' '/' '%'
%left '^'
%precedence UMINUS
%precedence COLONCOLON

%type <node> items item options option value values args arg vpath qpath path hpath head seg string
%type <node> name ident col_name ident_list table_elems table_elem type typmods
%type <node> rules rule opt_else steps step test_name test_items test_item changes change
%type <node> fields field rows row a_expr b_expr c_expr literal func_call func_args func_arg
%type <node> case_arg when_list when_clause case_else expr_list
%type <num>  col_attrs opt_array

%start file

%%

file:
	items                            { p->root = cdc_ast_node(p, CDC_N_FILE, 0, @$, $1, NULL, NULL); }
	;

items:
	%empty                           { $$ = NULL; }
	| items item                     { $$ = cdc_ast_append($1, $2); }
	| items error                    { $$ = $1; }
	;

item:
	PIPELINE name '{' options '}'            { $$ = cdc_ast_node(p, CDC_N_PIPELINE, 0, @$, $2, $4, NULL); }
	| SOURCE name name '{' options '}'       { $$ = cdc_ast_node(p, CDC_N_SOURCE, 0, @$, $2, $3, $5); }
	| TARGET name name '{' options '}'       { $$ = cdc_ast_node(p, CDC_N_TARGET, 0, @$, $2, $3, $5); }
	| TABLE path '{' table_elems '}'         { $$ = cdc_ast_node(p, CDC_N_TABLE, 0, @$, $2, $4, NULL); }
	| QUALITY path '{' rules '}'             { $$ = cdc_ast_node(p, CDC_N_QUALITY, 0, @$, $2, $4, NULL); }
	| TRANSFORM path '{' steps '}'           { $$ = cdc_ast_node(p, CDC_N_TRANSFORM, 0, @$, $2, $4, NULL); }
	| MERGE path INTO path '{' options '}'   { $$ = cdc_ast_node(p, CDC_N_MERGE, 0, @$, $2, $4, $6); }
	| TEST test_name '{' test_items '}'      { $$ = cdc_ast_node(p, CDC_N_TEST, 0, @$, $4, $2, NULL); }
	;

/* ---- options and values ----------------------------------------------------------- */

options:
	%empty                           { $$ = NULL; }
	| options option                 { $$ = cdc_ast_append($1, $2); }
	| options error                  { $$ = $1; }
	;

option:
	name '=' value                   { $$ = cdc_ast_node(p, CDC_N_OPTION, 0, @$, $1, $3, NULL); }
	| name '{' options '}'           { $$ = cdc_ast_node(p, CDC_N_V_BLOCK, 0, @$, $1, $3, NULL); }
	;

value:
	DQSTRING                         { $$ = cdc_ast_leaf(p, CDC_N_V_STRING, 0, @$, $1); }
	| SQSTRING                       { $$ = cdc_ast_leaf(p, CDC_N_V_STRING, 1, @$, $1); }
	| INTEGER                        { $$ = cdc_ast_leaf(p, CDC_N_V_NUMBER, 0, @$, $1); }
	| DECIMAL                        { $$ = cdc_ast_leaf(p, CDC_N_V_NUMBER, 0, @$, $1); }
	| FLOAT                          { $$ = cdc_ast_leaf(p, CDC_N_V_NUMBER, 0, @$, $1); }
	| '-' INTEGER                    { $$ = cdc_ast_leaf(p, CDC_N_V_NUMBER, 1, @$, $2); }
	| '-' DECIMAL                    { $$ = cdc_ast_leaf(p, CDC_N_V_NUMBER, 1, @$, $2); }
	| '-' FLOAT                      { $$ = cdc_ast_leaf(p, CDC_N_V_NUMBER, 1, @$, $2); }
	| DURATION                       { $$ = cdc_ast_leaf(p, CDC_N_V_DURATION, 0, @$, $1); }
	| SIZE                           { $$ = cdc_ast_leaf(p, CDC_N_V_SIZE, 0, @$, $1); }
	| TRUE_P                         { $$ = cdc_ast_leaf(p, CDC_N_V_BOOL, 1, @$, "true"); }
	| FALSE_P                        { $$ = cdc_ast_leaf(p, CDC_N_V_BOOL, 0, @$, "false"); }
	| NULL_P                         { $$ = cdc_ast_leaf(p, CDC_N_V_NULL, 0, @$, "null"); }
	| vpath                          { $$ = $1; }
	| name '(' ')'                   { $$ = cdc_ast_node(p, CDC_N_V_CALL, 0, @$, $1, NULL, NULL); }
	| name '(' args opt_comma ')'    { $$ = cdc_ast_node(p, CDC_N_V_CALL, 0, @$, $1, $3, NULL); }
	| '[' ']'                        { $$ = cdc_ast_node(p, CDC_N_V_LIST, 0, @$, NULL, NULL, NULL); }
	| '[' values opt_comma ']'       { $$ = cdc_ast_node(p, CDC_N_V_LIST, 0, @$, $2, NULL, NULL); }
	| '(' values opt_comma ')'       { $$ = cdc_ast_node(p, CDC_N_V_TUPLE, 0, @$, $2, NULL, NULL); }
	;

values:
	value                            { $$ = cdc_ast_append(NULL, $1); }
	| values ',' value               { $$ = cdc_ast_append($1, $3); }
	;

args:
	arg                              { $$ = cdc_ast_append(NULL, $1); }
	| args ',' arg                   { $$ = cdc_ast_append($1, $3); }
	;

arg:
	value                            { $$ = $1; }
	| name '=' value                 { $$ = cdc_ast_node(p, CDC_N_V_NAMEDARG, 0, @$, $1, $3, NULL); }
	;

opt_comma: %empty | ',' ;

/* A value that is a name: one bare word (`initial`), or a dotted path. */
vpath:
	name                             { $$ = cdc_ast_path(p, @$, $1); }
	| WILDHEAD                       { $$ = cdc_ast_path(p, @$, cdc_ast_wild(p, @$, $1)); }
	| qpath                          { $$ = $1; }
	;

qpath:
	hpath seg                        { $$ = cdc_ast_path_add($1, $2, @$); }
	| qpath seg                      { $$ = cdc_ast_path_add($1, $2, @$); }
	;

/* A block header's path: any number of parts, counted by sema. */
path:
	hpath                            { $$ = $1; }
	| path seg                       { $$ = cdc_ast_path_add($1, $2, @$); }
	;

hpath:
	head                             { $$ = cdc_ast_path(p, @$, $1); }
	;

head:
	name                             { $$ = $1; }
	| DQSTRING                       { $$ = cdc_ast_name(p, @$, $1, true); }
	| WILDHEAD                       { $$ = cdc_ast_wild(p, @$, $1); }
	;

seg:
	'.' name                         { $$ = $2; }
	| '.' DQSTRING                   { $$ = cdc_ast_name(p, @2, $2, true); }
	| DOTPAT                         { $$ = cdc_ast_wild(p, (cdc_loc){@1.start + 1, @1.end}, $1); }
	;

name:
	NAME                             { $$ = cdc_ast_name(p, @$, $1, false); }
	| unreserved                     { $$ = cdc_ast_name_at(p, @$); }
	;

ident:
	name                             { $$ = $1; }
	| DQSTRING                       { $$ = cdc_ast_name(p, @$, $1, true); }
	;

ident_list:
	ident                            { $$ = cdc_ast_append(NULL, $1); }
	| ident_list ',' ident           { $$ = cdc_ast_append($1, $3); }
	;

unreserved:
	unreserved_col | PRIMARY ;

/* Words that may name a column in a table block: `primary` would be ambiguous there. */
unreserved_col:
	DELETE_P | DROP | EXPECT | FAILURE | FILTER | GIVEN | INSERT | INTO | KEY | MERGE
	| PIPELINE | QUALITY | QUARANTINE | RENAME | REQUIRE | ROW | SNAPSHOT | SOURCE | TABLE
	| TARGET | TEST | TO | TRANSFORM | UPDATE | WARN
	;

/* ---- table blocks ------------------------------------------------------------------- */

table_elems:
	%empty                           { $$ = NULL; }
	| table_elems table_elem         { $$ = cdc_ast_append($1, $2); }
	| table_elems ','                { $$ = $1; }
	| table_elems error              { $$ = $1; }
	;

table_elem:
	col_name type col_attrs          { $$ = cdc_ast_node(p, CDC_N_COLUMN, $3, @$, $1, $2, NULL); }
	| PRIMARY_LA KEY '(' ident_list ')' { $$ = cdc_ast_node(p, CDC_N_PKEY, 0, @$, $4, NULL, NULL); }
	;

col_name:
	NAME                             { $$ = cdc_ast_name(p, @$, $1, false); }
	| unreserved_col                 { $$ = cdc_ast_name_at(p, @$); }
	| DQSTRING                       { $$ = cdc_ast_name(p, @$, $1, true); }
	;

col_attrs:
	%empty                           { $$ = 0; }
	| col_attrs PRIMARY KEY          { $$ = $1 | CDC_COL_PKEY; }
	| col_attrs NOT NULL_P           { $$ = $1 | CDC_COL_NOTNULL; }
	| col_attrs NULL_P               { $$ = $1 | CDC_COL_NULL; }
	;

type:
	NAME opt_array                   { $$ = cdc_ast_type(p, @$, $1, NULL, (unsigned)$2); }
	| NAME '(' typmods ')' opt_array { $$ = cdc_ast_type(p, @$, $1, $3, (unsigned)$5); }
	;

typmods:
	INTEGER                          { $$ = cdc_ast_append(NULL, cdc_ast_leaf(p, CDC_N_V_NUMBER, 0, @$, $1)); }
	| typmods ',' INTEGER            { $$ = cdc_ast_append($1, cdc_ast_leaf(p, CDC_N_V_NUMBER, 0, @3, $3)); }
	;

opt_array:
	%empty                           { $$ = 0; }
	| '[' ']'                        { $$ = CDC_NF_ARRAY; }
	;

/* ---- quality rules ------------------------------------------------------------------ */

rules:
	%empty                           { $$ = NULL; }
	| rules rule                     { $$ = cdc_ast_append($1, $2); }
	| rules error                    { $$ = $1; }
	;

rule:
	REQUIRE a_expr opt_else          { $$ = cdc_ast_node(p, CDC_N_RULE, CDC_RULE_REQUIRE, @$, NULL, $2, $3); }
	| REQUIRE name ':' a_expr opt_else { $$ = cdc_ast_node(p, CDC_N_RULE, CDC_RULE_REQUIRE, @$, $2, $4, $5); }
	| WARN a_expr                    { $$ = cdc_ast_node(p, CDC_N_RULE, CDC_RULE_WARN, @$, NULL, $2, NULL); }
	| WARN name ':' a_expr           { $$ = cdc_ast_node(p, CDC_N_RULE, CDC_RULE_WARN, @$, $2, $4, NULL); }
	;

opt_else:
	%empty                           { $$ = NULL; }
	| ELSE name                      { $$ = $2; }
	;

/* ---- transforms --------------------------------------------------------------------- */

steps:
	%empty                           { $$ = NULL; }
	| steps step                     { $$ = cdc_ast_append($1, $2); }
	| steps error                    { $$ = $1; }
	;

step:
	ident '=' a_expr                 { $$ = cdc_ast_node(p, CDC_N_ASSIGN, 0, @$, $1, $3, NULL); }
	| DROP ident_list                { $$ = cdc_ast_node(p, CDC_N_DROP, 0, @$, $2, NULL, NULL); }
	| RENAME ident TO ident          { $$ = cdc_ast_node(p, CDC_N_RENAME, 0, @$, $2, $4, NULL); }
	| FILTER a_expr                  { $$ = cdc_ast_node(p, CDC_N_FILTER, 0, @$, $2, NULL, NULL); }
	;

/* ---- tests -------------------------------------------------------------------------- */

test_name:
	string                           { $$ = $1; }
	| name                           { $$ = $1; }
	;

string:
	DQSTRING                         { $$ = cdc_ast_leaf(p, CDC_N_V_STRING, 0, @$, $1); }
	;

test_items:
	%empty                           { $$ = NULL; }
	| test_items test_item           { $$ = cdc_ast_append($1, $2); }
	| test_items error               { $$ = $1; }
	;

test_item:
	GIVEN path '{' changes '}'       { $$ = cdc_ast_node(p, CDC_N_GIVEN, 0, @$, $2, $4, NULL); }
	| GIVEN path FROM string         { $$ = cdc_ast_node(p, CDC_N_GIVEN, 0, @$, $2, NULL, $4); }
	| EXPECT path '{' rows '}'       { $$ = cdc_ast_node(p, CDC_N_EXPECT, CDC_EXP_ROWS, @$, $2, $4, NULL); }
	| EXPECT QUARANTINE path '{' rows '}' { $$ = cdc_ast_node(p, CDC_N_EXPECT, CDC_EXP_QUARANTINE, @$, $3, $5, NULL); }
	| EXPECT FAILURE ident           { $$ = cdc_ast_node(p, CDC_N_EXPECT, CDC_EXP_FAILURE, @$, NULL, NULL, $3); }
	;

changes:
	%empty                           { $$ = NULL; }
	| changes change                 { $$ = cdc_ast_append($1, $2); }
	| changes error                  { $$ = $1; }
	;

change:
	INSERT '{' fields '}'            { $$ = cdc_ast_node(p, CDC_N_CHANGE, CDC_CHG_INSERT, @$, $3, NULL, NULL); }
	| UPDATE '{' fields '}'          { $$ = cdc_ast_node(p, CDC_N_CHANGE, CDC_CHG_UPDATE, @$, $3, NULL, NULL); }
	| DELETE_P '{' fields '}'        { $$ = cdc_ast_node(p, CDC_N_CHANGE, CDC_CHG_DELETE, @$, $3, NULL, NULL); }
	| SNAPSHOT '{' fields '}'        { $$ = cdc_ast_node(p, CDC_N_CHANGE, CDC_CHG_SNAPSHOT, @$, $3, NULL, NULL); }
	;

rows:
	%empty                           { $$ = NULL; }
	| rows row                       { $$ = cdc_ast_append($1, $2); }
	;

row:
	ROW '{' fields '}'               { $$ = cdc_ast_node(p, CDC_N_ROW, 0, @$, $3, NULL, NULL); }
	| ROW ident '{' fields '}'       { $$ = cdc_ast_node(p, CDC_N_ROW, 0, @$, $4, $2, NULL); }
	;

fields:
	%empty                           { $$ = NULL; }
	| fields field                   { $$ = cdc_ast_append($1, $2); }
	| fields ','                     { $$ = $1; }
	;

field:
	ident '=' a_expr                 { $$ = cdc_ast_node(p, CDC_N_FIELD, 0, @$, $1, $3, NULL); }
	;

/* ---- expressions (SQL precedence, as in PostgreSQL) --------------------------------- */

a_expr:
	c_expr                                  { $$ = $1; }
	| a_expr COLONCOLON type                { $$ = cdc_ast_node(p, CDC_N_E_CAST, CDC_CAST_COLONS, @$, $1, $3, NULL); }
	| '+' a_expr %prec UMINUS               { $$ = cdc_ast_node(p, CDC_N_E_UNARY, CDC_OP_PLUS, @$, $2, NULL, NULL); }
	| '-' a_expr %prec UMINUS               { $$ = cdc_ast_node(p, CDC_N_E_UNARY, CDC_OP_NEG, @$, $2, NULL, NULL); }
	| a_expr '+' a_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_ADD, @$, $1, $3, NULL); }
	| a_expr '-' a_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_SUB, @$, $1, $3, NULL); }
	| a_expr '*' a_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_MUL, @$, $1, $3, NULL); }
	| a_expr '/' a_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_DIV, @$, $1, $3, NULL); }
	| a_expr '%' a_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_MOD, @$, $1, $3, NULL); }
	| a_expr '^' a_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_POW, @$, $1, $3, NULL); }
	| a_expr CONCAT a_expr                  { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_CONCAT, @$, $1, $3, NULL); }
	| a_expr '<' a_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_LT, @$, $1, $3, NULL); }
	| a_expr '>' a_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_GT, @$, $1, $3, NULL); }
	| a_expr '=' a_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_EQ, @$, $1, $3, NULL); }
	| a_expr LE a_expr                      { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_LE, @$, $1, $3, NULL); }
	| a_expr GE a_expr                      { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_GE, @$, $1, $3, NULL); }
	| a_expr NE a_expr                      { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_NE, @$, $1, $3, NULL); }
	| a_expr AND a_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_AND, @$, $1, $3, NULL); }
	| a_expr OR a_expr                      { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_OR, @$, $1, $3, NULL); }
	| NOT a_expr                            { $$ = cdc_ast_node(p, CDC_N_E_UNARY, CDC_OP_NOT, @$, $2, NULL, NULL); }
	| a_expr IS NULL_P %prec IS             { $$ = cdc_ast_node(p, CDC_N_E_IS, CDC_IS_NULL, @$, $1, NULL, NULL); }
	| a_expr IS NOT NULL_P %prec IS         { $$ = cdc_ast_nodef(p, CDC_N_E_IS, CDC_IS_NULL, CDC_NF_NOT, @$, $1, NULL, NULL); }
	| a_expr IS TRUE_P %prec IS             { $$ = cdc_ast_node(p, CDC_N_E_IS, CDC_IS_TRUE, @$, $1, NULL, NULL); }
	| a_expr IS NOT TRUE_P %prec IS         { $$ = cdc_ast_nodef(p, CDC_N_E_IS, CDC_IS_TRUE, CDC_NF_NOT, @$, $1, NULL, NULL); }
	| a_expr IS FALSE_P %prec IS            { $$ = cdc_ast_node(p, CDC_N_E_IS, CDC_IS_FALSE, @$, $1, NULL, NULL); }
	| a_expr IS NOT FALSE_P %prec IS        { $$ = cdc_ast_nodef(p, CDC_N_E_IS, CDC_IS_FALSE, CDC_NF_NOT, @$, $1, NULL, NULL); }
	| a_expr IS DISTINCT FROM a_expr %prec IS     { $$ = cdc_ast_node(p, CDC_N_E_IS, CDC_IS_DISTINCT, @$, $1, $5, NULL); }
	| a_expr IS NOT DISTINCT FROM a_expr %prec IS { $$ = cdc_ast_nodef(p, CDC_N_E_IS, CDC_IS_DISTINCT, CDC_NF_NOT, @$, $1, $6, NULL); }
	| a_expr LIKE a_expr                    { $$ = cdc_ast_node(p, CDC_N_E_LIKE, CDC_OP_LIKE, @$, $1, $3, NULL); }
	| a_expr NOT_LA LIKE a_expr %prec LIKE  { $$ = cdc_ast_nodef(p, CDC_N_E_LIKE, CDC_OP_LIKE, CDC_NF_NOT, @$, $1, $4, NULL); }
	| a_expr ILIKE a_expr                   { $$ = cdc_ast_node(p, CDC_N_E_LIKE, CDC_OP_ILIKE, @$, $1, $3, NULL); }
	| a_expr NOT_LA ILIKE a_expr %prec ILIKE { $$ = cdc_ast_nodef(p, CDC_N_E_LIKE, CDC_OP_ILIKE, CDC_NF_NOT, @$, $1, $4, NULL); }
	| a_expr IN_P '(' expr_list ')'         { $$ = cdc_ast_node(p, CDC_N_E_IN, 0, @$, $1, $4, NULL); }
	| a_expr NOT_LA IN_P '(' expr_list ')' %prec IN_P { $$ = cdc_ast_nodef(p, CDC_N_E_IN, 0, CDC_NF_NOT, @$, $1, $5, NULL); }
	| a_expr BETWEEN b_expr AND a_expr %prec BETWEEN  { $$ = cdc_ast_node(p, CDC_N_E_BETWEEN, 0, @$, $1, $3, $5); }
	| a_expr NOT_LA BETWEEN b_expr AND a_expr %prec BETWEEN { $$ = cdc_ast_nodef(p, CDC_N_E_BETWEEN, 0, CDC_NF_NOT, @$, $1, $4, $6); }
	;

/* The bounds of BETWEEN cannot contain AND (nor anything looser), as in PostgreSQL. */
b_expr:
	c_expr                                  { $$ = $1; }
	| b_expr COLONCOLON type                { $$ = cdc_ast_node(p, CDC_N_E_CAST, CDC_CAST_COLONS, @$, $1, $3, NULL); }
	| '+' b_expr %prec UMINUS               { $$ = cdc_ast_node(p, CDC_N_E_UNARY, CDC_OP_PLUS, @$, $2, NULL, NULL); }
	| '-' b_expr %prec UMINUS               { $$ = cdc_ast_node(p, CDC_N_E_UNARY, CDC_OP_NEG, @$, $2, NULL, NULL); }
	| b_expr '+' b_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_ADD, @$, $1, $3, NULL); }
	| b_expr '-' b_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_SUB, @$, $1, $3, NULL); }
	| b_expr '*' b_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_MUL, @$, $1, $3, NULL); }
	| b_expr '/' b_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_DIV, @$, $1, $3, NULL); }
	| b_expr '%' b_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_MOD, @$, $1, $3, NULL); }
	| b_expr '^' b_expr                     { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_POW, @$, $1, $3, NULL); }
	| b_expr CONCAT b_expr                  { $$ = cdc_ast_node(p, CDC_N_E_BINARY, CDC_OP_CONCAT, @$, $1, $3, NULL); }
	;

c_expr:
	ident                                   { $$ = cdc_ast_node(p, CDC_N_E_COL, 0, @$, $1, NULL, NULL); }
	| literal                               { $$ = $1; }
	| '(' a_expr ')'                        { $$ = cdc_ast_flag($2, CDC_NF_PAREN, @$); }
	| func_call                             { $$ = $1; }
	| CASE case_arg when_list case_else END_P { $$ = cdc_ast_node(p, CDC_N_E_CASE, 0, @$, $2, $3, $4); }
	| CAST '(' a_expr AS type ')'           { $$ = cdc_ast_node(p, CDC_N_E_CAST, CDC_CAST_FUNC, @$, $3, $5, NULL); }
	| NAME SQSTRING                         { $$ = cdc_ast_typed_literal(p, @$, @1, $1, @2, $2); }
	;

literal:
	INTEGER                          { $$ = cdc_ast_leaf(p, CDC_N_E_LIT, CDC_LIT_INT, @$, $1); }
	| DECIMAL                        { $$ = cdc_ast_leaf(p, CDC_N_E_LIT, CDC_LIT_DEC, @$, $1); }
	| FLOAT                          { $$ = cdc_ast_leaf(p, CDC_N_E_LIT, CDC_LIT_FLOAT, @$, $1); }
	| SQSTRING                       { $$ = cdc_ast_leaf(p, CDC_N_E_LIT, CDC_LIT_STRING, @$, $1); }
	| DURATION                       { $$ = cdc_ast_leaf(p, CDC_N_E_LIT, CDC_LIT_INTERVAL, @$, $1); }
	| TRUE_P                         { $$ = cdc_ast_leaf(p, CDC_N_E_LIT, CDC_LIT_TRUE, @$, "TRUE"); }
	| FALSE_P                        { $$ = cdc_ast_leaf(p, CDC_N_E_LIT, CDC_LIT_FALSE, @$, "FALSE"); }
	| NULL_P                         { $$ = cdc_ast_leaf(p, CDC_N_E_LIT, CDC_LIT_NULL, @$, "NULL"); }
	;

func_call:
	name '(' ')'                     { $$ = cdc_ast_node(p, CDC_N_E_CALL, 0, @$, $1, NULL, NULL); }
	| name '(' func_args ')'         { $$ = cdc_ast_node(p, CDC_N_E_CALL, 0, @$, $1, $3, NULL); }
	| name '(' name FROM a_expr ')'  { $$ = cdc_ast_node(p, CDC_N_E_EXTRACT, 0, @$, $3, $5, $1); }
	;

func_args:
	func_arg                         { $$ = cdc_ast_append(NULL, $1); }
	| func_args ',' func_arg         { $$ = cdc_ast_append($1, $3); }
	;

func_arg:
	a_expr                           { $$ = $1; }
	| name ARROW a_expr              { $$ = cdc_ast_node(p, CDC_N_E_NAMEDARG, 0, @$, $1, $3, NULL); }
	;

expr_list:
	a_expr                           { $$ = cdc_ast_append(NULL, $1); }
	| expr_list ',' a_expr           { $$ = cdc_ast_append($1, $3); }
	;

case_arg:
	%empty                           { $$ = NULL; }
	| a_expr                         { $$ = $1; }
	;

when_list:
	when_clause                      { $$ = cdc_ast_append(NULL, $1); }
	| when_list when_clause          { $$ = cdc_ast_append($1, $2); }
	;

when_clause:
	WHEN a_expr THEN a_expr          { $$ = cdc_ast_node(p, CDC_N_E_WHEN, 0, @$, $2, $4, NULL); }
	;

case_else:
	%empty                           { $$ = NULL; }
	| ELSE a_expr                    { $$ = $2; }
	;

%%

/* True if offset `at` begins a statement: only blanks since the line's start, a '{',
 * '(' or ','.  A reserved word there is most likely meant as a name. */
static bool
starts_statement(const cdc_parse *p, uint32_t at)
{
	while (at > 0 && (p->file->text[at - 1] == ' ' || p->file->text[at - 1] == '\t'))
		at--;
	return at == 0 || strchr("\n{(,", p->file->text[at - 1]) != NULL;
}

static void
cdc_yyerror(CDC_YYLTYPE *loc, void *scanner, cdc_parse *p, const char *msg)
{
	(void)scanner;
	p->syntax_errors++;
	if (strcmp(msg, "memory exhausted") == 0) {
		cdc_diag *g = cdc_diag_report(p->diags, CDC_E0109, *loc,
			"nesting too deep: expressions may nest at most %d levels", CDC_AST_MAX_DEPTH);
		cdc_diag_help(g, "split the expression into several transform steps");
		return;
	}
	const char *prefix = "syntax error, ";
	if (strncmp(msg, prefix, strlen(prefix)) == 0)
		msg += strlen(prefix);
	cdc_diag *g = cdc_diag_report(p->diags, CDC_E0102, *loc, "syntax error: %s", msg);
	const char *tok = p->file->text + loc->start;
	size_t len = loc->end - loc->start;
	char word[32];
	if (len > 0 && len < sizeof word) {
		memcpy(word, tok, len);
		word[len] = '\0';
	} else {
		word[0] = '\0';
	}
	if (strstr(msg, "unexpected end of file") && p->nopen > 0 && p->nopen <= 16) {
		uint32_t at = p->open_braces[p->nopen - 1];
		cdc_diag_note_at(g, (cdc_loc){at, at + 1}, "this '{' is not closed");
	} else if (len && tok[0] == ';')
		cdc_diag_help(g, "statements end at the end of the line; remove the ';'");
	else if (len == 2 && strncmp(tok, "==", 2) == 0)
		cdc_diag_help(g, "equality is written '=', as in SQL");
	else if (word[0] && cdc_lex_is_reserved(word) && starts_statement(p, loc->start))
		cdc_diag_help(g, "\"%s\" is a reserved word; to use it as a name, quote it: \"%s\"", word, word);
}
