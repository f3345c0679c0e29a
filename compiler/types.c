/*
 * compiler/types.c — type names, coercion rules and operator result types.
 */
#include "compiler/types.h"
#include "compiler/ast.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const cdc_tfamily families[] = {
#define X(id, name, fam) CDC_TF_##fam,
	CDC_TYPE_IDS(X)
#undef X
};

static const char *const canonical[] = {
#define X(id, name, fam) name,
	CDC_TYPE_IDS(X)
#undef X
};

/* Accepted spellings.  maxmods: how many modifiers the spelling takes; MySQL aliases
 * that take a display width (`binary(16)`) accept and ignore it (ignore_mods). */
static const struct type_name {
	const char *name;
	cdc_typeid  id;
	int         maxmods;
	bool        ignore_mods;
} type_names[] = {
	{"boolean", CDC_TY_BOOL, 0, false},           {"bool", CDC_TY_BOOL, 0, false},
	/* MySQL writes a display width after integer types (int(11)); it means nothing. */
	{"smallint", CDC_TY_INT2, 1, true},           {"int2", CDC_TY_INT2, 0, false},
	{"tinyint", CDC_TY_INT2, 1, true},
	{"integer", CDC_TY_INT4, 1, true},            {"int", CDC_TY_INT4, 1, true},
	{"int4", CDC_TY_INT4, 0, false},              {"mediumint", CDC_TY_INT4, 1, true},
	{"bigint", CDC_TY_INT8, 1, true},             {"int8", CDC_TY_INT8, 0, false},
	{"numeric", CDC_TY_NUMERIC, 2, false},        {"decimal", CDC_TY_NUMERIC, 2, false},
	{"real", CDC_TY_FLOAT4, 0, false},            {"float4", CDC_TY_FLOAT4, 0, false},
	{"double precision", CDC_TY_FLOAT8, 0, false},{"float8", CDC_TY_FLOAT8, 0, false},
	{"double", CDC_TY_FLOAT8, 0, false},          {"float", CDC_TY_FLOAT8, 1, false},
	{"char", CDC_TY_CHAR, 1, false},              {"character", CDC_TY_CHAR, 1, false},
	{"bpchar", CDC_TY_CHAR, 1, false},
	{"varchar", CDC_TY_VARCHAR, 1, false},        {"character varying", CDC_TY_VARCHAR, 1, false},
	{"text", CDC_TY_TEXT, 0, false},              {"tinytext", CDC_TY_TEXT, 0, false},
	{"mediumtext", CDC_TY_TEXT, 0, false},        {"longtext", CDC_TY_TEXT, 0, false},
	{"bytea", CDC_TY_BYTEA, 0, false},            {"blob", CDC_TY_BYTEA, 0, false},
	{"tinyblob", CDC_TY_BYTEA, 0, false},         {"mediumblob", CDC_TY_BYTEA, 0, false},
	{"longblob", CDC_TY_BYTEA, 0, false},         {"binary", CDC_TY_BYTEA, 1, true},
	{"varbinary", CDC_TY_BYTEA, 1, true},
	{"date", CDC_TY_DATE, 0, false},
	{"timestamp", CDC_TY_TIMESTAMP, 1, false},    {"timestamp without time zone", CDC_TY_TIMESTAMP, 1, false},
	{"datetime", CDC_TY_TIMESTAMP, 1, false},
	{"timestamptz", CDC_TY_TIMESTAMPTZ, 1, false},{"timestamp with time zone", CDC_TY_TIMESTAMPTZ, 1, false},
	{"time", CDC_TY_TIME, 1, false},              {"time without time zone", CDC_TY_TIME, 1, false},
	{"timetz", CDC_TY_TIMETZ, 1, false},          {"time with time zone", CDC_TY_TIMETZ, 1, false},
	{"interval", CDC_TY_INTERVAL, 0, false},
	{"uuid", CDC_TY_UUID, 0, false},
	{"json", CDC_TY_JSON, 0, false},              {"jsonb", CDC_TY_JSONB, 0, false},
};

#define NTYPE_NAMES (sizeof type_names / sizeof type_names[0])

const char *const *
cdc_type_names(void)
{
	static const char *names[NTYPE_NAMES + 1];
	if (!names[0])
		for (size_t i = 0; i < NTYPE_NAMES; i++)
			names[i] = type_names[i].name;
	return names;
}

