#!/usr/bin/python3
"""The request pipeline over the whole test stack (nginx → FastCGI → MariaDB):
pages, headers, error pages, CSRF, validation, language, sessions."""
import base64
import hashlib
import os
import re
import secrets
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403


def test_login_page_is_dutch_and_carries_the_security_headers():
    r = Client().get("/login")
    assert r.status == 200, r.status
    assert '<html lang="nl">' in r.text
    assert "<h1>Inloggen</h1>" in r.text
    assert 'name="email"' in r.text and 'name="password"' in r.text
    csp = r.header("Content-Security-Policy")
    assert csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp, csp
    assert "unsafe-inline" not in csp
    assert r.header("X-Content-Type-Options") == "nosniff"
    assert r.header("Referrer-Policy") == "same-origin"
    assert "max-age=" in r.header("Strict-Transport-Security")
    assert r.header("Cache-Control") == "no-store"
    assert r.header("Server") == "nginx", r.header("Server")  # no version
    pre = [c for c in r.all("Set-Cookie") if c.startswith("__Host-pre=")]
    assert pre and "Secure" in pre[0] and "HttpOnly" in pre[0] and "SameSite=Lax" in pre[0]
    assert "<script>" not in r.text and " on" + "click=" not in r.text


def test_plain_http_redirects_to_https():
    r = plain_http("GET", "/login?x=1")
    assert r.status == 301, r.status
    assert r.header("Location") == "https://127.0.0.1:%d/login?x=1" % HTTPS_PORT


def test_static_files_are_served_with_headers():
    c = Client()
    r = c.get("/static/portal.css")
    assert r.status == 200 and r.header("Content-Type").startswith("text/css")
    assert r.header("X-Content-Type-Options") == "nosniff"


def test_unknown_path_gets_the_404_page_with_a_reference():
    r = Client().get("/no/such/page")
    assert r.status == 404
    assert "Pagina niet gevonden" in r.text
    m = re.search(r"Referentie: <strong>([A-Z0-9]{8})</strong>", r.text)
    assert m, r.text
    assert wait_until(lambda: m.group(1) in log_text("home"), 5), "reference not in the log"


def test_wrong_method_gets_405_with_allow():
    r = Client().request("PUT", "/login", body=b"")
    assert r.status == 405, r.status
    assert "GET" in r.header("Allow") and "POST" in r.header("Allow")
    r = Client().request("DELETE", "/")
    assert r.status == 405


def test_unexpected_or_malformed_parameter_gets_400_naming_the_field():
    c = Client()
    r = c.get("/login?next=//evil.example/")
    assert r.status == 400 and "<code>next</code>" in r.text, r.text
    r = c.get("/login?debug=1")
    assert r.status == 400 and "<code>debug</code>" in r.text


def test_oversized_body_is_refused_with_413():
    c = Client()
    c.get("/login")
    r = c.post("/login", {"csrf": "x", "email": "a" * (2 * 1024 * 1024)})
    assert r.status == 413, r.status
    assert "Te groot" in r.text and "nginx" not in r.text


def test_post_without_csrf_token_is_refused():
    c = Client()
    c.get("/login")
    r = c.post("/login", {"email": "a@b.example", "password": "x"})
    assert r.status == 403, r.status
    assert "Geen toegang" in r.text


def test_post_from_another_origin_is_refused():
    c = Client()
    tok = c.get("/login").csrf()
    r = c.post("/login", {"csrf": tok, "email": "a@b.example", "password": "x"},
               headers={"Origin": "https://evil.example"})
    assert r.status == 403, r.status


def test_csrf_token_of_another_visitor_is_refused():
    a, b = Client(), Client()
    tok_a = a.get("/login").csrf()
    b.get("/login")
    r = b.post("/login", {"csrf": tok_a, "email": "a@b.example", "password": "x"})
    assert r.status == 403, r.status


def test_empty_login_form_comes_back_with_field_errors():
    c = Client()
    tok = c.get("/login").csrf()
    r = c.post("/login", {"csrf": tok, "email": "", "password": ""})
    assert r.status == 422, r.status
    assert r.text.count("Vul dit veld in.") == 2, r.text
    assert 'aria-invalid="true"' in r.text


def test_bad_email_is_kept_in_the_form_and_the_password_is_not():
    c = Client()
    tok = c.get("/login").csrf()
    r = c.post("/login", {"csrf": tok, "email": "jan<at>bedrijf", "password": "geheim123"})
    assert r.status == 422
    assert 'value="jan&lt;at&gt;bedrijf"' in r.text, "input not kept (escaped)"
    assert "geldig e-mailadres" in r.text
    assert "geheim123" not in r.text


