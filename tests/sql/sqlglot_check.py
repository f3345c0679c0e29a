#!/usr/bin/python3
"""tests/sql/sqlglot_check.py - every statement that `cdcc ddl` prints parses with sqlglot.

usage: sqlglot_check.py --dialect redshift|athena [FILE.sql ...]   (no FILE, or -, reads stdin)
       sqlglot_check.py --self-test

Splits the SQL into statements with a small lexer of its own (it has to agree with the
target database on where strings, quoted names and comments end, and sqlglot 10.6.3 does
not: see normalise()), parses each statement with sqlglot in strict mode, and fails on:

  - a statement sqlglot rejects, or one it only swallows whole as an opaque exp.Command
    (it did not check it), unless its kind is in OPAQUE or SYNONYMS below;
  - what sqlglot 10.6.3 silently accepts but the database would not: an empty list item
    as in (a,,b) or '' in an Athena string (check_lexically()), a column without a type,
    a keyword, name or string literal that the parse lost or assumed (check_tree()),
    and the documented dialect rules in check_rules();
  - an unterminated string, name or comment, unbalanced parentheses, an empty statement
    or a last statement without its ';'.

Athena is checked as sqlglot's "hive" dialect: Athena DDL is Hive DDL (backquoted names,
ROW FORMAT SERDE, TBLPROPERTIES), and sqlglot's presto/trino dialects reject backquotes.
cdcc prints no Athena DML (which would be Trino SQL).

Run it with /usr/bin/python3: Debian's python3-sqlglot (10.6.3) is installed for that
interpreter only.  Exit status: 0 all statements check, 1 failures, 77 sqlglot is not
installed (2 instead when CI=true, so that CI cannot skip the check silently), 2 usage.
"""

import argparse
import collections
import logging
import os
import re
import sys

try:
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import ErrorLevel, ParseError
except ImportError:
    sqlglot = None

# The dialects of `cdcc ddl --dialect` this checks, and the sqlglot dialect for each.
SQLGLOT_DIALECT = {"redshift": "redshift", "athena": "hive"}

# Lexical rules of each database (not of sqlglot).  Redshift: '...' strings, in which
# both '' and a backslash escape a character (its QUOTE_LITERAL doubles quotes and
# backslashes), "..." names with "" for a quote.  Hive/Athena DDL: '...' and "..." are
# both strings with backslash escapes, where '' is two adjacent strings rather than an
# escaped quote; `...` names with `` for a backquote.
LEXICON = {
    "redshift": {"strings": "'", "names": '"', "doubled_quote_in_string": True},
    "athena": {"strings": "'\"", "names": "`", "doubled_quote_in_string": False},
}

# Statement kinds that sqlglot 10.6.3 cannot check, and what is checked instead.
OPAQUE = {
    # sqlglot's Redshift tokenizer makes COPY (like UNLOAD) a COMMAND token and keeps
    # the statement as raw text, so its options (IAM_ROLE, MANIFEST, FORMAT AS CSV,
    # NULL AS, TIMEFORMAT, REGION, COMPUPDATE...) are not checked by anything here.
    # check_copy() still parses its table and column list (as SELECT cols FROM table)
    # and checks that FROM is followed by a string: that is where names get quoted.
    ("redshift", "COPY"): "table and column list checked, options not",
}

# Statement kinds sqlglot 10.6.3 does not know but a documented synonym it does.
# Clauses sqlglot 10.6.3 does not know, rewritten to one it parses in the same place
# with the same arguments, so the rest of the statement is still checked.
REWRITES = [
    # Redshift documents [ COMPOUND | INTERLEAVED ] SORTKEY ( column_name [, ...] ) in
    # CREATE TABLE; sqlglot parses the COMPOUND form only.
    ("redshift", r"\bINTERLEAVED(\s+SORTKEY)\b", r"COMPOUND\1", "INTERLEAVED SORTKEY as COMPOUND"),
]

SYNONYMS = {
    # sqlglot 10.6.3 has no CREATE DATABASE (it falls back to exp.Command); Hive and
    # Athena document CREATE DATABASE and CREATE SCHEMA as the same statement, so the
    # statement is checked as CREATE SCHEMA.
    ("athena", "CREATE DATABASE"): "CREATE SCHEMA",
}