const char *
cdc_type_spelling(int i, cdc_type *t, int *maxmods)
{
	if (i < 0 || (size_t)i >= NTYPE_NAMES)
		return NULL;
	*t = cdc_type_make(type_names[i].id);
	*maxmods = type_names[i].ignore_mods ? 0 : type_names[i].maxmods;
	return type_names[i].name;
}

cdc_tfamily
cdc_type_family(cdc_type t)
{
	return families[t.id];
}

bool
cdc_type_eq(cdc_type a, cdc_type b)
{
	return a.id == b.id && a.array == b.array && a.mod == b.mod && a.scale == b.scale;
}

bool
cdc_type_is_error(cdc_type t)
{
	return t.id == CDC_TY_ERROR;
}

bool
cdc_type_is_integer(cdc_type t)
{
	return !t.array && (t.id == CDC_TY_INT2 || t.id == CDC_TY_INT4 || t.id == CDC_TY_INT8);
}

const char *
cdc_type_str(cdc_type t, char *buf, size_t n)
{
	const char *base = canonical[t.id];
	const char *arr = t.array ? "[]" : "";
	if (t.id == CDC_TY_NUMERIC && t.mod >= 0)
		snprintf(buf, n, "numeric(%d,%d)%s", t.mod, t.scale, arr);
	else if ((t.id == CDC_TY_VARCHAR || t.id == CDC_TY_CHAR || t.id == CDC_TY_TIME ||
	          t.id == CDC_TY_TIMETZ || t.id == CDC_TY_TIMESTAMP ||
	          t.id == CDC_TY_TIMESTAMPTZ) && t.mod >= 0)
		snprintf(buf, n, "%s(%d)%s", base, t.mod, arr);
	else
		snprintf(buf, n, "%s%s", base, arr);
	return buf;
}

cdc_type_err
cdc_type_parse(const char *name, const long *mods, int nmods, bool array, cdc_type *out,
               const char **why)
{
	const struct type_name *tn = NULL;
	for (size_t i = 0; i < NTYPE_NAMES && !tn; i++)
		if (strcasecmp(name, type_names[i].name) == 0)
			tn = &type_names[i];
	if (!tn)
		return CDC_TYERR_UNKNOWN;
	cdc_type t = cdc_type_make(tn->id);
	t.array = array;
	*why = NULL;
	if (nmods > tn->maxmods) {
		*why = tn->maxmods ? "too many type modifiers" : "this type takes no modifier";
		return CDC_TYERR_MODS;
	}
	if (t.id == CDC_TY_FLOAT8 && nmods == 1) {      /* float(p): SQL's binary precision */
		if (mods[0] < 1 || mods[0] > 53) {
			*why = "float precision must be between 1 and 53";
			return CDC_TYERR_MODS;
		}
		*out = cdc_type_make(mods[0] <= 24 ? CDC_TY_FLOAT4 : CDC_TY_FLOAT8);
		out->array = array;
		return CDC_TYERR_OK;
	}
	if (tn->ignore_mods || nmods == 0) {
		if (t.id == CDC_TY_CHAR)
			t.mod = 1;          /* char means char(1), as in SQL */
		*out = t;
		return CDC_TYERR_OK;
	}
	switch (t.id) {
	case CDC_TY_NUMERIC:
		if (mods[0] < 1 || mods[0] > 1000) {
			*why = "numeric precision must be between 1 and 1000";
			return CDC_TYERR_MODS;
		}
		if (nmods == 2 && (mods[1] < 0 || mods[1] > mods[0])) {
			*why = "numeric scale must be between 0 and the precision";
			return CDC_TYERR_MODS;
		}
		t.mod = (int32_t)mods[0];
		t.scale = (int16_t)(nmods == 2 ? mods[1] : 0);
		break;
	case CDC_TY_CHAR:
	case CDC_TY_VARCHAR:
		if (mods[0] < 1 || mods[0] > 10485760) {
			*why = "length must be between 1 and 10485760";
			return CDC_TYERR_MODS;
		}
		t.mod = (int32_t)mods[0];
		break;
	default: /* time, timetz, timestamp, timestamptz */
		if (mods[0] < 0 || mods[0] > 6) {
			*why = "fractional-second precision must be between 0 and 6";
			return CDC_TYERR_MODS;
		}
		t.mod = (int32_t)mods[0];
		break;
	}
	*out = t;
	return CDC_TYERR_OK;
}

