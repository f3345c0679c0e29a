#!/usr/bin/env python3
"""tests/oracle/gen.py — the real oracle: cdcc's VM against PostgreSQL 15.

Generates a few hundred SQL expressions over typed input rows (seeded, deterministic),
evaluates each one twice and compares the results:

  * in cdcc: one pipeline file per expression (one table, one transform step
    `e = <expr>`), run with `cdcc eval` on JSON change lines; the row's "e" is the
    value, a quarantine is an error;
  * in PostgreSQL: `SELECT concat(x) FROM (SELECT <expr> AS x FROM (VALUES (<typed
    inputs>)) AS t(...))` (concat: the type's output function) inside a PL/pgSQL
    wrapper that turns an error into a result, all through one psql run.

Two results match when both are NULL, both are errors (any error: the class is not
compared), or both are values with identical text forms.  cdcc prints numbers as JSON
numbers with their exact digits, which must equal PostgreSQL's text; booleans are JSON
true/false against PostgreSQL's t/f.  Nothing else is normalised.  A PostgreSQL error of
class 42 (syntax, undefined function) is a bug in this generator and never matches.

Each expression is a small typed tree rendered twice, in cdcc syntax and in PostgreSQL
syntax.  The PostgreSQL text differs only where docs/language.md documents a difference
from PostgreSQL (and the PG_MAP table of function spellings):

  * 7.6: every exact result has a derived numeric(p,s) type, capped at 38 digits, and a
    value that does not fit is a run-time error: the node is cast `::numeric(p,s)`;
  * 7.6: numeric(p,s) division has scale max(6, s1 + p2 + 1), rounded half away from
    zero: pg_temp.cdc_div(a, b, scale), exact;
  * 7.6: an unbounded numeric holds 38 significant digits, the fraction rounded to fit,
    else out of range: pg_temp.cdc_num38(x) around unbounded results;
  * 7.6: `^`, power and sqrt compute in double precision: operands cast to float8, and
    so are the operands of a number operator whose cdcc type is double precision;
  * 7.6: round/trunc/floor/ceil keep an integer argument's type: computed on
    `x::numeric` and cast back (PostgreSQL would pick the float8 version);
  * 7.3: common types (CASE, coalesce, nullif, greatest, least): numeric(p,s) or real
    as cdcc derives them; the strings converted to varchar, text or char(n) where
    PostgreSQL would pick char without a length; nullif has the common type, not the
    first argument's;
  * 7.4: boolean <-> smallint/bigint casts, which PostgreSQL has only for integer;
  * 9.1 trunc_ts: date_trunc of a date is a timestamp (PostgreSQL: timestamptz);
  * 9.2: sha2 -> encode(shaN(convert_to(s, 'UTF8')), 'hex'); json_extract_path_text on
    text -> on `s::json`; trim(s, chars) -> btrim; extract -> numeric(20,6)
    except PostgreSQL's ±Infinity for infinite timestamps.

Used by run.sh, which starts the PostgreSQL server; see `gen.py --help`.
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import uuid as uuidlib

# ---------------------------------------------------------------------------------------
# Types (cdcc spellings, which PostgreSQL also accepts)

INT_RANK = {"smallint": 0, "integer": 1, "bigint": 2}
INT_PS = {"smallint": (5, 0), "integer": (10, 0), "bigint": (19, 0)}
NUM_RE = re.compile(r"numeric\((\d+),(\d+)\)$")


def is_int(t):
    return t in INT_RANK


def is_float(t):
    return t in ("real", "double precision")


def is_num(t):
    return t == "numeric" or NUM_RE.match(t) is not None


def is_number(t):
    return is_int(t) or is_float(t) or is_num(t)


def exact_ps(t):
    """(precision, scale) of an exact type, None for unbounded numeric."""
    if is_int(t):
        return INT_PS[t]
    m = NUM_RE.match(t)
    return (int(m.group(1)), int(m.group(2))) if m else None


def cap(i, s):
    """Language 7.6: integral digits 1..38, then the scale gives way."""
    i = max(1, min(i, 38))
    s = max(0, min(s, 38 - i))
    return "numeric(%d,%d)" % (i + s, s)


def common_number(a, b):
    """Language 7.3: the common type of two number types."""
    if is_int(a) and is_int(b):
        return a if INT_RANK[a] >= INT_RANK[b] else b
    if "double precision" in (a, b):
        return "double precision"
    if "real" in (a, b):
        return "real"
    pa, pb = exact_ps(a), exact_ps(b)
    if pa is None or pb is None:
        return "numeric"
    return cap(max(pa[0] - pa[1], pb[0] - pb[1]), max(pa[1], pb[1]))


def is_string(t):
    return t == "text" or t.startswith("varchar") or t.startswith("char")


def str_len(t):
    m = re.match(r"(?:varchar|char)\((\d+)\)$", t)
    return int(m.group(1)) if m else None


def common_string(a, b):
    """Language 7.3: text if either is text, else varchar of the longer length
    (unbounded if either is)."""
    if a == b and not a.startswith("char"):
        return a
    if a == "text" or b == "text":
        return "text"
    la, lb = str_len(a), str_len(b)
    if la is None or lb is None:
        return "varchar"
    return "varchar(%d)" % max(la, lb)


DT_RANK = {"date": 0, "timestamp": 1, "timestamptz": 2}


def common_type(ts):
    """Language 7.3 for a list of types (None = untyped literal)."""
    ts = [t for t in ts if t is not None]
    if not ts:
        return "text"
    c = ts[0]
    for t in ts[1:]:
        if is_number(c) and is_number(t):
            c = common_number(c, t)
        elif is_string(c) and is_string(t):
            c = common_string(c, t)
        elif c in DT_RANK and t in DT_RANK:
            c = c if DT_RANK[c] >= DT_RANK[t] else t
        elif c == t:
            pass
        else:
            raise ValueError("no common type: %s, %s" % (c, t))
    return c


# ---------------------------------------------------------------------------------------
# Typed expression nodes: c = cdcc text, p = PostgreSQL text, t = cdcc type


class N:
    __slots__ = ("c", "p", "t")

    def __init__(self, c, p, t):
        self.c, self.p, self.t = c, p, t


def fitp(p, t):
    """The PostgreSQL text of a node whose cdcc type is t (see the header: 7.6, 7.3)."""
    if NUM_RE.match(t):
        return "(%s)::%s" % (p, t)
    if t == "real":
        return "(%s)::real" % p
    return p


def coerce(x, t):
    """The PostgreSQL text of x converted to the common string type t of a CASE,
    coalesce, greatest, ... (7.3): PostgreSQL would pick char without a length wherever
    a char(n) takes part, cdcc converts every value to t (padding a value that becomes
    char(n), dropping the padding of a char(n) that becomes varchar or text)."""
    if is_string(t) and x.t != t and (t.startswith("char") or (x.t or "").startswith("char")):
        return "(%s)::%s" % (x.p, t)
    return x.p


def col(name, t):
    return N(name, name, t)


def lit_int(v):
    t = "integer" if -2**31 <= v < 2**31 else "bigint"
    if v < 0:
        # cdcc: unary minus on a literal; keep PostgreSQL from folding -2147483648 to int4
        t = "integer" if -v < 2**31 else "bigint"
        return N("(%d)" % v, "(-(%d::%s))" % (-v, t), t)
    return N(str(v), "%d::%s" % (v, t) if t == "bigint" else str(v), t)


def lit_num(s):
    """A decimal literal '1.08': numeric(p,s) (language 7.5)."""
    neg = s.startswith("-")
    body = s.lstrip("-")
    ip, _, fp = body.partition(".")
    ip = ip.lstrip("0")
    p = max(len(ip) + len(fp), 1)
    t = "numeric(%d,%d)" % (p, len(fp))
    if neg:
        return N("(-%s)" % body, "(-%s)" % body, t)
    return N(body, body, t)


def lit_str(s):
    q = "'" + s.replace("'", "''") + "'"
    return N(q, q, None)


def typed_lit(tname, s):
    q = "'" + s.replace("'", "''") + "'"
    return N("%s %s" % (tname, q), "%s %s" % (tname, q), tname)


def arith(op, l, r):
    """A binary number operator with language 7.6's result type."""
    if op == "^":
        return N("(%s ^ %s)" % (l.c, r.c),
                 "(%s::double precision ^ %s::double precision)" % (l.p, r.p), "double precision")
    lt, rt = l.t, r.t
    if is_int(lt) and is_int(rt):
        t = lt if INT_RANK[lt] >= INT_RANK[rt] else rt
        return N("(%s %s %s)" % (l.c, op, r.c), "(%s %s %s)" % (l.p, op, r.p), t)
    if is_float(lt) or is_float(rt):
        if lt == "real" and rt == "real":
            return N("(%s %s %s)" % (l.c, op, r.c), "(%s %s %s)" % (l.p, op, r.p), "real")
        # cdcc computes in double precision: make PostgreSQL do the same
        return N("(%s %s %s)" % (l.c, op, r.c),
                 "(%s::double precision %s %s::double precision)" % (l.p, op, r.p), "double precision")
    pl, pr = exact_ps(lt), exact_ps(rt)
    if pl is None or pr is None:
        return N("(%s %s %s)" % (l.c, op, r.c),
                 "pg_temp.cdc_num38(%s %s %s)" % (l.p, op, r.p), "numeric")
    i1, s1, i2, s2 = pl[0] - pl[1], pl[1], pr[0] - pr[1], pr[1]
    if op in "+-":
        t = cap(max(i1, i2) + 1, max(s1, s2))
    elif op == "*":
        t = cap(i1 + i2, s1 + s2)
    elif op == "/":
        t = cap(i1 + s2, max(6, s1 + pr[0] + 1))
    else:
        t = cap(min(i1, i2), max(s1, s2))
    if op == "/":
        scale = exact_ps(t)[1]
        pg = "pg_temp.cdc_div(%s, %s, %d)" % (l.p, r.p, scale)
    else:
        pg = "(%s %s %s)" % (l.p, op, r.p)
    return N("(%s %s %s)" % (l.c, op, r.c), fitp(pg, t), t)