# Statement classes a whole statement may parse to.  Anything else means sqlglot read a
# fragment (`FOO BAR` parses as an alias) or gave up (exp.Command).
STATEMENTS = (exp.Create, exp.Insert, exp.Delete, exp.Merge, exp.Drop, exp.Update,
              exp.Subqueryable, exp.Commit, exp.Rollback, exp.Transaction) if sqlglot else ()

# Clause keywords whose count must survive parse and re-generation unchanged: sqlglot
# skips words it does not need (MERGE's USING and THEN, INSERT's INTO are optional to
# it) and re-generates what it assumed, so a missing keyword shows as a count that grew,
# and a clause it dropped as one that shrank.  Words it rewrites (TEMP, AS, type names)
# are left out on purpose.
KEYWORDS = {
    "ALL", "BETWEEN", "COMPOUND", "DEFAULT", "DELETE", "DISTKEY", "DISTSTYLE", "ENCODE",
    "EXISTS", "EXTERNAL", "FOLLOWING", "FORMAT", "INSERT", "INTERLEAVED", "INTO", "KEY",
    "LOCATION", "MATCHED", "NOT", "NULL", "ON", "OVER", "PARTITION", "PARTITIONED",
    "PRECEDING", "PRIMARY", "ROW", "ROWS", "SERDE", "SET", "SORTKEY", "TBLPROPERTIES",
    "THEN", "UNBOUNDED", "UPDATE", "USING", "VALUES", "WHEN", "WHERE",
}

# Stands in for a doubled quote inside a quoted name: sqlglot 10.6.3 cannot lex "a""b"
# (it reads "a" AS "b"), so names are handed to it with each "" replaced by this (it is
# not a quote, so it keeps the name one token, and it still reads as a quote in errors).
DOUBLED_QUOTE = "\u2033"


class LexError(Exception):
    def __init__(self, message, line):
        super().__init__(message)
        self.line = line


Token = collections.namedtuple("Token", "kind text value norm line")
# kind: space, comment, string, name, param, word, punct.  value: a string's or name's
# contents with its escapes undone, the upper-cased text of a word.  norm: the text
# handed to sqlglot (see normalise()).  line: 1-based line of the token's start.


def lex(text, dialect):
    """Splits SQL text into tokens by the database's lexical rules (LEXICON)."""
    rules = LEXICON[dialect]
    tokens = []
    i, line, n = 0, 1, len(text)
    while i < n:
        c, start, start_line = text[i], i, line
        value = norm = None
        if c.isspace():
            while i < n and text[i].isspace():
                i += 1
            kind = "space"
        elif text.startswith("--", i):
            while i < n and text[i] != "\n":
                i += 1
            kind = "comment"
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise LexError("unterminated /* comment", line)
            i = end + 2
            kind = "comment"
        elif c in rules["strings"] or c in rules["names"]:
            kind, value, norm, i = _lex_quoted(text, i, dialect, line)
        elif c == "$" and i + 1 < n and text[i + 1].isdigit():
            i += 1
            while i < n and text[i].isdigit():
                i += 1
            kind = "param"
        elif c.isalnum() or c == "_":
            while i < n and (text[i].isalnum() or text[i] in "_$"):
                i += 1
            kind = "word"
        else:
            i += 1
            kind = "punct"
        raw = text[start:i]
        line += raw.count("\n")
        if kind not in ("string", "name"):
            value, norm = (raw.upper() if kind == "word" else raw), raw
        tokens.append(Token(kind, raw, value, norm, start_line))
    return tokens


