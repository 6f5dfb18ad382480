"""test_backup.py: portalctl backup and restore on the test stack.

A backup of the demo with an uploaded document; then the stack is stopped,
its database and document store moved away (an empty stack, as on a new
server with only the keys kept), the backup restored and the stack started
again: every table has the same rows (counts and CHECKSUM TABLE), the store
the same files, the document downloads as it was uploaded, a planner works
as before and the audit chain verifies. A restore with another data key or
into a data directory in use is refused and touches nothing; while a backup
holds the store, no file leaves it."""
import fcntl
import glob
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import (multipart, CTL, DB_NAME, ROOT, VAR, login, pid_of, portalctl, run, running, sql, stack,  # noqa: E402
                        wait_until)

B = os.path.join(VAR, "ops", "backup")
DB_DIR = os.path.join(VAR, "db")
STORE = os.path.join(VAR, "files")
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
       + uuid.uuid4().hex.encode() + b"\n")
state = {}


def tables():
    return [r[0] for r in sql("SELECT table_name FROM information_schema.tables WHERE table_schema = '%s'"
                              " AND table_type = 'BASE TABLE' ORDER BY table_name" % DB_NAME)]


def fingerprint():
    """Every table's row count and checksum."""
    out = {}
    for t in tables():
        n = sql("SELECT COUNT(*) FROM `%s`" % t)[0][0]
        c = sql("CHECKSUM TABLE `%s`" % t)[0][1]
        out[t] = (n, c)
    return out


