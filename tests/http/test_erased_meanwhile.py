#!/usr/bin/python3
"""A person erased while a form about him is open: what is posted after is
refused with 404 and nothing of him is written — the agency's correction
of his details, his own on Mijn account, a photo, a request of a data
subject recorded by the privacy officer (for a user and for a candidate)
and one he files himself.

The erasure here is the row's erased_at, set in a transaction of the test
that holds the person's row locked: the request reads him unerased first
(its checks pass), then waits on the lock its write takes, and the erasure
commits before it goes on — the moment the locked row must be read again."""
import glob
import os
import random
import subprocess
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

from test_person_fields import multipart, png  # noqa: E402
from test_timesheets import as_user, one  # noqa: E402

SFX = "%06x" % random.randrange(16 ** 6)
ADMIN = "admin@uitzendbureau.example"
OFFICER = "privacy@uitzendbureau.example"
FILES = abspath(conf("Paths.Files"))
_made = {}


def worker(tag):
    """A temp worker of this run with a login (the demo's password)."""
    email = "gewist.%s.%s@flex.example" % (tag, SFX)
    if email not in _made:
        sql("INSERT INTO users (kind, email, first_name, last_name, job_title, status, created_at,"
            " last_activity_at) VALUES ('worker', '%s', 'Gijs', 'Gewist', 'Inpakker', 'active', UTC_TIMESTAMP(),"
            " UTC_TIMESTAMP());"
            " INSERT INTO credentials (user_id, password_hash, password_changed_at)"
            " SELECT LAST_INSERT_ID(), c.password_hash, UTC_TIMESTAMP() FROM credentials c JOIN users u"
            " ON u.id = c.user_id WHERE u.email = 'worker@flex.example'" % email)
        _made[email] = one("SELECT id FROM users WHERE email = '%s'" % email)
    return email, _made[email]


def erased_during(table, pid, post):
    """Runs post() while the person's erasure commits under it: his row is
    locked by another transaction that sets erased_at, post()'s request
    reaches its locked read and waits, then the erasure commits. Returns
    post()'s response."""
    db = subprocess.Popen(["mariadb", "--no-defaults", "--default-character-set=utf8mb4", "-S", DB_SOCK, "-u",
                           "root", "-N", "-B", "-n", DB_NAME], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True)
    got = {}
    try:
        db.stdin.write("BEGIN; UPDATE %s SET erased_at = UTC_TIMESTAMP() WHERE id = %s; SELECT 'held';\n"
                       % (table, pid))
        db.stdin.flush()
        assert db.stdout.readline().strip() == "held"
        t = threading.Thread(target=lambda: got.update(r=post()))
        t.start()
        waits = wait_until(lambda: one("SELECT COUNT(*) FROM information_schema.innodb_trx"
                                       " WHERE trx_state = 'LOCK WAIT'") != "0", 20)
        db.stdin.write("COMMIT;\n")
        db.stdin.close()
        db.wait(20)
        t.join(40)
        assert waits, "the request never waited on the person's row"
    finally:
        if db.poll() is None:
            db.kill()
    assert "r" in got, "the request did not come back"
    return got["r"]


def unerase(table, pid):
    sql("UPDATE %s SET erased_at = NULL WHERE id = %s" % (table, pid))


def audits(uid):
    return one("SELECT COUNT(*) FROM audit_log WHERE object_type = 'user' AND object_id = %s" % uid)


def test_the_agencys_correction_of_a_user_erased_meanwhile_writes_nothing():
    _, uid = worker("details")
    c = as_user(ADMIN)
    form = c.get("/admin/users/%s/edit" % uid)
    assert form.status == 200, form.status
    before = audits(uid)
    fields = {"csrf": form.csrf(), "first_name": "Gijs", "last_name": "Gewist", "job_title": "Heftruckchauffeur",
              "email": "gewist.details.%s@flex.example" % SFX, "mobile": "+31 6 11122233", "birth_date": "",
              "street": "", "postcode": "", "city": "", "country": "NL"}
    try:
        r = erased_during("users", uid, lambda: c.post("/admin/users/%s/edit" % uid, fields))
        assert r.status == 404, r.status
        assert sql("SELECT job_title, COALESCE(mobile, '') FROM users WHERE id = %s" % uid) == [["Inpakker", ""]]
        assert audits(uid) == before
    finally:
        unerase("users", uid)