def _lex_quoted(text, i, dialect, line):
    """One quoted string or name at text[i]: (kind, value, norm, index after it)."""
    rules = LEXICON[dialect]
    quote = text[i]
    kind = "name" if quote in rules["names"] else "string"
    doubled = kind == "name" or rules["doubled_quote_in_string"]
    value, norm = [], [quote]
    j, n = i + 1, len(text)
    while True:
        if j >= n:
            what = "quoted name" if kind == "name" else "string"
            raise LexError("unterminated %s starting %s" % (what, text[i:i + 40]), line)
        c = text[j]
        if kind == "string" and c == "\\" and j + 1 < n:
            # sqlglot keeps \x as two characters unless x is a quote or a backslash; do
            # the same so that values compare equal with its literals (check_tree()).
            nxt = text[j + 1]
            value.append(nxt if nxt in (quote, "\\") else c + nxt)
            norm.append(c + nxt)
            j += 2
        elif c == quote and doubled and text.startswith(quote * 2, j):
            value.append(quote)
            # see normalise(): a doubled quote sqlglot 10.6.3 can read in its place
            norm.append(DOUBLED_QUOTE if kind == "name" else "\\" + quote)
            j += 2
        elif c == quote:
            norm.append(quote)
            return kind, "".join(value), "".join(norm), j + 1
        else:
            value.append(c)
            norm.append(c)
            j += 1


def normalise(tokens):
    """The statement as handed to sqlglot.  sqlglot 10.6.3 has no escapes in quoted names
    and reads only backslash escapes in Redshift and Hive strings, so a name's doubled
    quote becomes DOUBLED_QUOTE and a Redshift string's '' becomes \\' (the same string to
    Redshift).  Everything else is passed through as written."""
    return "".join(t.norm for t in tokens)


Statement = collections.namedtuple("Statement", "file line tokens terminated")


def split(text, dialect, filename):
    """The statements of text, each without its ';' and without the comments and
    blank space before it."""
    statements, current = [], []
    for tok in lex(text, dialect):
        if tok.kind == "punct" and tok.text == ";":
            statements.append(_statement(filename, current, True, tok.line))
            current = []
        elif current or tok.kind not in ("space", "comment"):
            current.append(tok)
    if any(t.kind not in ("space", "comment") for t in current):
        statements.append(_statement(filename, current, False, current[0].line))
    return statements


def _statement(filename, tokens, terminated, line):
    while tokens and tokens[-1].kind in ("space", "comment"):
        tokens = tokens[:-1]
    return Statement(filename, tokens[0].line if tokens else line, tokens, terminated)


def significant(tokens):
    return [t for t in tokens if t.kind not in ("space", "comment")]


def kind_of(tokens):
    """The statement's kind for the allow-lists and the summary: CREATE and DROP with
    their modifiers up to the object (CREATE TEMP TABLE, CREATE DATABASE), else the
    first word (COPY, MERGE, INSERT)."""
    words = []
    for t in significant(tokens):
        if t.kind != "word" or len(words) == 4:
            break
        words.append(t.value)
        if words[0] not in ("CREATE", "DROP", "ALTER") or t.value in (
                "TABLE", "SCHEMA", "DATABASE", "VIEW", "FUNCTION", "PROCEDURE"):
            break
    return " ".join(words)


def first_line(tokens):
    return "".join(t.text for t in tokens).split("\n", 1)[0].strip()


def check_lexically(tokens, dialect):
    """What sqlglot 10.6.3 does not reject: an empty item in a list, (a,,b) or (a,)
    (its list parser skips it), and unbalanced parentheses in a statement it keeps as
    raw text.  And in Athena, a '' in a string: Hive reads 'it''s' as the two adjacent
    strings 'it' and 's', that is 'its' (a quote is written \\' there)."""
    problems, depth, prev = [], 0, None
    if not LEXICON[dialect]["doubled_quote_in_string"]:
        for a, b in zip(tokens, tokens[1:]):
            if a.kind == b.kind == "string":
                problems.append("line %d: %s%s is two adjacent strings here, not a string "
                                "with a quote in it (write \\%s)" % (a.line, a.text, b.text,
                                                                   b.text[0]))
    for t in significant(tokens):
        if t.kind == "punct":
            if t.text == "," and prev in (",", "(") or t.text == ")" and prev == ",":
                problems.append("line %d: empty item in a list (%s%s)" % (t.line, prev, t.text))
            depth += {"(": 1, ")": -1}.get(t.text, 0)
            if depth < 0:
                problems.append("line %d: ')' without '('" % t.line)
                depth = 0
        prev = t.text if t.kind == "punct" else None
    if depth:
        problems.append("%d '(' not closed" % depth)
    return problems


