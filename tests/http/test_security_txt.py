#!/usr/bin/python3
"""/.well-known/security.txt (RFC 9116) is made from Security.* in
portal.hdf by the home program: where to report a vulnerability, until when
that holds, in which languages, and the address it is valid at (Canonical,
with Portal.Prefix); Policy, Acknowledgments and Encryption only when set."""
import datetime
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403


def fields(text):
    out = {}
    for line in text.splitlines():
        name, sep, value = line.partition(": ")
        assert sep and name and value, "not a field line: %r" % line
        out.setdefault(name, []).append(value)
    return out


def test_security_txt_holds_the_configured_fields():
    r = Client().get("/.well-known/security.txt")
    assert r.status == 200, r.status
    assert r.header("Content-Type") == "text/plain; charset=utf-8", r.header("Content-Type")
    assert r.header("X-Content-Type-Options") == "nosniff"
    assert not r.all("Set-Cookie"), "a cookie for a visitor who only asked for security.txt"
    f = fields(r.text)
    assert f["Contact"] == [conf("Security.Contact")], f
    assert f["Expires"] == [conf("Security.Expires") + "T23:59:59Z"], f
    expires = datetime.datetime.strptime(f["Expires"][0], "%Y-%m-%dT%H:%M:%SZ")
    assert expires > datetime.datetime.utcnow(), "the shipped date has passed"
    assert f["Preferred-Languages"] == [conf("Security.PreferredLanguages")], f
    assert f["Canonical"] == [BASE + conf("Portal.Prefix") + "/.well-known/security.txt"], f
    # Not set in the shipped configuration: not there.
    for name in ("Policy", "Acknowledgments", "Encryption"):
        assert name not in f, name


def test_the_same_for_a_signed_in_user():
    c, _ = login("planner@klant.example")
    r = c.get("/.well-known/security.txt")
    assert r.status == 200 and r.text.startswith("Contact: ")


def test_optional_fields_and_the_prefix_come_from_the_configuration():
    """The home program as plain CGI under a path prefix, with every field set
    and two contacts."""
    with tempfile.NamedTemporaryFile("w", suffix=".hdf", dir=VAR, delete=False) as f:
        f.write('#include "%s"\n' % os.environ["PORTAL_CONF"])
        f.write("Portal.Prefix = /portaal\n"
                "Security.Contact = mailto:cert@example.com, https://example.com/report\n"
                "Security.Policy = https://example.com/policy\n"
                "Security.Acknowledgments = https://example.com/thanks\n"
                "Security.Encryption = https://example.com/pgp.asc\n"
                "Security.PreferredLanguages = en, nl\n")
    try:
        env = {"PORTAL_CONF": f.name, "PATH": "/usr/bin:/bin", "REQUEST_METHOD": "GET",
               "PATH_INFO": "/portaal/.well-known/security.txt", "QUERY_STRING": "",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1"}
        out = subprocess.run([os.path.join(ROOT, "build", "cgi-bin", "home.fcgi")], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=30).stdout
    finally:
        os.unlink(f.name)
    head, body = re.split(r"\r?\n\r?\n", out, maxsplit=1)
    assert head.startswith("Status: 200"), out[:300]
    f = fields(body)
    assert f["Contact"] == ["mailto:cert@example.com", "https://example.com/report"], f
    assert f["Policy"] == ["https://example.com/policy"]
    assert f["Acknowledgments"] == ["https://example.com/thanks"]
    assert f["Encryption"] == ["https://example.com/pgp.asc"]
    assert f["Preferred-Languages"] == ["en, nl"]
    assert f["Canonical"] == [BASE + "/portaal/.well-known/security.txt"], f


if __name__ == "__main__":
    run(globals())
