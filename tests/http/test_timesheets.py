#!/usr/bin/python3
"""Timesheets: a temp worker's week, filled in from his contracted shifts,
kept as his private draft and submitted; approved or rejected per team
(one at a time, or a selection of 500), locked once approved, corrected by
the agency as a new version; every approved version to the back-office
once; the reminders; wages and exports; and every refusal with its
message and nothing stored."""
import datetime
import io
import os
import re
import signal
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

RUN = uuid.uuid4().hex[:6]
SIM = "http://127.0.0.1:%s" % conf("Stack.BackofficePort")
_clients = {}
_n = [0]

SUPERVISOR = "supervisor@klant.example"
CONSULTANT = "consultant@uitzendbureau.example"
VIEWERS = ["supervisor@klant.example", "hr.manager@klant.example", "planner@klant.example",
           "consultant@uitzendbureau.example", "admin@uitzendbureau.example", "planner@andereklant.example"]


def as_user(email):
    if email not in _clients:
        c, r = login(email)
        assert r.status == 303, (email, r.status)
        _clients[email] = c
    return _clients[email]


def one(query):
    rows = sql(query)
    assert rows, query
    return rows[0][0]


def sim(method, path):
    token = [l.split("=", 1)[1].strip() for l in open(abspath(conf("Paths.Secrets")))
             if l.startswith("Backoffice.Token")][0]
    req = urllib.request.Request(SIM + path, method=method, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def monday(weeks_back):
    d = datetime.date.today()
    return d - datetime.timedelta(days=d.weekday() + 7 * weeks_back)


def unit(name):
    return one("SELECT id FROM org_units WHERE name = '%s'" % name)


A1 = "Team A1 — Inpak"
A2 = "Team A2 — Expeditie"


def worker(login_too=True, unit_name=A1, position="Inpakker"):
    """A temp worker of this run in a unit's pool; with a login (the demo
    password) or without one (the agency keeps his hours)."""
    _n[0] += 1
    first = "Uren%d" % _n[0]
    email = "uren%d-%s@flex.example" % (_n[0], RUN)
    sql("INSERT INTO users (kind, email, first_name, last_name, status, created_at, last_activity_at)"
        " VALUES ('worker', '%s', '%s', 'Test%s', 'active', UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        % (email, first, RUN))
    wid = one("SELECT id FROM users WHERE email = '%s'" % email)
    if login_too:
        sql("INSERT INTO credentials (user_id, password_hash, password_changed_at) SELECT %s, password_hash,"
            " UTC_TIMESTAMP() FROM credentials c JOIN users u ON u.id = c.user_id"
            " WHERE u.email = 'worker@flex.example'" % wid)
    sql("INSERT INTO pool (worker_user_id, unit_id, position, source, created_at)"
        " VALUES (%s, %s, '%s', 'agency', UTC_TIMESTAMP())" % (wid, unit(unit_name), position))
    return {"id": wid, "email": email, "name": "%s Test%s" % (first, RUN), "unit": unit(unit_name),
            "position": position}


def contracted(w, week, days=(0, 1, 2), start="07:00", end="15:30", brk=30, wage="14.25"):
    """Contracted shifts of the worker in the week (days 0 Monday), at the
    unit's clock (Europe/Brussels, winter: UTC+1 — the tests' weeks are
    near today), each with its contract."""
    for d in days:
        day = week + datetime.timedelta(days=d)
        a = utc(day, start)
        b = utc(day, end)
        sql("INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at, break_minutes, state,"
            " created_at, updated_at) VALUES (%s, '%s', %s, '%s', '%s', %d, 'contracted', UTC_TIMESTAMP(),"
            " UTC_TIMESTAMP())" % (w["unit"], w["position"], w["id"], a, b, brk))
        sid = one("SELECT MAX(id) FROM shifts WHERE worker_user_id = %s" % w["id"])
        sql("INSERT INTO contracts (shift_id, version, contract_no, hourly_wage, bill_rate, created_at)"
            " VALUES (%s, 1, 'T-%s-%s', %s, 23.50, UTC_TIMESTAMP())" % (sid, RUN, sid, wage))
        sql("UPDATE shifts SET contract_id = (SELECT id FROM contracts WHERE shift_id = %s) WHERE id = %s"
            % (sid, sid))


def utc(day, hhmm):
    """A wall-clock time at the units (Europe/Brussels) as UTC, by the
    database's own zone tables if it has them, else by the offset of
    the tests' season."""
    h, m = map(int, hhmm.split(":"))
    local = datetime.datetime(day.year, day.month, day.day, h, m)
    # Brussels: UTC+2 from the last Sunday of March to the last Sunday of October.
    def last_sunday(month):
        d = datetime.date(day.year, month, 31)
        return d - datetime.timedelta(days=(d.weekday() + 1) % 7)
    summer = last_sunday(3) <= day < last_sunday(10)
    return (local - datetime.timedelta(hours=2 if summer else 1)).strftime("%Y-%m-%d %H:%M:%S")


def worker_client(w):
    if w["email"] not in _clients:
        c, r = login(w["email"])
        assert r.status == 303, (w["email"], r.status)
        _clients[w["email"]] = c
    return _clients[w["email"]]


def base_of(w, c):
    """The pages that keep the worker's hours: his own, or the agency's."""
    return "/timesheets/me" if c is _clients.get(w["email"]) else "/timesheets/workers/%s" % w["id"]


def open_week(w, week, c=None):
    c = c or worker_client(w)
    base = base_of(w, c)
    tok = c.get(base).csrf()
    r = c.post(base + "/open", {"csrf": tok, "unit": w["unit"], "position": w["position"], "week": week.isoformat()})
    assert r.status == 303, (r.status, r.text[-800:])
    sheet = re.search(r"/(\d+)\?done=opened$", r.header("Location")).group(1)
    return sheet


def form_of(c, path):
    """The fields of a week's form as the page shows them."""
    page = c.get(path)
    assert page.status == 200, page.status
    fields = {}
    for m in re.finditer(r'<input[^>]*name="([a-z]+\d+|rev)"[^>]*>', page.text):
        tag = m.group(0)
        v = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag:
            if "checked" in tag:
                fields[m.group(1)] = "1"
        elif v and v.group(1):
            fields[m.group(1)] = v.group(1).replace("&amp;", "&")
    for m in re.finditer(r'<select[^>]*name="(day\d+)"[^>]*>(.*?)</select>', page.text, re.S):
        sel = re.search(r'<option value="([^"]*)" selected', m.group(2))
        if sel:
            fields[m.group(1)] = sel.group(1)
    return page, fields


def save(c, path, fields, submit=False):
    page = c.get(path)
    data = dict(fields, csrf=page.csrf())
    if submit:
        data["submit"] = "1"
    return c.post(path, data)


def submitted_sheet(w=None, week_back=1):
    """A week of a worker of this run, filled in from his shifts and submitted."""
    w = w or worker()
    week = monday(week_back)
    contracted(w, week)
    sheet = open_week(w, week)
    c = worker_client(w)
    _, fields = form_of(c, "/timesheets/me/%s" % sheet)
    r = save(c, "/timesheets/me/%s" % sheet, fields, submit=True)
    assert r.status == 303, (r.status, text_of(r.text)[-800:])
    return w, sheet


def state(sheet):
    return one("SELECT state FROM timesheets WHERE id = %s" % sheet)


def decide(who, sheet, action, **fields):
    c = as_user(who)
    page = c.get("/timesheets/%s" % sheet)
    return c.post("/timesheets/%s/%s" % (sheet, action), dict(fields, csrf=page.csrf() or c.get("/").csrf()))


# --- the worker's week -------------------------------------------------------

def test_a_worker_fills_in_his_week_from_his_shifts_changes_it_and_submits_it():
    w = worker()
    week = monday(1)
    contracted(w, week)
    c = worker_client(w)
    listing = c.get("/timesheets/me")
    assert listing.status == 200
    assert 'datetime="%s"' % week.isoformat() in listing.text, "the week to fill in is offered"
    sheet = open_week(w, week)
    assert one("SELECT COUNT(*) FROM timesheet_entries WHERE timesheet_id = %s" % sheet) == "3"
    assert one("SELECT minutes FROM timesheets WHERE id = %s" % sheet) == "1440"
    page, fields = form_of(c, "/timesheets/me/%s" % sheet)
    assert fields["start1"] == "07:00" and fields["end1"] == "15:30" and fields["break1"] == "30", fields
    # Opened twice: the same timesheet, not a second one.
    assert open_week(w, week) == sheet
    # An evening more on Tuesday, and a line of its own on Thursday.
    fields["end2"] = "17:30"
    fields.update({"day4": (week + datetime.timedelta(days=3)).isoformat(), "start4": "22:00", "end4": "06:00",
                   "overnight4": "1", "break4": "30", "remark4": "Nachtinventaris"})
    r = save(c, "/timesheets/me/%s" % sheet, fields)
    assert r.status == 303 and r.header("Location").endswith("?done=saved"), r.status
    assert state(sheet) == "draft"
    assert one("SELECT minutes FROM timesheets WHERE id = %s" % sheet) == str(1440 + 120 + 450)
    # The night line: 7.5 h of it at night (22:00–06:00 less the break).
    assert one("SELECT night_minutes FROM timesheet_entries WHERE timesheet_id = %s AND remark = 'Nachtinventaris'"
               % sheet) == "450"
    _, fields = form_of(c, "/timesheets/me/%s" % sheet)
    r = save(c, "/timesheets/me/%s" % sheet, fields, submit=True)
    assert r.status == 303 and r.header("Location") == "/timesheets/me?done=submitted"
    assert state(sheet) == "submitted"
    assert one("SELECT COUNT(*) FROM audit_log WHERE action = 'timesheet.submit' AND object_id = %s" % sheet) == "1"
    # Submitted, the week is no longer his to change.
    page = c.get("/timesheets/me/%s" % sheet)
    assert 'name="start1"' not in page.text


def test_a_draft_is_invisible_to_every_client_and_agency_user_until_it_is_submitted():
    w = worker()
    week = monday(2)
    contracted(w, week)
    sheet = open_week(w, week)
    waiting_before = {}

    def crawl(expect_seen):
        wrong = []
        for who in VIEWERS:
            c = as_user(who)
            for q in ("", "?state=all", "?state=submitted", "?week=%s" % week.isoformat(),
                      "?state=all&q=%s" % urllib.parse.quote(w["name"].split()[0])):
                page = c.get("/timesheets/" + q)
                seen = w["name"] in page.text or "/timesheets/%s\"" % sheet in page.text
                if seen and not expect_seen:
                    wrong.append("%s sees the draft in /timesheets/%s" % (who, q))
            for path in ("/timesheets/%s" % sheet, "/timesheets/%s/correct" % sheet):
                got = c.get(path).status
                if not expect_seen and got != 404:
                    wrong.append("%s: %s is %d, not 404" % (who, path, got))
            csv = c.get("/timesheets/export.csv?week=%s" % week.isoformat())
            xlsx = c.get("/timesheets/export.xlsx?week=%s" % week.isoformat())
            if w["name"] in csv.text or (xlsx.status == 200 and w["name"] in workbook_text(xlsx.body)):
                wrong.append("%s exports the hours of a week not approved" % who)
            home = text_of(c.get("/").text)
            if not expect_seen:
                waiting_before[who] = home
            elif who == SUPERVISOR and home == waiting_before.get(who):
                wrong.append("the supervisor's count did not change on submit")
            for path in ("/timesheets/workers", "/timesheets/workers?q=%s" % urllib.parse.quote(w["email"])):
                if "/timesheets/workers/%s\"" % w["id"] in c.get(path).text:
                    wrong.append("%s lists a worker who keeps his own hours in %s" % (who, path))
            # Deciding on it is as if it did not exist.
            tok = c.get("/").csrf()
            for action, extra in (("approve", {}), ("reject", {"reason": "x"})):
                got = c.post("/timesheets/%s/%s" % (sheet, action), dict(extra, csrf=tok)).status
                if got != 404:
                    wrong.append("%s: POST %s of a draft is %d, not 404" % (who, action, got))
        return wrong

    wrong = crawl(False)
    assert not wrong, "\n".join(wrong)
    assert state(sheet) == "draft"
    c = worker_client(w)
    _, fields = form_of(c, "/timesheets/me/%s" % sheet)
    assert save(c, "/timesheets/me/%s" % sheet, fields, submit=True).status == 303
    sup = as_user(SUPERVISOR)
    assert "/timesheets/%s\"" % sheet in sup.get("/timesheets/").text, "submitted, it waits for the supervisor"
    assert sup.get("/timesheets/%s" % sheet).status == 200
    crawl(True)
    assert "/timesheets/%s\"" % sheet not in as_user("planner@andereklant.example").get("/timesheets/?state=all").text


def workbook_text(body):
    try:
        z = zipfile.ZipFile(io.BytesIO(body))
    except zipfile.BadZipFile:
        return ""
    return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


# --- refusals -----------------------------------------------------------------

def error_of(page, field):
    m = re.search(r'id="e-%s">([^<]*)<' % field, page.text)
    return m.group(1) if m else None


def test_bad_hours_keep_the_form_with_a_message_and_store_nothing():
    w = worker()
    week = monday(1)
    contracted(w, week)
    c = worker_client(w)
    sheet = open_week(w, week)
    path = "/timesheets/me/%s" % sheet
    _, good = form_of(c, path)
    before = sql("SELECT id, starts_at, ends_at, break_minutes, minutes FROM timesheet_entries"
                 " WHERE timesheet_id = %s ORDER BY id" % sheet)
    friday = (week + datetime.timedelta(days=4)).isoformat()
    cases = [
        ({"start1": "25:00"}, "start1", "08:00"),
        ({"start1": "16:00", "end1": "08:00"}, "end1", "middernacht"),
        ({"break1": "600"}, "break1", "pauze"),
        ({"day4": (week + datetime.timedelta(days=7)).isoformat(), "start4": "08:00", "end4": "12:00"},
         "day4", "week"),
        ({"day4": friday, "start4": "00:00", "end4": "20:00", "day5": friday, "start5": "04:00", "end5": "23:00"},
         "start4", "24"),
        ({"day4": friday, "start4": "08:00", "end4": "12:00", "position4": "Piloot"}, "position4", "functie"),
        ({"day4": friday, "start4": "08:00", "end4": "12:00", "overnight4": "1"}, "end4", "24 uur"),
        ({"break1": "veel"}, "break1", "geheel getal"),
    ]
    for change, field, words in cases:
        fields = dict(good, **change)
        r = save(c, path, fields)
        assert r.status == 422, (change, r.status)
        msg = error_of(r, field)
        assert msg and words.lower() in msg.lower(), (change, field, msg)
        # The input comes back as it was typed.
        for k, v in change.items():
            if k.startswith(("start", "end", "break", "position")):
                assert 'value="%s"' % v in r.text, (change, k)
        after = sql("SELECT id, starts_at, ends_at, break_minutes, minutes FROM timesheet_entries"
                    " WHERE timesheet_id = %s ORDER BY id" % sheet)
        assert after == before, change
    # Submitting a week without a line of hours.
    empty = {k: "" for k in good if k.startswith(("start", "end"))}
    r = save(c, path, dict(good, **empty), submit=True)
    assert r.status == 422 and "minstens" in text_of(r.text), r.status
    assert state(sheet) == "draft" and sql("SELECT COUNT(*) FROM timesheet_entries WHERE timesheet_id = %s"
                                           % sheet)[0][0] == "3"
    # A week that has not begun.
    tok = c.get("/timesheets/me").csrf()
    r = c.post("/timesheets/me/open", {"csrf": tok, "unit": w["unit"], "position": w["position"],
                                        "week": monday(-1).isoformat()})
    assert r.status == 422 and "nog niet begonnen" in text_of(r.text)
    # An assignment without his shifts, a unit of another client: not there.
    r = c.post("/timesheets/me/open", {"csrf": tok, "unit": unit("Team Gent 1"), "position": w["position"],
                                        "week": week.isoformat()})
    assert r.status == 404
    # A field the form does not have.
    r = c.post(path, dict(good, csrf=tok, start99="08:00"))
    assert r.status == 400
    # Another worker's week is not there.
    other = worker()
    assert worker_client(other).get(path).status == 404
    assert save(worker_client(other), path, good).status == 404


def test_a_form_saved_twice_or_from_a_second_window_does_not_add_its_lines_twice():
    w = worker()
    week = monday(1)
    contracted(w, week)
    c = worker_client(w)
    sheet = open_week(w, week)
    path = "/timesheets/me/%s" % sheet
    _, fields = form_of(c, path)
    fields.update({"day4": (week + datetime.timedelta(days=3)).isoformat(), "start4": "08:00", "end4": "12:00"})
    assert save(c, path, fields).status == 303
    # The same post again (a double click, the back button): refused, the
    # week as it is now, nothing added.
    r = save(c, path, fields)
    assert r.status == 422 and "intussen gewijzigd" in text_of(r.text), r.status
    assert one("SELECT COUNT(*) FROM timesheet_entries WHERE timesheet_id = %s" % sheet) == "4"
    # A form without its revision is no better.
    r = save(c, path, {k: v for k, v in fields.items() if k != "rev"})
    assert r.status == 422
    assert one("SELECT COUNT(*) FROM timesheet_entries WHERE timesheet_id = %s" % sheet) == "4"
    # Lines that overlap are refused with the input kept.
    _, fields = form_of(c, path)
    fields.update({"day5": (week + datetime.timedelta(days=3)).isoformat(), "start5": "11:00", "end5": "13:00"})
    r = save(c, path, fields)
    assert r.status == 422 and "overlapt" in (error_of(r, "start5") or ""), error_of(r, "start5")
    assert 'value="11:00"' in r.text
    # A line left empty is removed; the form is the whole week.
    _, fields = form_of(c, path)
    fields["start4"] = fields["end4"] = ""
    assert save(c, path, fields).status == 303
    assert one("SELECT COUNT(*) FROM timesheet_entries WHERE timesheet_id = %s" % sheet) == "3"


def test_the_agency_enters_hours_only_where_it_holds_the_right():
    w = worker(login_too=False)
    gent = unit("Team Gent 1")
    g = dict(w, unit=gent)
    contracted(g, monday(1))
    c = as_user(CONSULTANT)
    tok = c.get("/timesheets/workers/%s" % w["id"]).csrf()
    r = c.post("/timesheets/workers/%s/open" % w["id"], {"csrf": tok, "unit": gent, "position": w["position"],
                                                        "week": monday(1).isoformat()})
    assert r.status == 404
    assert one("SELECT COUNT(*) FROM timesheets WHERE worker_user_id = %s" % w["id"]) == "0"
    sql("INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, created_at, updated_at)"
        " VALUES (%s, %s, '%s', '%s', 'draft', UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        % (w["id"], gent, w["position"], monday(2).isoformat()))
    page = c.get("/timesheets/workers/%s" % w["id"])
    assert page.status == 200 and 'datetime="%s"' % monday(2).isoformat() not in page.text
    # The agency admin, whose rights cover every client, sees and opens both.
    admin = as_user("admin@uitzendbureau.example")
    assert 'datetime="%s"' % monday(2).isoformat() in admin.get("/timesheets/workers/%s" % w["id"]).text


def test_a_submitted_or_approved_week_is_locked_and_every_refused_transition_says_why():
    w, sheet = submitted_sheet()
    c = worker_client(w)
    path = "/timesheets/me/%s" % sheet
    entries = sql("SELECT starts_at, ends_at FROM timesheet_entries WHERE timesheet_id = %s ORDER BY id" % sheet)
    tok = c.get("/").csrf()
    r = c.post(path, {"csrf": tok, "day1": monday(1).isoformat(), "start1": "06:00", "end1": "18:00"})
    assert r.status == 422 and "niet meer worden gewijzigd" in text_of(r.text)
    assert sql("SELECT starts_at, ends_at FROM timesheet_entries WHERE timesheet_id = %s ORDER BY id"
               % sheet) == entries
    # The agency cannot correct what is not approved.
    r = as_user(CONSULTANT).get("/timesheets/%s/correct" % sheet)
    assert r.status == 422 and "goedgekeurde week" in text_of(r.text)
    assert decide(SUPERVISOR, sheet, "approve").status == 303
    assert state(sheet) == "approved"
    for action, extra in (("approve", {}), ("reject", {"reason": "Te laat"})):
        r = decide(SUPERVISOR, sheet, action, **extra)
        assert r.status == 422 and "wacht niet meer op goedkeuring" in text_of(r.text), (action, r.status)
    r = c.post(path, {"csrf": tok, "day1": monday(1).isoformat(), "start1": "06:00", "end1": "18:00"})
    assert r.status == 422
    assert one("SELECT version FROM timesheets WHERE id = %s" % sheet) == "1"
    # A rejection needs its reason; the form says so and keeps the rest.
    w2, sheet2 = submitted_sheet()
    r = decide(SUPERVISOR, sheet2, "reject", reason="")
    assert r.status == 422 and error_of(r, "reason")
    assert state(sheet2) == "submitted"
    assert decide(SUPERVISOR, sheet2, "reject", reason="Dinsdag klopt niet").status == 303
    for action, extra in (("approve", {}), ("reject", {"reason": "x"})):
        r = decide(SUPERVISOR, sheet2, action, **extra)
        assert r.status == 422, (action, r.status)


def test_the_supervisor_sees_the_week_against_the_planning_with_its_flags():
    w = worker()
    week = monday(1)
    contracted(w, week)
    c = worker_client(w)
    sheet = open_week(w, week)
    path = "/timesheets/me/%s" % sheet
    _, fields = form_of(c, path)
    # Tuesday until 21:00 (13 h, over the daily maximum), Wednesday from
    # 05:00: 8 hours' rest.
    fields["end2"] = "21:00"
    fields["start3"] = "05:00"
    assert save(c, path, fields, submit=True).status == 303
    page = as_user(SUPERVISOR).get("/timesheets/%s" % sheet)
    text = text_of(page.text)
    assert page.status == 200
    assert "Meer uren dan gecontracteerd" in text
    assert "dagmaximum van 12 h" in text
    assert "rust voor deze dag slechts 8:00" in text
    assert text.count("wijkt af") == 2, "the two lines that differ from their shifts are marked"
    assert "Uurloon" not in text, "the supervisor does not hold wage.view"
    assert "Uurloon (contract): € 14.25" in text_of(as_user(CONSULTANT).get("/timesheets/%s" % sheet).text)


# --- deciding ----------------------------------------------------------------

def test_rejected_the_worker_is_mailed_corrects_and_resubmits_then_approved_it_goes_to_the_back_office_once():
    w, sheet = submitted_sheet()
    reason = "Woensdag begon je om 08:00 %s" % RUN
    r = decide(SUPERVISOR, sheet, "reject", reason=reason)
    assert r.status == 303 and r.header("Location") == "/timesheets/?done=rejected"
    assert state(sheet) == "rejected"
    got = wait_until(lambda: [m for m in mails() if m["To"] and w["email"] in str(m["To"])
                              and reason in m.get_body().get_content()])
    assert got, "the worker is mailed the reason"
    assert "/timesheets/me/%s" % sheet in got[0].get_body().get_content()
    c = worker_client(w)
    path = "/timesheets/me/%s" % sheet
    page, fields = form_of(c, path)
    assert reason in text_of(page.text)
    fields["start3"] = "08:00"
    # Changed, it is his draft again: the supervisor no longer sees it.
    assert save(c, path, fields).status == 303
    assert state(sheet) == "draft"
    assert as_user(SUPERVISOR).get("/timesheets/%s" % sheet).status == 404
    _, fields = form_of(c, path)
    assert save(c, path, fields, submit=True).status == 303
    assert state(sheet) == "submitted"
    before = len(sim("GET", "/sim/timesheets")["timesheets"])
    r = decide(SUPERVISOR, sheet, "approve")
    assert r.status == 303 and r.header("Location") == "/timesheets/?done=approved"
    assert one("SELECT version FROM timesheets WHERE id = %s" % sheet) == "1"
    assert one("SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'timesheet:%s:1'" % sheet) == "1"
    taken = wait_until(lambda: [t for t in sim("GET", "/sim/timesheets")["timesheets"]
                                if t["timesheet"] == "T%s" % sheet])
    assert taken and len(taken) == 1 and taken[0]["version"] == 1, taken
    assert taken[0]["minutes"] == 1440 - 60 and len(taken[0]["entries"]) == 3
    assert "bsn" not in json.dumps(taken[0]).lower()
    assert len(sim("GET", "/sim/timesheets")["timesheets"]) >= before + 1
    assert wait_until(lambda: one("SELECT sent_at IS NOT NULL FROM timesheet_versions WHERE timesheet_id = %s"
                                  % sheet) == "1")
    assert one("SELECT COUNT(*) FROM audit_log WHERE action = 'timesheet.approve' AND object_id = %s" % sheet) == "1"


def test_two_supervisors_approving_the_same_week_at_once_make_one_approval_and_one_call():
    w, sheet = submitted_sheet()
    email = "tweede.%s@klant.example" % RUN
    sql("INSERT INTO users (kind, client_id, email, first_name, last_name, status, created_at, last_activity_at)"
        " SELECT 'client', client_id, '%s', 'Tweede', 'Teamleider', 'active', UTC_TIMESTAMP(), UTC_TIMESTAMP()"
        " FROM users WHERE email = '%s'" % (email, SUPERVISOR))
    sql("INSERT INTO credentials (user_id, password_hash, password_changed_at) SELECT u.id, c.password_hash,"
        " UTC_TIMESTAMP() FROM users u, credentials c JOIN users s ON s.id = c.user_id"
        " WHERE u.email = '%s' AND s.email = '%s'" % (email, SUPERVISOR))
    sql("INSERT INTO grants (user_id, role, unit_id, created_at) SELECT id, 'supervisor', %s, UTC_TIMESTAMP()"
        " FROM users WHERE email = '%s'" % (unit(A1), email))
    clients = [as_user(SUPERVISOR), as_user(email)]
    toks = [c.get("/timesheets/%s" % sheet).csrf() for c in clients]
    got = [None, None]

    def approve(i):
        got[i] = clients[i].post("/timesheets/%s/approve" % sheet, {"csrf": toks[i]}).status

    threads = [threading.Thread(target=approve, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == [303, 422], got
    assert one("SELECT version FROM timesheets WHERE id = %s" % sheet) == "1"
    assert one("SELECT COUNT(*) FROM timesheet_versions WHERE timesheet_id = %s" % sheet) == "1"
    assert one("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'timesheet:%s:%%'" % sheet) == "1"
    assert one("SELECT COUNT(*) FROM audit_log WHERE action = 'timesheet.approve' AND object_id = %s" % sheet) == "1"


def test_500_weeks_are_approved_in_one_request():
    w = worker()
    positions = ["Bulk %03d" % i for i in range(500)]
    week = monday(4).isoformat()
    values = ",".join("(%s, %s, '%s', '%s', 'submitted', 480, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP())"
                      % (w["id"], w["unit"], p, week) for p in positions)
    sql("INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, minutes, submitted_at, created_at,"
        " updated_at) VALUES " + values)
    sql("INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at, break_minutes, minutes, position,"
        " created_at, updated_at) SELECT id, week, CONCAT(week, ' 06:00:00'), CONCAT(week, ' 14:30:00'), 30, 480,"
        " position, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM timesheets WHERE worker_user_id = %s" % w["id"])
    ids = [r[0] for r in sql("SELECT id FROM timesheets WHERE worker_user_id = %s ORDER BY id" % w["id"])]
    sup = as_user(SUPERVISOR)
    page = sup.get("/timesheets/?week=%s&q=%s" % (week, urllib.parse.quote(w["name"])))
    shown = re.findall(r'name="sheet" value="(\d+)"', page.text)
    assert sorted(shown, key=int) == ids, len(shown)
    body = urllib.parse.urlencode([("csrf", page.csrf()), ("back", "/timesheets/?week=%s" % week)]
                                  + [("sheet", i) for i in ids]).encode()
    t0 = time.time()
    r = sup.request("POST", "/timesheets/approve", body=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    took = time.time() - t0
    assert r.status == 303, (r.status, text_of(r.text)[-500:])
    assert re.fullmatch(r"/timesheets/\?week=%s&done=approved_many&count=500&after=\d+&upto=\d+" % week,
                        r.header("Location")), r.header("Location")
    assert one("SELECT COUNT(*) FROM timesheets WHERE worker_user_id = %s AND state = 'approved' AND version = 1"
               % w["id"]) == "500"
    assert one("SELECT COUNT(*) FROM outbox WHERE idempotency_key IN (%s)"
               % ",".join("'timesheet:%s:1'" % i for i in ids)) == "500"
    print("# 500 approved in one request in %.2f s" % took)
    # Sent again from the same page: answered as the first time, and
    # nothing done twice.
    r = sup.request("POST", "/timesheets/approve", body=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 303 and "count=500&after=" in r.header("Location")
    assert one("SELECT COUNT(*) FROM outbox WHERE idempotency_key IN (%s)"
               % ",".join("'timesheet:%s:1'" % i for i in ids)) == "500"
    # The same selection from the page shown again approves nothing twice.
    tok = sup.get("/timesheets/?week=%s" % week).csrf()
    body = urllib.parse.urlencode([("csrf", tok), ("back", "/timesheets/?week=%s" % week)]
                                  + [("sheet", i) for i in ids]).encode()
    r = sup.request("POST", "/timesheets/approve", body=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 303 and "count=0&after=" in r.header("Location")
    # One outside the supervisor's part of the organisation: nothing at all.
    other = worker(unit_name=A2)
    other_w, other_sheet = submitted_sheet(other)
    _, mine = submitted_sheet()
    body = urllib.parse.urlencode([("csrf", page.csrf()), ("sheet", mine), ("sheet", other_sheet)]).encode()
    r = sup.request("POST", "/timesheets/approve", body=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 404
    assert state(mine) == "submitted" and state(other_sheet) == "submitted"


def test_after_a_bulk_approval_the_list_follows_the_weeks_to_the_back_office():
    w = worker()
    _, first = submitted_sheet(w, week_back=2)
    _, second = submitted_sheet(w, week_back=3)
    # A week of more hours than any contract pays: the back-office refuses it.
    week = monday(5).isoformat()
    sql("INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, minutes, submitted_at, created_at,"
        " updated_at) VALUES (%s, %s, 'Te veel', '%s', 'submitted', 4800, UTC_TIMESTAMP(), UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP())" % (w["id"], w["unit"], week))
    much = one("SELECT id FROM timesheets WHERE worker_user_id = %s AND position = 'Te veel'" % w["id"])
    sql("INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at, break_minutes, minutes, position,"
        " created_at, updated_at) VALUES (%s, '%s', '%s 06:00:00', '%s 14:00:00', 0, 4800, 'Te veel',"
        " UTC_TIMESTAMP(), UTC_TIMESTAMP())" % (much, week, week, week))
    sup = as_user(SUPERVISOR)
    page = sup.get("/timesheets/?state=submitted&q=%s" % urllib.parse.quote(w["name"]))
    body = urllib.parse.urlencode([("csrf", page.csrf()), ("back", "/timesheets/?state=all")]
                                  + [("sheet", i) for i in (first, second, much)]).encode()
    r = sup.request("POST", "/timesheets/approve", body=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 303, r.status
    loc = r.header("Location")
    batch = re.fullmatch(r"/timesheets/\?state=all&done=approved_many&count=3&(after=\d+&upto=\d+)", loc).group(1)
    # The list says how far the agency is, and where the script asks.
    after = sup.get(loc)
    assert after.status == 200
    assert 'data-progress="/timesheets/progress?%s"' % batch.replace("&", "&amp;") in after.text
    counts = [int(n) for n in re.findall(r'data-count="(?:delivered|refused|waiting)">(\d+)<', after.text)]
    assert len(counts) == 3 and sum(counts) == 3, counts
    progress = "/timesheets/progress?" + batch
    r = sup.get(progress)
    assert r.status == 200 and r.header("Content-Type").startswith("application/json")
    assert sum(json.loads(r.text).values()) == 3
    # The worker delivers them: two taken, one refused, none on its way.
    assert wait_until(lambda: json.loads(sup.get(progress).text)["waiting"] == 0, seconds=30)
    assert json.loads(sup.get(progress).text) == {"delivered": 2, "refused": 1, "waiting": 0}
    assert "Het uitzendbureau heeft ze allemaal beantwoord" in text_of(sup.get(loc).text)
    # Only who approves asks; the counts are of his own versions (made_by).
    assert as_user("planner@klant.example").get(progress).status == 404
    # Without the batch, or with one that is not a number: refused.
    assert sup.get("/timesheets/progress").status == 400
    assert sup.get("/timesheets/progress?after=0&upto=soon").status == 400
    # The supervisor's next approval is not counted with this one.
    _, later = submitted_sheet(w, week_back=6)
    assert decide(SUPERVISOR, later, "approve").status == 303
    assert sum(json.loads(sup.get(progress).text).values()) == 3


# --- the agency ----------------------------------------------------------------

def test_the_agency_keeps_the_hours_of_a_worker_without_a_login_and_says_who_entered_them():
    w = worker(login_too=False)
    week = monday(1)
    contracted(w, week)
    c = as_user(CONSULTANT)
    found = c.get("/timesheets/workers?q=%s" % urllib.parse.quote(w["email"]))
    assert "/timesheets/workers/%s\"" % w["id"] in found.text
    sheet = open_week(w, week, c)
    path = "/timesheets/workers/%s/%s" % (w["id"], sheet)
    _, fields = form_of(c, path)
    fields["end1"] = "16:00"
    assert save(c, path, fields, submit=True).status == 303
    assert state(sheet) == "submitted"
    by = one("SELECT id FROM users WHERE email = '%s'" % CONSULTANT)
    assert one("SELECT entered_by FROM timesheets WHERE id = %s" % sheet) == by
    assert one("SELECT COUNT(*) FROM timesheet_entries WHERE timesheet_id = %s AND entered_by = %s"
               % (sheet, by)) == "3"
    assert one("SELECT COUNT(*) FROM audit_log WHERE action IN ('timesheet.open', 'timesheet.submit')"
               " AND object_id = %s AND actor_id = %s" % (sheet, by)) == "2"
    assert "ingevoerd door Bram Jansen" in text_of(as_user(SUPERVISOR).get("/timesheets/%s" % sheet).text)
    # A worker who keeps his own hours is not the agency's to enter.
    own = worker()
    assert c.get("/timesheets/workers/%s" % own["id"]).status == 404
    # Nor is it for a client user.
    assert as_user(SUPERVISOR).get("/timesheets/workers/%s" % w["id"]).status == 404


def test_a_correction_of_the_agency_is_a_new_version_sent_again_and_kept_as_history():
    w, sheet = submitted_sheet()
    assert decide(SUPERVISOR, sheet, "approve").status == 303
    assert wait_until(lambda: [t for t in sim("GET", "/sim/timesheets")["timesheets"] if t["timesheet"] == "T%s" % sheet])
    c = as_user(CONSULTANT)
    path = "/timesheets/%s/correct" % sheet
    page, fields = form_of(c, path)
    assert page.status == 200
    fields["end1"] = "17:00"
    r = c.post(path, dict(fields, csrf=page.csrf(), reason=""))
    assert r.status == 422 and error_of(r, "reason"), r.status
    assert one("SELECT version FROM timesheets WHERE id = %s" % sheet) == "1"
    r = c.post(path, dict(fields, csrf=page.csrf(), reason="Prikklok: maandag tot 17:00"))
    assert r.status == 303 and r.header("Location") == "/timesheets/%s?done=corrected" % sheet
    assert state(sheet) == "approved"
    assert one("SELECT version FROM timesheets WHERE id = %s" % sheet) == "2"
    versions = sql("SELECT version, minutes, reason FROM timesheet_versions WHERE timesheet_id = %s ORDER BY version"
                   % sheet)
    assert [v[0] for v in versions] == ["1", "2"] and versions[1][1] == str(1440 + 90)
    assert versions[1][2] == "Prikklok: maandag tot 17:00"
    taken = wait_until(lambda: [t for t in sim("GET", "/sim/timesheets")["timesheets"]
                                if t["timesheet"] == "T%s" % sheet and t["version"] == 2])
    assert taken and taken[0]["correction"] == "Prikklok: maandag tot 17:00"
    assert len([t for t in sim("GET", "/sim/timesheets")["timesheets"] if t["timesheet"] == "T%s" % sheet]) == 2
    text = text_of(as_user(SUPERVISOR).get("/timesheets/%s" % sheet).text)
    assert "Versie 2" in text and "Versie 1" in text and "Prikklok" in text
    # Only the agency corrects.
    assert as_user(SUPERVISOR).get(path).status == 404


def test_a_version_replaced_before_it_was_sent_is_not_sent_after_the_newer_one():
    w, sheet = submitted_sheet()
    pid = pid_of("worker")
    os.kill(pid, signal.SIGTERM)
    assert wait_until(lambda: not running(pid), 15)
    try:
        # Approved and corrected while the worker is away: both versions wait.
        assert decide(SUPERVISOR, sheet, "approve").status == 303
        c = as_user(CONSULTANT)
        page, fields = form_of(c, "/timesheets/%s/correct" % sheet)
        fields["end2"] = "16:30"
        r = c.post("/timesheets/%s/correct" % sheet, dict(fields, csrf=page.csrf(), reason="Dinsdag tot 16:30"))
        assert r.status == 303, r.status
    finally:
        stack("restart-one", "worker")
    assert wait_until(lambda: one("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'timesheet:%s:%%'"
                                  " AND state = 'done'" % sheet) == "2", 30)
    held = [t["version"] for t in sim("GET", "/sim/timesheets")["timesheets"] if t["timesheet"] == "T%s" % sheet]
    assert held == [2], held


def test_a_refusal_of_the_back_office_ends_as_a_dead_letter_with_its_reason():
    w = worker()
    week = monday(3)
    contracted(w, week, days=(0, 1, 2, 3, 4, 5), start="06:00", end="19:00", brk=0)
    c = worker_client(w)
    sheet = open_week(w, week)
    _, fields = form_of(c, "/timesheets/me/%s" % sheet)
    assert save(c, "/timesheets/me/%s" % sheet, fields, submit=True).status == 303
    assert decide(SUPERVISOR, sheet, "approve").status == 303
    key = "timesheet:%s:1" % sheet
    assert wait_until(lambda: one("SELECT state FROM outbox WHERE idempotency_key = '%s'" % key) == "dead", 30)
    assert "max_week" in one("SELECT last_error FROM outbox WHERE idempotency_key = '%s'" % key)
    assert "max_week" in one("SELECT refusal FROM timesheet_versions WHERE timesheet_id = %s" % sheet)
    assert "geweigerd" in text_of(as_user(CONSULTANT).get("/timesheets/%s" % sheet).text)


# --- the worker job ---------------------------------------------------------

def test_reminders_are_mailed_once_a_week_however_often_the_job_runs():
    w = worker()
    contracted(w, monday(1))
    _, waiting = submitted_sheet()
    sup = one("SELECT id FROM users WHERE email = '%s'" % SUPERVISOR)
    # A period whose reminders have not gone out yet: the job ran for
    # this one when the stack started.
    sql("DELETE FROM timesheet_reminders")
    for _ in range(2):
        r = subprocess.run([os.path.join(ROOT, "build", "sbin", "portal-worker"), "--once"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr[-500:]
    assert one("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'mail:ts-remind:%s:%%'" % w["id"]) == "1"
    assert one("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'mail:ts-approve:%s:%%'" % sup) == "1"
    got = wait_until(lambda: [m for m in mails() if m["To"] and w["email"] in str(m["To"])
                              and "/timesheets/me" in m.get_body().get_content()])
    assert len(got) == 1, len(got)
    # A week that has not ended is not one to remind of.
    done = worker()
    contracted(done, monday(0), days=(0,))
    sql("DELETE FROM timesheet_reminders")
    subprocess.run([os.path.join(ROOT, "build", "sbin", "portal-worker"), "--once"], cwd=ROOT,
                   capture_output=True, timeout=120)
    assert one("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'mail:ts-remind:%s:%%'" % done["id"]) == "0"


# --- exports and the dashboard ------------------------------------------------

def test_approved_hours_export_as_csv_and_as_a_real_workbook_wages_only_with_wage_view():
    w, sheet = submitted_sheet(week_back=5)
    assert decide(SUPERVISOR, sheet, "approve").status == 303
    week = monday(5).isoformat()
    csv = as_user(SUPERVISOR).get("/timesheets/export.csv?week=%s&unit=%s" % (week, w["unit"]))
    assert csv.status == 200 and csv.header("Content-Type").startswith("text/csv")
    lines = [l for l in csv.text.lstrip("\ufeff").splitlines() if w["name"] in l]
    assert len(lines) == 3 and '"8.00"' in lines[0], lines
    assert "Uurloon" not in csv.text.splitlines()[0]
    agency = as_user(CONSULTANT).get("/timesheets/export.csv?week=%s&unit=%s" % (week, w["unit"]))
    assert "Uurloon" in agency.text.splitlines()[0] and '"14.25"' in agency.text
    x = as_user(SUPERVISOR).get("/timesheets/export.xlsx?week=%s&unit=%s" % (week, w["unit"]))
    assert x.status == 200 and "spreadsheetml" in x.header("Content-Type")
    z = zipfile.ZipFile(io.BytesIO(x.body))
    sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    # Written row by row: the strings inline in the sheet, or shared.
    strings = sheet_xml + (z.read("xl/sharedStrings.xml").decode()
                           if "xl/sharedStrings.xml" in z.namelist() else "")
    assert w["name"] in strings and "Week" in strings
    assert 'state="frozen"' in sheet_xml and "<cols>" in sheet_xml
    # Hours are numbers, not text: a cell of 8 with a number style.
    assert re.search(r'<c r="J2" s="\d+"><v>8</v></c>', sheet_xml), sheet_xml[:2000]
    # Dates are dates: a serial number with the date style.
    assert re.search(r'<c r="B2" s="\d+"><v>\d{5}</v></c>', sheet_xml)
    styles = z.read("xl/styles.xml").decode()
    assert "yyyy-mm-dd" in styles and "hh:mm" in styles
    # A week is required; bad input is refused.
    assert as_user(SUPERVISOR).get("/timesheets/export.csv").status == 400
    assert as_user(SUPERVISOR).get("/timesheets/export.csv?week=gisteren").status == 400


def test_the_list_filters_counts_per_state_and_says_when_a_unit_is_not_the_users():
    w, sheet = submitted_sheet(week_back=6)
    sup = as_user(SUPERVISOR)
    week = monday(6).isoformat()
    page = sup.get("/timesheets/?week=%s&q=%s" % (week, urllib.parse.quote(w["name"])))
    text = text_of(page.text)
    assert "Ingediend: 1" in text and "Goedgekeurd: 0" in text, text[:1500]
    page = sup.get("/timesheets/?week=%s&state=approved&q=%s" % (week, urllib.parse.quote(w["name"])))
    assert "/timesheets/%s\"" % sheet not in page.text
    page = sup.get("/timesheets/?unit=%s" % unit("Team Gent 1"))
    assert page.status == 200 and error_of(page, "unit"), "a unit outside his part says so"
    assert sup.get("/timesheets/?state=gisteren").status == 200
    assert sup.get("/timesheets/?wat=1").status == 400


def test_the_dashboard_counts_what_waits_for_the_user():
    w = worker()
    contracted(w, monday(1))
    contracted(w, monday(2))
    home = text_of(worker_client(w).get("/").text)
    assert "2 weken in te dienen" in home, home[:1500]
    # The weeks his list shows: those of Timesheets.ListWeeks back.
    scope_count = one("SELECT COUNT(*) FROM timesheets t JOIN org_units o ON o.id = t.unit_id"
                      " WHERE t.state = 'submitted' AND o.path LIKE (SELECT CONCAT(path, '%%') FROM org_units"
                      " WHERE name = '" + A1 + "') AND t.week >= UTC_DATE() - INTERVAL %s DAY"
                      % (7 * int(conf("Timesheets.ListWeeks"))))
    home = text_of(as_user(SUPERVISOR).get("/").text)
    words = "week goed te keuren" if scope_count == "1" else "weken goed te keuren"
    assert "%s %s" % (scope_count, words) in home, (scope_count, home[:1500])


if __name__ == "__main__":
    run(globals())