def parse(sql, dialect):
    """sqlglot's tree of one statement, strict: raises on any error."""
    trees = [e for e in sqlglot.parse(sql, read=SQLGLOT_DIALECT[dialect],
                                      error_level=ErrorLevel.RAISE) if e is not None]
    if len(trees) != 1:
        raise ParseError("sqlglot read %d statements, not 1" % len(trees))
    return trees[0]


def describe(error, first=None):
    """An exception from sqlglot as one line, its position made relative to the file
    when the statement starts at line first of it."""
    details = getattr(error, "errors", None)
    if details:
        d = details[0]
        what = d.get("description") or str(error)
        if first is None:
            return what
        return "line %d col %s: %s" % (first + d.get("line", 1) - 1, d.get("col", "?"), what)
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip().split("\n")[0]
    return "%s: %s" % (type(error).__name__, text)


def check_tree(tree, tokens, dialect):
    """What a strict parse does not prove in sqlglot 10.6.3: that the tree is a whole
    statement, that its columns have types, and that it lost nothing it did not
    understand: every quoted name and string literal of the statement is in the tree,
    and the KEYWORDS count the same in the re-generated SQL."""
    problems = []
    if isinstance(tree, exp.Command):
        return ["sqlglot did not parse it (read it as an opaque command): unchecked"]
    if not isinstance(tree, STATEMENTS):
        return ["not a statement (sqlglot read it as %s)" % type(tree).__name__]

    if isinstance(tree, exp.Create) and not tree.args.get("expression"):
        for schema in tree.find_all(exp.Schema):
            for item in schema.expressions:
                if isinstance(item, (exp.Identifier, exp.Column)):
                    problems.append("column %s has no type"
                                    % item.sql(dialect=SQLGLOT_DIALECT[dialect]))

    names = collections.Counter(i.this for i in tree.find_all(exp.Identifier))
    strings = collections.Counter(
        lit.this for lit in tree.find_all(exp.Literal) if lit.is_string)
    for t in significant(tokens):
        pool = names if t.kind == "name" else strings if t.kind == "string" else None
        if pool is None:
            continue
        # compared in the form sqlglot saw: a name's doubled quotes as DOUBLED_QUOTE
        want = t.norm[1:-1] if t.kind == "name" else t.value
        if pool[want] > 0:
            pool[want] -= 1
        else:
            problems.append("lost %s %s" % (t.kind, t.text))

    regenerated = tree.sql(dialect=SQLGLOT_DIALECT[dialect])
    before = _keywords(tokens)
    try:
        after = _keywords(lex(regenerated, dialect))
    except LexError as e:
        return problems + ["sqlglot re-generated SQL that does not lex: %s" % e]
    for word in sorted(set(before) | set(after)):
        if before[word] != after[word]:
            problems.append("%s appears %d times, %d once sqlglot parsed it"
                            % (word, before[word], after[word]))
    return problems


def _keywords(tokens):
    return collections.Counter(
        t.value for t in tokens if t.kind == "word" and t.value in KEYWORDS)


def check_rules(tree, dialect):
    """Documented rules of the database that sqlglot 10.6.3 does not enforce."""
    problems = []
    if dialect == "redshift" and isinstance(tree, exp.Merge) and tree.this.alias:
        # MERGE INTO target_table USING source_table [ [ AS ] alias ]: Redshift takes
        # an alias for the source table only, https://docs.aws.amazon.com/redshift/
        # latest/dg/r_MERGE.html (and target columns are named without a table).
        problems.append("Redshift MERGE takes no alias for the target table (AS %s); "
                        "see https://docs.aws.amazon.com/redshift/latest/dg/r_MERGE.html"
                        % tree.this.alias)
    return problems


