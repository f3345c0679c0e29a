#!/usr/bin/env python3
"""tests/sql/apply.py -- cdcc's generated SQL, executed against real databases.

Run by tests/sql/run.sh, which starts a throwaway PostgreSQL 15 and MariaDB 10.11.  For
every route of tests/sql/apply.cdc into the `pg` (PostgreSQL) and `my` (MySQL) targets it

  1. creates the target with `cdcc ddl --dialect D` (schemas, runtime tables, tables);
  2. generates random batches of changes that follow a source's rules (an insert of a
     key that is absent, updates and deletes of keys that are present), with several
     changes of one key in a batch, keys deleted and inserted again, updates that leave
     columns unsent (PostgreSQL TOAST), NULL keys, and values that are hard to stage
     (quotes, commas, line breaks, the words NULL and \\N, unicode, every byte);
  3. stages each batch as the runtime does (docs/sql.md, "Staging") and runs the
     per-batch statements of `cdcc ddl --load` in one transaction, with the checkpoint;
  4. compares the target table with a model of the semantics (docs/language.md 12.5,
     12.6: hard, soft and ignored deletes, append, unsent columns kept) after every
     batch, and the checkpoint row with the last batch;
  5. runs a schema migration: the tables of tests/golden/migrate/additive.old.cdc with a
     row in them, the ALTERs of `cdcc ddl additive.cdc --migrate-from additive.old.cdc`,
     then a batch of the new pipeline, which must find the row and fill the new columns.

Batches in which every change sent every column are applied with the one-sort form
(`--full-rows`) as the runtime does, half of them with the general form as well, on a
copy, which must agree.  Any difference is printed with the batch that caused it.

Exit status: 0 all tables matched, 1 a mismatch or an SQL error, 2 a setup error.
"""

import argparse
import datetime
import decimal
import json
import os
import random
import subprocess
import sys

UNSENT = object()  # a column the change did not send

# The pipeline maps src.public.X to pg."app data".X and my.app_data.X (tests/sql/apply.cdc)
TARGETS = {"pg": ("postgres", "app data"), "my": ("mysql", "app_data")}
RUNTIME_SCHEMA = {"pg": "cdcc rt", "my": "cdcc_rt"}


def die(msg, status=2):
    print("sql: " + msg, file=sys.stderr)
    sys.exit(status)


def run(argv, stdin=None, check=True):
    p = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if check and p.returncode != 0:
        raise RuntimeError("%s exited with %d:\n%s%s" % (argv[0], p.returncode,
                           p.stdout.decode("utf-8", "replace")[-3000:],
                           p.stderr.decode("utf-8", "replace")[-3000:]))
    return p.stdout.decode("utf-8")


# ---- the two databases ------------------------------------------------------------------

class Postgres:
    name = "pg"

    def __init__(self, a):
        self.base = [a.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", a.pg_host, "-p", str(a.pg_port),
                     "-U", "postgres", "-d", "postgres"]

    def ident(self, s):
        return '"' + s.replace('"', '""') + '"'

    def script(self, sql):
        return run(self.base + ["-A", "-t"], sql.encode("utf-8"))

    def text_expr(self, col, ty):
        c = self.ident(col)
        if ty == "timestamptz":
            return "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')" % c
        if ty == "bytea":
            return "encode(%s, 'hex')" % c
        return "%s::text" % c

    def rows(self, schema, table, cols):
        exprs = ", ".join(self.text_expr(c, t) for c, t in cols)
        out = self.script("SELECT json_build_array(%s) FROM %s.%s;" % (exprs, self.ident(schema), self.ident(table)))
        return [json.loads(line) for line in out.splitlines() if line]

    # a value as PostgreSQL's COPY in its text format reads it: backslash, tab and line
    # breaks escaped with a backslash, NULL as \N
    def stage_value(self, v, ty):
        if v is None:
            return "\\N"
        if ty == "boolean":
            s = "t" if v else "f"
        elif ty == "timestamptz":
            s = v.strftime("%Y-%m-%d %H:%M:%S.%f") + "+00"
        elif ty == "bytea":
            s = "\\x" + v.hex()
        elif ty in ("json", "jsonb"):
            s = json.dumps(v, ensure_ascii=False)
        else:
            s = str(v)
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    # _cdc_seq, _cdc_op, _cdc_unchanged (an empty field is the empty string) and the values
    def stage_line(self, seq, op, unsent, cells):
        return "\t".join([str(seq), op, unsent] + cells) + "\n"

    def batch_script(self, load, csv, checkpoint, params):
        # psql reads COPY FROM STDIN's data from the script, after the statement, up to \.
        out, done = [], False
        for line in load.splitlines(keepends=True):
            out.append(line)
            if not done and line.startswith("COPY ") and line.rstrip().endswith("FROM STDIN;"):
                out.append(csv)
                out.append("\\.\n")
                done = True
        if not done:
            raise RuntimeError("no COPY ... FROM STDIN in the load statements")
        return "BEGIN;\n" + "".join(out) + self.prepared(checkpoint, params) + "COMMIT;\n"

    def prepared(self, stmts, params):
        # the runtime passes the checkpoint's and quarantine's values as parameters ($1 ..)
        out = []
        for i, (stmt, args) in enumerate(zip(stmts, params)):
            lits = ", ".join("NULL" if a is None else "'" + str(a).replace("'", "''") + "'" for a in args)
            out.append("PREPARE cdcc_p%d AS %s;\nEXECUTE cdcc_p%d(%s);\nDEALLOCATE cdcc_p%d;\n"
                       % (i, stmt.rstrip().rstrip(";"), i, lits, i))
        return "".join(out)