bool
cdc_type_exact_digits(cdc_type t, int *prec, int *scale)
{
	if (t.array)
		return false;
	switch (t.id) {
	case CDC_TY_INT2: *prec = 5; *scale = 0; return true;
	case CDC_TY_INT4: *prec = 10; *scale = 0; return true;
	case CDC_TY_INT8: *prec = 19; *scale = 0; return true;
	case CDC_TY_NUMERIC: *prec = t.mod; *scale = t.scale; return true;
	default: return false;
	}
}

/* Position of a numeric type in the widening order int2 < ... < float8. */
static int
num_rank(cdc_typeid id)
{
	return (int)id - (int)CDC_TY_INT2;
}

bool
cdc_type_coercible(cdc_type from, cdc_type to)
{
	if (from.id == CDC_TY_ERROR || to.id == CDC_TY_ERROR || from.id == CDC_TY_UNKNOWN)
		return true;
	if (from.array != to.array)
		return false;
	if (from.id == to.id)
		return true;
	cdc_tfamily ff = families[from.id], tf = families[to.id];
	if (ff != tf)
		return false;
	switch (ff) {
	case CDC_TF_NUMBER:
		return num_rank(from.id) <= num_rank(to.id);
	case CDC_TF_STRING:
		return true;
	case CDC_TF_DATETIME:
	case CDC_TF_TIME:
		return from.id < to.id;
	default:
		return false;
	}
}

bool
cdc_type_castable(cdc_type from, cdc_type to)
{
	if (cdc_type_coercible(from, to))
		return true;
	cdc_tfamily ff = families[from.id], tf = families[to.id];
	/* Everything has a text form, arrays included. */
	if ((ff == CDC_TF_STRING && !from.array) || (tf == CDC_TF_STRING && !to.array))
		return true;
	if (from.array != to.array)
		return false;
	if (ff == tf)
		return true;        /* numbers, date/times, times, json/jsonb among themselves */
	if ((ff == CDC_TF_BOOL && cdc_type_is_integer(to)) ||
	    (tf == CDC_TF_BOOL && cdc_type_is_integer(from)))
		return true;
	if (ff == CDC_TF_DATETIME && tf == CDC_TF_TIME && from.id != CDC_TY_DATE)
		return true;
	if ((ff == CDC_TF_TIME && tf == CDC_TF_INTERVAL) || (ff == CDC_TF_INTERVAL && tf == CDC_TF_TIME))
		return true;
	return false;
}

/* Numeric type with room for both operands' integral and fractional digits. */
static cdc_type
numeric_union(cdc_type a, cdc_type b)
{
	int pa, sa, pb, sb;
	if (!cdc_type_exact_digits(a, &pa, &sa) || !cdc_type_exact_digits(b, &pb, &sb) ||
	    pa < 0 || pb < 0)
		return cdc_type_numeric(-1, 0);
	int s = sa > sb ? sa : sb;
	int i = (pa - sa) > (pb - sb) ? (pa - sa) : (pb - sb);
	return cdc_type_numeric(i + s, s);
}

bool
cdc_type_common(cdc_type a, cdc_type b, cdc_type *out)
{
	if (a.id == CDC_TY_ERROR || b.id == CDC_TY_ERROR) {
		*out = cdc_type_make(CDC_TY_ERROR);
		return true;
	}
	if (a.id == CDC_TY_UNKNOWN) {
		*out = b;
		return true;
	}
	if (b.id == CDC_TY_UNKNOWN) {
		*out = a;
		return true;
	}
	if (a.array != b.array)
		return false;
	cdc_tfamily fa = families[a.id], fb = families[b.id];
	if (fa != fb)
		return false;
	cdc_type r = a;
	switch (fa) {
	case CDC_TF_NUMBER: {
		cdc_typeid hi = num_rank(a.id) >= num_rank(b.id) ? (cdc_typeid)a.id : (cdc_typeid)b.id;
		r = hi == CDC_TY_NUMERIC ? numeric_union(a, b) : cdc_type_make(hi);
		break;
	}
	case CDC_TF_STRING:
		if (a.id == CDC_TY_TEXT || b.id == CDC_TY_TEXT)
			r = cdc_type_make(CDC_TY_TEXT);
		else {
			r = cdc_type_make(CDC_TY_VARCHAR);
			r.mod = a.mod < 0 || b.mod < 0 ? -1 : (a.mod > b.mod ? a.mod : b.mod);
		}
		break;
	case CDC_TF_DATETIME:
	case CDC_TF_TIME:
		r = cdc_type_make(a.id > b.id ? (cdc_typeid)a.id : (cdc_typeid)b.id);
		break;
	case CDC_TF_JSON:
		r = cdc_type_make(a.id == b.id ? (cdc_typeid)a.id : CDC_TY_JSONB);
		break;
	default:
		if (a.id != b.id)
			return false;
		break;
	}
	r.array = a.array;
	*out = r;
	return true;
}