def check_copy(tokens, dialect):
    """A Redshift COPY, which sqlglot keeps as raw text (see OPAQUE): parses its
    `table [(columns)]` as SELECT columns FROM table, and checks that FROM is followed by
    a string.  Its options are not checked."""
    toks = significant(tokens)[1:]
    at = next((i for i, t in enumerate(toks) if t.kind == "word" and t.value == "FROM"), None)
    if at is None:
        return ["COPY without FROM"]
    if at + 1 >= len(toks) or toks[at + 1].kind != "string":
        return ["COPY ... FROM is not followed by a string"]
    head, columns = toks[:at], "*"
    if head and head[-1].text == ")":
        opening = max((i for i, t in enumerate(head) if t.text == "("), default=None)
        if opening is None:
            return ["COPY column list without '('"]
        columns = "".join(t.norm for t in head[opening + 1:-1])
        head = head[:opening]
    if not head:
        return ["COPY without a table"]
    sql = "SELECT %s FROM %s" % (columns, " ".join(t.norm for t in head))
    try:
        tree = parse(sql, dialect)
    except Exception as e:  # sqlglot raises more than ParseError on bad input
        return ["COPY table or columns: %s" % describe(e)]
    if not isinstance(tree, exp.Select) or len(list(tree.find_all(exp.Table))) != 1:
        return ["COPY table or columns do not read as one table and its columns"]
    return ["COPY table or columns: %s" % p for p in check_tree(tree, lex(sql, dialect), dialect)]


class Report:
    def __init__(self, dialect):
        self.dialect = dialect
        self.parsed = 0
        self.opaque = collections.Counter()
        self.synonyms = collections.Counter()
        self.rewrites = collections.Counter()
        self.failures = []

    def fail(self, statement, problems):
        where = "%s:%d" % (statement.file, statement.line)
        self.failures.append((where, first_line(statement.tokens), problems))


def check_statement(statement, dialect, report):
    """Checks one statement; adds what is wrong with it to report."""
    tokens = statement.tokens
    if not significant(tokens):
        report.fail(statement, ["empty statement (';' alone)"])
        return
    problems = [] if statement.terminated else ["the last statement has no ';'"]
    problems += check_lexically(tokens, dialect)
    kind = kind_of(tokens)
    if (dialect, kind) in OPAQUE and kind == "COPY":
        problems += check_copy(tokens, dialect)

    sql = normalise(tokens)
    synonym = SYNONYMS.get((dialect, kind))
    if synonym:
        sql = re.sub(r"^" + kind.replace(" ", r"\s+"), synonym, sql, flags=re.I)
        tokens = lex(sql, dialect)
    for d, pattern, repl, what in REWRITES:
        if d == dialect and re.search(pattern, sql):
            sql = re.sub(pattern, repl, sql)
            tokens = lex(sql, dialect)
            report.rewrites[what] += 1
    try:
        tree = parse(sql, dialect)
    except Exception as e:  # sqlglot raises more than ParseError on bad input
        problems.append(describe(e, statement.line))
        tree = None
    opaque = isinstance(tree, exp.Command) and (dialect, kind) in OPAQUE
    if tree is not None and not opaque:
        # (an OPAQUE kind that a newer sqlglot parses is checked in full here)
        problems += check_tree(tree, tokens, dialect) + check_rules(tree, dialect)

    if problems:
        report.fail(statement, problems)
    elif opaque:
        report.opaque[kind] += 1
    else:
        report.parsed += 1
        report.synonyms[kind] += 1 if synonym else 0


def check_text(text, dialect, filename, report):
    try:
        statements = split(text, dialect, filename)
    except LexError as e:
        report.failures.append(("%s:%d" % (filename, e.line), "(lexing)", [str(e)]))
        return
    for statement in statements:
        check_statement(statement, dialect, report)


def summary(report):
    synonyms = ["%d %s checked as %s" % (n, k, SYNONYMS[report.dialect, k])
                for k, n in sorted(report.synonyms.items()) if n]
    line = "sqlglot %s: %d statements parsed (%s)" % (
        sqlglot.__version__, report.parsed, "; ".join([report.dialect] + synonyms))
    if report.opaque:
        line += ", %d opaque by design (%s)" % (sum(report.opaque.values()), "; ".join(
            "%s: %s" % (k, OPAQUE[report.dialect, k]) for k in sorted(report.opaque)))
    if report.rewrites:
        line += ", %s" % "; ".join("%d with %s" % (n, k) for k, n in sorted(report.rewrites.items()))
    if report.failures:
        line += ", %d FAILED" % len(report.failures)
    return line


def print_failures(report, out=sys.stdout):
    for where, head, problems in report.failures:
        print("FAIL %s: %s" % (where, head), file=out)
        for p in problems:
            print("    " + p, file=out)


