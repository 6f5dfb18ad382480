#!/usr/bin/python3
"""Login, sessions and the audit log, with the demo accounts of seed-demo."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

PASSWORD = DEMO_PASSWORD


def without_tokens(text):
    return re.sub(r'value="[A-Za-z0-9_-]{43}(\.[A-Za-z0-9_-]+)?"', 'value=""', text)


def test_a_demo_user_logs_in_and_sees_only_the_modules_of_her_role_that_are_on():
    c, r = login("planner@klant.example")
    assert r.status == 303 and r.header("Location") == "/", (r.status, r.text[:300])
    assert "__Host-session" in c.cookies
    home = c.get("/")
    assert home.status == 200 and "Welkom, Eva Visser" in home.text
    # Portal.Modules lists the modules on.
    on = conf("Portal.Modules").split()
    for module in ("planning", "timesheets", "documents"):
        assert ('href="/%s/"' % module in home.text) == (module in on), module
    assert 'href="/vacancies/"' not in home.text and 'href="/admin/"' not in home.text


def test_the_agency_admin_sees_administration_and_a_worker_only_his_own_planning_and_hours():
    c, _ = login("admin@uitzendbureau.example")
    assert 'href="/admin/"' in c.get("/").text
    c, _ = login("worker@flex.example")
    text = c.get("/").text
    assert re.findall(r'class="tile tile-([a-z]+)"', text) == ["myplanning", "myhours"]
    assert 'href="/planning/me"' in text and 'href="/planning/"' not in text
    assert 'href="/timesheets/me"' in text and 'href="/timesheets/"' not in text


def test_agency_staff_need_the_code_of_their_app():
    c = Client()
    tok = c.get("/login").csrf()
    time.sleep(0.25)
    r = c.post("/login", {"csrf": tok, "email": "privacy@uitzendbureau.example", "password": PASSWORD})
    assert r.status == 303 and r.header("Location") == "/login/totp"
    pending = c.cookies["__Host-session"]
    assert c.get("/").header("Location") == "/login/totp", "a page opened before the code"
    tok = c.get("/login/totp").csrf()
    r = c.post("/login/totp", {"csrf": tok, "code": "000000" if totp() != "000000" else "111111"})
    assert r.status == 422 and "klopt niet" in r.text
    step = fresh_step("privacy@uitzendbureau.example")
    r = c.post("/login/totp", {"csrf": tok, "code": totp(step=step)})
    assert r.status == 303 and r.header("Location") == "/"
    assert c.cookies["__Host-session"] != pending, "the session token was not renewed"
    assert c.get("/").status == 200
    # The same code again, in another browser: a replay.
    c2 = Client()
    tok = c2.get("/login").csrf()
    time.sleep(0.25)
    c2.post("/login", {"csrf": tok, "email": "privacy@uitzendbureau.example", "password": PASSWORD})
    tok = c2.get("/login/totp").csrf()
    r = c2.post("/login/totp", {"csrf": tok, "code": totp(step=step)})
    assert r.status == 422
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login.failure'"
               " AND detail = 'totp replay'")[0][0] != "0"


def test_the_session_cookie_before_login_is_not_the_one_after():
    c = Client()
    c.cookies["__Host-session"] = "F" * 43  # planted by someone else
    c, r = login("supervisor@klant.example", client=c)
    assert r.status == 303
    assert c.cookies["__Host-session"] != "F" * 43


def test_wrong_password_and_unknown_address_answer_alike():
    _, a = login("hr.manager@klant.example", "not-the-password-at-all")
    _, b = login("nobody.here@klant.example", "not-the-password-at-all")
    assert a.status == b.status == 422
    assert without_tokens(a.text).replace("hr.manager@klant.example", "X") == \
        without_tokens(b.text).replace("nobody.here@klant.example", "X")


def test_twenty_failures_make_the_account_wait_even_for_the_right_password():
    email = "hiring.manager@klant.example"
    for _ in range(20):
        _, r = login(email, "wrong-password-%d" % _)
        assert r.status == 422
    _, r = login(email)
    assert r.status == 422 and "klopt niet" in r.text
    assert sql("SELECT locked_until > UTC_TIMESTAMP() FROM credentials c JOIN users u"
               " ON u.id = c.user_id WHERE u.email = '%s'" % email) == [["1"]]
    sql("UPDATE credentials c JOIN users u ON u.id = c.user_id SET c.locked_until = NULL,"
        " c.failed_logins = 0 WHERE u.email = '%s'" % email)
    sql("DELETE a FROM login_attempts a JOIN users u ON u.id = a.user_id WHERE u.email = '%s'" % email)
    _, r = login(email)
    assert r.status == 303


def test_login_follows_a_local_next_and_refuses_another_site():
    _, r = login("finance@klant.example", next="/healthz")
    assert r.header("Location") == "/healthz"
    c = Client()
    tok = c.get("/login").csrf()
    r = c.post("/login", {"csrf": tok, "email": "finance@klant.example", "password": PASSWORD,
                          "next": "//evil.example/"})
    assert r.status == 400


def test_a_disabled_users_open_session_dies():
    c, _ = login("planner@andereklant.example")
    assert c.get("/").status == 200
    sql("UPDATE users SET status = 'disabled' WHERE email = 'planner@andereklant.example'")
    try:
        r = c.get("/")
        assert r.status == 303 and r.header("Location").startswith("/login")
    finally:
        sql("UPDATE users SET status = 'active' WHERE email = 'planner@andereklant.example'")


def test_logins_and_logouts_are_in_the_audit_log():
    c, _ = login("consultant@uitzendbureau.example")
    c.post("/logout", {"csrf": c.get("/").csrf()})
    uid = sql("SELECT id FROM users WHERE email = 'consultant@uitzendbureau.example'")[0][0]
    actions = [row[0] for row in sql("SELECT action FROM audit_log WHERE actor_id = %s"
                                     " ORDER BY id" % uid)]
    assert actions[-2:] == ["login.success", "logout"], actions
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login.failure'")[0][0] != "0"


def test_inactive_accounts_are_warned_then_revoked():
    warn, gone = "hr.manager@klant.example", "finance@klant.example"
    c, _ = login(gone)
    assert c.get("/").status == 200
    sql("UPDATE users SET last_login_at = UTC_TIMESTAMP() - INTERVAL 170 DAY,"
        " inactivity_warned_at = NULL WHERE email = '%s'" % warn)
    sql("UPDATE users SET last_login_at = UTC_TIMESTAMP() - INTERVAL 184 DAY,"
        " inactivity_warned_at = NULL WHERE email = '%s'" % gone)
    try:
        subprocess.run([os.path.join(ROOT, "build/sbin/portal-worker"), "--once"], cwd=ROOT,
                       check=True, capture_output=True, timeout=60)
        assert sql("SELECT status, inactivity_warned_at IS NOT NULL FROM users WHERE email = '%s'"
                   % warn) == [["active", "1"]]
        assert sql("SELECT status FROM users WHERE email = '%s'" % gone) == [["revoked"]]
        assert c.get("/").status == 303, "the revoked account's session lives on"
        assert wait_until(lambda: [m for m in mails() if m["To"].addresses[0].addr_spec == warn
                                   and m["Subject"] == "Uw toegang vervalt binnenkort"], 20)
        assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'user.revoke_inactive'")[0][0] != "0"
        _, r = login(gone)
        assert r.status == 422
    finally:
        sql("UPDATE users SET status = 'active', last_login_at = UTC_TIMESTAMP(),"
            " inactivity_warned_at = NULL WHERE email IN ('%s', '%s')" % (warn, gone))


def test_the_audit_log_refuses_changes():
    try:
        sql("UPDATE audit_log SET detail = 'x' ORDER BY id DESC LIMIT 1")
        assert False, "update allowed"
    except subprocess.CalledProcessError as e:
        assert "append-only" in e.stderr


def test_audit_verify_finds_an_edited_row():
    r = portalctl("audit-verify")
    assert r.returncode == 0 and "intact" in r.stdout, r.stderr
    row = sql("SELECT id, detail FROM audit_log WHERE action = 'login.success' LIMIT 1")[0]
    sql("DROP TRIGGER audit_log_no_update")
    try:
        sql("UPDATE audit_log SET detail = 'rewritten' WHERE id = %s" % row[0])
        r = portalctl("audit-verify")
        assert r.returncode != 0 and "row %s was changed" % row[0] in r.stderr, r.stderr
        sql("UPDATE audit_log SET detail = '%s' WHERE id = %s" % (row[1], row[0]))
    finally:
        sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW"
            " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'")
    assert portalctl("audit-verify").returncode == 0


def test_audit_verify_finds_a_removed_row():
    cols = ("id, chain, created_at, actor_id, action, object_type, object_id, unit_id, ip, detail,"
            " prev_hash, hash")
    row = sql("SELECT id, chain, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), actor_id, action,"
              " object_type, object_id, unit_id, ip, detail, HEX(prev_hash), HEX(hash)"
              " FROM audit_log WHERE action = 'login.failure' ORDER BY id LIMIT 1")[0]
    sql("DROP TRIGGER audit_log_no_delete")
    try:
        sql("DELETE FROM audit_log WHERE id = %s" % row[0])
        r = portalctl("audit-verify")
        assert r.returncode != 0 and "removed" in r.stderr, r.stderr
    finally:
        vals = ["NULL" if v == "NULL" else "'%s'" % v.replace("'", "''") for v in row[:10]]
        vals += ["UNHEX('%s')" % row[10], "UNHEX('%s')" % row[11]]
        sql("INSERT INTO audit_log (%s) VALUES (%s)" % (cols, ", ".join(vals)))
        sql("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW"
            " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'")
    assert portalctl("audit-verify").returncode == 0


if __name__ == "__main__":
    run(globals())
