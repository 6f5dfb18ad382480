#!/usr/bin/python3
"""Announcements: agency staff post a notice of an outage or maintenance for
a period, in Dutch, English and French; it shows on every page, the login
page too, in the reader's language, from its start to its end or until it
is withdrawn — without a restart (within Announcements.CacheSeconds)."""
import datetime
import os
import random
import sys
import time
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

from test_timesheets import as_user  # noqa: E402

ADMIN = "admin@uitzendbureau.example"
SFX = "%06x" % random.randrange(16 ** 6)


def local(minutes):
    """Date and time on the agency's clock, minutes from now."""
    t = datetime.datetime.now(zoneinfo.ZoneInfo(conf("Planning.TimeZone"))) + datetime.timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%d"), t.strftime("%H:%M")


def post(c, **fields):
    tok = c.get("/admin/announcements").csrf()
    return c.post("/admin/announcements", dict(fields, csrf=tok))


def wait_shown(path, text, present=True, client=None):
    """Whether the page shows text (or not) within the cache's time."""
    c = client or Client()
    return wait_until(lambda: (text in c.get(path).text) == present, seconds=10)


def announcement(nl, en="", fr="", start=-1, end=60, kind="maintenance"):
    fd, ft = local(start)
    ud, ut = local(end)
    return dict(kind=kind, text_nl=nl, text_en=en, text_fr=fr, from_date=fd, from_time=ft, until_date=ud,
                until_time=ut)


def test_a_notice_shows_on_every_page_in_the_readers_language_and_goes_when_withdrawn():
    c = as_user(ADMIN)
    nl, en = "Onderhoud vannacht %s" % SFX, "Maintenance tonight %s" % SFX
    r = post(c, **announcement(nl, en))
    assert r.status == 303 and r.header("Location") == "/admin/announcements?done=posted", (r.status, r.text[-600:])
    # The login page of a visitor, in Dutch; in English after the switch.
    assert wait_shown("/login", nl)
    v = Client()
    tok = v.get("/login").csrf()
    assert v.post("/lang", {"csrf": tok, "lang": "en", "next": "/login"}).status == 303
    assert wait_shown("/login", en, client=v)
    assert nl not in v.get("/login").text
    # French is not given: the Dutch text.
    f = Client()
    tok = f.get("/login").csrf()
    f.post("/lang", {"csrf": tok, "lang": "fr", "next": "/login"})
    assert wait_shown("/login", nl, client=f)
    # Every page of a logged-in user too (each process reads them again
    # after its own wait).
    planner = as_user("planner@klant.example")
    for path in ("/", "/planning/", "/documents/"):
        assert planner.get(path).status == 200, path
        assert wait_shown(path, nl, client=planner), path
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action = 'announcement.create'")[0][0] != "0"
    # Withdrawn: gone from the pages.
    aid = sql("SELECT id FROM announcements WHERE text_nl = '%s'" % nl)[0][0]
    tok = c.get("/admin/announcements").csrf()
    r = c.post("/admin/announcements/%s/withdraw" % aid, {"csrf": tok})
    assert r.status == 303, r.status
    assert wait_shown("/login", nl, present=False)
    # Twice (from the page shown again) is nothing to withdraw.
    tok = c.get("/admin/announcements").csrf()
    assert c.post("/admin/announcements/%s/withdraw" % aid, {"csrf": tok}).status == 404


def test_one_to_come_shows_only_from_its_start():
    c = as_user(ADMIN)
    later = "Later onderhoud %s" % SFX
    assert post(c, **announcement(later, start=120, end=180)).status == 303
    time.sleep(1.5)
    assert later not in Client().get("/login").text
    r = c.get("/admin/announcements")
    assert later in r.text  # listed for the agency, to withdraw before it starts
    aid = sql("SELECT id FROM announcements WHERE text_nl = '%s'" % later)[0][0]
    assert c.post("/admin/announcements/%s/withdraw" % aid, {"csrf": r.csrf()}).status == 303


def test_a_bad_period_keeps_the_form_with_a_message():
    c = as_user(ADMIN)
    text = "Foute periode %s" % SFX
    r = post(c, **announcement(text, start=60, end=30))
    assert r.status == 422 and 'aria-invalid="true"' in r.text, r.status
    assert text in r.text, "the text is gone"
    r = post(c, **announcement(text, start=-120, end=-60))
    assert r.status == 422 and "verleden" in r.text
    r = post(c, **dict(announcement(text), from_time="25:00"))
    assert r.status == 422 and 'id="e-from_time"' in r.text
    r = post(c, **dict(announcement(text), text_nl=""))
    assert r.status == 422
    assert sql("SELECT COUNT(*) FROM announcements WHERE text_nl = '%s'" % text)[0][0] == "0"


def test_only_agency_staff_with_the_right_post_them():
    for email in ("consultant@uitzendbureau.example", "planner@klant.example"):
        u = as_user(email)
        assert u.get("/admin/announcements").status in (403, 404), email
        tok = u.get("/").csrf()
        assert u.post("/admin/announcements", dict(announcement("x"), csrf=tok)).status in (403, 404), email


if __name__ == "__main__":
    run(globals())