class MariaDB:
    name = "my"

    def __init__(self, a, workdir):
        self.base = [a.mariadb, "--no-defaults", "-uroot", "--socket=" + a.my_sock, "--local-infile=1",
                     "--default-character-set=utf8mb4"]
        self.workdir = workdir

    def ident(self, s):
        return "`" + s.replace("`", "``") + "`"

    def script(self, sql):
        # from standard input the client stops at the first error, with a non-zero status
        return run(self.base + ["-N", "-B", "-r"], sql.encode("utf-8"))

    def text_expr(self, col, ty):
        c = self.ident(col)
        if ty == "timestamptz":
            return "DATE_FORMAT(%s, '%%Y-%%m-%%d %%H:%%i:%%s.%%f')" % c
        if ty == "bytea":
            return "LOWER(HEX(%s))" % c
        return "CAST(%s AS CHAR)" % c

    def rows(self, schema, table, cols):
        exprs = ", ".join(self.text_expr(c, t) for c, t in cols)
        out = self.script("SELECT JSON_ARRAY(%s) FROM %s.%s;" % (exprs, self.ident(schema), self.ident(table)))
        return [json.loads(line) for line in out.splitlines() if line]

    # a value as the generated LOAD DATA reads it: quoted, " doubled, NULL unquoted,
    # bytea as hex (UNHEX applies it), timestamps in UTC without a zone
    def stage_value(self, v, ty):
        if v is None:
            return "NULL"
        if ty == "boolean":
            s = "1" if v else "0"
        elif ty == "timestamptz":
            s = v.strftime("%Y-%m-%d %H:%M:%S.%f")
        elif ty == "bytea":
            s = v.hex()
        elif ty in ("json", "jsonb"):
            s = json.dumps(v, ensure_ascii=False)
        else:
            s = str(v)
        return '"' + s.replace('"', '""') + '"'

    def stage_line(self, seq, op, unsent, cells):
        return ",".join([str(seq), op, '"' + unsent + '"'] + cells) + "\n"

    def batch_script(self, load, csv, checkpoint, params):
        path = os.path.join(self.workdir, "batch.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(csv)
        if "'{{file}}'" not in load:
            raise RuntimeError("no LOAD DATA ... '{{file}}' in the load statements")
        return ("START TRANSACTION;\n" + load.replace("{{file}}", path) + self.prepared(checkpoint, params)
                + "COMMIT;\n")

    def prepared(self, stmts, params):
        out = []
        for i, (stmt, args) in enumerate(zip(stmts, params)):
            sets = "".join("SET @cdcc_a%d = %s;\n" % (k, "NULL" if a is None else
                           "'" + str(a).replace("\\", "\\\\").replace("'", "''") + "'") for k, a in enumerate(args))
            using = ", ".join("@cdcc_a%d" % k for k in range(len(args)))
            body = stmt.rstrip().rstrip(";").replace("\\", "\\\\").replace("'", "''")
            out.append("%sPREPARE cdcc_p%d FROM '%s';\nEXECUTE cdcc_p%d USING %s;\nDEALLOCATE PREPARE cdcc_p%d;\n"
                       % (sets, i, body, i, using, i))
        return "".join(out)


# ---- the generated SQL ------------------------------------------------------------------

def ddl(a, dialect, *extra):
    return run([a.cdcc, "ddl", a.pipeline, "--dialect", dialect] + list(extra))


def split_load(text):
    """The per-batch statements of one route, and the checkpoint statements."""
    marker = "\n-- per batch, in the transaction that writes the checkpoint:\n"
    last = "\n-- per batch, last, in the same transaction:\n"
    if marker not in text or last not in text:
        raise RuntimeError("cdcc ddl --load printed no per-batch statements")
    load = text.split(marker, 1)[1].split(last, 1)[0]
    tail = text.split(last, 1)[1]
    stmts, cur = [], []
    for line in tail.splitlines(keepends=True):
        if line.startswith("--") and not cur:
            continue
        cur.append(line)
        if line.rstrip().endswith(";"):
            stmts.append("".join(cur))
            cur = []
    return load, stmts


# ---- values -------------------------------------------------------------------------------

NASTY = ["", "NULL", "\\N", "null", "a,b", 'say "hi"', "it's", "line\nbreak", "cr\r\nlf", "tab\there",
         "back\\slash", "\\", "naïve café ☕ 日本", "emoji 🎉", "  spaced  ", ";--", "'; DROP TABLE x; --"]


def text_value(rng, limit=None):
    r = rng.random()
    if r < 0.35:
        s = rng.choice(NASTY)
    elif r < 0.45:
        s = "long " * rng.randint(200, 900)      # past PostgreSQL's TOAST threshold
    else:
        s = "".join(rng.choice("abcdefghij ,\"'\n\\é€") for _ in range(rng.randint(1, 12)))
    return s[:limit] if limit else s


def make_value(rng, ty, key=False):
    if ty in ("integer", "bigint", "smallint"):
        return rng.randint(-5, 40) if not key else rng.randint(1, 14)
    if ty.startswith("varchar(") or ty.startswith("char(") or ty == "text":
        n = int(ty[ty.index("(") + 1:-1]) if "(" in ty else None
        if key:
            return rng.choice(["k1", "k1 ", "K1", "k 2", "k,3", 'k"4', "k'5", "ключ", "k\\6", "k7", "k8"])[:n]
        return text_value(rng, n)
    if ty.startswith("numeric("):
        p, s = (int(x) for x in ty[8:-1].split(","))
        whole = rng.randint(-(10 ** min(p - s, 6) - 1), 10 ** min(p - s, 6) - 1)
        frac = rng.randint(0, 10 ** s - 1) if s else 0
        return decimal.Decimal("%d.%0*d" % (whole, s, frac) if s else str(whole))
    if ty == "double precision":
        return rng.randint(-4000, 4000) / 16.0       # exact in binary: one text form everywhere
    if ty == "boolean":
        return rng.random() < 0.5
    if ty == "date":
        return datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(-4000, 4000))
    if ty == "timestamptz":
        return datetime.datetime(2024, 5, 1) + datetime.timedelta(microseconds=rng.randint(-10 ** 14, 10 ** 14))
    if ty in ("json", "jsonb"):
        return rng.choice([{"a": 1}, {"q": 'x"y', "n": None, "l": [1, 2.5, "é"]}, [1, {"b": True}], {"k": "v\nw"}])
    if ty == "bytea":
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 24)))
    raise RuntimeError("no generator for type " + ty)