def dt_arith(op, l, r, t):
    """Date and time arithmetic (8.1's table gives t): the same text in both."""
    return N("(%s %s %s)" % (l.c, op, r.c), "(%s %s %s)" % (l.p, op, r.p), t)


def neg(x):
    return N("(-%s)" % x.c, "(-%s)" % x.p, x.t)


def cmp(op, l, r):
    return N("(%s %s %s)" % (l.c, op, r.c), "(%s %s %s)" % (l.p, op, r.p), "boolean")


def logic(op, l, r):
    return N("(%s %s %s)" % (l.c, op, r.c), "(%s %s %s)" % (l.p, op, r.p), "boolean")


def cast(x, t):
    # 7.4: boolean <-> every integer type; PostgreSQL has only integer <-> boolean, whose
    # meaning (x <> 0; 1 and 0) is the one used for the other widths
    if is_int(x.t) and t == "boolean" and x.t != "integer":
        return N("(%s::%s)" % (x.c, t), "((%s) <> 0)" % x.p, t)
    if x.t == "boolean" and is_int(t) and t != "integer":
        return N("(%s::%s)" % (x.c, t), "((%s)::integer::%s)" % (x.p, t), t)
    if t == "numeric":
        # 7.6: an unbounded numeric holds 38 significant digits
        return N("(%s::%s)" % (x.c, t), "pg_temp.cdc_num38(%s::%s)" % (x.p, t), t)
    return N("(%s::%s)" % (x.c, t), "(%s::%s)" % (x.p, t), t)


def common_of(nodes):
    return common_type([n.t for n in nodes])


def fn(name, args, t):
    """A call of a function that PostgreSQL has under the name PG_MAP gives."""
    pname = PG_MAP.get("%s/%d" % (name, len(args)), PG_MAP[name])
    assert pname and re.match(r"^[a-z_0-9]+$", pname), "no PostgreSQL spelling for " + name
    return N("%s(%s)" % (name, ", ".join(a.c for a in args)),
             "%s(%s)" % (pname, ", ".join(a.p for a in args)), t)


def fn_common(name, args):
    """coalesce / nullif / greatest / least: result is the common type (9.2: T).
    PostgreSQL's nullif has the first argument's type: cast to the common one."""
    t = common_of(args)
    pg = "%s(%s)" % (name, ", ".join(coerce(a, t) for a in args))
    if name == "nullif" and t != args[0].t and not NUM_RE.match(t) and not is_string(t):
        pg = "(%s)::%s" % (pg, t)
    return N("%s(%s)" % (name, ", ".join(a.c for a in args)), fitp(pg, t), t)


def case_when(whens, other):
    """Searched CASE: whens = [(cond, value)], other = value or None."""
    vals = [v for _, v in whens] + ([other] if other else [])
    t = common_of(vals)
    c = "CASE " + " ".join("WHEN %s THEN %s" % (w.c, v.c) for w, v in whens)
    p = "CASE " + " ".join("WHEN %s THEN %s" % (w.p, coerce(v, t)) for w, v in whens)
    if other:
        c += " ELSE " + other.c
        p += " ELSE " + coerce(other, t)
    return N("(" + c + " END)", fitp("(" + p + " END)", t), t)


def case_simple(x, whens, other):
    vals = [v for _, v in whens] + ([other] if other else [])
    t = common_of(vals)
    c = "CASE %s " % x.c + " ".join("WHEN %s THEN %s" % (w.c, v.c) for w, v in whens)
    wt = common_of([x] + [w for w, _ in whens])
    p = "CASE %s " % coerce(x, wt) + " ".join("WHEN %s THEN %s" % (coerce(w, wt), coerce(v, t))
                                             for w, v in whens)
    if other:
        c += " ELSE " + other.c
        p += " ELSE " + coerce(other, t)
    return N("(" + c + " END)", fitp("(" + p + " END)", t), t)


# ---------------------------------------------------------------------------------------
# PostgreSQL equivalents of cdcc functions (language 9.2).  None: not available in
# PostgreSQL 15, not generated.

PG_MAP = {
    # same name, same meaning
    **{f: f for f in (
        "lower", "upper", "trim", "ltrim", "rtrim", "substring", "substr", "left", "right",
        "length", "char_length", "octet_length", "replace", "concat", "concat_ws", "split_part",
        "lpad", "rpad", "strpos", "starts_with", "regexp_like", "regexp_replace", "encode",
        "decode", "coalesce", "nullif", "greatest", "least", "abs", "mod", "date_trunc",
        "date_part", "to_timestamp", "to_date", "to_char", "md5")},
    # trim(s, chars) is PostgreSQL's btrim(s, chars)
    "trim/2": "btrim", "ltrim/2": "ltrim", "rtrim/2": "rtrim",
    # rendered by fn_round: same names, but an integer argument keeps its type (7.6)
    # where PostgreSQL would choose the float8 version: round(x::numeric)::T
    "round": "fn_round", "trunc": "fn_round", "floor": "fn_round", "ceil": "fn_round",
    "ceiling": "fn_round",
    # rendered by hand (g_mixed, sha2, g_json, g_date_fn)
    "power": "power(a::float8, b::float8)", "sqrt": "sqrt(x::float8)",
    "sha2": "encode(sha224/256/384/512(convert_to(s, 'UTF8') or bytea), 'hex')",
    "json_extract_path_text": "json_extract_path_text(j::json, ...)",
    "extract": "EXTRACT(f FROM x)::numeric(20,6), ±Infinity kept",
    # not generated: no PostgreSQL 15 equivalent (mask, pseudonymize, is_valid_json), or
    # no fixed value (volatile and change-event functions)
    "mask": None, "pseudonymize": None, "is_valid_json": None, "env": None,
    "uuid_generate": None, "gen_random_uuid": None, "now": None, "op": None,
    "commit_time": None, "source_position": None, "table_name": None, "txid": None,
    "before": None,
}


def fn_round(name, x, d=None):
    """round/trunc (d optional), floor/ceil/ceiling (language 7.6 result types)."""
    t = x.t
    args_c = x.c if d is None else "%s, %s" % (x.c, d.c)
    if is_int(t):
        pd = "" if d is None else ", %s" % d.p
        return N("%s(%s)" % (name, args_c), "(%s((%s)::numeric%s))::%s" % (name, x.p, pd, t), t)
    if is_float(t):
        rt = "double precision"
        pd = "" if d is None else ", %s" % d.p
        return N("%s(%s)" % (name, args_c), "%s((%s)::double precision%s)" % (name, x.p, pd), rt)
    ps = exact_ps(t)
    pg_args = x.p if d is None else "%s, %s" % (x.p, d.p)
    if ps is None:
        return N("%s(%s)" % (name, args_c), "pg_temp.cdc_num38(%s(%s))" % (name, pg_args), "numeric")
    p, s = ps
    if name in ("floor", "ceil", "ceiling"):
        rt = cap(p - s + 1, 0)
    else:
        if d is None:
            sc = 0
        elif re.match(r"^\(?-?\d+\)?$", d.c):
            sc = min(max(int(d.c.strip("()")), 0), s)
        else:
            sc = s
        i = p - s + (1 if name == "round" else 0)
        # no integral digit for trunc of numeric(s,s): numeric(d,d), as cdcc derives it
        rt = cap(i, sc) if i > 0 or sc == 0 else "numeric(%d,%d)" % (sc, sc)
    return N("%s(%s)" % (name, args_c), fitp("%s(%s)" % (name, pg_args), rt), rt)


def sha2(x, bits):
    return N("sha2(%s, %d)" % (x.c, bits),
             "encode(sha%d(convert_to(%s, 'UTF8')), 'hex')" % (bits, x.p), "text")


# ---------------------------------------------------------------------------------------
# The input table: one column set for every expression