def test_his_own_correction_on_his_account_after_his_erasure_writes_nothing():
    email, uid = worker("account")
    c = as_user(email)
    page = c.get("/account")
    assert page.status == 200, page.status
    fields = {"csrf": page.csrf(), "first_name": "Gijs", "last_name": "Gewist", "job_title": "Orderpicker",
              "mobile": "+31 6 44455566"}
    try:
        r = erased_during("users", uid, lambda: c.post("/account/profile", fields))
        assert r.status == 404, r.status
        assert sql("SELECT job_title, COALESCE(mobile, '') FROM users WHERE id = %s" % uid) == [["Inpakker", ""]]
    finally:
        unerase("users", uid)


def test_a_photo_uploaded_for_a_worker_erased_meanwhile_is_not_kept():
    _, uid = worker("photo")
    c = as_user(ADMIN)
    tok = c.get("/admin/users/%s" % uid).csrf()
    body, ct = multipart({"csrf": tok}, "foto.png", png(), "image/png")
    files = sorted(glob.glob(os.path.join(FILES, "*", "*")))
    try:
        r = erased_during("users", uid, lambda: c.request("POST", "/admin/users/%s/photo" % uid, body=body,
                                                          headers={"Content-Type": ct}))
        assert r.status == 404, r.status
        assert one("SELECT COALESCE(photo_file_id, 'NULL') FROM users WHERE id = %s" % uid) == "NULL"
        assert sorted(glob.glob(os.path.join(FILES, "*", "*"))) == files, "the file stayed in the store"
    finally:
        unerase("users", uid)


def record(c, path, text):
    from test_privacy_requests import today
    tok = c.get(path).csrf()
    return lambda: c.post(path + "/requests", {"csrf": tok, "request_kind": "access",
                                               "request_received": today().isoformat(), "request_text": text})


def test_a_request_recorded_for_a_person_erased_meanwhile_is_not_kept():
    _, uid = worker("request")
    c = as_user(OFFICER)
    post = record(c, "/privacy/persons/%s" % uid, "Per brief %s" % SFX)
    try:
        r = erased_during("users", uid, post)
        assert r.status == 404, r.status
        assert one("SELECT COUNT(*) FROM privacy_requests WHERE user_id = %s" % uid) == "0"
    finally:
        unerase("users", uid)
    # A candidate known by name only, the same.
    cand = one("SELECT MIN(id) FROM candidates WHERE worker_id IS NULL AND erased_at IS NULL")
    post = record(c, "/privacy/candidates/%s" % cand, "Telefonisch %s" % SFX)
    try:
        r = erased_during("candidates", cand, post)
        assert r.status == 404, r.status
        assert one("SELECT COUNT(*) FROM privacy_requests WHERE candidate_id = %s AND request_text ="
                   " 'Telefonisch %s'" % (cand, SFX)) == "0"
    finally:
        unerase("candidates", cand)


def test_his_own_request_filed_after_his_erasure_is_not_kept():
    email, uid = worker("self")
    c = as_user(email)
    tok = c.get("/privacy/me").csrf()
    try:
        r = erased_during("users", uid, lambda: c.post("/privacy/me/requests", {
            "csrf": tok, "request_kind": "erasure", "request_text": "Verwijder mij %s" % SFX}))
        assert r.status == 404, r.status
        assert one("SELECT COUNT(*) FROM privacy_requests WHERE user_id = %s" % uid) == "0"
    finally:
        unerase("users", uid)


if __name__ == "__main__":
    run(globals())