def test_login_answers_one_generic_failure():
    c = Client()
    tok = c.get("/login").csrf()
    r = c.post("/login", {"csrf": tok, "email": "nobody@klant.example", "password": "x" * 12})
    assert r.status == 422
    assert "Het e-mailadres of het wachtwoord klopt niet" in r.text


def test_language_switch_is_kept_in_a_cookie():
    c = Client()
    tok = c.get("/login").csrf()
    r = c.post("/lang", {"csrf": tok, "lang": "en", "next": "/login"})
    assert r.status == 303 and r.header("Location") == "/login", (r.status, r.header("Location"))
    assert c.cookies.get("__Host-lang") == "en"
    r = c.get("/login")
    assert '<html lang="en">' in r.text and "<h1>Sign in</h1>" in r.text
    tok = r.csrf()
    c.post("/lang", {"csrf": tok, "lang": "fr", "next": "/login"})
    r = c.get("/login")
    assert '<html lang="fr">' in r.text and "<h1>Connexion</h1>" in r.text
    r = c.post("/lang", {"csrf": r.csrf(), "lang": "de", "next": "/login"})
    assert r.status == 400


def test_health_check_reports_database_and_outbox():
    r = Client().get("/healthz")
    assert r.status == 200
    j = r.json()
    assert j["database"] == "up" and "backlog" in j["outbox"] and "oldest_age_seconds" in j["outbox"]


def test_home_sends_visitors_without_session_to_login():
    r = Client().get("/")
    assert r.status == 303
    assert r.header("Location") == "/login?next=/", r.header("Location")


def make_session(email, idle_minutes=0, age_hours=0):
    sql("INSERT INTO users (kind, email, first_name, last_name, status, created_at)"
        " VALUES ('client', '%s', 'Test', 'Gebruiker', 'active', UTC_TIMESTAMP())"
        " ON DUPLICATE KEY UPDATE status = 'active'" % email)
    uid = sql("SELECT id FROM users WHERE email = '%s'" % email)[0][0]
    tok = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    h = hashlib.sha256(tok.encode()).hexdigest()
    sql("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at)"
        " VALUES (UNHEX('%s'), %s, UTC_TIMESTAMP() - INTERVAL %d HOUR,"
        " UTC_TIMESTAMP() - INTERVAL %d MINUTE)" % (h, uid, age_hours, idle_minutes))
    c = Client()
    c.cookies["__Host-session"] = tok
    return c, h


def test_a_session_opens_the_dashboard():
    c, _ = make_session("sessie@klant.example")
    r = c.get("/")
    assert r.status == 200, r.status
    assert "Welkom, Test Gebruiker" in r.text
    assert 'action="/logout"' in r.text


def test_session_past_the_idle_limit_is_ended():
    c, h = make_session("idle@klant.example", idle_minutes=31)
    r = c.get("/")
    assert r.status == 303 and r.header("Location").startswith("/login")
    assert sql("SELECT end_reason FROM sessions WHERE token_hash = UNHEX('%s')" % h) == [["timeout"]]


def test_session_past_the_absolute_limit_is_ended():
    c, h = make_session("absolute@klant.example", idle_minutes=1, age_hours=13)
    r = c.get("/")
    assert r.status == 303
    assert sql("SELECT end_reason FROM sessions WHERE token_hash = UNHEX('%s')" % h) == [["timeout"]]


def test_logout_ends_the_session_on_the_server():
    c, h = make_session("logout@klant.example")
    tok = c.get("/").csrf()
    assert tok
    r = c.post("/logout", {"csrf": tok})
    assert r.status == 303 and r.header("Location") == "/login"
    assert "__Host-session" not in c.cookies
    assert sql("SELECT end_reason FROM sessions WHERE token_hash = UNHEX('%s')" % h) == [["logout"]]
    c.cookies["__Host-session"] = "x"  # even replaying the old cookie does nothing


def test_session_csrf_token_differs_from_the_pre_login_one():
    c, _ = make_session("csrf@klant.example")
    anon = Client()
    assert c.get("/").csrf() != anon.get("/login").csrf()


def test_request_log_has_no_query_strings_or_personal_data():
    c = Client()
    c.get("/login?next=/geheim-pad-123")
    text = log_text("login")
    assert "geheim-pad-123" not in text
    assert re.search(r'route="/login" status=200 ms=[0-9.]+ user=-', text)


if __name__ == "__main__":
    run(globals())