# --self-test: statements that must fail, each with (part of) the reason it must fail
# for, and tricky ones that must pass, so that the check is known to be able to fail
# and the splitter to split right.  SQLGLOT marks a rejection by sqlglot itself, whose
# wording changes between versions.
SQLGLOT = "line 1 col "
BROKEN = {
    "redshift": [
        ('CREATE TABLE x (a INTEGER,,);', "empty item"),         # sqlglot accepts this
        ('CREATE TABLE x (a INTEGER, b INTEGER,);', "empty item"),  # and this
        ('CREATE TABLE x (a INTEGER;', SQLGLOT),
        ('CREATE TABLE x (a);', "has no type"),                  # and this
        ('CREATE TABLE x (a INTEGER) DISTSTYLE;', SQLGLOT),
        ('CREATE TABLE x (a INTEGER ENCODE) DISTSTYLE ALL;', SQLGLOT),
        ('SELECT (1 + 2 FROM t;', SQLGLOT),
        ('DROP TABEL x;', "opaque command"),
        ('FOO BAR;', "not a statement"),                         # parses as an alias
        (';', "empty statement"),
        ("INSERT INTO t (a) VALUES ($1, $);", SQLGLOT),
        ('DELETE FROM "t" WHERE "a" = = 1;', SQLGLOT),
        ('MERGE INTO "t" USING "s" AS b ON "t"."a" = b."a" WHEN MATCHED THEN UPDATE SET;',
         SQLGLOT),
        ('MERGE INTO "t" USING "s" AS b ON "t"."a" = b."a" '
         'WHEN MATCHED UPDATE SET "c" = b."c";', "THEN appears"),  # sqlglot accepts it
        ('INSERT "t" ("a") VALUES (1);', "INTO appears"),         # and this
        ('MERGE INTO "t" AS t USING "s" AS b ON t."a" = b."a" '
         'WHEN MATCHED THEN UPDATE SET "c" = b."c" '
         'WHEN NOT MATCHED THEN INSERT ("a", "c") VALUES (b."a", b."c");',
         "no alias for the target"),
        ('COPY "t" ("a",, "b") FROM \'s3://b/k\' IAM_ROLE \'r\';', "empty item"),
        ('COPY "t" ("a", "b" FROM \'s3://b/k\' IAM_ROLE \'r\';', "COPY table or columns"),
        ('COPY "t" FROM IAM_ROLE \'r\';', "not followed by a string"),
        ('COPY FROM \'s3://b/k\';', "without a table"),
        ('CREATE TABLE "we""ird" ("a""b" INTEGER,, "c" INTEGER);', "empty item"),
        ("INSERT INTO t (a) VALUES ('it''s);", "unterminated string"),
        ('DROP TABLE "x"', "no ';'"),
    ],
    "athena": [
        ("CREATE EXTERNAL TABLE `x` (`a` string,) LOCATION 's3://b/';", "empty item"),
        ("CREATE EXTERNAL TABLE `x` (`a` string) PARTITIONED BY (`dt`) LOCATION 's3://b/';",
         "has no type"),
        ("CREATE EXTERNAL TABLE `x` (`a` strin) LOCATION 's3://b/';", SQLGLOT),
        ("CREATE EXTERNAL TABLE `x` (`a` string) LOCATON 's3://b/';", SQLGLOT),
        ("CREATE EXTERNAL TABLE `x` (`a` string) ROW FORMAT SERDE LOCATION 's3://b/';",
         SQLGLOT),
        ("CREATE EXTERNAL TABLE `x` (`a` string) TBLPROPERTIES ('k' = );", SQLGLOT),
        ("CREATE EXTERNAL TABLE `x` (`a` string) LOCATION 's3://b/it''s/';",
         "adjacent strings"),
        ("CREATE DATABASE IF NOT EXISTS;", SQLGLOT),
        ("CREATE DATABASE IF NOT EXISTS `x` `y`;", SQLGLOT),
        ("CREATE EXTERNAL TABLE `x` (`a` string) LOCATION 's3://b/;", "unterminated string"),
    ],
}
GOOD = {
    "redshift": """
        -- a comment with a ; and a ' in it
        CREATE SCHEMA IF NOT EXISTS "s;x";
        CREATE TABLE IF NOT EXISTS "s;x"."we""ird" (
          "a""b" VARCHAR(10) NOT NULL ENCODE ZSTD, /* ; ' " */
          "c" BOOLEAN NOT NULL DEFAULT false ENCODE RAW,
          PRIMARY KEY ("a""b")
        )
        DISTSTYLE KEY DISTKEY ("a""b")
        COMPOUND SORTKEY ("c");
        INSERT INTO "t" ("a", "b") VALUES ('it''s; fine', '\\N');
        DELETE FROM "t" WHERE "a" = $1 AND "b" = $2;
        COPY "t" ("a", "b") FROM 's3://b/{{batch}}/k;x' IAM_ROLE '{{iam_role}}'
        MANIFEST FORMAT AS CSV GZIP NULL AS '\\N';
        MERGE INTO "t" USING "s" AS b ON "t"."a" = b."a"
        WHEN MATCHED THEN UPDATE SET "c" = b."c"
        WHEN NOT MATCHED THEN INSERT ("a", "c") VALUES (b."a", b."c");
    """,
    "athena": """
        CREATE DATABASE IF NOT EXISTS `d`;
        CREATE EXTERNAL TABLE IF NOT EXISTS `d`.`we``ird` (`a;b` string, `row` int)
        PARTITIONED BY (`dt` string)
        ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
        LOCATION 's3://b/it\\'s;/'
        TBLPROPERTIES ('projection.enabled' = 'true', 't' = 's3://b/dt=${dt}/');
    """,
}


