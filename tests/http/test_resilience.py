#!/usr/bin/python3
"""What a user must not notice: an instance that dies, a database that
restarts; and the login rate limit."""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403


def test_killing_one_instance_does_not_fail_a_request():
    os.kill(pid_of("login-1"), signal.SIGKILL)
    time.sleep(0.2)
    c = Client()
    statuses = [c.get("/login").status for _ in range(30)]
    assert statuses == [200] * 30, statuses
    stack("restart-one", "login")
    assert Client().get("/login").status == 200


def test_database_down_gives_503_and_recovers_without_restart():
    c = Client()
    pid = pid_of("mariadb")
    os.kill(pid, signal.SIGTERM)
    assert wait_until(lambda: not running(pid), 30)
    r = c.get("/healthz")
    assert r.status == 503 and r.json()["database"] == "down", r.text
    c.cookies["__Host-session"] = "A" * 43
    r = c.get("/")
    assert r.status == 503 and "Tijdelijk niet beschikbaar" in r.text, r.status
    stack("restart-one", "mariadb")
    r = Client().get("/healthz")
    assert r.status == 200 and r.json()["database"] == "up", r.text
    r = c.get("/")
    assert r.status == 303  # the unknown session is simply not logged in


def test_login_posts_are_rate_limited_per_address():
    c = Client()
    tok = c.get("/login").csrf()
    codes = [c.post("/login", {"csrf": tok, "email": "x@y.example", "password": "p"}).status
             for _ in range(40)]
    assert 429 in codes, codes
    time.sleep(3)


if __name__ == "__main__":
    run(globals())