bool
cdc_type_comparable(cdc_type a, cdc_type b)
{
	cdc_type c;
	return cdc_type_common(a, b, &c);
}

/*
 * Caps an exact result at 38 digits, as Redshift does: integral digits are kept first
 * and the scale gives way; beyond 38 integral digits the type is numeric(38,0).  The
 * declared precision bounds the worst case only: a value that does not fit at run time
 * is an overflow error that the row's quality handling reports, never a silent change.
 */
static cdc_arith_err
numeric_result(int intdigits, int scale, cdc_type *out)
{
	if (intdigits < 1)
		intdigits = 1;
	if (intdigits > CDC_NUMERIC_MAX_DIGITS)
		intdigits = CDC_NUMERIC_MAX_DIGITS;
	if (intdigits + scale > CDC_NUMERIC_MAX_DIGITS)
		scale = CDC_NUMERIC_MAX_DIGITS - intdigits;
	*out = cdc_type_numeric(intdigits + scale, scale);
	return CDC_ARITH_OK;
}

static cdc_arith_err
arith_numbers(int op, cdc_type a, cdc_type b, cdc_type *out)
{
	if (op == CDC_OP_POW) {
		*out = cdc_type_make(CDC_TY_FLOAT8);
		return CDC_ARITH_OK;
	}
	if (a.id == CDC_TY_FLOAT4 && b.id == CDC_TY_FLOAT4) {
		*out = a;
		return CDC_ARITH_OK;
	}
	if (a.id == CDC_TY_FLOAT4 || a.id == CDC_TY_FLOAT8 || b.id == CDC_TY_FLOAT4 ||
	    b.id == CDC_TY_FLOAT8) {
		*out = cdc_type_make(CDC_TY_FLOAT8);
		return CDC_ARITH_OK;
	}
	if (a.id != CDC_TY_NUMERIC && b.id != CDC_TY_NUMERIC) {
		/* Integer arithmetic stays integer (division truncates), as in SQL. */
		*out = cdc_type_make(a.id > b.id ? (cdc_typeid)a.id : (cdc_typeid)b.id);
		return CDC_ARITH_OK;
	}
	int p1 = -1, s1 = 0, p2 = -1, s2 = 0;
	cdc_type_exact_digits(a, &p1, &s1);
	cdc_type_exact_digits(b, &p2, &s2);
	if (p1 < 0 || p2 < 0) {
		*out = cdc_type_numeric(-1, 0);
		return CDC_ARITH_OK;
	}
	int i1 = p1 - s1, i2 = p2 - s2;
	switch (op) {
	case CDC_OP_ADD:
	case CDC_OP_SUB:
		return numeric_result((i1 > i2 ? i1 : i2) + 1, s1 > s2 ? s1 : s2, out);
	case CDC_OP_MUL:
		return numeric_result(i1 + i2, s1 + s2, out);
	case CDC_OP_DIV: {
		int s = s1 + p2 + 1;
		return numeric_result(i1 + s2, s < 6 ? 6 : s, out);
	}
	default: /* MOD */
		return numeric_result(i1 < i2 ? i1 : i2, s1 > s2 ? s1 : s2, out);
	}
}

static cdc_arith_err
ok(cdc_typeid id, cdc_type *out)
{
	*out = cdc_type_make(id);
	return CDC_ARITH_OK;
}