def canon(v, ty):
    """A value read back (text, or None) or generated, in one comparable form."""
    if v is None:
        return None
    if ty in ("integer", "bigint", "smallint"):
        return int(v)
    if ty.startswith("numeric"):
        return decimal.Decimal(str(v))
    if ty == "double precision":
        return float(v)
    if ty == "boolean":
        return v if isinstance(v, bool) else v in ("t", "true", "1")
    if ty == "date":
        return v.isoformat() if isinstance(v, datetime.date) else v
    if ty == "timestamptz":
        return v.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime.datetime) else v
    if ty in ("json", "jsonb"):
        return json.dumps(json.loads(v) if isinstance(v, str) else v, sort_keys=True)
    if ty == "bytea":
        return v.hex() if isinstance(v, bytes) else v
    if ty.startswith("char("):
        return v.rstrip(" ")       # CHAR pads; MySQL strips the padding when read
    return v


# ---- the routes and the model -------------------------------------------------------------

class Route:
    def __init__(self, table, out, r):
        self.table = table                         # "src.public.accounts"
        self.name = table.split(".", 2)[2].strip('"').replace('""', '"')
        self.mode, self.deletes = r["mode"], r["deletes"]
        self.cols = [(c["name"], c["type"]) for c in out]
        self.not_null = {c["name"] for c in out if c["not_null"]}
        # columns a transform computes from the change event alone (op(), commit_time())
        self.event = {c["name"]: c["expression"] for c in out if c.get("expression") and not c["reads"]}
        self.flag = r.get("soft_delete_column")
        self.own_flag = self.flag is not None and self.flag not in [c for c, _ in self.cols]
        if self.own_flag:
            self.cols.append((self.flag, "boolean"))
        self.key = r["key"]
        self.state = {}    # merge: key -> row (dict); append: unused
        self.extra = []    # rows that no key reaches: appended ones, NULL keys

    def copy(self):
        c = Route.__new__(Route)
        c.__dict__.update(self.__dict__)
        c.state = {k: dict(v) for k, v in self.state.items()}
        c.extra = [dict(x) for x in self.extra]
        return c

    def staged_cols(self):
        return [(c, t) for c, t in self.cols if not (self.own_flag and c == self.flag)]

    def apply(self, op, values):
        """The semantics of one change (docs/language.md 12.5, 12.6)."""
        if self.mode == "append":
            self.extra.append({c: (None if values[c] is UNSENT else values[c]) for c, _ in self.staged_cols()})
            return
        key = tuple(values[k] for k in self.key)
        if any(k is None for k in key):            # a NULL key never matches
            if op != "D":
                row = {c: None for c, _ in self.cols}
                row.update({c: v for c, v in values.items() if v is not UNSENT})
                if self.own_flag:
                    row[self.flag] = False
                self.extra.append(row)
            return
        row = self.state.get(key)
        if op == "D":
            if row is None or self.deletes == "ignore":
                return
            if self.deletes == "hard":
                del self.state[key]
                return
            for c in self.event:
                if values[c] is not UNSENT:
                    row[c] = values[c]
            row[self.flag] = True
            return
        if row is None:
            row = self.state[key] = {c: None for c, _ in self.cols}
        for c, v in values.items():
            if v is not UNSENT:
                row[c] = v
        if self.own_flag:
            row[self.flag] = False

    def expected(self):
        rows = list(self.state.values()) + self.extra
        return sorted(json.dumps([canon(r[c], t) for c, t in self.cols], default=str) for r in rows)


