#!/usr/bin/python3
"""A temp worker's national ID number (Dutch BSN, Belgian national register
number): checked when entered, sealed in the database, shown masked to all
but the privacy group, changed only by it, every whole view audited."""
import html
import io
import os
import re
import subprocess
import sys
import urllib.parse
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

from test_timesheets import as_user, one  # noqa: E402

ADMIN = "admin@uitzendbureau.example"        # worker.edit, no bsn.view
PRIVACY = "privacy@uitzendbureau.example"    # bsn.view, bsn.edit


def worker(email):
    return one("SELECT id FROM users WHERE email = '%s'" % email)


def page(c, uid):
    r = c.get("/admin/users/%s" % uid)
    assert r.status == 200, r.status
    return r


def enter(c, uid, country, number):
    tok = page(c, uid).csrf()
    return c.post("/admin/users/%s/bsn" % uid, {"csrf": tok, "country": country, "number": number})


def audits(action, uid):
    return int(one("SELECT COUNT(*) FROM audit_log WHERE action = '%s' AND object_type = 'user'"
                   " AND object_id = %s" % (action, uid)))


def error_of(r, name):
    """The message under a field, or None."""
    m = re.search(r'<p class="field-error" id="e-%s">([^<]*)</p>' % name, r.text)
    return m.group(1) if m else None


def refusal_of(r):
    m = re.search(r'<div class="alert alert-error" role="alert">([^<]*)</div>', r.text)
    return m.group(1) if m else None


def fresh_worker():
    """A temp worker without a number (Tom Jacobs of the demo), made so
    again for a second run on the same database."""
    uid = worker("tom.jacobs@flex.example")
    sql("UPDATE users SET bsn_country = NULL, bsn_sealed = NULL WHERE id = %s" % uid)
    return uid


def test_the_checks_of_both_countries_with_a_message_that_keeps_the_input():
    uid = fresh_worker()
    c = as_user(ADMIN)
    # 123456789 fails the 11-test; 90073003337 the Belgian modulo 97.
    for country, bad, word in (("NL", "123456789", "elfproef"), ("NL", "12345", "elfproef"),
                               ("BE", "90073003337", "rijksregisternummer"), ("NL", "11122233x", "elfproef")):
        r = enter(c, uid, country, bad)
        assert r.status == 422, (bad, r.status)
        assert 'aria-invalid="true"' in r.text and word in (error_of(r, "number") or ""), (bad, r.text[-800:])
        assert 'value="%s"' % bad in r.text, "the input is gone"
        assert one("SELECT bsn_sealed IS NULL FROM users WHERE id = %s" % uid) == "1"
    # Neither a country it does not know nor a field left out.
    tok = page(c, uid).csrf()
    assert c.post("/admin/users/%s/bsn" % uid, {"csrf": tok, "country": "DE", "number": "111222333"}).status == 422
    assert c.post("/admin/users/%s/bsn" % uid, {"csrf": tok, "country": "NL"}).status == 422


def test_entered_once_sealed_and_never_read_back_without_bsn_view():
    uid = fresh_worker()
    c = as_user(ADMIN)
    entered = audits("bsn.enter", uid)
    r = enter(c, uid, "NL", "111.222.333")
    assert r.status == 303, (r.status, r.text[-500:])
    # Sealed: neither the number nor its digits in a row of the database.
    dump = subprocess.run(["mariadb-dump", "--no-defaults", "-S", DB_SOCK, "-u", "root", "--skip-extended-insert",
                           "--hex-blob", DB_NAME, "users", "audit_log"], capture_output=True, text=True,
                          check=True).stdout
    assert "111222333" not in dump and "111.222.333" not in dump
    assert one("SELECT bsn_country FROM users WHERE id = %s" % uid) == "NL"
    assert one("SELECT HEX(SUBSTRING(bsn_sealed, 1, 1)) FROM users WHERE id = %s" % uid) == "01", "no key id"
    # The admin (worker.edit) sees the last four digits, never more.
    r = page(c, uid)
    assert "*****2333" in r.text and "111222333" not in r.text
    assert "/bsn/reveal" not in r.text
    tok = r.csrf()
    assert c.post("/admin/users/%s/bsn/reveal" % uid, {"csrf": tok}).status in (403, 404)
    # Nor may he change it now: that is the privacy group's.
    r = enter(c, uid, "NL", "123456782")
    assert r.status == 422 and "privacygroep" in (refusal_of(r) or ""), r.status
    assert audits("bsn.enter", uid) == entered + 1
    # No word of the number in the audit log's details.
    assert "2333" not in "".join(x[0] for x in sql("SELECT detail FROM audit_log WHERE object_id = %s"
                                                    " AND action LIKE 'bsn.%%'" % uid))