cdc_arith_err
cdc_type_arith(int op, cdc_type a, cdc_type b, cdc_type *out)
{
	if (a.id == CDC_TY_ERROR || b.id == CDC_TY_ERROR)
		return ok(CDC_TY_ERROR, out);
	cdc_tfamily fa = families[a.id], fb = families[b.id];
	if (op == CDC_OP_CONCAT) {
		if (a.array || b.array)
			return CDC_ARITH_TYPES;
		if (fa == CDC_TF_STRING || fb == CDC_TF_STRING || a.id == CDC_TY_UNKNOWN ||
		    b.id == CDC_TY_UNKNOWN)
			return ok(CDC_TY_TEXT, out);
		if (a.id == CDC_TY_BYTEA && b.id == CDC_TY_BYTEA)
			return ok(CDC_TY_BYTEA, out);
		return CDC_ARITH_TYPES;
	}
	if (a.array || b.array)
		return CDC_ARITH_TYPES;
	/* An untyped literal takes the other operand's type, as in PostgreSQL. */
	if (a.id == CDC_TY_UNKNOWN && b.id != CDC_TY_UNKNOWN)
		a = b, fa = fb;
	else if (b.id == CDC_TY_UNKNOWN && a.id != CDC_TY_UNKNOWN)
		b = a, fb = fa;
	if (fa == CDC_TF_NUMBER && fb == CDC_TF_NUMBER)
		return arith_numbers(op, a, b, out);

	bool add = op == CDC_OP_ADD, sub = op == CDC_OP_SUB;
	cdc_typeid ia = a.id, ib = b.id;
	/* date and time arithmetic */
	if ((add || sub) && ia == CDC_TY_DATE && cdc_type_is_integer(b))
		return ok(CDC_TY_DATE, out);
	if (add && cdc_type_is_integer(a) && ib == CDC_TY_DATE)
		return ok(CDC_TY_DATE, out);
	if (sub && ia == CDC_TY_DATE && ib == CDC_TY_DATE)
		return ok(CDC_TY_INT4, out);
	if (add && ((ia == CDC_TY_DATE && ib == CDC_TY_TIME) || (ia == CDC_TY_TIME && ib == CDC_TY_DATE)))
		return ok(CDC_TY_TIMESTAMP, out);
	if ((add || sub) && fa == CDC_TF_DATETIME && ib == CDC_TY_INTERVAL)
		return ok(ia == CDC_TY_DATE ? CDC_TY_TIMESTAMP : ia, out);
	if (add && ia == CDC_TY_INTERVAL && fb == CDC_TF_DATETIME)
		return ok(ib == CDC_TY_DATE ? CDC_TY_TIMESTAMP : ib, out);
	/* timestamp - date: the date is midnight (date - date, days, is above) */
	if (sub && fa == CDC_TF_DATETIME && fb == CDC_TF_DATETIME)
		return ok(CDC_TY_INTERVAL, out);
	if (sub && ia == CDC_TY_TIME && ib == CDC_TY_TIME)
		return ok(CDC_TY_INTERVAL, out);
	if ((add || sub) && fa == CDC_TF_TIME && ib == CDC_TY_INTERVAL)
		return ok(ia, out);
	if ((add || sub) && ia == CDC_TY_INTERVAL && ib == CDC_TY_INTERVAL)
		return ok(CDC_TY_INTERVAL, out);
	if ((op == CDC_OP_MUL || op == CDC_OP_DIV) && ia == CDC_TY_INTERVAL && fb == CDC_TF_NUMBER)
		return ok(CDC_TY_INTERVAL, out);
	if (op == CDC_OP_MUL && fa == CDC_TF_NUMBER && ib == CDC_TY_INTERVAL)
		return ok(CDC_TY_INTERVAL, out);
	return CDC_ARITH_TYPES;
}