def store_files():
    out = {}
    for f in glob.glob(os.path.join(STORE, "??", "*")):
        with open(f, "rb") as fh:
            out[os.path.relpath(f, STORE)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def stop_worker():
    pid = pid_of("worker")
    os.kill(pid, signal.SIGTERM)
    assert wait_until(lambda: not running(pid), 15)


def test_a_backup_copies_the_database_and_the_store_together():
    shutil.rmtree(B, ignore_errors=True)
    os.makedirs(B)
    if sql("SELECT COUNT(*) FROM users")[0][0] == "0":
        r = portalctl("seed-demo")
        assert r.returncode == 0, r.stderr
    c, r = login("admin@uitzendbureau.example")
    assert r.status == 303
    unit = sql("SELECT id FROM org_units WHERE name = 'Team A1 — Inpak'")[0][0]
    body, ct = multipart({"csrf": c.get("/documents/new").csrf(), "type": "contract",
                          "title": "Kept in the backup", "unit": unit, "person": ""}, "kept.pdf", PDF)
    r = c.request("POST", "/documents/", body=body, headers={"Content-Type": ct})
    assert r.status == 303, r.status
    state["doc"] = r.header("Location")
    # Quiet: nothing writes while the copy is compared.
    assert wait_until(lambda: sql("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')"
                                  " AND next_attempt_at <= UTC_TIMESTAMP()") == [["0"]], 60)
    stop_worker()
    state["rows"] = fingerprint()
    state["files"] = store_files()
    assert len(state["files"]) >= 1
    t0 = time.time()
    r = portalctl("backup", os.path.join(B, "b1"))
    state["seconds"] = time.time() - t0
    assert r.returncode == 0, r.stdout + r.stderr
    m = dict(line.split(" = ", 1) for line in open(os.path.join(B, "b1", "manifest.hdf")).read().splitlines()
             if " = " in line)
    assert m["Backup.Database"] == DB_NAME
    assert int(m["Backup.Files"]) == len(state["files"]), (m, len(state["files"]))
    assert m["Backup.Migration"] == sorted(os.listdir(os.path.join(ROOT, "sql")))[-1]
    # Each data key the secrets file holds, by its fingerprint.
    prints = [v for k, v in m.items() if re.match(r"^Backup\.DataKey\.\d+$", k)]
    assert prints and all(len(v) == 64 for v in prints) and len(m["Backup.ServerKey"]) == 64, m
    # The keys stay out of it.
    secrets = open(os.path.join(VAR, "secrets.hdf")).read()
    key = [line.split(" = ")[1] for line in secrets.splitlines() if line.startswith("Keys.Data")][0]
    server_key = open(m["Backup.ServerKeyFile"]).read().split(";")[1].strip()
    for f in glob.glob(os.path.join(B, "b1", "**"), recursive=True):
        if os.path.isfile(f) and os.path.getsize(f) < 50 << 20:
            data = open(f, "rb").read()
            assert key.encode() not in data and server_key.encode() not in data, f
    # A second backup into the same folder is refused.
    r = portalctl("backup", os.path.join(B, "b1"))
    assert r.returncode != 0 and "must not exist" in r.stderr


def test_no_file_leaves_the_store_while_a_backup_holds_it():
    some = sorted(state["files"])[0]
    orphan = "%s/%s" % (some[:2], some[:2] + "f" * (len(some.split("/")[1]) - 2))
    path = os.path.join(STORE, orphan)
    shutil.copy(os.path.join(STORE, some), path)
    old = time.time() - 3600
    os.utime(path, (old, old))
    with open(os.path.join(STORE, ".backup.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        r = portalctl("files-sweep", "--delete")
        assert r.returncode == 0 and "a backup holds the store" in r.stdout, r.stdout + r.stderr
        assert os.path.exists(path), "removed while the backup held the store"
        fcntl.flock(lock, fcntl.LOCK_UN)
    r = portalctl("files-sweep", "--delete")
    assert r.returncode == 0 and not os.path.exists(path), r.stdout


def test_a_restore_with_another_data_key_or_into_a_server_in_use_is_refused():
    other = os.path.join(B, "other.hdf")
    secrets = os.path.join(B, "other-secrets.hdf")
    with open(os.path.join(VAR, "secrets.hdf")) as f:
        text = f.read()
    with open(secrets, "w") as f:
        # Every data key another one (the lines of Keys.Data and Keys.Data.<id>).
        f.write(re.sub(r"(?m)^(Keys\.Data(\.\d+)?) = .*$", lambda mo: "%s = %s" % (mo.group(1), "ab" * 32), text))
    os.chmod(secrets, 0o640)
    with open(other, "w") as f:
        f.write('#include "%s"\nPaths.Secrets = %s\n' % (os.path.join(ROOT, os.environ["PORTAL_CONF"]), secrets))
    empty = os.path.join(B, "empty-datadir")
    r = subprocess.run([CTL, "restore", os.path.join(B, "b1"), empty], cwd=ROOT, capture_output=True, text=True,
                       env=dict(os.environ, PORTAL_CONF=other))
    assert r.returncode == 1 and "data key" in r.stderr, r.stderr
    assert not os.path.exists(empty)
    r = portalctl("restore", os.path.join(B, "b1"), DB_DIR)
    assert r.returncode == 1 and "not empty" in r.stderr, r.stderr
    r = portalctl("restore", os.path.join(B, "nothing"), empty)
    assert r.returncode == 1 and "not a backup" in r.stderr, r.stderr


def test_a_restore_into_an_empty_stack_has_every_row_and_file_and_the_portal_works():
    stack("stop")
    for d in (DB_DIR, STORE):
        shutil.move(d, d + ".before-restore")
    try:
        t0 = time.time()
        r = portalctl("restore", os.path.join(B, "b1"), DB_DIR)
        state["restore_seconds"] = time.time() - t0
        assert r.returncode == 0, r.stdout + r.stderr
        # The database alone first: compared before the worker's jobs
        # and anyone's requests write again.
        stack("restart-one", "mariadb")
        assert fingerprint() == state["rows"]
        assert store_files() == state["files"]
    finally:
        stack("start")
    c, r = login("admin@uitzendbureau.example")
    assert r.status == 303
    doc = c.get("/documents/")
    assert doc.status == 200 and "Kept in the backup" in doc.text
    did = sql("SELECT id FROM documents WHERE title = 'Kept in the backup'")[0][0]
    got = c.get("/documents/%s/download" % did)
    assert got.status == 200 and got.body == PDF
    p, r = login("planner@klant.example")
    assert r.status == 303
    assert p.get("/planning/").status == 200
    r = portalctl("audit-verify")
    assert r.returncode == 0, r.stdout + r.stderr
    print("# backup %.1f s, restore %.1f s, %d tables, %d files"
          % (state["seconds"], state["restore_seconds"], len(state["rows"]), len(state["files"])))


def test_zz_clean():
    for d in (DB_DIR, STORE):
        shutil.rmtree(d + ".before-restore", ignore_errors=True)


run(globals())
