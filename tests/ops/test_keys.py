"""test_keys.py: rotating the data key that seals personal data
(`portalctl rotate-key`, sbin/portalctl/keys.c) on a running portal: a new
key added and the programs restarted; sealing with it; every value the old
key sealed (second-factor secrets, national ID numbers, document and photo
keys) sealed again; the old key retired. Through it all, people sign in
with their second factor and documents come back byte for byte; a new
document is sealed with the new key; the old key cannot be retired while
anything uses it, nor the key that seals."""
import glob
import os
import signal
import stat
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import (RUN, VAR, login, multipart, pid_of, portalctl, run, running, sql, stack,  # noqa: E402
                        wait_until)

PDF = b"%PDF-1.4\n% before the rotation\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SECRETS = os.path.join(VAR, "secrets.hdf")
state = {}


def ctl(*args):
    r = portalctl("rotate-key", *args)
    return r.returncode, r.stdout + r.stderr


def restart_programs():
    """Every program of the portal stopped and started again, as a
    provider does after changing the secrets file."""
    names = [os.path.basename(p)[:-4] for p in glob.glob(os.path.join(RUN, "*.pid"))]
    names = [n for n in names if n == "worker" or n.rsplit("-", 1)[-1].isdigit()]
    for n in names:
        pid = pid_of(n)
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
        assert wait_until(lambda: not running(pid), 15), n
    stack("restart-one", "fcgi")
    stack("restart-one", "worker")
    time.sleep(0.5)


def sealed_with(key):
    q = ("SELECT (SELECT COUNT(*) FROM credentials WHERE ASCII(totp_secret) = %d)"
         " + (SELECT COUNT(*) FROM users WHERE ASCII(bsn_sealed) = %d)"
         " + (SELECT COUNT(*) FROM documents WHERE ASCII(file_key) = %d)"
         " + (SELECT COUNT(*) FROM users WHERE ASCII(photo_key) = %d)") % (key, key, key, key)
    return int(sql(q)[0][0])


def upload(c, title, content):
    unit = sql("SELECT id FROM org_units WHERE name = 'Team A1 — Inpak'")[0][0]
    body, ct = multipart({"csrf": c.get("/documents/new").csrf(), "type": "contract", "title": title,
                          "unit": unit, "person": ""}, "k.pdf", content)
    r = c.request("POST", "/documents/", body=body, headers={"Content-Type": ct})
    assert r.status == 303, r.status
    return sql("SELECT id, key_id, ASCII(file_key) FROM documents WHERE title = '%s'" % title)[0]


def signs_in_and_downloads():
    c, r = login("admin@uitzendbureau.example")  # a second factor: its secret opened
    assert r.status == 303, r.status
    got = c.get("/documents/%s/download" % state["doc"])
    assert got.status == 200 and got.body == PDF, got.status
    return c


def test_before_everything_is_sealed_with_key_1():
    if sql("SELECT COUNT(*) FROM users")[0][0] == "0":
        r = portalctl("seed-demo")
        assert r.returncode == 0, r.stderr
    c, r = login("admin@uitzendbureau.example")
    assert r.status == 303
    doc, key_id, first = upload(c, "Sealed before the rotation", PDF)
    state["doc"] = doc
    assert key_id == "1" and first == "1"
    state["sealed"] = sealed_with(1)
    assert state["sealed"] > 3, state["sealed"]
    assert int(sql("SELECT COUNT(*) FROM users WHERE bsn_sealed IS NOT NULL")[0][0]) > 0
    rc, out = ctl("status")
    assert rc == 0 and "key 1 (seals)" in out, out
    state["mode"] = stat.S_IMODE(os.stat(SECRETS).st_mode)


def test_a_key_added_then_used_seals_what_is_new():
    rc, out = ctl("add")
    assert rc == 0 and "key 2 added" in out, out
    text = open(SECRETS).read()
    assert "Keys.Data.2 = " in text and "Keys.Data = " in text
    assert stat.S_IMODE(os.stat(SECRETS).st_mode) == state["mode"]
    rc, out = ctl("use", "9")
    assert rc == 1 and "no key 9" in out, out
    restart_programs()
    signs_in_and_downloads()
    rc, out = ctl("use", "2")
    assert rc == 0, out
    restart_programs()
    c = signs_in_and_downloads()
    doc, key_id, first = upload(c, "Sealed after the rotation", PDF + b"% new\n")
    assert key_id == "2" and first == "2", (key_id, first)


def test_the_old_key_cannot_be_retired_while_it_seals_anything():
    rc, out = ctl("retire", "1")
    assert rc == 1 and "still sealed with key 1" in out, out
    rc, out = ctl("retire", "2")
    assert rc == 1 and "the one that seals" in out, out
    assert "Keys.Data = " in open(SECRETS).read()


def test_reseal_seals_every_value_again_and_a_second_run_finds_nothing():
    rc, out = ctl("reseal")
    assert rc == 0, out
    assert sealed_with(1) == 0, out
    assert sealed_with(2) == state["sealed"] + 1, (sealed_with(2), state["sealed"])
    assert sql("SELECT COUNT(*) FROM documents WHERE key_id <> ASCII(file_key)")[0][0] == "0"
    rc, out = ctl("reseal")
    assert rc == 0 and "0 sealed again" in out and " 1 sealed" not in out, out
    signs_in_and_downloads()
    assert int(sql("SELECT COUNT(*) FROM audit_log WHERE action IN ('key.use', 'key.reseal')")[0][0]) >= 3


def test_the_old_key_retired_and_the_portal_goes_on_without_it():
    rc, out = ctl("retire", "1")
    assert rc == 0, out
    text = open(SECRETS).read()
    assert "Keys.Data = " not in text and "Keys.Data.2 = " in text and "Keys.DataCurrent = 2" in text
    assert stat.S_IMODE(os.stat(SECRETS).st_mode) == state["mode"]
    r = portalctl("check-config")
    assert r.returncode == 0, r.stdout + r.stderr
    # init-secrets does not make a key 1 again.
    assert portalctl("init-secrets").returncode == 0
    assert "Keys.Data = " not in open(SECRETS).read()
    restart_programs()
    signs_in_and_downloads()
    rc, out = ctl("status")
    assert rc == 0 and "key 2 (seals)" in out and "key 1" not in out, out


if __name__ == "__main__":
    run(globals())