def test_the_privacy_group_sees_the_whole_number_audited_and_changes_it():
    uid = fresh_worker()
    assert enter(as_user(ADMIN), uid, "NL", "111222333").status == 303
    p = as_user(PRIVACY)
    r = page(p, uid)
    assert "*****" in r.text and "/bsn/reveal" in r.text
    before = audits("bsn.view", uid)
    r = p.post("/admin/users/%s/bsn/reveal" % uid, {"csrf": r.csrf()})
    assert r.status == 200 and "111222333" in r.text, r.status
    assert r.header("Cache-Control") == "no-store"
    assert audits("bsn.view", uid) == before + 1
    # The next page masks it again.
    assert "111222333" not in page(p, uid).text
    # A Belgian number instead: changed, audited.
    changes = audits("bsn.change", uid)
    assert enter(p, uid, "BE", "90.07.30-033.36").status == 303
    assert audits("bsn.change", uid) == changes + 1
    assert "*******3336" in page(p, uid).text
    # Without a token nothing is shown.
    assert p.post("/admin/users/%s/bsn/reveal" % uid, {}).status in (400, 403)


def test_no_number_for_who_is_not_a_temp_worker_nor_for_whom_is_out_of_scope():
    p = as_user(PRIVACY)
    planner = worker("planner@klant.example")
    tok = page(p, planner).csrf()
    assert "/bsn" not in page(p, planner).text
    assert p.post("/admin/users/%s/bsn" % planner, {"csrf": tok, "country": "NL", "number": "111222333"}).status == 404
    assert p.post("/admin/users/%s/bsn/reveal" % planner, {"csrf": tok}).status == 404
    # A client's HR manager sees no temp worker's page at all.
    hr = as_user("hr.manager@klant.example")
    assert hr.get("/admin/users/%s" % worker("worker@flex.example")).status in (403, 404)


def test_the_demo_workers_carry_valid_numbers_of_both_countries():
    p = as_user(PRIVACY)
    for email, shown in (("worker@flex.example", "*****2333"), ("lisa.maes@flex.example", "*******3336")):
        assert shown in page(p, worker(email)).text, email


ROLES = ["admin@uitzendbureau.example", "consultant@uitzendbureau.example", "privacy@uitzendbureau.example",
         "hr.manager@klant.example", "planner@klant.example", "supervisor@klant.example",
         "hiring.manager@klant.example", "finance@klant.example", "planner@andereklant.example",
         "worker@flex.example"]


def text_of(r):
    """What a download holds as text: a page or CSV as it is, each part of
    a workbook unzipped."""
    if r.body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(r.body)) as z:
            return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return r.text


def test_no_page_or_download_of_any_role_shows_a_whole_number():
    """Every page and download each demo role reaches from the dashboard by
    links (GET: the whole number is only ever an answer to the privacy
    group's POST), the numbers the demo workers carry nowhere in it."""
    plain = ["111222333", "90073003336", "900730033"]
    for email in ROLES:
        c = as_user(email)
        seen, todo, visited = set(), ["/"], 0
        while todo and visited < 250:
            path = todo.pop(0)
            if path in seen:
                continue
            seen.add(path)
            r = c.get(path)
            visited += 1
            if r.status != 200:
                continue
            body = text_of(r)
            for n in plain:
                assert n not in body, (email, path, n)
            if "html" not in (r.header("Content-Type") or ""):
                continue
            for href in re.findall(r'href="([^"#]+)"', r.text):
                href = html.unescape(href)
                u = urllib.parse.urlsplit(href)
                if u.scheme or u.netloc or not u.path.startswith("/") or u.path.startswith("/static/"):
                    continue
                if "/download" in u.path or "/preview" in u.path or u.path.startswith("/planning/feed/"):
                    continue  # stored files: contracts, CVs, invoices — none holds the number
                todo.append(u.path + ("?" + u.query if u.query else ""))
        assert visited > 3, (email, visited)


if __name__ == "__main__":
    run(globals())