class Generator:
    """Changes as a source produces them, per route's merge key (or id, for append)."""

    def __init__(self, rng, route):
        self.rng, self.r = rng, route
        self.present = {}       # key -> True while the source has the row

    def change(self, seq, commit, first):
        rng, r = self.rng, self.r
        keycols = r.key or [r.cols[0][0]]
        types = dict(r.cols)
        if r.table == "src.public.codes" and rng.random() < 0.15:
            key = (None,)                               # a row whose merge key is NULL
        else:
            key = tuple(make_value(rng, types[k], key=True) for k in keycols)
        present = self.present.get(key, False) and key != (None,)
        if not present and key != (None,) and rng.random() < 0.1:
            op = "D"        # a row from before the capture began (snapshot = never)
        elif not present:
            op = "S" if first and rng.random() < 0.5 else "I"
        else:
            op = "D" if rng.random() < 0.3 else "U"
        values = {}
        for c, t in r.staged_cols():
            if c in keycols:
                values[c] = key[keycols.index(c)]
            elif c in r.event:
                values[c] = {"op()": op, "commit_time()": commit}[r.event[c]]
            elif op == "D":
                values[c] = UNSENT
            elif op == "U" and (t == "text" or t.startswith("varchar") or t in ("jsonb", "bytea")) \
                    and rng.random() < 0.35:
                values[c] = UNSENT                       # TOAST: unchanged, not sent
            elif rng.random() < 0.1 and c not in r.not_null:
                values[c] = None
            else:
                values[c] = make_value(rng, t)
        if key != (None,):
            self.present[key] = op != "D"
        return op, values


