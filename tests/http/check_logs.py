#!/usr/bin/python3
"""The logs of a whole test run, read after every other suite: no e-mail
address, no person's name, no token and no secret in any line the portal
(its programs, its worker and its nginx) wrote. The peers' own logs (the
SMTP sink, the back-office simulator, MariaDB) are theirs, not read."""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

PORTAL_LOGS = ("admin-", "documents-", "home-", "login-", "planning-", "privacy-", "reports-", "timesheets-",
               "vacancies-", "worker",
               "nginx-access", "nginx-error")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
TOKEN = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")


def portal_lines():
    files = [f for f in glob.glob(os.path.join(LOG, "*.log"))
             if os.path.basename(f).startswith(PORTAL_LOGS)]
    assert len(files) >= 8, files
    for f in files:
        with open(f, errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                yield "%s:%d" % (os.path.basename(f), n), line


def found(pattern_or_words):
    """The first lines (at most ten) the pattern, or any of the words, is in."""
    pattern = pattern_or_words
    if not isinstance(pattern, re.Pattern):
        pattern = re.compile("|".join(re.escape(w) for w in pattern_or_words))
    hits = []
    for where, line in portal_lines():
        m = pattern.search(line)
        if m:
            hits.append("%s: %s" % (where, m.group(0)))
            if len(hits) >= 10:
                break
    return hits


def test_the_run_wrote_logs():
    lines = sum(1 for _ in portal_lines())
    assert lines > 1000, lines


def test_no_email_address_is_in_any_log_line():
    hits = found(EMAIL)
    assert not hits, "\n".join(hits)


def test_no_persons_name_is_in_any_log_line():
    names = {"%s %s" % (f, l) for f, l in sql("SELECT first_name, last_name FROM users")}
    names |= {n for (n,) in sql("SELECT name FROM candidates WHERE name IS NOT NULL")}
    hits = found(sorted(n for n in names if len(n) >= 6))
    assert not hits, "\n".join(hits)


def test_no_token_is_in_any_log_line():
    hits = found(TOKEN)
    assert not hits, "\n".join(hits)


def test_no_secret_is_in_any_log_line():
    secrets = []
    with open(abspath(conf("Paths.Secrets"))) as f:
        for line in f:
            if "=" in line and not line.lstrip().startswith("#"):
                v = line.split("=", 1)[1].strip()
                if len(v) >= 12:
                    secrets.append(v)
    assert len(secrets) >= 4, len(secrets)
    hits = found(secrets)
    assert not hits, "%d lines hold a secret" % len(hits)


if __name__ == "__main__":
    run(globals())