COLUMNS = [
    ("s1", "smallint"), ("s2", "smallint"),
    ("i1", "integer"), ("i2", "integer"),
    ("b1", "bigint"), ("b2", "bigint"),
    ("n1", "numeric(10,2)"), ("n2", "numeric(12,4)"), ("n3", "numeric(38,0)"),
    ("n4", "numeric(38,10)"), ("n5", "numeric(5,5)"), ("n6", "numeric"), ("n7", "numeric(3,0)"),
    ("f1", "double precision"), ("f2", "double precision"), ("r1", "real"),
    ("t1", "text"), ("t2", "text"), ("v1", "varchar(10)"), ("c1", "char(5)"),
    ("tn", "text"), ("td", "text"), ("tb", "text"), ("tu", "text"), ("tj", "text"),
    ("p", "boolean"), ("q", "boolean"),
    ("d1", "date"), ("d2", "date"),
    ("ts1", "timestamp"), ("ts2", "timestamp"), ("tz1", "timestamptz"),
    ("iv1", "interval"), ("u1", "uuid"), ("by1", "bytea"), ("tm1", "time"),
]
CTYPE = dict(COLUMNS)


def C(name):
    return col(name, CTYPE[name])


def rand_digits(rng, n):
    if n <= 0:
        return ""
    return "".join(rng.choice("0123456789") for _ in range(n))


def gen_numeric(rng, p, s, bias):
    """Text of a value of numeric(p,s)."""
    i = p - s
    r = rng.random()
    if r < bias * 0.5:
        ip = "9" * i if i else "0"
        fp = "9" * s
    elif r < bias:
        ip = rng.choice(["0", "1", "2", "5"] + (["1" + "0" * (i - 1)] if i > 1 else [])) if i else "0"
        fp = rng.choice(["5" + "0" * (s - 1), "0" * (s - 1) + "5", "4" + "9" * (s - 1)]) if s else ""
    else:
        k = rng.randint(0, min(i, rng.choice([2, 4, 8, 40])))
        ip = rand_digits(rng, k).lstrip("0") or "0"
        fp = rand_digits(rng, s)
        if s and rng.random() < 0.3:
            fp = fp[:rng.randint(0, s)] + "5" + "0" * s
            fp = fp[:s]
    sign = "-" if rng.random() < 0.35 else ""
    txt = sign + ip + ("." + fp if s else "")
    return txt


def gen_unbounded(rng, bias):
    r = rng.random()
    if r < 0.1:
        return rng.choice(["NaN", "Infinity", "-Infinity"])
    if r < 0.1 + bias * 0.4:
        return rng.choice(["0", "1.5", "-2.5", "0.5", "99999999999999999999999999999999999999",
                           "-1e37", "0.00000000000000000000000000000000000001",
                           "12345678901234567890.123456789012345678", "1e-20", "3"])
    k = rng.randint(0, 20)
    f = rng.randint(0, 18)
    v = (rand_digits(rng, k).lstrip("0") or "0") + ("." + rand_digits(rng, f) if f else "")
    return ("-" if rng.random() < 0.3 else "") + v


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def float_text(x):
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    return repr(x)


TEXTS = ["", " ", "a", "abc", "Hello World", "  padded  ", "héllo", "ÄÖÜäöü", "straße",
         "日本語テキスト", "a,b,,c", "50%_off", "x\\y", "it's", "UPPER lower 123", "aaa",
         "two\nlines", "İstanbul", "ǅemal", "tab\there", "abcabcabc", "ab", "ß", "Ω omega ω",
         "-x-", "xxhixx", "hello, world", "A", "é"]
NUMTEXTS = ["0", "42", "-17", " 42 ", "+7", "1.5", "-2.5", "2.5", "0.5", "1e3", "1.5e-3", "abc",
            "", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
            "9223372036854775808", "32767", "32768", "-32768", "00012", "12abc", "NaN", "Infinity",
            "-inf", "1,000", "0x1F", ".5", "5.", "  -0  ", "123456789012345678901234567890.12345678",
            "99999999.995", "-0.005", "1e400", "3.4e38", "1e-50", "7", "-3.5", "12345.678"]
DATETEXTS = ["2024-02-29", "2023-02-29", "2024-12-31", "2024-01-01 12:34:56",
             "2024-01-01T12:34:56Z", "2024-06-15 08:00:00+02", "1999-12-31 23:59:59.999999",
             "2000-01-01", "infinity", "-infinity", "epoch", "2024-13-01", "not a date",
             "2024-2-5", "0001-01-01", "9999-12-31 23:59:59", "2024-03-31 00:00:00",
             "2021-01-03", "2020-12-31 23:59:59.5+05:30", "1970-01-01 00:00:00"]
BOOLTEXTS = ["true", "false", "t", "f", "yes", "no", "y", "n", "on", "off", "1", "0", "TRUE",
             " yes ", "maybe", "", "2", "False", "of"]
JSONTEXTS = ['{"a": 1, "b": {"c": "x"}}', '{"a": [1, 2, {"b": true}]}', '{"a": null}',
             '[1, 2, 3]', '"str"', '{"a": "héllo", "b": 1.50}', '{}', 'not json',
             '{"a": {"b": {"c": 12345678901234567890}}}', '{"a\\"b": 2, "a": {"0": "zero"}}',
             '{"a": {"b": "x\\ny"}, "b": [10, 20]}', '{"a": 1.0e3, "b": false}',
             '{"a": "\\u00e9\\u0041"}', '{"a": {"b": null}}', '{"b": {"c": [1, {"d": "deep"}]}}']
INTERVALS = ["1 day", "-1 day", "1 mon", "1 year 2 mons 3 days 04:05:06.789",
             "00:00:00.000001", "-02:30:00", "P1Y2M3DT4H5M6S", "1 mon -1 day", "36 hours", "0",
             "100 years", "-1 mons -2 days +03:00:00", "2 weeks", "1 day 25:00:00", "PT0.5S",
             "-1 year", "90 minutes", "3 mons 10 days"]


def rand_date(rng):
    y = rng.choice([rng.randint(1900, 2100), rng.randint(1, 9999), 2024, 2000, 1970, 2023])
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return y, m, d


def date_value(rng, bias):
    r = rng.random()
    if r < bias * 0.3:
        return rng.choice(["infinity", "-infinity", "0001-01-01", "9999-12-31"])
    if r < bias:
        return rng.choice(["2024-02-29", "2000-02-29", "1900-02-28", "2023-12-31", "2024-01-31",
                           "2024-03-31", "2024-04-30", "1970-01-01", "2020-12-31", "2021-01-03",
                           "2024-12-30", "1999-12-31"])
    y, m, d = rand_date(rng)
    return "%04d-%02d-%02d" % (y, m, d)