cdc_type_err
cdc_type_parse_text(const char *text, cdc_type *out, const char **why)
{
	char name[64];
	long mods[2];
	int nmods = 0;
	size_t n = 0;
	const char *p = text;
	bool space = false;
	*why = NULL;
	/* the name: words separated by single spaces, up to '(' or '[' */
	for (; *p && *p != '(' && *p != '['; p++) {
		if (*p == ' ') {
			space = n > 0;
			continue;
		}
		if (n + 2 >= sizeof name)
			return CDC_TYERR_UNKNOWN;
		if (space)
			name[n++] = ' ';
		space = false;
		name[n++] = *p;
	}
	name[n] = '\0';
	if (*p == '(') {
		p++;
		for (;;) {
			char *end;
			long v = strtol(p, &end, 10);
			if (end == p || nmods == 2)
				return CDC_TYERR_UNKNOWN;
			mods[nmods++] = v;
			p = end;
			while (*p == ' ')
				p++;
			if (*p == ',') {
				p++;
				continue;
			}
			if (*p != ')')
				return CDC_TYERR_UNKNOWN;
			p++;
			break;
		}
		/* "timestamp(3) with time zone": words may follow the modifiers */
		while (*p == ' ')
			p++;
		if (*p && *p != '[') {
			size_t rest = strcspn(p, "[");
			if (n + 1 + rest >= sizeof name)
				return CDC_TYERR_UNKNOWN;
			name[n++] = ' ';
			memcpy(name + n, p, rest);
			n += rest;
			name[n] = '\0';
			p += rest;
		}
	}
	bool array = false;
	if (strcmp(p, "[]") == 0)
		array = true;
	else if (*p)
		return CDC_TYERR_UNKNOWN;
	return cdc_type_parse(name, mods, nmods, array, out, why);
}

/* ---- literal validation --------------------------------------------------------- */

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static bool
word_is(const char *p, const char *w)
{
	p = skip_space(p);
	size_t n = strlen(w);
	return strncasecmp(p, w, n) == 0 && *skip_space(p + n) == '\0';
}

/* Reads exactly n digits. */
static bool
digits(const char **p, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)**p))
			return false;
		*v = *v * 10 + (**p - '0');
		(*p)++;
	}
	return true;
}

static bool
parse_date(const char **p, const char **why)
{
	int y, m, d;
	const char *q = *p;
	int ylen = 0;
	while (isdigit((unsigned char)q[ylen]))
		ylen++;
	if (ylen < 4 || !digits(&q, ylen, &y) || *q++ != '-' || !digits(&q, 2, &m) || *q++ != '-' ||
	    !digits(&q, 2, &d)) {
		*why = "dates are written YYYY-MM-DD";
		return false;
	}
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12) {
		*why = "the month must be 01 to 12";
		return false;
	}
	if (d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap)) {
		*why = "no such day in the calendar";
		return false;
	}
	*p = q;
	return true;
}

static bool
parse_time(const char **p, const char **why)
{
	int h, mi, sec = 0;
	const char *q = *p;
	if (!digits(&q, 2, &h) || *q++ != ':' || !digits(&q, 2, &mi)) {
		*why = "times are written HH:MM[:SS[.ffffff]]";
		return false;
	}
	if (*q == ':') {
		q++;
		if (!digits(&q, 2, &sec)) {
			*why = "times are written HH:MM[:SS[.ffffff]]";
			return false;
		}
		if (*q == '.') {
			q++;
			int n = 0;
			while (isdigit((unsigned char)*q))
				q++, n++;
			if (n == 0 || n > 6) {
				*why = "fractional seconds take 1 to 6 digits";
				return false;
			}
		}
	}
	if (h > 24 || mi > 59 || sec > 60 || (h == 24 && (mi || sec))) {
		*why = "hour, minute or second out of range";
		return false;
	}
	*p = q;
	return true;
}

/* Z, +HH, +HHMM, +HH:MM, or a zone name (UTC, Europe/Paris). */
static bool
parse_zone(const char **p)
{
	const char *q = skip_space(*p);
	if (*q == 'Z' || *q == 'z') {
		*p = q + 1;
		return true;
	}
	if (*q == '+' || *q == '-') {
		int h, m;
		q++;
		if (!digits(&q, 2, &h) || h > 15)
			return false;
		if (*q == ':')
			q++;
		if (isdigit((unsigned char)*q) && (!digits(&q, 2, &m) || m > 59))
			return false;
		*p = q;
		return true;
	}
	if (!isalpha((unsigned char)*q))
		return false;
	while (isalnum((unsigned char)*q) || *q == '/' || *q == '_' || *q == '-' || *q == '+')
		q++;
	*p = q;
	return true;
}