def stage_csv(db, route, changes):
    lines = []
    cols = route.cols
    for seq, (op, values) in enumerate(changes, 1):
        unsent = "".join("1" if (c in values and values[c] is UNSENT) else "0" for c, _ in cols)
        if "1" not in unsent:
            unsent = ""
        cells = [db.stage_value(None if values[c] is UNSENT else values[c], t) for c, t in route.staged_cols()]
        lines.append(db.stage_line(seq, op, unsent, cells))
    return "".join(lines)


def full_rows(route, changes):
    """Can this batch use the one-sort form (docs/sql.md)?"""
    for op, values in changes:
        if op == "D":
            if route.deletes == "soft":
                return False
            continue
        if any(v is UNSENT for v in values.values()):
            return False
    return True


# ---- the test -----------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cdcc", required=True)
    ap.add_argument("--pipeline", required=True)
    ap.add_argument("--psql", required=True)
    ap.add_argument("--pg-host", required=True)
    ap.add_argument("--pg-port", required=True)
    ap.add_argument("--mariadb", required=True)
    ap.add_argument("--my-sock", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--migrate-dir", required=True)
    a = ap.parse_args()

    dbs = [Postgres(a), MariaDB(a, a.workdir)]
    plan = json.loads(run([a.cdcc, "explain", a.pipeline, "--format=json", "--no-code"]))
    for db in dbs:
        db.script(ddl(a, TARGETS[db.name][0]))      # every table, and the runtime tables

    failures, checked, applied = 0, 0, 0
    stats = {"one-sort batches": 0, "general-form cross-checks": 0, "changes with unsent columns": 0,
             "keys changed twice or more in a batch": 0, "deletes": 0, "NULL keys": 0}
    for t in plan["tables"]:
        for rj in t["routes"]:
            target = rj["target"].split(".", 1)[0]
            db = next(d for d in dbs if d.name == target)
            dialect, schema = TARGETS[target]
            route = Route(t["name"], t["output"], rj)
            rng = random.Random("%d/%s/%s" % (a.seed, t["name"], target))
            gen = Generator(rng, route)
            args = ["--target", target, "--table", t["name"], "--load"]
            general = split_load(ddl(a, dialect, *args))
            onesort = split_load(ddl(a, dialect, *(args + ["--full-rows"])))
            for b in range(1, a.batches + 1):
                commit = datetime.datetime(2024, 6, 1) + datetime.timedelta(seconds=b)
                changes = [gen.change(s, commit, b == 1) for s in range(rng.randint(1, 30))]
                fast = full_rows(route, changes)
                stats["one-sort batches"] += fast
                stats["changes with unsent columns"] += sum(op != "D" and UNSENT in v.values() for op, v in changes)
                stats["deletes"] += sum(op == "D" for op, _ in changes)
                keys = [tuple(v[k] for k in route.key) for _, v in changes] if route.key else []
                stats["NULL keys"] += sum(None in k for k in keys)
                stats["keys changed twice or more in a batch"] += sum(
                    keys.count(k) > 1 for k in set(keys) if None not in k)
                load, ckpt = onesort if fast else general
                position = "0/%X" % (b * 4096)
                params = [["sql_apply", t["name"], "rule'q", "reason \"r\"", 7, "I", position,
                           "2024-06-01 00:00:00+00", '{"id": 1}'],
                          ["sql_apply", "src", position, b]]
                if db.name == "my":
                    params[0][7] = "2024-06-01 00:00:00"
                csv = stage_csv(db, route, changes)
                if fast and rng.random() < 0.5:
                    # the general form must agree: run it first, in a transaction rolled back
                    trial = db.batch_script(general[0], csv, [], []).replace("COMMIT;\n", "")
                    trial += rows_sql(db, schema, route) + "ROLLBACK;\n"
                    got = [json.loads(x) for x in db.script(trial).splitlines() if x]
                    model = route.copy()
                    for op, values in changes:
                        model.apply(op, values)
                    failures += compare(db, route, b, "general form", got, model.expected(), changes)
                    stats["general-form cross-checks"] += 1
                try:
                    db.script(db.batch_script(load, csv, ckpt, params))
                except RuntimeError as e:
                    print("FAIL: %s %s batch %d: %s" % (db.name, t["name"], b, e))
                    failures += 1
                    break
                applied += len(changes)
                for op, values in changes:
                    route.apply(op, values)
                got = db.rows(schema, route.name, route.cols)
                failures += compare(db, route, b, "one-sort form" if fast else "general form", got,
                                    route.expected(), changes)
                checked += 1
            # the checkpoint row holds the last batch
            ck = db.rows(RUNTIME_SCHEMA[db.name], "cdcc_checkpoints",
                         [("pipeline", "text"), ("source", "text"), ("position", "text"), ("batch_id", "bigint")])
            if ck != [["sql_apply", "src", "0/%X" % (a.batches * 4096), str(a.batches)]]:
                print("FAIL: %s checkpoint after %s: %s" % (db.name, t["name"], ck))
                failures += 1
    failures += migration(a, dbs)
    print("sql: %s" % ", ".join("%d %s" % (n, k) for k, n in stats.items()))
    print("sql: %d batches of %d changes applied and compared (PostgreSQL 15, MariaDB 10.11), %d mismatches"
          % (checked, applied, failures))
    return 1 if failures else 0


def migration(a, dbs):
    """An old version's tables with a row, the migration's ALTERs, a batch of the new."""
    old = os.path.join(a.migrate_dir, "additive.old.cdc")
    new = os.path.join(a.migrate_dir, "additive.cdc")
    plan = json.loads(run([a.cdcc, "explain", new, "--format=json", "--no-code"]))
    t = next(x for x in plan["tables"] if x["name"] == "app.public.orders")
    failures = 0
    for db in dbs:
        dialect = TARGETS[db.name][0]
        rj = next(r for r in t["routes"] if r["target"].startswith(db.name + "."))
        route = Route(t["name"], t["output"], rj)
        try:
            db.script(run([a.cdcc, "ddl", old, "--dialect", dialect]))
            # a row written by the old version (it has a column the new one no longer writes)
            db.script("INSERT INTO %s.%s (%s) VALUES (1, 'new', 10.50, 'old note', 2, '2024-01-01 10:00:00');\n"
                      % (db.ident("shop"), db.ident("orders"),
                         ", ".join(db.ident(c) for c in ["id", "status", "amount", "note", "qty", "placed"])))
            db.script(run([a.cdcc, "ddl", new, "--dialect", dialect, "--migrate-from", old]))
            load, ckpt = split_load(run([a.cdcc, "ddl", new, "--dialect", dialect, "--target", db.name,
                                         "--table", t["name"], "--load"]))
            when = datetime.datetime(2024, 2, 1, 8, 0, 0)
            changes = [("U", {"id": 1, "status": "shipped with a longer status", "amount": UNSENT, "qty": 3,
                              "placed": when, "channel": "web", "region": "eu-west"}),
                       ("I", {"id": 2, "status": "new", "amount": decimal.Decimal("7.25"), "qty": 1,
                              "placed": when, "channel": None, "region": "us"})]
            route.state[(1,)] = {"id": 1, "status": "new", "amount": decimal.Decimal("10.50"), "qty": 2,
                                 "placed": datetime.datetime(2024, 1, 1, 10, 0, 0), "channel": None, "region": None}
            csv = stage_csv(db, route, changes)
            params = [["shop", t["name"], "r", "why", 1, "U", "0/1", None, "{}"], ["shop", "app", "0/1", 1]]
            db.script(db.batch_script(load, csv, ckpt, params))
        except RuntimeError as e:
            print("FAIL: %s migration: %s" % (db.name, e))
            failures += 1
            continue
        for op, values in changes:
            route.apply(op, values)
        failures += compare(db, route, 1, "after the migration", db.rows("shop", "orders", route.cols),
                            route.expected(), changes)
    return failures


def rows_sql(db, schema, route):
    exprs = ", ".join(db.text_expr(c, t) for c, t in route.cols)
    fn = "json_build_array" if db.name == "pg" else "JSON_ARRAY"
    return "SELECT %s(%s) FROM %s.%s;\n" % (fn, exprs, db.ident(schema), db.ident(route.name))


def compare(db, route, b, form, got, want, changes):
    got = sorted(json.dumps([canon(v, t) for v, (_, t) in zip(row, route.cols)], default=str) for row in got)
    if got == want:
        return 0
    print("FAIL: %s %s batch %d (%s): the target differs from the model" % (db.name, route.table, b, form))
    print("  changes:")
    for op, values in changes:
        print("    %s %s" % (op, {c: ("<unsent>" if v is UNSENT else v) for c, v in values.items()}))
    for row in sorted(set(want) - set(got)):
        print("  missing: " + row)
    for row in sorted(set(got) - set(want)):
        print("  extra:   " + row)
    return 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        die(str(e), 1)
