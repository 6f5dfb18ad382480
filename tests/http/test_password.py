#!/usr/bin/python3
"""Invitation and reset links, and the account page: choosing and changing a
password, with the mail a user receives."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

NEW = "paarse olifant danst tango"
RUN = str(int(time.time()))  # accounts made here are new on every run


def link_in_mail(to, path, since=0):
    """The link of the newest mail to `to` among those after the first `since`."""
    def find():
        for m in reversed(mails()[since:]):
            if m["To"].addresses[0].addr_spec == to:
                found = re.search(r"https://[^\s]+(%s[A-Za-z0-9_-]{43})" % re.escape(path),
                                  m.get_content())
                if found:
                    return found.group(1)
        return None
    return wait_until(find, 20)


def unique(email):
    name, domain = email.split("@")
    return "%s.%s@%s" % (name, RUN, domain)


def invite(email):
    r = portalctl("create-agency-admin", email, "Test", "Beheerder")
    assert r.returncode == 0, r.stderr
    return r.stdout.strip().split(BASE)[1]


def test_links_in_mail_keep_the_path_prefix():
    cfg = os.path.join(VAR, "prefix-test.hdf")
    with open(cfg, "w") as f:
        f.write('#include "%s"\nPortal.Prefix = /portal\n' % os.environ["PORTAL_CONF"])
    email = unique("prefixed@uitzendbureau.example")
    r = subprocess.run([CTL, "create-agency-admin", email, "Test", "Prefix"], cwd=ROOT,
                       env=dict(os.environ, PORTAL_CONF=cfg), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().startswith(BASE + "/portal/invite/"), r.stdout
    text = sql("SELECT REPLACE(JSON_VALUE(payload, '$.text'), '\\n', ' ') FROM outbox"
               " WHERE JSON_VALUE(payload, '$.to') = '%s'" % email)[0][0]
    assert BASE + "/portal/invite/" in text, text
    # Every other link too: the portal's address at the end of the mail.
    assert re.search(r"%s/portal/\s" % re.escape(BASE), text), text
    assert not re.search(r"%s/(?!portal/)" % re.escape(BASE), text), text


def test_create_agency_admin_prints_a_link_that_is_also_mailed():
    email = unique("first.admin@uitzendbureau.example")
    path = invite(email)
    assert path.startswith("/invite/")
    assert link_in_mail(email, "/invite/") == path
    r = portalctl("create-agency-admin", email)
    assert r.returncode != 0 and "already has an account" in r.stderr


def test_an_invitation_sets_the_password_once():
    email = unique("invited.admin@uitzendbureau.example")
    path = invite(email)
    c = Client()
    r = c.get(path)
    assert r.status == 200 and email in r.text
    tok = r.csrf()
    r = c.post(path, {"csrf": tok, "password": "password1234", "password2": "password1234"})
    assert r.status == 422 and "te makkelijk te raden" in r.text
    r = c.post(path, {"csrf": tok, "password": NEW, "password2": NEW + "!"})
    assert r.status == 422 and "niet gelijk" in r.text
    r = c.post(path, {"csrf": tok, "password": "Test Beheerder 2026!", "password2": "Test Beheerder 2026!"})
    assert r.status == 422 and "naam of e-mailadres" in r.text
    r = c.post(path, {"csrf": tok, "password": NEW, "password2": NEW})
    assert r.status == 200 and "is ingesteld" in r.text, r.text
    assert sql("SELECT status FROM users WHERE email = '%s'" % email) == [["active"]]
    r = c.get(path)
    assert r.status == 404 and "werkt niet meer" in r.text
    r = c.post(path, {"csrf": tok, "password": NEW, "password2": NEW})
    assert r.status == 404


def test_a_tampered_or_expired_link_is_refused():
    email = unique("expired.admin@uitzendbureau.example")
    path = invite(email)
    tampered = path[:-1] + ("A" if path[-1] != "A" else "B")
    assert Client().get(tampered).status == 404
    sql("UPDATE tokens t JOIN users u ON u.id = t.user_id SET t.expires_at = UTC_TIMESTAMP()"
        " - INTERVAL 1 MINUTE WHERE u.email = '%s'" % email)
    r = Client().get(path)
    assert r.status == 404 and "werkt niet meer" in r.text
    assert Client().get("/invite/short").status == 404


def test_a_reset_answers_alike_for_known_and_unknown_addresses():
    c = Client()
    before = len(mails())
    tok = c.get("/password/reset").csrf()
    a = c.post("/password/reset", {"csrf": tok, "email": "supervisor@klant.example"})
    b = c.post("/password/reset", {"csrf": tok, "email": "nobody@klant.example"})
    assert a.status == b.status == 200
    # Alike but for the nonce each page's forms carry (random, the same
    # for both kinds of address).
    def same(text, address):
        return re.sub(r'name="csrf" value="[^"]*"', "", text.replace(address, ""))
    assert same(a.text, "supervisor@klant.example") == same(b.text, "nobody@klant.example")
    assert link_in_mail("supervisor@klant.example", "/password/reset/", before)
    time.sleep(1)
    assert not [m for m in mails()[before:] if "nobody@klant.example" in str(m["To"])]


def test_a_reset_link_sets_a_new_password_and_ends_the_sessions():
    email = "finance@klant.example"
    old = Client()
    tok = old.get("/login").csrf()
    time.sleep(0.3)
    assert old.post("/login", {"csrf": tok, "email": email, "password": "Flexportal-demo-2026"}).status == 303
    c = Client()
    before = len(mails())
    tok = c.get("/password/reset").csrf()
    c.post("/password/reset", {"csrf": tok, "email": email})
    path = link_in_mail(email, "/password/reset/", before)
    r = c.get(path)
    tok = r.csrf()
    r = c.post(path, {"csrf": tok, "password": NEW, "password2": NEW})
    assert r.status == 200 and "is ingesteld" in r.text
    assert old.get("/").status == 303, "the old session lives on"
    assert wait_until(lambda: [m for m in mails() if m["To"].addresses[0].addr_spec == email
                               and m["Subject"] == "Uw wachtwoord is gewijzigd"], 20)
    tok = Client().get("/login").csrf()
    time.sleep(0.3)
    c2 = Client()
    tok = c2.get("/login").csrf()
    assert c2.post("/login", {"csrf": tok, "email": email, "password": NEW}).status == 303
    # Back to the demo password for the other tests, through the account page.
    r = c2.get("/account")
    r = c2.post("/account/password", {"csrf": r.csrf(), "current": NEW,
                                       "password": "Flexportal-demo-2026", "password2": "Flexportal-demo-2026"})
    assert r.status == 303, r.status


def test_the_account_page_lists_sessions_and_ends_one():
    email = "hr.manager@klant.example"
    clients = []
    for _ in range(2):
        c = Client()
        tok = c.get("/login").csrf()
        time.sleep(0.3)
        assert c.post("/login", {"csrf": tok, "email": email, "password": "Flexportal-demo-2026"}).status == 303
        clients.append(c)
    r = clients[0].get("/account")
    assert r.status == 200 and "Deze sessie" in r.text
    assert len(re.findall(r'name="id" value="(\d+)"', r.text)) >= 2
    # The newest session is the second client's: end it from the first.
    newest = sql("SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = '%s'"
                 " AND s.ended_at IS NULL ORDER BY s.id DESC LIMIT 1" % email)[0][0]
    r = clients[0].post("/account/sessions/end", {"csrf": r.csrf(), "id": newest})
    assert r.status == 303
    assert clients[1].get("/").status == 303, "the ended session still works"
    assert clients[0].get("/").status == 200


def test_a_wrong_current_password_is_named_on_the_form():
    c = Client()
    tok = c.get("/login").csrf()
    time.sleep(0.3)
    c.post("/login", {"csrf": tok, "email": "planner@klant.example", "password": "Flexportal-demo-2026"})
    r = c.get("/account")
    r = c.post("/account/password", {"csrf": r.csrf(), "current": "not it at all",
                                     "password": NEW, "password2": NEW})
    assert r.status == 422 and "niet uw huidige wachtwoord" in r.text


def test_another_users_session_cannot_be_ended():
    # Someone else is logged in: his session is the one to try.
    other, r = login("hiring.manager@klant.example")
    assert r.status == 303
    [[sid]] = sql("SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id"
                  " WHERE u.email = 'hiring.manager@klant.example' AND s.ended_at IS NULL"
                  " ORDER BY s.id DESC LIMIT 1")
    c = Client()
    tok = c.get("/login").csrf()
    time.sleep(0.3)
    c.post("/login", {"csrf": tok, "email": "supervisor@klant.example", "password": "Flexportal-demo-2026"})
    r = c.post("/account/sessions/end", {"csrf": c.get("/account").csrf(), "id": sid})
    assert r.status == 404
    assert sql("SELECT ended_at IS NULL FROM sessions WHERE id = %s" % sid) == [["1"]]
    assert other.get("/").status == 200, "the other user's session was ended"


def test_a_new_agency_admin_must_enrol_a_second_factor_and_then_use_it():
    email = unique("enrol.admin@uitzendbureau.example")
    path = invite(email)
    c = Client()
    tok = c.get(path).csrf()
    assert c.post(path, {"csrf": tok, "password": NEW, "password2": NEW}).status == 200
    tok = c.get("/login").csrf()
    time.sleep(0.3)
    r = c.post("/login", {"csrf": tok, "email": email, "password": NEW})
    assert r.status == 303 and r.header("Location") == "/account/2fa"
    assert c.get("/").header("Location") == "/account/2fa"
    page = c.get("/account/2fa")
    assert page.status == 200 and 'src="data:image/svg+xml;base64,' in page.text
    key = re.search(r'<code class="key">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    r = c.post("/account/2fa/enable", {"csrf": page.csrf(), "code": "123456" if totp(key) != "123456" else "654321"})
    assert r.status == 422 and "klopt niet" in r.text
    r = c.post("/account/2fa/enable", {"csrf": page.csrf(), "code": totp(key, fresh_step(email))})
    assert r.status == 200 and "ingeschakeld" in r.text, r.text[-500:]
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", r.text)
    assert len(codes) == 10
    assert c.get("/").status == 200, "still not fully logged in after enrolling"
    sealed = sql("SELECT HEX(totp_secret) FROM credentials c JOIN users u ON u.id = c.user_id"
                 " WHERE u.email = '%s'" % email)[0][0]
    assert key.encode().hex().upper() not in sealed, "the TOTP secret is stored in the clear"
    # Next time: password, then the app's code.
    c, r = login(email, NEW, secret=key)
    assert r.status == 303 and r.header("Location") == "/", (r.status, r.header("Location"))
    # A recovery code works once.
    for expected in (303, 422):
        c2 = Client()
        tok = c2.get("/login").csrf()
        time.sleep(0.3)
        c2.post("/login", {"csrf": tok, "email": email, "password": NEW})
        tok = c2.get("/login/totp").csrf()
        r = c2.post("/login/totp", {"csrf": tok, "code": codes[0].upper()})
        assert r.status == expected, (expected, r.status)


def test_turning_the_second_factor_off_needs_the_password():
    email = "planner@klant.example"
    c, _ = login(email)
    page = c.get("/account/2fa")
    key = re.search(r'<code class="key">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    r = c.post("/account/2fa/enable", {"csrf": page.csrf(), "code": totp(key, fresh_step(email))})
    assert r.status == 200
    page = c.get("/account/2fa")
    r = c.post("/account/2fa/disable", {"csrf": page.csrf(), "password": "wrong password here"})
    assert r.status == 422 and "niet uw huidige wachtwoord" in r.text
    r = c.post("/account/2fa/disable", {"csrf": page.csrf(), "password": DEMO_PASSWORD})
    assert r.status == 303
    assert sql("SELECT totp_enabled, totp_secret IS NULL FROM credentials c JOIN users u"
               " ON u.id = c.user_id WHERE u.email = '%s'" % email) == [["0", "1"]]


# --- the second factor under attack -----------------------------------------

def enrolled_admin(name):
    """A new agency admin with a password and a second factor: (email, key)."""
    email = unique("%s@uitzendbureau.example" % name)
    path = invite(email)
    c = Client()
    assert c.post(path, {"csrf": c.get(path).csrf(), "password": NEW, "password2": NEW}).status == 200
    time.sleep(0.3)
    r = c.post("/login", {"csrf": c.get("/login").csrf(), "email": email, "password": NEW})
    assert r.header("Location") == "/account/2fa"
    page = c.get("/account/2fa")
    key = re.search(r'<code class="key">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    r = c.post("/account/2fa/enable", {"csrf": page.csrf(), "code": totp(key, fresh_step(email))})
    assert r.status == 200, r.status
    return email, key


def pending(email):
    """A browser that gave the password and waits for the code."""
    c = Client()
    tok = c.get("/login").csrf()
    time.sleep(0.3)
    r = c.post("/login", {"csrf": tok, "email": email, "password": NEW})
    assert r.status == 303 and r.header("Location") == "/login/totp", (r.status, r.text[-500:])
    return c, c.get("/login/totp").csrf()


def wrong(key):
    """A six-digit code that is none of the three the window accepts."""
    now = int(time.time()) // 30
    good = {totp(key, s) for s in (now - 1, now, now + 1, now + 2)}
    return next(c for c in ("%06d" % i for i in range(1000000)) if c not in good)


def uid(email):
    return sql("SELECT id FROM users WHERE email = '%s'" % email)[0][0]


def unlock(email):
    sql("UPDATE credentials SET failed_logins = 0, locked_until = NULL WHERE user_id = %s" % uid(email))
    sql("DELETE FROM login_attempts WHERE user_id = %s" % uid(email))


def test_a_second_factor_cannot_be_guessed_by_trying_codes():
    email, key = enrolled_admin("guessed")
    limit = int(conf("Login.MaxCodeFailures"))
    c, tok = pending(email)
    for i in range(limit - 1):
        r = c.post("/login/totp", {"csrf": tok, "code": wrong(key)})
        assert r.status == 422 and "klopt niet" in r.text, (i, r.status)
    # The last wrong code ends the login: back to the password.
    r = c.post("/login/totp", {"csrf": tok, "code": wrong(key)})
    assert r.status == 422 and "te vaak een verkeerde code" in r.text, r.text[-800:]
    assert "__Host-session" not in c.cookies
    assert sql("SELECT end_reason FROM sessions WHERE user_id = %s ORDER BY id DESC LIMIT 1"
               % uid(email)) == [["second_factor"]]
    # The wrong codes count in a row, as wrong passwords do: the account
    # waits (a second after five, doubling with each next one) — the lock
    # the password step obeys (test_identity proves it refuses then).
    assert sql("SELECT failed_logins >= %d, locked_until IS NOT NULL FROM credentials"
               " WHERE user_id = %s" % (limit, uid(email))) == [["1", "1"]]
    # The right code opens nothing in the ended login: the session is gone.
    r = c.post("/login/totp", {"csrf": tok, "code": totp(key)})
    assert r.status != 303
    assert c.get("/").header("Location").startswith("/login"), "still logged in"
    # Each wrong code was a failure of the account, in the audit log.
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login.failure' AND actor_id = %s"
               " AND detail = 'wrong totp code'" % uid(email)) == [[str(limit)]]
    unlock(email)
    c, r = login(email, NEW, secret=key)
    assert r.status == 303 and r.header("Location") == "/"
    assert sql("SELECT failed_logins FROM credentials WHERE user_id = %s" % uid(email)) == [["0"]]


def test_recovery_codes_count_as_codes():
    email, key = enrolled_admin("recovered")
    limit = int(conf("Login.MaxCodeFailures"))
    c, tok = pending(email)
    for i in range(limit):
        r = c.post("/login/totp", {"csrf": tok, "code": "zzzzz-zzzz%d" % (i % 10)})
        assert r.status == 422
    assert "te vaak een verkeerde code" in r.text and "__Host-session" not in c.cookies
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login.failure' AND actor_id = %s"
               " AND detail = 'wrong recovery code'" % uid(email)) == [[str(limit)]]
    unlock(email)


def test_an_account_that_waits_refuses_even_the_right_code():
    email, key = enrolled_admin("waiting")
    c, tok = pending(email)
    sql("UPDATE credentials SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 MINUTE WHERE user_id = %s"
        % uid(email))
    step = fresh_step(email)
    r = c.post("/login/totp", {"csrf": tok, "code": totp(key, step)})
    assert r.status == 422 and "klopt niet" in r.text
    assert sql("SELECT totp_last_step < %d FROM credentials WHERE user_id = %s" % (step, uid(email))) == [["1"]]
    unlock(email)
    r = c.post("/login/totp", {"csrf": tok, "code": totp(key, step)})
    assert r.status == 303 and r.header("Location") == "/"


def test_one_code_sent_twice_at_the_same_moment_logs_in_once():
    import threading
    email, key = enrolled_admin("raced")
    for round in range(3):
        browsers = [pending(email) for _ in range(2)]
        code = totp(key, fresh_step(email))
        results = [None, None]
        go = threading.Barrier(2)

        def send(i):
            c, tok = browsers[i]
            go.wait()
            results[i] = c.post("/login/totp", {"csrf": tok, "code": code})
        threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        ok = [r for r in results if r.status == 303 and r.header("Location") == "/"]
        assert len(ok) == 1, (round, [r.status for r in results])
        unlock(email)
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login.failure' AND actor_id = %s"
               " AND detail = 'totp replay'" % uid(email)) == [["3"]]


def test_the_code_step_is_rate_limited_by_nginx():
    statuses = []
    for _ in range(30):
        statuses.append(Client().post("/login/totp", {"x": "1"}).status)
    assert 429 in statuses, statuses
    time.sleep(3)  # the bucket refills for the tests after this one


def test_reset_links_are_not_mailed_without_end():
    email = unique("flooded@uitzendbureau.example")
    path = invite(email)
    c = Client()
    assert c.post(path, {"csrf": c.get(path).csrf(), "password": NEW, "password2": NEW}).status == 200
    per_account = int(conf("Tokens.ResetsPerAccount"))
    pages = []
    for _ in range(per_account + 2):
        tok = c.get("/password/reset").csrf()
        pages.append(c.post("/password/reset", {"csrf": tok, "email": email}))
        time.sleep(1.1)  # under nginx's rate for the form
    assert all(r.status == 200 for r in pages), [r.status for r in pages]
    # The same answer every time; the mailbox gets only so many.
    assert len({r.text.replace(r.csrf() or "", "") for r in pages}) == 1
    assert sql("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'mail:reset:%s:%%'" % uid(email)) == \
        [[str(per_account)]]
    # One address asking for many accounts is held as well.
    other = unique("flooded.too@uitzendbureau.example")
    path = invite(other)
    assert c.post(path, {"csrf": c.get(path).csrf(), "password": NEW, "password2": NEW}).status == 200
    per_address = int(conf("Tokens.ResetsPerAddress"))
    sql("INSERT INTO reset_requests (ip, created_at) SELECT '127.0.0.1', UTC_TIMESTAMP() FROM seq_1_to_%d"
        % per_address)
    try:
        tok = c.get("/password/reset").csrf()
        r = c.post("/password/reset", {"csrf": tok, "email": other})
        assert r.status == 200 and "e-mail" in r.text.lower()
        assert sql("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'mail:reset:%s:%%'" % uid(other)) == \
            [["0"]]
    finally:
        sql("DELETE FROM reset_requests WHERE user_id IS NULL AND ip = '127.0.0.1'")


if __name__ == "__main__":
    run(globals())
