#!/usr/bin/env python3
"""tests/run/workload.py — a write workload on the source, for the `cdcc run` tests.

    workload.py --psql PSQL --dsn DSN --stop-file F --report R PROFILE [--rate N] [--seed N]

Writes random transactions (BEGIN ... COMMIT, several statements each) into one psql
session on the source until the stop file exists, then closes the session and writes
"N transactions, E errors" to the report file.  The profiles match the tables that the
tests create:

  handoff   public.customers / orders / order_items (handoff.sh): inserts, updates,
            deletes, primary-key updates of customers, several changes of one row in a
            transaction
  crash     public.accounts (crash.sh): every update adds 1 to version; inserts with fresh
            ids (version 1); deletes record the id in public.deleted_ids (not captured)

Statement errors (a primary-key update that collides) roll their transaction back and are
counted; they are expected now and then and are not a failure.  psql dying is.
"""
import argparse
import os
import random
import subprocess
import sys
import time


def handoff_tx(r, st):
    """One transaction of the handoff profile (SQL text)."""
    out = ["BEGIN;"]
    for _ in range(r.randint(1, 4)):
        k = r.random()
        if k < 0.30:  # a new order with lines, sometimes for a new customer
            st["order"] += 1
            oid = st["order"]
            if r.random() < 0.3:
                st["cust"] += 1
                cid = st["cust"]
                out.append(
                    "INSERT INTO customers VALUES (%d, 'new %d', 'c%d@example.com', now(), %d);"
                    % (cid, cid, cid, r.randint(0, 100)))
            else:
                cid = r.randint(1, st["cust"])
            out.append(
                "INSERT INTO orders VALUES (%d, %d, 'new', %d.%02d, now(), %s);"
                % (oid, cid, r.randint(0, 9999), r.randint(0, 99),
                   "NULL" if r.random() < 0.5 else "'note %d'" % r.randint(0, 10**6)))
            for ln in range(1, r.randint(1, 3) + 1):
                out.append(
                    "INSERT INTO order_items VALUES (%d, %d, 'SKU-%d', %d, %d.%02d);"
                    % (oid, ln, r.randint(1, 500), r.randint(1, 9), r.randint(1, 99), r.randint(0, 99)))
        elif k < 0.55:  # order status / total, sometimes twice in the transaction
            oid = r.randint(1, st["order"])
            out.append("UPDATE orders SET status = '%s', total = total + 1 WHERE id = %d;"
                       % (r.choice(["paid", "shipped", "cancelled", "refunded"]), oid))
            if r.random() < 0.3:
                out.append("UPDATE orders SET note = 'again %d' WHERE id = %d;" % (r.randint(0, 10**6), oid))
        elif k < 0.65:  # an order and its lines deleted
            oid = r.randint(1, st["order"])
            out.append("DELETE FROM order_items WHERE order_id = %d;" % oid)
            out.append("DELETE FROM orders WHERE id = %d;" % oid)
        elif k < 0.80:  # customers
            cid = r.randint(1, st["cust"])
            out.append("UPDATE customers SET score = score + 1, name = name || '+' WHERE id = %d;" % cid)
        elif k < 0.85:  # a customer's key changes (pgoutput sends the old key)
            cid = r.randint(1, st["cust"])
            out.append("UPDATE customers SET id = id + 100000000 WHERE id = %d AND id < 100000000;" % cid)
        elif k < 0.95:  # lines
            oid = r.randint(1, st["order"])
            out.append("UPDATE order_items SET qty = qty + 1 WHERE order_id = %d;" % oid)
        else:  # insert, update and delete of one new row in one transaction
            st["cust"] += 1
            cid = st["cust"]
            out.append("INSERT INTO customers VALUES (%d, 'brief', NULL, now(), 0);" % cid)
            out.append("UPDATE customers SET score = 5 WHERE id = %d;" % cid)
            if r.random() < 0.5:
                out.append("DELETE FROM customers WHERE id = %d;" % cid)
    out.append("COMMIT;")
    return "\n".join(out) + "\n"


def crash_tx(r, st):
    out = ["BEGIN;"]
    for _ in range(r.randint(1, 5)):
        k = r.random()
        if k < 0.25:
            st["acct"] += 1
            out.append("INSERT INTO accounts VALUES (%d, 1, %d.%02d, 'new');"
                       % (st["acct"], r.randint(0, 10**6), r.randint(0, 99)))
        elif k < 0.90:
            aid = r.randint(1, st["acct"])
            out.append("UPDATE accounts SET version = version + 1, balance = balance + %d.%02d, "
                       "note = md5(random()::text) WHERE id = %d;"
                       % (r.randint(-100, 100), r.randint(0, 99), aid))
        else:
            aid = r.randint(1, st["acct"])
            out.append("WITH d AS (DELETE FROM accounts WHERE id = %d RETURNING id) "
                       "INSERT INTO deleted_ids SELECT id FROM d;" % aid)
    out.append("COMMIT;")
    return "\n".join(out) + "\n"


PROFILES = {"handoff": handoff_tx, "crash": crash_tx}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("profile", choices=sorted(PROFILES))
    ap.add_argument("--psql", required=True)
    ap.add_argument("--dsn", required=True)
    ap.add_argument("--stop-file", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--rate", type=float, default=100.0, help="transactions per second")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--customers", type=int, default=0, help="handoff: existing customers 1..N")
    ap.add_argument("--orders", type=int, default=0, help="handoff: existing orders 1..N")
    ap.add_argument("--accounts", type=int, default=0, help="crash: existing accounts 1..N")
    ap.add_argument("--max-seconds", type=float, default=600.0)
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(10**9)
    print("workload %s: seed %d" % (a.profile, seed), flush=True)
    r = random.Random(seed)
    # fresh ids continue after the existing ones
    st = {"cust": a.customers, "order": a.orders, "acct": a.accounts}
    errlog = open(os.path.join(os.path.dirname(a.report) or ".", "wl.psql.err"), "w")
    p = subprocess.Popen([a.psql, "-X", "-q", "-v", "ON_ERROR_STOP=0", a.dsn, "-f", "-"],
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errlog,
                         text=True)
    gen = PROFILES[a.profile]
    n = 0
    start = time.monotonic()
    try:
        while not os.path.exists(a.stop_file) and time.monotonic() - start < a.max_seconds:
            p.stdin.write(gen(r, st))
            p.stdin.flush()
            n += 1
            # keep to the rate on average
            ahead = n / a.rate - (time.monotonic() - start)
            if ahead > 0:
                time.sleep(ahead)
            if p.poll() is not None:
                print("psql exited with status %d" % p.returncode, flush=True)
                return 1
        p.stdin.close()
        rc = p.wait(timeout=120)
    except BrokenPipeError:
        print("psql went away", flush=True)
        return 1
    errlog.close()
    with open(errlog.name) as f:
        errors = sum(1 for line in f if "ERROR" in line)
    if rc != 0:
        print("psql exited with status %d" % rc, flush=True)
        return 1
    with open(a.report, "w") as f:
        f.write("%d transactions in %.1f s, %d rolled back on an error\n"
                % (n, time.monotonic() - start, errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