static bool
clock_word(const char *t, const char **why)
{
	static const char *const words[] = {"now", "today", "tomorrow", "yesterday", "allballs"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (word_is(t, words[i])) {
			*why = "a value that depends on the clock makes runs differ; write a fixed value";
			return true;
		}
	return false;
}

static bool
parse_interval(const char *t, const char **why)
{
	static const char *const units[] = {
		"microsecond", "microseconds", "us", "usec", "usecs", "millisecond", "milliseconds", "ms",
		"msec", "msecs", "second", "seconds", "s", "sec", "secs", "minute", "minutes", "m", "min",
		"mins", "hour", "hours", "h", "hr", "hrs", "day", "days", "d", "week", "weeks", "w",
		"month", "months", "mon", "mons", "year", "years", "y", "yr", "yrs", "decade", "decades",
		"century", "centuries", "millennium", "millennia"};
	const char *p = skip_space(t);
	*why = "intervals are written like '1 day 2 hours', '02:30:00' or 'P1DT2H'";
	if (*p == 'P' || *p == 'p') {          /* ISO 8601 */
		p++;
		bool any = false, in_time = false;
		while (*p) {
			if ((*p == 'T' || *p == 't') && !in_time) {
				in_time = true;
				p++;
				continue;
			}
			const char *start = p;
			while (isdigit((unsigned char)*p) || *p == '.')
				p++;
			if (p == start || !strchr(in_time ? "HMShms" : "YMWDymwd", *p))
				return false;
			p++;
			any = true;
		}
		return any;
	}
	bool any = false;
	while (*(p = skip_space(p))) {
		if (word_is(p, "ago"))
			break;
		const char *start = p;
		if (*p == '+' || *p == '-')
			p++;
		while (isdigit((unsigned char)*p) || *p == '.')
			p++;
		if (p == start)
			return false;
		if (*p == ':') {                    /* [-]H:MM[:SS[.ffffff]]: hours take any width */
			int v;
			p++;
			if (!digits(&p, 2, &v) || v > 59)
				return false;
			if (*p == ':') {
				p++;
				if (!digits(&p, 2, &v) || v > 59)
					return false;
				if (*p == '.') {
					p++;
					if (!isdigit((unsigned char)*p))
						return false;
					while (isdigit((unsigned char)*p))
						p++;
				}
			}
			any = true;
			continue;
		}
		p = skip_space(p);
		const char *u = p;
		while (isalpha((unsigned char)*p))
			p++;
		size_t n = (size_t)(p - u);
		bool known = false;
		for (size_t i = 0; i < sizeof units / sizeof units[0] && !known; i++)
			known = strlen(units[i]) == n && strncasecmp(u, units[i], n) == 0;
		if (!known)
			return false;
		any = true;
	}
	return any;
}

bool
cdc_type_literal_ok(cdc_type t, const char *text, const char **why)
{
	*why = NULL;
	if (t.id == CDC_TY_ERROR || t.id == CDC_TY_UNKNOWN || t.array)
		return true;
	const char *p = skip_space(text);
	switch (t.id) {
	case CDC_TY_BOOL: {
		static const char *const words[] = {"true", "false", "t", "f", "yes", "no", "y", "n",
		                                    "on", "off", "1", "0"};
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
			if (word_is(p, words[i]))
				return true;
		*why = "booleans are true or false";
		return false;
	}
	case CDC_TY_INT2:
	case CDC_TY_INT4:
	case CDC_TY_INT8: {
		const char *q = p + (*p == '+' || *p == '-');
		if (!isdigit((unsigned char)*q) || *skip_space(q + strspn(q, "0123456789")) != '\0') {
			*why = "not an integer";
			return false;
		}
		while (*q == '0' && isdigit((unsigned char)q[1]))
			q++;
		size_t n = strspn(q, "0123456789");
		static const char *const maxes[] = {"32767", "2147483647", "9223372036854775807"};
		const char *max = maxes[t.id - CDC_TY_INT2];
		size_t mlen = strlen(max);
		if (n > mlen || (n == mlen && strncmp(q, max, n) > 0 &&
		                 !(*p == '-' && t.id == CDC_TY_INT8 && strncmp(q, "9223372036854775808", n) == 0) &&
		                 !(*p == '-' && strncmp(q, t.id == CDC_TY_INT2 ? "32768" : "2147483648", n) == 0))) {
			*why = "out of range for the type";
			return false;
		}
		return true;
	}
	case CDC_TY_NUMERIC:
	case CDC_TY_FLOAT4:
	case CDC_TY_FLOAT8: {
		if (word_is(p, "nan") || (t.id != CDC_TY_NUMERIC || t.mod < 0 ? (word_is(p, "infinity") ||
		    word_is(p, "-infinity") || word_is(p, "+infinity")) : false))
			return true;
		const char *q = p + (*p == '+' || *p == '-');
		while (*q == '0' && isdigit((unsigned char)q[1]))
			q++;
		size_t ip = strspn(q, "0123456789");
		size_t fp = q[ip] == '.' ? strspn(q + ip + 1, "0123456789") : 0;
		const char *e = q + ip + (q[ip] == '.' ? 1 + fp : 0);
		long exp = 0;
		if ((*e == 'e' || *e == 'E') && (ip || fp)) {
			char *end;
			exp = strtol(e + 1, &end, 10);
			if (end == e + 1)
				e = "x";
			else
				e = end;
		}
		if ((ip == 0 && fp == 0) || *skip_space(e) != '\0') {
			*why = "not a number";
			return false;
		}
		if (t.id == CDC_TY_NUMERIC && t.mod >= 0) {
			long intd = (ip == 1 && q[0] == '0') ? 0 : (long)ip;
			intd += exp;
			if (intd > t.mod - t.scale) {
				*why = "too many digits before the decimal point for the type";
				return false;
			}
		}
		return true;
	}
	case CDC_TY_CHAR:
	case CDC_TY_VARCHAR: {
		if (t.mod < 0)
			return true;
		long n = 0;
		for (const char *q = text; *q; q++)
			n += ((unsigned char)*q & 0xC0) != 0x80;
		if (n > t.mod) {
			*why = "longer than the type's length";
			return false;
		}
		return true;
	}
	case CDC_TY_DATE:
		if (word_is(p, "infinity") || word_is(p, "-infinity") || word_is(p, "epoch"))
			return true;
		if (clock_word(p, why) || !parse_date(&p, why))
			return false;
		if (*skip_space(p)) {
			*why = "dates are written YYYY-MM-DD";
			return false;
		}
		return true;
	case CDC_TY_TIMESTAMP:
	case CDC_TY_TIMESTAMPTZ:
		if (word_is(p, "infinity") || word_is(p, "-infinity") || word_is(p, "epoch"))
			return true;
		if (clock_word(p, why) || !parse_date(&p, why))
			return false;
		if (*p == 'T' || *p == 't' || *p == ' ') {
			p = skip_space(p + 1);
			if (*p && !parse_time(&p, why))
				return false;
		}
		if (*skip_space(p) && !parse_zone(&p)) {
			*why = "timestamps are written YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]";
			return false;
		}
		if (*skip_space(p)) {
			*why = "timestamps are written YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]";
			return false;
		}
		return true;
	case CDC_TY_TIME:
	case CDC_TY_TIMETZ:
		if (clock_word(p, why) || !parse_time(&p, why))
			return false;
		if (*skip_space(p) && (t.id == CDC_TY_TIME || !parse_zone(&p))) {
			*why = "times are written HH:MM[:SS[.ffffff]]";
			return false;
		}
		if (*skip_space(p)) {
			*why = "times are written HH:MM[:SS[.ffffff]]";
			return false;
		}
		return true;
	case CDC_TY_INTERVAL:
		return parse_interval(p, why);
	case CDC_TY_UUID: {
		const char *q = p;
		bool brace = *q == '{';
		q += brace;
		int hex = 0;
		for (; *q && *q != '}'; q++) {
			if (isxdigit((unsigned char)*q))
				hex++;
			else if (*q != '-')
				break;
		}
		if (hex != 32 || (brace && *q++ != '}') || *skip_space(q)) {
			*why = "UUIDs are written as 32 hex digits, e.g. a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
			return false;
		}
		return true;
	}
	case CDC_TY_JSON:
	case CDC_TY_JSONB: {
		cJSON *j = cJSON_Parse(text);
		if (!j) {
			*why = "not valid JSON";
			return false;
		}
		cJSON_Delete(j);
		return true;
	}
	case CDC_TY_BYTEA:
		if (strncmp(text, "\\x", 2) == 0) {
			size_t n = strlen(text + 2);
			if (n % 2 || strspn(text + 2, "0123456789abcdefABCDEF") != n) {
				*why = "hex bytea is written \\x followed by pairs of hex digits";
				return false;
			}
		}
		return true;
	default:
		return true;
	}
}
