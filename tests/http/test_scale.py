#!/usr/bin/python3
"""Thousands of clients at once: a write at one client never waits for a
transaction at another, and moves only the generations of what shows it.
The audit log is a chain per client: audit-verify walks each one."""
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403
import test_planning as tp  # noqa: E402

X = "Andere Klant BV"   # the client with a transaction left open
Y = "Klant NV"          # the client that goes on working
QUICK = 2               # seconds: what a request may take here


def one(query):
    rows = sql(query)
    assert rows, query
    return rows[0][0]


def client(name):
    return one("SELECT id FROM clients WHERE name = '%s'" % name)


def clock(name, client_id):
    return int(one("SELECT gen FROM clocks WHERE name = '%s' AND scope = %s" % (name, client_id)))


class OpenTransaction:
    """A transaction at a client, left open: it changed a shift and a
    vacancy there and wrote an audit row in the client's chain, and has
    committed nothing."""

    def __init__(self, client_name):
        c = client(client_name)
        unit = one("SELECT id FROM org_units WHERE client_id = %s AND kind = 'team' ORDER BY id LIMIT 1" % c)
        sql("INSERT INTO shifts (unit_id, position, starts_at, ends_at, state, created_at, updated_at)"
            " VALUES (%s, 'Magazijnmedewerker', UTC_TIMESTAMP() + INTERVAL 400 DAY,"
            " UTC_TIMESTAMP() + INTERVAL 400 DAY + INTERVAL 8 HOUR, 'planned', UTC_TIMESTAMP(),"
            " UTC_TIMESTAMP())" % unit)
        shift = one("SELECT MAX(id) FROM shifts WHERE unit_id = %s" % unit)
        vacancy = one("SELECT v.id FROM vacancies v JOIN org_units o ON o.id = v.unit_id"
                      " WHERE o.client_id = %s ORDER BY v.id LIMIT 1" % c)
        self.p = subprocess.Popen(["mariadb", "--no-defaults", "-S", DB_SOCK, "-u", "root", "-N", "-B",
                                   "--unbuffered", DB_NAME], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.send("BEGIN;\n"
                  "UPDATE shifts SET note = 'open at %(c)s' WHERE id = %(shift)s;\n"
                  "UPDATE vacancies SET description = CONCAT(description, ' ') WHERE id = %(vac)s;\n"
                  "INSERT INTO audit_head (chain, last_id, last_hash) VALUES (%(c)s, 0, REPEAT(CHAR(0), 32))"
                  " ON DUPLICATE KEY UPDATE last_id = last_id;\n"
                  "INSERT INTO audit_log (chain, created_at, action, prev_hash, hash) VALUES"
                  " (%(c)s, UTC_TIMESTAMP(6), 'test.open', REPEAT(CHAR(0), 32), REPEAT(CHAR(0), 32));\n"
                  "SELECT 'ready';\n" % {"c": c, "shift": shift, "vac": vacancy})
        line = self.p.stdout.readline()
        assert line.strip() == "ready", line

    def send(self, text):
        self.p.stdin.write(text)
        self.p.stdin.flush()

    def rollback(self):
        self.send("ROLLBACK;\n")
        self.p.stdin.close()
        self.p.wait(timeout=10)


def timed(fn):
    t = time.time()
    r = fn()
    return r, time.time() - t


def quick(c):
    """The client's requests give up after QUICK seconds (a request that
    waits on a lock raises)."""
    c.timeout = QUICK
    return c


def test_a_write_moves_only_the_generations_of_the_clients_that_show_it():
    kx, ky = client(X), client(Y)
    wid = tp.worker("Gerrit", tp.A1, tp.INPAK)
    before = {(n, c): clock(n, c) for n in ("planning", "vacancies") for c in (kx, ky)}
    assert tp.plan(worker=wid, start=tp.at(tp.monday(20), 8), end=tp.at(tp.monday(20), 16)).status == 303
    assert clock("planning", ky) > before[("planning", ky)]
    assert clock("planning", kx) == before[("planning", kx)], "another client's planning moved"
    assert clock("vacancies", ky) == before[("vacancies", ky)]
    # A worker in the pools of both: his shift shows as busy at the other.
    sql("INSERT INTO pool (worker_user_id, unit_id, position, source, created_at) SELECT %s, id,"
        " 'Magazijnmedewerker', 'agency', UTC_TIMESTAMP() FROM org_units WHERE name = 'Team Gent 1'" % wid)
    mid = clock("planning", kx)
    assert tp.plan(worker=wid, start=tp.at(tp.monday(21), 8), end=tp.at(tp.monday(21), 16)).status == 303
    assert clock("planning", kx) > mid, "the other client's week shows him busy, and did not move"
    sql("DELETE FROM pool WHERE worker_user_id = %s AND unit_id = (SELECT id FROM org_units"
        " WHERE name = 'Team Gent 1')" % wid)


def test_work_at_one_client_never_waits_for_an_open_transaction_at_another():
    wid = tp.worker("Ida", tp.A1, tp.INPAK)
    mon = tp.monday(22)
    planner = quick(tp.as_user("planner@klant.example"))
    hiring = quick(tp.as_user("hiring.manager@klant.example"))
    open_x = OpenTransaction(X)
    try:
        # A planner at Y plans, changes and publishes a shift.
        r, took = timed(lambda: tp.plan(c=planner, worker=wid, start=tp.at(mon, 8), end=tp.at(mon, 16)))
        assert r.status == 303 and took < QUICK, (r.status, took)
        sid = tp.shifts_of(wid)[0][0]
        page = planner.get("/planning/shifts/%s/edit" % sid)
        f = {"csrf": page.csrf(), "unit": tp.unit(tp.A1), "position": tp.INPAK, "worker": wid,
             "start": tp.at(mon, 9), "end": tp.at(mon, 17), "break": "30", "note": ""}
        r, took = timed(lambda: planner.post("/planning/shifts/%s" % sid, f))
        assert r.status == 303 and took < QUICK, (r.status, took)
        r, took = timed(lambda: planner.post("/planning/publish", {"csrf": page.csrf(), "unit": tp.unit(tp.A1),
                                                                   "week": mon.isoformat()}))
        assert r.status == 303 and took < QUICK, (r.status, took)
        # A hiring manager at Y posts a vacancy.
        tok = hiring.get("/vacancies/new").csrf()
        r, took = timed(lambda: hiring.post("/vacancies/", {
            "csrf": tok, "unit": tp.unit(tp.A1), "title": "Onafhankelijk %s" % tp.RUN, "position": "Inpakker",
            "description": "Werk.", "hours": "38", "shift": "day", "start": "2031-01-06", "positions": "1"}))
        assert r.status == 303 and took < QUICK, (r.status, took)
        # Someone at Y logs in (audited: Y's chain).
        c = quick(Client())
        (c, r), took = timed(lambda: login("supervisor@klant.example", client=c))
        assert r.status == 303 and took < QUICK + 0.5, (r.status, took)
    finally:
        open_x.rollback()
    assert sql("SELECT state FROM shifts WHERE id = %s" % sid) in ([["published"]], [["contracted"]])
    r = portalctl("audit-verify")
    assert r.returncode == 0, r.stderr


def test_the_same_work_at_the_client_of_the_open_transaction_does_wait():
    other = tp.as_user("planner@andereklant.example")
    unit = one("SELECT id FROM org_units WHERE name = 'Team Gent 1'")
    tok = other.get("/planning/shifts/new?unit=%s" % unit).csrf()
    day = tp.monday(23)
    open_x = OpenTransaction(X)
    result = {}

    def plan():
        result["r"] = other.post("/planning/shifts", {"csrf": tok, "unit": unit, "position": "Magazijnmedewerker",
                                                      "start": tp.at(day, 8), "end": tp.at(day, 16),
                                                      "break": "30", "note": ""})
    t = threading.Thread(target=plan)
    try:
        t.start()
        t.join(QUICK + 1)
        assert t.is_alive(), "a write at the client of the open transaction did not wait for it"
    finally:
        open_x.rollback()
    t.join(30)
    assert result["r"].status == 303, result["r"].status


def test_audit_verify_while_others_write_finds_nothing_wrong():
    """Rows written while the chains are walked belong to a later moment:
    neither a changed row nor one its head does not know."""
    c = tp.as_user("admin@uitzendbureau.example")
    doc = one("SELECT d.id FROM documents d JOIN org_units o ON o.id = d.unit_id"
              " WHERE o.client_id = %s ORDER BY d.id LIMIT 1" % client(Y))
    stop = threading.Event()
    written = [0]

    def write():
        # Each download is audited in Y's chain.
        while not stop.is_set():
            assert c.get("/documents/%s/download" % doc).status == 200
            written[0] += 1
    t = threading.Thread(target=write)
    t.start()
    try:
        for _ in range(12):
            r = portalctl("audit-verify")
            assert r.returncode == 0, r.stderr
    finally:
        stop.set()
        t.join(30)
    assert written[0] > 0


def test_audit_verify_walks_every_chain():
    kx, ky = client(X), client(Y)
    assert portalctl("audit-verify").returncode == 0
    chains = {row[0] for row in sql("SELECT DISTINCT chain FROM audit_log")}
    assert {"0", kx, ky} <= chains, chains
    # A row of one client's chain edited: found, by its id.
    row = sql("SELECT id, detail FROM audit_log WHERE chain = %s ORDER BY id DESC LIMIT 1" % ky)[0]
    sql("DROP TRIGGER audit_log_no_update")
    try:
        sql("UPDATE audit_log SET detail = 'rewritten' WHERE id = %s" % row[0])
        r = portalctl("audit-verify")
        assert r.returncode != 0 and "row %s was changed" % row[0] in r.stderr, r.stderr
        sql("UPDATE audit_log SET detail = '%s' WHERE id = %s" % (row[1].replace("'", "''"), row[0]))
        assert portalctl("audit-verify").returncode == 0
        # Moved to another client's chain: both chains say so.
        sql("UPDATE audit_log SET chain = %s WHERE id = %s" % (kx, row[0]))
        r = portalctl("audit-verify")
        assert r.returncode != 0 and ("moved" in r.stderr or "ends at row" in r.stderr), r.stderr
        sql("UPDATE audit_log SET chain = %s WHERE id = %s" % (ky, row[0]))
        # Two rows swapped (each given the other's place).
        a, b = [x[0] for x in sql("SELECT id FROM audit_log WHERE chain = %s ORDER BY id LIMIT 2" % ky)]
        sql("UPDATE audit_log SET id = 999999999 WHERE id = %s" % a)
        sql("UPDATE audit_log SET id = %s WHERE id = %s" % (a, b))
        sql("UPDATE audit_log SET id = %s WHERE id = 999999999" % b)
        r = portalctl("audit-verify")
        assert r.returncode != 0 and "does not follow" in r.stderr, r.stderr
        sql("UPDATE audit_log SET id = 999999999 WHERE id = %s" % a)
        sql("UPDATE audit_log SET id = %s WHERE id = %s" % (a, b))
        sql("UPDATE audit_log SET id = %s WHERE id = 999999999" % b)
    finally:
        sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW"
            " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'")
    assert portalctl("audit-verify").returncode == 0
    # The last row of a chain removed: its head remembers it.
    cols = ("id, chain, created_at, actor_id, action, object_type, object_id, unit_id, ip, detail,"
            " prev_hash, hash")
    last = sql("SELECT id, chain, DATE_FORMAT(created_at, '%%Y-%%m-%%d %%H:%%i:%%s.%%f'), actor_id, action,"
               " object_type, object_id, unit_id, ip, detail, HEX(prev_hash), HEX(hash)"
               " FROM audit_log WHERE chain = %s ORDER BY id DESC LIMIT 1" % kx)[0]
    sql("DROP TRIGGER audit_log_no_delete")
    try:
        sql("DELETE FROM audit_log WHERE id = %s" % last[0])
        r = portalctl("audit-verify")
        assert r.returncode != 0 and "chain %s ends at row" % kx in r.stderr, r.stderr
    finally:
        vals = ["NULL" if v == "NULL" else "'%s'" % v.replace("'", "''") for v in last[:10]]
        vals += ["UNHEX('%s')" % last[10], "UNHEX('%s')" % last[11]]
        sql("INSERT INTO audit_log (%s) VALUES (%s)" % (cols, ", ".join(vals)))
        sql("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW"
            " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'")
    assert portalctl("audit-verify").returncode == 0


if __name__ == "__main__":
    run(globals())
