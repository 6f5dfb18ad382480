#!/usr/bin/python3
"""The access matrix: every route of every binary, for every demo role and for
a visitor without a session. A route in a cgi-bin/ route table that this
file does not list fails the test, so the matrix grows with the modules.

Objects outside a user's part of the organisation answer 404, never 403:
the portal does not tell whether they exist.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

USERS = {
    "agency_admin": "admin@uitzendbureau.example",
    "consultant": "consultant@uitzendbureau.example",
    "privacy_officer": "privacy@uitzendbureau.example",
    "hr_manager": "hr.manager@klant.example",
    "planner": "planner@klant.example",
    "supervisor": "supervisor@klant.example",
    "hiring_manager": "hiring.manager@klant.example",
    "finance": "finance@klant.example",
    "other_client_planner": "planner@andereklant.example",
    "worker": "worker@flex.example",
}
AGENCY = {"agency_admin", "consultant", "privacy_officer"}
EVERYONE = set(USERS)

# (method, path) -> {who: status}; "anon" is a visitor without a session.
# GET routes are walked; POST routes are listed (their refusals are proven
# in the module's own tests) so that none is forgotten.
LOGGED_IN = dict({u: 200 for u in EVERYONE}, anon=303)
MATRIX = {
    ("GET", "/"): LOGGED_IN,
    ("GET", "/healthz"): dict({u: 200 for u in EVERYONE}, anon=200),
    ("GET", "/login"): dict({u: 303 for u in EVERYONE}, anon=200),
    ("GET", "/login/totp"): dict({u: 303 for u in EVERYONE}, anon=303),
    ("GET", "/account"): LOGGED_IN,
    ("GET", "/account/2fa"): LOGGED_IN,
    ("GET", "/password/reset"): dict({u: 200 for u in EVERYONE}, anon=200),
    ("GET", "/invite/:token"): "token",
    ("GET", "/password/reset/:token"): "token",
    ("POST", "/login"): "post",
    ("POST", "/login/totp"): "post",
    ("POST", "/logout"): "post",
    ("POST", "/lang"): "post",
    ("POST", "/invite/:token"): "post",
    ("POST", "/password/reset"): "post",
    ("POST", "/password/reset/:token"): "post",
    ("POST", "/account/password"): "post",
    ("POST", "/account/sessions/end"): "post",
    ("POST", "/account/lang"): "post",
    ("POST", "/account/2fa/enable"): "post",
    ("POST", "/account/2fa/disable"): "post",
}

ROUTE_RE = re.compile(r'\{\s*"(GET|POST)",\s*"([^"]+)"')


def routes_in_code():
    found = set()
    for f in glob.glob(os.path.join(ROOT, "cgi-bin", "**", "*.c"), recursive=True):
        with open(f) as fh:
            found.update(ROUTE_RE.findall(fh.read()))
    return found


_clients = {}


def client_of(who):
    if who == "anon":
        return Client()
    if who not in _clients:
        c, r = login(USERS[who])
        assert r.status == 303, (who, r.status)
        _clients[who] = c
    return _clients[who]


def test_every_route_in_the_code_is_in_the_matrix():
    missing = sorted(routes_in_code() - set(MATRIX))
    assert not missing, "routes without a line in the access matrix: %s" % missing


def test_every_get_route_answers_each_role_as_the_matrix_says():
    wrong = []
    for (method, path), expect in sorted(MATRIX.items()):
        if method != "GET" or not isinstance(expect, dict):
            continue
        for who, status in sorted(expect.items()):
            got = client_of(who).get(path).status
            if got != status:
                wrong.append("%s %s as %s: %d, expected %d" % (method, path, who, got, status))
    assert not wrong, "\n".join(wrong)


def test_token_pages_answer_404_to_a_made_up_token():
    for path in ("/invite/", "/password/reset/"):
        for who in ("anon", "planner"):
            assert client_of(who).get(path + "A" * 43).status == 404


def test_post_routes_refuse_a_visitor_without_a_token():
    for (method, path), expect in sorted(MATRIX.items()):
        if method != "POST":
            continue
        path = path.replace(":token", "A" * 43)
        r = Client().post(path, {"x": "1"})
        assert r.status in (400, 403), (path, r.status)


if __name__ == "__main__":
    run(globals())