def self_test():
    ok = True
    for dialect, cases in BROKEN.items():
        for sql, reason in cases:
            report = Report(dialect)
            check_text(sql, dialect, "<self-test>", report)
            problems = [p for _, _, ps in report.failures for p in ps]
            if not any(reason in p for p in problems):
                print("self-test FAILED: broken %s SQL not rejected for \"%s\": %s"
                      % (dialect, reason, sql))
                for p in problems:
                    print("    (rejected for: %s)" % p)
                ok = False
    for dialect, text in GOOD.items():
        report = Report(dialect)
        check_text(text, dialect, "<self-test>", report)
        want = len(split(text, dialect, "")) - sum(report.opaque.values())
        if report.failures or report.parsed != want:
            print("self-test FAILED: rejected good %s SQL (%d of %d parsed):"
                  % (dialect, report.parsed, want))
            print_failures(report)
            ok = False
    if ok:
        print("self-test: %d broken statements rejected for the right reason, "
              "good ones accepted (%s)" % (sum(map(len, BROKEN.values())),
                                           ", ".join(sorted(GOOD))))
    return ok


def main():
    ap = argparse.ArgumentParser(description="Checks that SQL parses with sqlglot.")
    ap.add_argument("--dialect", choices=sorted(SQLGLOT_DIALECT))
    ap.add_argument("--self-test", action="store_true",
                    help="check that broken statements are rejected, then exit")
    ap.add_argument("files", nargs="*", metavar="FILE", help="SQL files (default: stdin)")
    args = ap.parse_args()
    if not args.self_test and not args.dialect:
        ap.error("--dialect is required")

    if sqlglot is None:
        ci = os.environ.get("CI") == "true"
        print("sqlglot_check: the Python module sqlglot is not installed for %s "
              "(Debian: apt-get install python3-sqlglot); %s"
              % (sys.executable, "CI=true, so this is an error" if ci else "skipped"),
              file=sys.stderr)
        return 2 if ci else 77
    # sqlglot logs its own warnings (unsupported syntax, ...); failures are ours to report
    logging.getLogger("sqlglot").setLevel(logging.CRITICAL)

    if args.self_test:
        return 0 if self_test() else 1

    report = Report(args.dialect)
    for name in args.files or ["-"]:
        try:
            if name == "-":
                text, name = sys.stdin.read(), "<stdin>"
            else:
                with open(name, encoding="utf-8") as f:
                    text = f.read()
        except OSError as e:
            print("sqlglot_check: %s" % e, file=sys.stderr)
            return 2
        check_text(text, args.dialect, name, report)
    print_failures(report)
    print(summary(report))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