def time_part(rng):
    us = rng.choice([0, 0, 500000, rng.randint(0, 999999), 999999, 1])
    t = "%02d:%02d:%02d" % (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
    if us:
        t += (".%06d" % us).rstrip("0")
    return t


def ts_value(rng, bias, tz=False):
    r = rng.random()
    if r < bias * 0.2:
        return rng.choice(["infinity", "-infinity"])
    if r < bias:
        v = rng.choice(["2024-02-29 23:59:59.999999", "2023-12-31 23:59:59", "2024-01-31 12:00:00",
                        "2000-01-01 00:00:00", "1970-01-01 00:00:00", "2024-03-31 00:00:00.5",
                        "1999-12-31 23:59:59.5", "2021-01-03 10:00:00"])
    else:
        y, m, d = rand_date(rng)
        v = "%04d-%02d-%02d %s" % (y, m, d, time_part(rng))
    if tz:
        v += rng.choice(["+00", "+00", "+05:30", "-08", "Z", "+14", "-03:30"])
    return v


def gen_value(rng, name, t, bias):
    """Text form of a random value of column name/t (None = NULL)."""
    if rng.random() < 0.12:
        return None
    if t in INT_RANK:
        bits = {"smallint": 16, "integer": 32, "bigint": 64}[t]
        lo, hi = -2**(bits - 1), 2**(bits - 1) - 1
        r = rng.random()
        if r < bias:
            sq = int((2**(bits - 1)) ** 0.5)
            return str(rng.choice([lo, hi, hi - 1, lo + 1, 0, -1, 1, sq, sq + 1, -sq - 1, 2, 7]))
        if r < 0.6:
            return str(rng.randint(-100, 100))
        return str(rng.randint(lo, hi))
    m = NUM_RE.match(t)
    if m:
        v = gen_numeric(rng, int(m.group(1)), int(m.group(2)), bias)
        return "NaN" if rng.random() < 0.03 else v
    if t == "numeric":
        return gen_unbounded(rng, bias)
    if t == "double precision":
        r = rng.random()
        if r < bias:
            return rng.choice(["0", "-0", "1", "-1.5", "0.1", "2.5", "3.5", "-2.5", "1e+308", "-1e+308",
                               "1.7976931348623157e+308", "5e-324", "2.2250738585072014e-308",
                               "1e-300", "123456789.125", "1e+15", "1e+16", "9007199254740993",
                               "NaN", "Infinity", "-Infinity", "0.5", "-0.5", "1.5", "1e-05",
                               "0.0001", "123456789012345.6", "32767.5", "2147483647.5",
                               "-2147483648.5", "9.223372036854776e+18", "56934234891991744"])
        if r < 0.7:
            return float_text(round(rng.uniform(-1000, 1000), rng.randint(0, 4)))
        if r < 0.8:
            # past 2^53 the shortest text can sit halfway between two doubles
            return float_text(float(rng.randint(2**53, 2**62)))
        return float_text(rng.choice([-1, 1]) * 10 ** rng.uniform(-20, 20))
    if t == "real":
        r = rng.random()
        if r < bias:
            return rng.choice(["0", "-0", "1.5", "0.1", "3.4028235e+38", "-3.4028235e+38", "1e-45",
                               "1.1754944e-38", "16777217", "NaN", "Infinity", "2.5", "-0.5",
                               "100000", "1e+06", "123456.7"])
        return float_text(f32(round(rng.uniform(-1000, 1000), rng.randint(0, 3))))
    if name == "tn":
        return rng.choice(NUMTEXTS)
    if name == "td":
        return rng.choice(DATETEXTS)
    if name == "tb":
        return rng.choice(BOOLTEXTS)
    if name == "tj":
        return rng.choice(JSONTEXTS)
    if name == "tu":
        u = uuidlib.UUID(int=rng.getrandbits(128))
        return rng.choice([str(u), str(u).upper(), u.hex, "{%s}" % u, "not-a-uuid", "", str(u)[:-1]])
    if t == "text":
        if rng.random() < 0.6:
            return rng.choice(TEXTS)
        return "".join(rng.choice("abcABC xyz,.-_%0123éüß") for _ in range(rng.randint(0, 12)))
    if t == "varchar(10)":
        return rng.choice([x for x in TEXTS if len(x) <= 10])
    if t == "char(5)":
        return rng.choice(["", "a", "ab ", "abcde", "héllo", " x", "ÄÖÜ"])
    if t == "boolean":
        return rng.choice(["true", "false"])
    if t == "date":
        return date_value(rng, bias)
    if t == "timestamp":
        return ts_value(rng, bias)
    if t == "timestamptz":
        return ts_value(rng, bias, tz=True)
    if t == "interval":
        return rng.choice(INTERVALS)
    if t == "uuid":
        return str(uuidlib.UUID(int=rng.getrandbits(128)))
    if t == "bytea":
        return rng.choice(["\\x", "\\xdeadbeef", "\\x00ff10", "\\x68c3a96c6c6f", "\\x" + "ab" * 20])
    if t == "time":
        return rng.choice(["00:00:00", "12:34:56.789", "23:59:59.999999", "08:00:00", time_part(rng)])
    raise ValueError(t)


# ---------------------------------------------------------------------------------------
# Expression generators, one per category.  Each returns (node, bias): bias is how often
# the input rows take boundary values.

def pick(rng, *names):
    return C(rng.choice(names))


INTS = ("s1", "s2", "i1", "i2", "b1", "b2")
NUMS = ("n1", "n2", "n3", "n4", "n5", "n6", "n7")


def g_int_arith(rng):
    def operand():
        r = rng.random()
        if r < 0.7:
            return pick(rng, *INTS)
        return lit_int(rng.choice([0, 1, 2, 3, 7, -1, -5, 100, 32767, 2147483647, 10**10]))
    op = rng.choice("+-*/%")
    x = arith(op, operand(), operand())
    r = rng.random()
    if r < 0.3:
        x = arith(rng.choice("+-*/%"), x, operand())
    elif r < 0.4:
        x = neg(x)
    elif r < 0.5:
        x = fn("abs", [x], x.t)
    elif r < 0.6:
        a, b = operand(), operand()
        x = fn("mod", [a, b], a.t if INT_RANK[a.t] >= INT_RANK[b.t] else b.t)
    return x, 0.2


def g_int_overflow(rng):
    t = rng.choice(["s", "i", "b"])
    a, b = C(t + "1"), C(t + "2")
    form = rng.randrange(8)
    if form == 0:
        x = arith(rng.choice("+-*"), a, b)
    elif form == 1:
        x = neg(a)
    elif form == 2:
        x = fn("abs", [a], a.t)
    elif form == 3:
        x = arith(rng.choice("/%"), a, b)
    elif form == 4:
        x = arith("*", a, a)
    elif form == 5:
        x = arith(rng.choice("+-"), a, lit_int(1))
    elif form == 6:
        x = arith("/", a, lit_int(-1))
    else:
        x = arith("+", cast(a, "bigint"), b)
    return x, 0.6


def num_operand(rng):
    r = rng.random()
    if r < 0.6:
        return pick(rng, *NUMS)
    if r < 0.8:
        return pick(rng, "i1", "s1", "b1")
    return lit_or_num(rng.choice(["1.5", "0.5", "1.08", "2", "3", "10.00", "0.001", "100", "7",
                                  "0.3333", "12345.6789", "-2.5"]))


def lit_or_num(s):
    return lit_num(s) if "." in s else lit_int(int(s))


def g_num_arith(rng):
    op = rng.choice("+-*/%+-*/")
    x = arith(op, num_operand(rng), num_operand(rng))
    r = rng.random()
    if r < 0.35:
        x = arith(rng.choice("+-*/"), x, num_operand(rng))
    elif r < 0.45:
        x = neg(x)
    elif r < 0.55:
        x = fn("abs", [x], x.t)
    return x, 0.3


def g_num_round(rng):
    name = rng.choice(["round", "round", "trunc", "floor", "ceil", "ceiling"])
    x = pick(rng, *(NUMS + ("n1", "n2", "f1", "r1", "i1", "b1")))
    if name in ("round", "trunc") and rng.random() < 0.6 and not is_float(x.t):
        d = rng.random()
        if d < 0.8:
            dn = lit_int(rng.choice([-2, -1, 0, 1, 2, 3, 4, 6]))
        else:
            dn = fn("abs", [pick(rng, "s1")], "smallint")
            dn = N("(%s %% 8)" % dn.c, "(%s %% 8)" % dn.p, "smallint")
        return fn_round(name, x, dn), 0.5
    if rng.random() < 0.3 and is_num(x.t):
        x = arith(rng.choice("*/"), x, num_operand(rng))
    return fn_round(name, x), 0.5


def g_num_big(rng):
    a = pick(rng, "n3", "n4", "n6")
    forms = [
        lambda: arith("+", a, lit_int(1)),
        lambda: arith("-", a, C("n3")),
        lambda: arith("*", a, a),
        lambda: arith("*", a, lit_int(2)),
        lambda: arith("+", a, lit_num("0.5")),
        lambda: arith("/", a, lit_int(3)),
        lambda: arith("/", a, C("n4")),
        lambda: arith("%", a, lit_int(7)),
        lambda: arith("*", a, lit_num("0.1")),
        lambda: arith("+", C("n4"), C("n3")),
        lambda: arith("-", lit_num("99999999999999999999999999999999999999"), a),
        lambda: cast(a, "numeric(38,2)"),
        lambda: cast(a, "bigint"),
    ]
    return rng.choice(forms)(), 0.6


def g_num_cast(rng):
    src = pick(rng, "n1", "n2", "n4", "n6", "f1", "r1", "i1", "b1", "s1", "n5", "n3")
    targets = ["integer", "smallint", "bigint", "numeric(5,2)", "numeric(10,2)", "numeric(6,0)",
               "numeric(38,10)", "double precision", "real", "text", "numeric(4,4)", "numeric"]
    t = rng.choice(targets)
    if t == "numeric" and not is_num(src.t):
        t = "numeric(20,6)"
    return cast(src, t), 0.5


def g_mixed(rng):
    a = pick(rng, "i1", "b1", "n1", "n2", "n6", "s1", "f1", "r1")
    b = pick(rng, "f1", "f2", "r1", "n1", "i2")
    r = rng.random()
    if r < 0.55:
        return arith(rng.choice("+-*/"), a, b), 0.3
    if r < 0.7:
        return arith("^", a, rng.choice([lit_int(2), lit_num("0.5"), b, lit_int(-1)])), 0.3
    if r < 0.8:
        return N("power(%s, %s)" % (a.c, b.c),
                 "power(%s::double precision, %s::double precision)" % (a.p, b.p), "double precision"), 0.3
    if r < 0.9:
        return N("sqrt(%s)" % a.c, "sqrt(%s::double precision)" % a.p, "double precision"), 0.3
    x = arith(rng.choice("+*"), a, b)
    return arith("+", x, lit_num("0.25")), 0.3


def g_float(rng):
    a = pick(rng, "f1", "f2", "r1")
    b = rng.choice([pick(rng, "f1", "f2", "r1"),
                    N("1e308", "1e308::float8", "double precision"),
                    N("1e-308", "1e-308::float8", "double precision"),
                    N("0.1e0", "0.1e0::float8", "double precision"), lit_int(3), lit_int(0)])
    r = rng.random()
    if r < 0.5:
        return arith(rng.choice("+-*/"), a, b), 0.5
    if r < 0.6:
        return neg(a), 0.5
    if r < 0.7:
        return fn("abs", [a], a.t), 0.5
    if r < 0.85:
        return cmp(rng.choice(["=", "<", ">", "<>", "<=", ">="]), a, b), 0.5
    return cast(a, "text"), 0.5


def cmp_pair(rng):
    kind = rng.randrange(7)
    if kind == 0:
        return pick(rng, *INTS), pick(rng, *INTS)
    if kind == 1:
        return pick(rng, "n1", "n2", "n6", "i1"), pick(rng, "n1", "f1", "b1", "n5", "r1")
    if kind == 2:
        return pick(rng, "t1", "v1", "c1"), rng.choice([pick(rng, "t2", "v1", "c1"), lit_str("abc"),
                                                        lit_str("héllo"), lit_str("")])
    if kind == 3:
        return pick(rng, "d1", "ts1", "tz1"), pick(rng, "d2", "ts2", "tz1")
    if kind == 4:
        return pick(rng, "p", "q"), pick(rng, "q", "p")
    if kind == 5:
        return pick(rng, "f1", "f2", "r1"), pick(rng, "f1", "f2", "r1")
    return pick(rng, "iv1", "u1", "by1", "tm1"), None


def g_compare(rng):
    def one():
        a, b = cmp_pair(rng)
        if b is None:
            b = a
            if a.t == "interval":
                b = typed_lit("interval", rng.choice(["1 day", "30 days", "24:00:00", "1 mon"]))
        op = rng.choice(["=", "<>", "<", "<=", ">", ">=", "!=", "IS DISTINCT FROM", "IS NOT DISTINCT FROM"])
        return cmp(op, a, b)
    x = one()
    r = rng.random()
    if r < 0.5:
        x = logic(rng.choice(["AND", "OR"]), x, rng.choice([one(), C("p"), C("q")]))
    if rng.random() < 0.2:
        x = N("(NOT %s)" % x.c, "(NOT %s)" % x.p, "boolean")
    if rng.random() < 0.3:
        test = rng.choice(["IS NULL", "IS NOT NULL", "IS TRUE", "IS NOT TRUE", "IS FALSE", "IS NOT FALSE"])
        x = N("(%s %s)" % (x.c, test), "(%s %s)" % (x.p, test), "boolean")
    return x, 0.3


def value_group(rng):
    kind = rng.randrange(6)
    if kind == 0:
        return [pick(rng, *INTS), pick(rng, *INTS), lit_int(rng.choice([0, 5, 100000]))]
    if kind == 1:
        return [pick(rng, "n1", "i1"), pick(rng, "n2", "b1", "n5"), lit_num("1.5")]
    if kind == 2:
        return [pick(rng, "t1", "v1"), pick(rng, "t2", "c1"), lit_str(rng.choice(["abc", "", "héllo"]))]
    if kind == 3:
        return [pick(rng, "d1", "ts1"), pick(rng, "d2", "tz1"), typed_lit("date", "2024-02-29")]
    if kind == 4:
        return [pick(rng, "f1", "r1"), pick(rng, "f2", "n6"), lit_num("0.5")]
    return [pick(rng, "p", "q"), C("q"), N("TRUE", "TRUE", "boolean")]


def g_case(rng):
    vals = value_group(rng)
    r = rng.random()
    if r < 0.25:
        a, b = cmp_pair(rng)
        cond = cmp(rng.choice(["<", "=", ">="]), a, b if b is not None else a)
        return case_when([(cond, vals[0]), (C("p"), vals[1])], vals[2] if rng.random() < 0.6 else None), 0.3
    if r < 0.4:
        return case_simple(vals[0], [(vals[1], vals[2]), (vals[2], vals[1])],
                           vals[0] if rng.random() < 0.5 else None), 0.3
    if r < 0.6:
        args = vals[:rng.randint(2, 3)]
        rng.shuffle(args)
        return fn_common("coalesce", args), 0.3
    if r < 0.75:
        return fn_common("nullif", vals[:2]), 0.3
    name = rng.choice(["greatest", "least"])
    args = vals[:]
    rng.shuffle(args)
    return fn_common(name, args[:rng.randint(2, 3)]), 0.3


def g_in_between(rng):
    vals = value_group(rng)
    r = rng.random()
    if r < 0.5:
        x = vals[0]
        items = vals[1:] + ([N("NULL", "NULL", None)] if rng.random() < 0.3 else [])
        kw = rng.choice(["IN", "NOT IN"])
        return N("(%s %s (%s))" % (x.c, kw, ", ".join(i.c for i in items)),
                 "(%s %s (%s))" % (x.p, kw, ", ".join(i.p for i in items)), "boolean"), 0.3
    kw = rng.choice(["BETWEEN", "NOT BETWEEN"])
    x, lo, hi = vals
    return N("(%s %s %s AND %s)" % (x.c, kw, lo.c, hi.c),
             "(%s %s %s AND %s)" % (x.p, kw, lo.p, hi.p), "boolean"), 0.3


LIKE_PATTERNS = ["%", "a%", "%c", "%b%", "_", "__", "a_c", "h_llo", "%é%", "H%", "h%", "50\\%%",
                 "\\_%", "%\\\\%", "", "%o w%", "ä%", "Ä%", "%ß", "日%", "a%b%c", "%%", "_%_",
                 "İ%", "i%", "%_off"]


def g_like(rng):
    s = pick(rng, "t1", "t2", "v1", "c1")
    pat = lit_str(rng.choice(LIKE_PATTERNS)) if rng.random() < 0.8 else C("t2")
    kw = rng.choice(["LIKE", "NOT LIKE", "ILIKE", "NOT ILIKE"])
    return N("(%s %s %s)" % (s.c, kw, pat.c), "(%s %s %s)" % (s.p, kw, pat.p), "boolean"), 0.2


def g_text_cast(rng):
    forms = [
        lambda: cast(C("tn"), rng.choice(["integer", "smallint", "bigint", "numeric", "numeric(10,2)",
                                          "double precision", "real", "numeric(38,4)"])),
        lambda: cast(C("tb"), "boolean"),
        lambda: cast(C("td"), rng.choice(["date", "timestamp", "timestamptz"])),
        lambda: cast(C("tu"), "uuid"),
        lambda: cast(pick(rng, "i1", "b1", "s1", "n1", "n6", "p", "d1", "ts1", "tz1", "iv1", "u1",
                          "by1", "tm1", "c1", "f1", "r1"), "text"),
        lambda: cast(pick(rng, "p", "q"), rng.choice(["integer", "smallint", "bigint"])),
        lambda: cast(pick(rng, "i1", "s1", "b1"), "boolean"),
        lambda: cast(pick(rng, "d1", "d2"), rng.choice(["timestamp", "timestamptz"])),
        lambda: cast(pick(rng, "ts1", "tz1"), rng.choice(["date", "time"])),
        lambda: cast(C("tz1"), "timestamp"),
        lambda: cast(C("ts1"), "timestamptz"),
        lambda: cast(pick(rng, "ts1", "tz1"), rng.choice(["timestamp(0)", "timestamptz(3)"])),
        lambda: cast(pick(rng, "t1", "tn"), rng.choice(["varchar(3)", "char(3)"])),
        lambda: cast(C("t1"), "bytea"),
        lambda: cast(C("tm1"), "interval"),
        lambda: cast(C("iv1"), "time"),
    ]
    return rng.choice(forms)(), 0.4


def s_arg(rng):
    return pick(rng, "t1", "t2", "v1", "c1", "t1", "t1")


def small_int(rng, *choices):
    if rng.random() < 0.25:
        return N("(%s %% 10)" % "s1", "(%s %% 10)" % "s1", "smallint")
    return lit_int(rng.choice(choices))


def g_string(rng):
    s = s_arg(rng)
    k = rng.randrange(18)
    if k == 0:
        return fn(rng.choice(["lower", "upper"]), [s], "text"), 0.3
    if k == 1:
        name = rng.choice(["trim", "ltrim", "rtrim"])
        if rng.random() < 0.5:
            return fn(name, [s], "text"), 0.3
        chars = lit_str(rng.choice(["x", " a", "ab", "é", "-"]))
        return fn(name, [s, chars], "text"), 0.3
    if k == 2:
        args = [s, small_int(rng, 0, 1, 2, 3, -1, 5, 100)]
        if rng.random() < 0.6:
            args.append(small_int(rng, 0, 1, 2, 3, 10, -1))
        return fn(rng.choice(["substring", "substr"]), args, "text"), 0.3
    if k == 3:
        return fn(rng.choice(["length", "char_length", "octet_length"]), [s], "integer"), 0.3
    if k == 4:
        return fn("replace", [s, lit_str(rng.choice(["a", "l", "", "é", "abc"])),
                              lit_str(rng.choice(["", "X", "ÿÿ", "%"]))], "text"), 0.3
    if k == 5:
        return fn("split_part", [s, lit_str(rng.choice([",", " ", "", "l", "é"])),
                                 small_int(rng, 1, 2, 3, -1, 0)], "text"), 0.3
    if k == 6:
        args = [s] + [pick(rng, "i1", "t2", "n1", "p", "d1", "f1", "r1", "ts1", "iv1", "tz1")
                      for _ in range(rng.randint(1, 3))]
        return fn("concat", args, "text"), 0.3
    if k == 7:
        args = [lit_str(rng.choice([",", "", " - "])), s] + [pick(rng, "i1", "t2", "n2", "q", "u1")
                                                            for _ in range(rng.randint(1, 2))]
        return fn("concat_ws", args, "text"), 0.3
    if k == 8:
        o = pick(rng, "t2", "i1", "n1", "d1", "p", "f1", "ts1", "u1", "iv1", "c1")
        return N("(%s || %s)" % (s.c, o.c), "(%s || %s)" % (s.p, o.p), "text"), 0.3
    if k == 9:
        args = [s, small_int(rng, 0, 3, 8, -2)]
        if rng.random() < 0.6:
            args.append(lit_str(rng.choice(["*", "ab", "é", ""])))
        return fn(rng.choice(["lpad", "rpad"]), args, "text"), 0.3
    if k == 10:
        return fn(rng.choice(["left", "right"]), [s, small_int(rng, 0, 1, 2, -1, -3, 10)], "text"), 0.3
    if k == 11:
        return fn("strpos", [s, lit_str(rng.choice(["a", "l", "", "é", "lo", "日本"]))], "integer"), 0.3
    if k == 12:
        return fn("starts_with", [s, lit_str(rng.choice(["a", "H", "", "hé", "  "]))], "boolean"), 0.3
    if k == 13:
        inner = fn(rng.choice(["lower", "upper"]), [s], "text")
        return fn("length", [fn("replace", [inner, lit_str("a"), lit_str("")], "text")], "integer"), 0.3
    if k == 14:
        return N("(%s || %s)" % (s.c, C("t2").c), "(%s || %s)" % (s.p, "t2"), "text"), 0.3
    if k == 15:
        return fn("upper", [fn("substring", [s, lit_int(2), lit_int(3)], "text")], "text"), 0.3
    if k == 16:
        return fn("split_part", [C("t2"), s, lit_int(1)], "text"), 0.3
    return fn("strpos", [s, C("t2")], "integer"), 0.3


REGEXES = ["^a", "c$", "[a-z]+", "^[A-Z]", "l+o", "(ab|cd)", "[0-9]{2,}", "^.$", "^..$", "é",
           "^$", "o w", "a.c", "[[:digit:]]", "[[:upper:]]", "[[:space:]]+", "(a)(b)", "x*", "^h.llo$",
           "[^a-z]"]


def g_regex(rng):
    s = s_arg(rng)
    pat = lit_str(rng.choice(REGEXES))
    if rng.random() < 0.5:
        args = [s, pat] + ([lit_str("i")] if rng.random() < 0.4 else [])
        return fn("regexp_like", args, "boolean"), 0.3
    rep = lit_str(rng.choice(["X", "", "<\\1>", "\\&", "é"]))
    if "(" not in pat.c and "\\1" in rep.c:
        rep = lit_str("Y")
    args = [s, pat, rep] + ([lit_str(rng.choice(["g", "i", "gi"]))] if rng.random() < 0.6 else [])
    return fn("regexp_replace", args, "text"), 0.3


def g_hash(rng):
    s = pick(rng, "t1", "t2", "v1", "c1", "by1")
    k = rng.randrange(5)
    if k == 0:
        return fn("md5", [s], "text"), 0.3
    if k in (1, 2):
        bits = rng.choice([224, 256, 384, 512])
        if s.t == "bytea":
            return N("sha2(%s, %d)" % (s.c, bits), "encode(sha%d(%s), 'hex')" % (bits, s.p), "text"), 0.3
        return sha2(s, bits), 0.3
    if k == 3:
        return fn("encode", [C("by1"), lit_str(rng.choice(["hex", "base64"]))], "text"), 0.3
    return fn("decode", [C("tn"), lit_str("hex")], "bytea"), 0.3


def g_date_arith(rng):
    k = rng.randrange(12)
    iv = rng.choice([C("iv1"), typed_lit("interval", rng.choice(["1 mon", "1 day", "-1 year", "25 hours",
                                                                  "1 mon 1 day", "00:00:00.000001"]))])
    if k == 0:
        return N("(%s %s %s)" % (C("d1").c, "+", "i1"), "(d1 + i1)", "date"), 0.4
    if k == 1:
        n = lit_int(rng.choice([1, 30, 365, -1, 2147483647]))
        return N("(d1 - %s)" % n.c, "(d1 - %s)" % n.p, "date"), 0.4
    if k == 2:
        return N("(d1 - d2)", "(d1 - d2)", "integer"), 0.4
    if k == 3:
        return N("(d1 + %s)" % iv.c, "(d1 + %s)" % iv.p, "timestamp"), 0.4
    if k in (4, 5):
        a = pick(rng, "ts1", "tz1")
        op = rng.choice("+-")
        return N("(%s %s %s)" % (a.c, op, iv.c), "(%s %s %s)" % (a.p, op, iv.p), a.t), 0.4
    if k == 6:
        a, b = pick(rng, "ts1", "ts2"), pick(rng, "ts2", "d1")
        return N("(%s - %s)" % (a.c, b.c), "(%s - %s)" % (a.p, b.p), "interval"), 0.4
    if k == 7:
        return N("(tz1 - ts1)", "(tz1 - ts1::timestamptz)", "interval"), 0.4
    if k == 8:
        op = rng.choice("+-")
        return N("(iv1 %s %s)" % (op, iv.c), "(iv1 %s %s)" % (op, iv.p), "interval"), 0.4
    if k == 9:
        n = rng.choice([lit_int(2), lit_num("1.5"), C("i1"), lit_num("0.5")])
        op = rng.choice("*/")
        return N("(iv1 %s %s)" % (op, n.c), "(iv1 %s %s::float8)" % (op, n.p), "interval"), 0.4
    if k == 10:
        if rng.random() < 0.5:
            return N("(d1 + tm1)", "(d1 + tm1)", "timestamp"), 0.4
        op = rng.choice("+-")
        return N("(tm1 %s %s)" % (op, iv.c), "(tm1 %s %s)" % (op, iv.p), "time"), 0.4
    return N("(-iv1)", "(-iv1)", "interval"), 0.4


UNITS = ["microseconds", "milliseconds", "second", "minute", "hour", "day", "week", "month",
         "quarter", "year", "decade", "century", "millennium"]
FIELDS = ["year", "month", "day", "hour", "minute", "second", "millisecond", "microsecond",
          "milliseconds", "microseconds", "epoch", "dow", "isodow", "doy", "week", "quarter",
          "isoyear", "decade", "century", "millennium"]
FORMATS = ["YYYY-MM-DD", "YYYY-MM-DD HH24:MI:SS", "Dy, DD Mon YYYY", "FMMonth FMDD, YYYY",
           "HH12:MI AM", "IYYY-IW-ID", "Q", "DDD", "WW", "J", "US", "MS", "TZ", "OF",
           "YYYY\"-Q\"Q", "day DAY Day", "YY MM DD", "HH24:MI:SS.FF3", "month Month MONTH",
           "CC", "W", "SSSS", "YYYYMMDD", "D", "FMDDth", "am pm"]


def extract(field, x):
    """EXTRACT is numeric(20,6) in cdcc (9.2); PostgreSQL's ±Infinity for an infinite
    timestamp, which no numeric(20,6) holds, is kept as it is."""
    return N("EXTRACT(%s FROM %s)" % (field, x.c),
             "pg_temp.cdc_extract(EXTRACT(%s FROM %s))" % (field, x.p), "numeric(20,6)")


def g_date_fn(rng):
    k = rng.randrange(9)
    x = pick(rng, "d1", "ts1", "tz1", "ts2")
    if k in (0, 1):
        unit = lit_str(rng.choice(UNITS))
        if x.t == "date":
            # 9.1 trunc_ts: a date gives a timestamp (PostgreSQL would pick timestamptz)
            return N("date_trunc(%s, %s)" % (unit.c, x.c),
                     "date_trunc(%s, (%s)::timestamp)" % (unit.p, x.p), "timestamp"), 0.4
        return fn("date_trunc", [unit, x], x.t), 0.4
    if k in (2, 3):
        y = pick(rng, "d1", "ts1", "tz1", "iv1", "tm1")
        f = rng.choice(FIELDS)
        if y.t in ("interval", "time") and f in ("dow", "isodow", "doy", "week", "isoyear"):
            f = "hour"
        if y.t == "date" and f in ("hour", "minute", "second", "millisecond", "microsecond",
                                   "milliseconds", "microseconds"):
            y = C("ts1")
        if y.t == "time" and f in ("year", "month", "day", "quarter", "decade", "century", "millennium"):
            f = "minute"
        return extract(f, y), 0.4
    if k == 4:
        f = lit_str(rng.choice(FIELDS))
        return fn("date_part", [f, x], "double precision"), 0.4
    if k in (5, 6):
        y = pick(rng, "d1", "ts1", "tz1", "iv1")
        fmt = lit_str(rng.choice(FORMATS if y.t != "interval" else ["HH24:MI:SS", "DD HH24", "MM", "YYYY"]))
        return fn("to_char", [y, fmt], "text"), 0.4
    if k == 7:
        e = pick(rng, "f1", "i1", "n1", "b1")
        return fn("to_timestamp", [e], "timestamptz"), 0.4
    if rng.random() < 0.5:
        fmt = lit_str(rng.choice(["YYYY-MM-DD", "YYYY-MM-DD HH24:MI:SS", "YYYY-MM-DD\"T\"HH24:MI:SS"]))
        return fn("to_timestamp", [C("td"), fmt], "timestamptz"), 0.4
    fmt = lit_str(rng.choice(["YYYY-MM-DD", "YYYYMMDD", "DD/MM/YYYY"]))
    return fn("to_date", [C("td"), fmt], "date"), 0.4


def g_json(rng):
    path = [lit_str(rng.choice(["a", "b", "c", "0", "a\"b"]))]
    for _ in range(rng.randint(0, 2)):
        path.append(lit_str(rng.choice(["b", "c", "0", "1", "d", "2"])))
    j = C("tj")
    return N("json_extract_path_text(%s)" % ", ".join([j.c] + [p.c for p in path]),
             "json_extract_path_text(%s)" % ", ".join(["(%s)::json" % j.p] + [p.p for p in path]),
             "text"), 0.3


def g_uuid(rng):
    k = rng.randrange(4)
    if k == 0:
        return cast(C("tu"), "uuid"), 0.3
    if k == 1:
        return cmp("=", C("u1"), cast(C("tu"), "uuid")), 0.3
    if k == 2:
        return fn("upper", [cast(C("u1"), "text")], "text"), 0.3
    return cmp(rng.choice(["<", ">"]), C("u1"), typed_lit("uuid", "80000000-0000-0000-0000-000000000000")), 0.3


def g_combo(rng):
    """Expressions that mix the families."""
    forms = [
        lambda: fn_common("coalesce", [arith("/", C("n1"), C("n7")), lit_int(0)]),
        lambda: fn_round("round", arith("*", C("n1"), lit_num("1.08")), lit_int(2)),
        lambda: N("(upper(t1) || '-' || lower(t2))", "(upper(t1) || '-' || lower(t2))", "text"),
        lambda: arith("+", fn("length", [C("t1")], "integer"), C("i1")),
        lambda: arith("*", extract("month", C("d1")), lit_int(2)),
        lambda: N("(date_trunc('month', ts1) + interval '1 mon' - interval '1 day')",
                  "(date_trunc('month', ts1) + interval '1 mon' - interval '1 day')", "timestamp"),
        lambda: case_when([(cmp(">", C("n1"), lit_int(100)), lit_str("large")),
                           (cmp(">", C("n1"), lit_int(0)), lit_str("small"))], lit_str("none")),
        lambda: cmp("=", fn("lower", [C("t1")], "text"), fn("lower", [C("t2")], "text")),
        lambda: fn("concat", [fn("split_part", [C("t1"), lit_str(" "), lit_int(1)], "text"),
                              lit_str("@"), C("i1")], "text"),
        lambda: cast(arith("/", C("i1"), lit_num("3.0")), "integer"),
        lambda: arith("%", arith("*", C("b1"), lit_int(3)), lit_int(7)),
        lambda: fn("abs", [arith("-", C("n2"), C("n1"))], arith("-", C("n2"), C("n1")).t),
        lambda: cmp("<", dt_arith("+", C("d1"), typed_lit("interval", "1 mon"), "timestamp"), C("ts1")),
        lambda: fn("md5", [fn("concat", [C("i1"), C("t1")], "text")], "text"),
        lambda: cast(fn("substring", [C("tn"), lit_int(1), lit_int(4)], "text"), "integer"),
        lambda: arith("+", cast(C("tn"), "numeric(12,2)"), C("n1")),
        lambda: fn_common("greatest", [arith("*", C("i1"), lit_int(2)), C("b1"), lit_int(0)]),
        lambda: fn("to_char", [dt_arith("+", C("d1"), C("i2"), "date"), lit_str("YYYY-MM-DD Dy")], "text"),
        lambda: N("(%s AND (i1 > 0 OR p))" % cmp("<>", C("t1"), lit_str("")).c,
                  "(%s AND (i1 > 0 OR p))" % cmp("<>", C("t1"), lit_str("")).p, "boolean"),
        lambda: arith("-", cast(C("f1"), "numeric(20,6)"), C("n2")),
    ]
    return rng.choice(forms)(), 0.3


CATEGORIES = [
    ("int_arith", g_int_arith), ("int_overflow", g_int_overflow), ("num_arith", g_num_arith),
    ("num_round", g_num_round), ("num_big", g_num_big), ("num_cast", g_num_cast),
    ("mixed", g_mixed), ("float", g_float), ("compare", g_compare), ("case", g_case),
    ("in_between", g_in_between), ("like", g_like), ("text_cast", g_text_cast),
    ("string", g_string), ("string2", g_string), ("regex", g_regex), ("hash", g_hash),
    ("date_arith", g_date_arith), ("date_fn", g_date_fn), ("date_fn2", g_date_fn),
    ("json", g_json), ("uuid", g_uuid), ("combo", g_combo), ("combo2", g_combo),
]


class Case:
    def __init__(self, idx, cat, node, rows):
        self.idx, self.cat, self.node, self.rows = idx, cat, node, rows


def generate(seed, count, nrows):
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        cat, g = CATEGORIES[i % len(CATEGORIES)]
        node, bias = g(rng)
        rows = []
        for _ in range(nrows):
            rows.append({name: gen_value(rng, name, t, bias) for name, t in COLUMNS})
        cases.append(Case(i, cat, node, rows))
    return cases


# ---------------------------------------------------------------------------------------
# cdcc side

PIPELINE = """pipeline oracle {}
source s postgres { dsn = env("ORACLE_SRC") heartbeat = 1m tables = [public.t] }
table s.public.t {
  id bigint primary key
%s
}
transform s.public.t {
  e = %s
}
target d postgres { dsn = env("ORACLE_DST") }
merge s.public.t into d.public.t {}
"""


def cdcc_case(cdcc, work, case):
    """Runs one case through `cdcc eval`: a list of ('v', text|None) / ('e', why) per row,
    plus the type cdcc gives e (or None)."""
    path = os.path.join(work, "c%04d.cdc" % case.idx)
    with open(path, "w", encoding="utf-8") as f:
        f.write(PIPELINE % ("\n".join("  %s %s" % (n, t) for n, t in COLUMNS), case.node.c))
    lines = []
    for k, row in enumerate(case.rows):
        r = {"id": k + 1}
        r.update(row)
        lines.append(json.dumps({"op": "insert", "row": r}, ensure_ascii=False))
    inp = ("\n".join(lines) + "\n").encode("utf-8")
    try:
        p = subprocess.run([cdcc, "eval", path, "--table", "s.public.t"], input=inp,
                           capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return [("x", "cdcc eval did not finish in 60 s")] * len(case.rows), None
    res = []
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if not line.startswith("{"):
            continue
        try:
            d = json.loads(line, parse_float=str, parse_int=str)
        except ValueError:
            res.append(("x", "unreadable output: " + line))
            continue
        fate = d.get("fate")
        if fate == "applied" and "e" in d.get("row", {}):
            v = d["row"]["e"]
            res.append(("v", {True: "true", False: "false"}.get(v, v) if isinstance(v, bool) else v))
        elif fate == "quarantined":
            res.append(("e", d["quarantine"].get("reason", "?")))
        else:
            # a transform error quarantines; anything else is wrong
            res.append(("x", line))
    if len(res) != len(case.rows):
        why = (p.stderr.decode("utf-8", "replace").strip() or "no output").splitlines()
        why = " | ".join(w.strip() for w in why[:3])
        st = "killed by signal %d" % -p.returncode if p.returncode < 0 else "exit %d" % p.returncode
        return [("x", "cdcc eval %s: %s" % (st, why))] * len(case.rows), None
    etype = None
    pe = subprocess.run([cdcc, "explain", "--format=json", "--no-code", path], capture_output=True)
    if pe.returncode == 0:
        for c in json.loads(pe.stdout)["tables"][0]["output"]:
            if c["name"] == "e":
                etype = c["type"]
    os.unlink(path)
    return res, etype


# ---------------------------------------------------------------------------------------
# PostgreSQL side

PG_PRELUDE = r"""
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.ev(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE r text; nul boolean;
BEGIN
  EXECUTE q INTO r, nul;
  RETURN json_build_array('v', CASE WHEN nul THEN NULL ELSE r END)::text;
EXCEPTION WHEN OTHERS THEN
  RETURN json_build_array('e', SQLSTATE || ': ' || SQLERRM)::text;
END $f$;
-- numeric(p,s) division in cdcc (language 7.6): the exact quotient rounded half away
-- from zero to s digits
CREATE FUNCTION pg_temp.cdc_div(a numeric, b numeric, s int) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT AS $f$
DECLARE m numeric; q numeric; r numeric;
BEGIN
  IF a = 'NaN'::numeric OR b = 'NaN'::numeric THEN RETURN 'NaN'::numeric; END IF;
  IF b = 0 OR abs(a) = 'Infinity'::numeric OR abs(b) = 'Infinity'::numeric THEN
    RETURN round(a / b, s);
  END IF;
  m := a * ('1e' || s)::numeric;
  q := div(m, b);
  r := m - q * b;
  IF 2 * abs(r) >= abs(b) THEN q := q + sign(m) * sign(b); END IF;
  RETURN q * ('1e-' || s)::numeric;
END $f$;
-- EXTRACT in cdcc (language 9.2): numeric(20,6), but ±Infinity stays
CREATE FUNCTION pg_temp.cdc_extract(x numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT AS $f$
  SELECT CASE WHEN abs(x) = 'Infinity'::numeric THEN x ELSE x::numeric(20,6) END
$f$;
-- an unbounded numeric in cdcc (language 7.6, runtime/numeric.h): at most 38 significant
-- digits, the fraction rounded half away from zero to fit, else out of range
CREATE FUNCTION pg_temp.cdc_num38(x numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT AS $f$
DECLARE k int; s int;
BEGIN
  IF x = 'NaN'::numeric OR abs(x) = 'Infinity'::numeric THEN RETURN x; END IF;
  FOR pass IN 1..2 LOOP
    k := CASE WHEN trunc(abs(x)) = 0 THEN 0 ELSE length(trunc(abs(x))::text) END;
    IF k > 38 THEN
      RAISE EXCEPTION 'numeric value out of range' USING ERRCODE = '22003';
    END IF;
    s := scale(x);
    IF k + s > 38 THEN x := round(x, 38 - k); END IF;
  END LOOP;
  RETURN x;
END $f$;
"""


def sql_lit(v, t):
    if v is None:
        return "NULL::%s" % t
    return "'%s'::%s" % (v.replace("'", "''"), t)


def pg_query(case, row):
    vals = ", ".join(sql_lit(row[n], t) for n, t in COLUMNS)
    names = ", ".join(n for n, _ in COLUMNS)
    # concat() gives the type's output function text (char(n) keeps its padding)
    return ("SELECT concat(x), x IS NULL FROM (SELECT (%s) AS x FROM (VALUES (%s)) AS t(%s)) AS s"
            % (case.node.p, vals, names))


def pg_run(psql, cases):
    script = [PG_PRELUDE]
    for case in cases:
        for row in case.rows:
            q = pg_query(case, row)
            script.append("SELECT pg_temp.ev('%s');" % q.replace("'", "''"))
    p = subprocess.run(psql + ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", "-"],
                       input="\n".join(script).encode("utf-8"), capture_output=True, timeout=300)
    if p.returncode != 0:
        raise RuntimeError("psql failed: " + p.stderr.decode("utf-8", "replace")[:2000])
    out = [l for l in p.stdout.decode("utf-8").split("\n") if l.startswith("[")]
    want = sum(len(c.rows) for c in cases)
    if len(out) != want:
        raise RuntimeError("psql gave %d results for %d queries" % (len(out), want))
    res = iter(json.loads(l) for l in out)
    return [[tuple(next(res)) for _ in c.rows] for c in cases]


# ---------------------------------------------------------------------------------------
# Comparison and report

def pg_bug(pg):
    """An error PostgreSQL raises at parse or plan time (SQLSTATE class 42: syntax error,
    undefined function, ...) means the generator wrote bad SQL, never a match."""
    return pg[0] == "e" and pg[1].startswith("42")


def same(pg, cd):
    if pg_bug(pg):
        return False
    if pg[0] == "e" and cd[0] == "e":
        return True
    if pg[0] == "v" and cd[0] == "v":
        return pg[1] == cd[1]
    return False


def show(r):
    if pg_bug(r):
        return "ERROR IN THE GENERATED SQL " + r[1]
    if r[0] == "e":
        return "ERROR " + r[1]
    if r[0] == "x":
        return "FAILED " + r[1]
    return "NULL" if r[1] is None else json.dumps(r[1], ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description="cdcc against PostgreSQL 15 on generated expressions")
    ap.add_argument("--cdcc", required=True, help="the cdcc binary")
    ap.add_argument("--psql", default=shutil.which("psql") or "psql", help="the psql binary")
    ap.add_argument("--workdir", default=None, help="where the pipeline files go (default: a new "
                    "temporary directory, removed afterwards)")
    ap.add_argument("--host", default=None, help="PostgreSQL host or socket directory")
    ap.add_argument("--port", default=None)
    ap.add_argument("--user", default="postgres")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=800)
    ap.add_argument("--rows", type=int, default=8, help="input rows per expression")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--verbose", action="store_true", help="list every expression")
    ap.add_argument("--dump", action="store_true", help="print the generated cases and exit")
    a = ap.parse_args()

    t0 = time.time()
    cases = generate(a.seed, a.count, a.rows)
    if a.dump:
        for c in cases:
            print("%4d %-12s %s\n%17s PG: %s" % (c.idx, c.cat, c.node.c, "", c.node.p))
        return 0
    psql = [a.psql, "-U", a.user, "-d", "postgres"]
    if a.host:
        psql += ["-h", a.host]
    if a.port:
        psql += ["-p", str(a.port)]

    if not (os.path.isfile(a.cdcc) and os.access(a.cdcc, os.X_OK)):
        print("oracle: setup error: %s is not an executable" % a.cdcc, file=sys.stderr)
        return 2
    work = a.workdir or tempfile.mkdtemp(prefix="cdcc-oracle-")
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pgpool:
            pgf = pgpool.submit(pg_run, psql, cases)
            with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
                cd = list(pool.map(lambda c: cdcc_case(a.cdcc, work, c), cases))
            pg = pgf.result()
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        print("oracle: setup error: %s" % e, file=sys.stderr)
        return 2
    finally:
        if not a.workdir:
            shutil.rmtree(work, ignore_errors=True)

    matched = mismatched = 0
    rows_total = rows_err = rows_null = 0
    type_notes = []
    for case, pres, (cres, etype) in zip(cases, pg, cd):
        if case.node.t == "boolean":
            # concat() prints booleans as t/f; cdcc's JSON true/false became "true"/"false"
            pres = [("v", {"t": "true", "f": "false"}.get(v, v)) if k == "v" else (k, v)
                    for k, v in pres]
        bad = []
        for k, (pr, cr) in enumerate(zip(pres, cres)):
            rows_total += 1
            if pr[0] == "e" and cr[0] == "e":
                rows_err += 1
            elif pr == ("v", None) and cr == ("v", None):
                rows_null += 1
            if not same(pr, cr):
                bad.append((k, pr, cr))
        if etype is not None and case.node.t is not None and etype != case.node.t:
            type_notes.append("  #%d [%s] %s\n    cdcc type %s, language reference says %s"
                              % (case.idx, case.cat, case.node.c, etype, case.node.t))
        if a.verbose:
            print("#%d [%s] %s -> %s" % (case.idx, case.cat, case.node.c, "ok" if not bad else "MISMATCH"))
        if not bad:
            matched += 1
            continue
        mismatched += 1
        print("MISMATCH #%d [%s] %s" % (case.idx, case.cat, case.node.c))
        print("  PostgreSQL: %s" % case.node.p)
        for k, pr, cr in bad[:4]:
            used = {n: case.rows[k][n] for n, _ in COLUMNS if re.search(r"\b%s\b" % n, case.node.c)}
            print("  inputs %s" % json.dumps(used, ensure_ascii=False))
            print("    pg:   %s" % show(pr))
            print("    cdcc: %s" % show(cr))
        if len(bad) > 4:
            print("  ... and %d more rows" % (len(bad) - 4))
    if type_notes:
        print("type differences (cdcc explain vs language 7.3/7.6, not counted):")
        print("\n".join(type_notes))
    print("rows: %d compared, %d both errors, %d both NULL; %.1f s"
          % (rows_total, rows_err, rows_null, time.time() - t0))
    print("oracle: %d expressions, %d matched, %d mismatched" % (len(cases), matched, mismatched))
    return 0 if mismatched == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
