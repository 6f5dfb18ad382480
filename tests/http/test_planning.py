#!/usr/bin/python3
"""Planning: the week view of a unit's pool with availability and shifts,
planning a shift with the checks before saving — refused (overlap, also at
another client without saying where; a worker not in the pool; a missing
skill; bad times) or warned and confirmed (availability, rest, the weekly
maximum) — changing and removing one, and who may see and plan what."""
import datetime
import os
import re
import sys
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

_clients = {}
RUN = uuid.uuid4().hex[:6]


def as_user(email):
    if email not in _clients:
        c, r = login(email)
        assert r.status == 303, (email, r.status)
        _clients[email] = c
    return _clients[email]


def planner():
    return as_user("planner@klant.example")


def one(query):
    return sql(query)[0][0]


def unit(name):
    return one("SELECT id FROM org_units WHERE name = '%s'" % name)


def user(email):
    return one("SELECT id FROM users WHERE email = '%s'" % email)


def worker(first, unit_name, position, week="12345", skill=True):
    """A temp worker of this run in a unit's pool, available 06:00-22:00
    on the weekdays given (1 Monday)."""
    email = "%s-%s@flex.example" % (first.lower(), RUN)
    sql("INSERT INTO users (kind, email, first_name, last_name, status, created_at)"
        " VALUES ('worker', '%s', '%s', 'Test%s', 'active', UTC_TIMESTAMP())" % (email, first, RUN))
    wid = user(email)
    sql("INSERT INTO pool (worker_user_id, unit_id, position, source, created_at)"
        " VALUES (%s, %s, '%s', 'agency', UTC_TIMESTAMP())" % (wid, unit(unit_name), position))
    if skill:
        sql("INSERT INTO worker_skills (worker_user_id, client_id, position, created_at)"
            " SELECT %s, client_id, '%s', UTC_TIMESTAMP() FROM org_units WHERE name = '%s'"
            % (wid, position, unit_name))
    for d in week:
        sql("INSERT INTO availability_week (worker_user_id, weekday, starts, ends)"
            " VALUES (%s, %s, '06:00', '22:00')" % (wid, d))
    return wid


def monday(weeks_ahead):
    today = datetime.date.today()
    return today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=weeks_ahead)


def at(day, hour, minute=0):
    return "%sT%02d:%02d" % (day.isoformat(), hour, minute)


A1 = "Team A1 — Inpak"
A2 = "Team A2 — Expeditie"
INPAK = "Productiemedewerker inpak"


def plan(c=None, **fields):
    c = c or planner()
    f = {"unit": unit(A1), "position": INPAK, "break": "30", "note": ""}
    f.update(fields)
    tok = c.get("/planning/shifts/new?unit=%s" % f["unit"]).csrf()
    f["csrf"] = tok
    return c.post("/planning/shifts", {k: str(v) for k, v in f.items()})


def shifts_of(wid):
    return sql("SELECT id, starts_at, ends_at, state FROM shifts WHERE worker_user_id = %s ORDER BY starts_at" % wid)


def error_of(r, field):
    m = re.search(r'id="e-%s">([^<]*)<' % field, r.text)
    return m and m.group(1)


def test_the_week_view_shows_pool_availability_and_shifts():
    wid = worker("Wendy", A1, INPAK, week="1")
    mon = monday(2)
    assert plan(worker=wid, start=at(mon, 8), end=at(mon, 16)).status == 303
    page = planner().get("/planning/?unit=%s&week=%s" % (unit(A1), mon.isoformat())).text
    row = page[page.index("Wendy Test%s" % RUN):]
    row = row[:row.index("</tr>")]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert len(cells) == 7
    # The position once, by the name, when the worker has one here.
    assert "06:00–22:00" in cells[0] and "08:00–16:00" in cells[0] and INPAK not in cells[0]
    assert INPAK in row[:row.index("<td")]
    assert "Niet beschikbaar" in cells[1]
    # A week with its number, the days with their dates.
    assert "Week %d" % mon.isocalendar()[1] in page
    # The position filter and the name search.
    page = planner().get("/planning/?unit=%s&position=Orderpicker" % unit(A1)).text
    assert "Wendy Test%s" % RUN not in page
    page = planner().get("/planning/?unit=%s&q=Wendy" % unit(A1)).text
    assert "Wendy Test%s" % RUN in page and "Jan Willems" not in page


def test_a_shift_is_planned_changed_and_removed_and_audited():
    wid = worker("Piet", A1, INPAK)
    mon = monday(3)
    r = plan(worker=wid, start=at(mon, 7), end=at(mon, 15, 30), note="Lijn 2")
    assert r.status == 303 and "done=created" in r.header("Location"), (r.status, r.text[-1200:])
    [[sid, starts, ends, state]] = shifts_of(wid)
    assert state == "planned"
    # Stored in UTC: Brussels is UTC+1 in winter, UTC+2 in summer.
    off = 2 if mon.month in (4, 5, 6, 7, 8, 9) else 1
    assert starts == "%s %02d:00:00" % (mon.isoformat(), 7 - off), starts
    c = planner()
    page = c.get("/planning/shifts/%s/edit" % sid)
    assert page.status == 200 and 'value="%s"' % at(mon, 7) in page.text
    r = c.post("/planning/shifts/%s" % sid, {"csrf": page.csrf(), "unit": unit(A1), "worker": wid,
                                             "position": INPAK, "start": at(mon, 8), "end": at(mon, 16),
                                             "break": "45", "note": ""})
    assert r.status == 303 and "done=saved" in r.header("Location")
    assert sql("SELECT version, break_minutes FROM shifts WHERE id = %s" % sid) == [["2", "45"]]
    r = c.post("/planning/shifts/%s/delete" % sid, {"csrf": c.get("/planning/").csrf()})
    assert r.status == 303 and "done=deleted" in r.header("Location")
    assert shifts_of(wid) == []
    actions = [x[0] for x in sql("SELECT action FROM audit_log WHERE object_type = 'shift' AND object_id = %s"
                                 " ORDER BY id" % sid)]
    assert actions == ["shift.create", "shift.update", "shift.delete"]


def test_refused_shifts_keep_the_form_and_say_why():
    wid = worker("Ria", A1, INPAK)
    noskill = worker("Nico", A1, INPAK, skill=False)
    sql("DELETE FROM pool WHERE worker_user_id = %s" % noskill)
    sql("INSERT INTO pool (worker_user_id, unit_id, position, source, created_at)"
        " VALUES (%s, %s, 'Heftruckchauffeur', 'agency', UTC_TIMESTAMP())" % (noskill, unit(A1)))
    outsider = worker("Otto", "Team B1 — Ontvangst", INPAK)
    mon = monday(4)
    before = sql("SELECT COUNT(*) FROM shifts")
    cases = [
        (dict(worker=wid, start=at(mon, 16), end=at(mon, 8)), "end", "na het begin"),
        (dict(worker=wid, start=at(mon, 6), end=at(mon + datetime.timedelta(days=1), 7)), "end", "24 uur"),
        (dict(worker=wid, start="maandag", end=at(mon, 8)), "start", "geldige datum"),
        (dict(worker=wid, start=at(mon, 8), end=at(mon, 9), **{"break": "60"}), "break", "korter"),
        (dict(worker=wid, start=at(mon, 8), end=at(mon, 16), position="Astronaut"), "position", "niet bekend"),
        (dict(worker=outsider, start=at(mon, 8), end=at(mon, 16)), "worker", "niet in de pool"),
        (dict(worker=noskill, start=at(mon, 8), end=at(mon, 16)), "worker", "niet gekwalificeerd"),
    ]
    for fields, field, msg in cases:
        r = plan(**fields)
        assert r.status == 422, (fields, r.status)
        got = error_of(r, field)
        assert got and msg in got, (fields, field, got)
        if fields.get("start") == "maandag":
            assert 'value="maandag"' in r.text, "the input is not kept"
    # The hour skipped when the clocks go forward (last Sunday of March, 02:30).
    d = datetime.date(mon.year + 1, 3, 31)
    d -= datetime.timedelta(days=(d.weekday() + 1) % 7)
    r = plan(worker=wid, start=at(d, 2, 30), end=at(d, 8))
    assert r.status == 422 and "bestaat hier niet" in error_of(r, "start")
    assert sql("SELECT COUNT(*) FROM shifts") == before


def test_overlap_is_refused_also_at_another_client_without_saying_where():
    wid = worker("Olga", A1, INPAK)
    mon = monday(5)
    # Olga works for the other client that Monday morning.
    sql("INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at, created_at, updated_at)"
        " VALUES (%s, 'Magazijnmedewerker', %s, '%s 07:00:00', '%s 11:00:00', UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        % (unit("Team Gent 1"), wid, mon.isoformat(), mon.isoformat()))
    r = plan(worker=wid, start=at(mon, 10), end=at(mon, 18))
    assert r.status == 422 and "werkt op dat moment al" in error_of(r, "worker")
    assert "Gent" not in r.text and "Andere Klant" not in r.text
    page = planner().get("/planning/?unit=%s&week=%s" % (unit(A1), mon.isoformat())).text
    row = page[page.index("Olga Test%s" % RUN):]
    row = row[:row.index("</tr>")]
    assert "bezet" in row and "Magazijnmedewerker" not in row and "Gent" not in row
    # Right after it (but within the rest): allowed with a warning.
    assert len(shifts_of(wid)) == 1


def test_warnings_are_shown_and_a_confirmed_shift_is_saved():
    wid = worker("Willem", A1, INPAK, week="12345")
    mon = monday(6)
    sat = mon + datetime.timedelta(days=5)
    # Saturday lies outside Willem's availability.
    r = plan(worker=wid, start=at(sat, 8), end=at(sat, 16))
    assert r.status == 422 and "buiten de beschikbaarheid" in r.text and 'name="confirm"' in r.text
    assert shifts_of(wid) == []
    assert plan(worker=wid, start=at(sat, 8), end=at(sat, 16), confirm="1").status == 303
    # Less than 11 hours after another shift.
    assert plan(worker=wid, start=at(mon, 6), end=at(mon, 14)).status == 303
    r = plan(worker=wid, start=at(mon, 20), end=at(mon, 22))
    assert r.status == 422 and "minimale rust" in r.text
    # More than 50 hours in the week: 7.5 on Monday and Saturday, 10.5 on
    # Tuesday to Thursday make 46.5; 10.5 more on Friday is too much.
    for d in range(1, 4):
        day = mon + datetime.timedelta(days=d)
        assert plan(worker=wid, start=at(day, 6), end=at(day, 17)).status == 303
    fri = mon + datetime.timedelta(days=4)
    r = plan(worker=wid, start=at(fri, 6), end=at(fri, 17))
    assert r.status == 422 and "weekmaximum" in r.text
    assert plan(worker=wid, start=at(fri, 6), end=at(fri, 9, 30)).status == 303
    # No availability known at all: a warning of its own.
    unknown = worker("Uma", A1, INPAK, week="")
    r = plan(worker=unknown, start=at(mon, 8), end=at(mon, 16))
    assert r.status == 422 and "geen beschikbaarheid opgegeven" in r.text
    assert "shift.create" in [x[0] for x in sql("SELECT action FROM audit_log WHERE object_type = 'shift'"
                                                " AND detail LIKE '%warnings confirmed%'")]


def test_a_night_shift_across_the_clock_change_has_its_real_length():
    wid = worker("Nora", A1, INPAK, week="1234567")
    # The last Sunday of October: 22:00 Saturday to 06:00 Sunday lasts 9 hours.
    d = datetime.date(monday(0).year + 1, 10, 31)
    d -= datetime.timedelta(days=(d.weekday() + 1) % 7)
    sat = d - datetime.timedelta(days=1)
    r = plan(worker=wid, start=at(sat, 22), end=at(d, 6), confirm="1")
    assert r.status == 303, (r.status, error_of(r, "end"))
    [[_, starts, ends, _]] = shifts_of(wid)
    assert starts == "%s 20:00:00" % sat.isoformat() and ends == "%s 05:00:00" % d.isoformat()
    # An open shift: no worker, on the open row.
    mon = monday(7)
    assert plan(start=at(mon, 9), end=at(mon, 17)).status == 303
    page = planner().get("/planning/?unit=%s&week=%s" % (unit(A1), mon.isoformat())).text
    assert "Open diensten" in page


def test_who_sees_and_plans_what():
    sup = as_user("supervisor@klant.example")
    assert sup.get("/planning/").status == 200
    assert sup.get("/planning/shifts/new").status == 404
    tok = sup.get("/planning/").csrf()
    assert sup.post("/planning/shifts", {"csrf": tok, "unit": unit(A1), "position": INPAK,
                                         "start": at(monday(8), 8), "end": at(monday(8), 16)}).status == 404
    # The planner of department A does not see department B, nor the other client.
    assert planner().get("/planning/?unit=%s" % unit("Team B1 — Ontvangst")).status == 404
    assert planner().get("/planning/?unit=%s" % unit("Team Gent 1")).status == 404
    r = plan(unit=unit("Team B1 — Ontvangst"), start=at(monday(8), 8), end=at(monday(8), 16))
    assert r.status == 404
    other = as_user("planner@andereklant.example")
    sid = one("SELECT s.id FROM shifts s JOIN users u ON u.id = s.worker_user_id"
              " WHERE u.email = 'worker@flex.example' ORDER BY s.id LIMIT 1")
    assert other.get("/planning/shifts/%s/edit" % sid).status == 404
    assert other.post("/planning/shifts/%s/delete" % sid, {"csrf": other.get("/planning/").csrf()}).status == 404
    assert "Jan Willems" not in other.get("/planning/").text
    # The supervisor of team A1 sees its pool, not team A2's.
    page = sup.get("/planning/").text
    assert "Jan Willems" in page and "Lisa Maes" not in page


def test_copying_the_previous_week_keeps_the_wall_clock_times_and_leaves_out_clashes():
    # The week before the clocks go back in October, and the week after.
    d = datetime.date(monday(0).year + 1, 10, 31)
    sunday = d - datetime.timedelta(days=(d.weekday() + 1) % 7)
    before, after = sunday - datetime.timedelta(days=6), sunday + datetime.timedelta(days=1)
    a = worker("Kees", A1, INPAK, week="1234567")
    b = worker("Bram", A1, INPAK, week="1234567")
    assert plan(worker=a, start=at(before, 8), end=at(before, 16)).status == 303
    assert plan(worker=b, start=at(before, 8), end=at(before, 16)).status == 303
    # Bram already works the Monday after: his copy is left out.
    assert plan(worker=b, start=at(after, 7), end=at(after, 12)).status == 303
    c = planner()
    tok = c.get("/planning/?unit=%s&week=%s" % (unit(A1), after.isoformat())).csrf()
    r = c.post("/planning/copy", {"csrf": tok, "unit": unit(A1), "week": after.isoformat()})
    assert r.status == 303 and "done=copied" in r.header("Location") and "skipped=1" in r.header("Location")
    # 08:00 in Brussels: 06:00 UTC in summer time, 07:00 UTC after.
    assert [x[1] for x in shifts_of(a)] == ["%s 06:00:00" % before.isoformat(), "%s 07:00:00" % after.isoformat()]
    assert [x[3] for x in shifts_of(a)] == ["planned", "planned"]
    assert len(shifts_of(b)) == 2
    page = c.get(r.header("Location")).text
    assert "Overgeslagen" in page
    # The week as CSV: a line per shift, times at the unit, formulas defused.
    sql("UPDATE shifts SET position = '=HYPERLINK(1)' WHERE id = %s" % shifts_of(a)[1][0])
    csv = c.get("/planning/export.csv?unit=%s&week=%s" % (unit(A1), after.isoformat()))
    assert csv.status == 200 and csv.header("Content-Type").startswith("text/csv")
    text = csv.body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith('"Datum","Begin","Einde"')
    line = [l for l in text.splitlines() if "Kees" in l][0]
    assert line.startswith('"%s","08:00","16:00","30","Kees Test' % after.isoformat()), line
    assert "\"'=HYPERLINK(1)\"" in line and line.endswith('"gepland"')
    assert as_user("planner@andereklant.example").get(
        "/planning/export.csv?unit=%s&week=%s" % (unit(A1), after.isoformat())).status == 404


def test_a_shift_repeated_weekly_leaves_out_the_week_the_worker_is_busy():
    wid = worker("Rita", A1, INPAK, week="1234567")
    mon = monday(16)
    busy = mon + datetime.timedelta(weeks=2)
    assert plan(worker=wid, start=at(busy, 9), end=at(busy, 12)).status == 303
    until = mon + datetime.timedelta(weeks=3)
    r = plan(worker=wid, start=at(mon, 8), end=at(mon, 16), repeat=until.isoformat())
    assert r.status == 303 and "count=2" in r.header("Location") and "skipped=1" in r.header("Location")
    starts = [x[1][:10] for x in shifts_of(wid)]
    assert starts == [(mon + datetime.timedelta(weeks=w)).isoformat() for w in (0, 1, 2, 3)], starts
    assert "Wekelijks herhaald: 2" in planner().get(r.header("Location")).text
    for bad in (mon.isoformat(), (mon + datetime.timedelta(days=400)).isoformat()):
        r = plan(worker=wid, start=at(mon + datetime.timedelta(days=1), 8),
                 end=at(mon + datetime.timedelta(days=1), 16), repeat=bad)
        assert r.status == 422 and "hoogstens een jaar" in error_of(r, "repeat")


def test_a_worker_enters_availability_and_sees_only_his_published_shifts():
    w = as_user("worker@flex.example")
    page = w.get("/planning/me")
    assert page.status == 200 and "Mijn diensten" in page.text and "Mijn planning" in page.text
    wid = user("worker@flex.example")
    f = {"csrf": page.csrf()}
    for d in range(1, 8):
        f["from%d" % d] = "07:00" if d <= 4 else ""
        f["to%d" % d] = "15:30" if d <= 4 else ""
    r = w.post("/planning/me/week", f)
    assert r.status == 303 and r.header("Location").endswith("done=week")
    assert sql("SELECT weekday, starts, ends FROM availability_week WHERE worker_user_id = %s ORDER BY weekday"
               % wid) == [[str(d), "07:00:00", "15:30:00"] for d in range(1, 5)]
    # Bad times keep the form and say why; nothing changes.
    bad = dict(f, csrf=w.get("/planning/me").csrf(), from5="25:00", to5="17:00", from6="09:00", to6="")
    r = w.post("/planning/me/week", bad)
    assert r.status == 422 and "zoals 08:00" in error_of(r, "from5") and "allebei" in error_of(r, "to6")
    assert 'value="25:00"' in r.text
    assert len(sql("SELECT id FROM availability_week WHERE worker_user_id = %s" % wid)) == 4
    # A day off, and one with times of its own.
    day = monday(2) + datetime.timedelta(days=1)
    r = w.post("/planning/me/days", {"csrf": w.get("/planning/me").csrf(), "date": day.isoformat(), "kind": "off"})
    assert r.status == 303
    r = w.post("/planning/me/days", {"csrf": w.get("/planning/me").csrf(), "date": day.isoformat(),
                                     "kind": "times", "from": "12:00", "to": "10:00"})
    assert r.status == 422 and error_of(r, "to")
    assert sql("SELECT available FROM availability_days WHERE worker_user_id = %s AND day = '%s'"
               % (wid, day.isoformat())) == [["0"]]
    # The planner sees it in the week view.
    page = planner().get("/planning/?unit=%s&week=%s" % (unit(A1), monday(2).isoformat())).text
    row = page[page.index(">Jan Willems<"):]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row[:row.index("</tr>")], re.S)
    assert "07:00–15:30" in cells[0] and "Niet beschikbaar" in cells[1]
    # His own shifts only, and only once published: a planned one is not shown.
    mon = monday(2)  # the demo plans Jan this week and next
    assert plan(worker=wid, start=at(mon, 7, 30), end=at(mon, 15), confirm="1").status == 303
    assert "07:30" not in w.get("/planning/me").text
    sql("UPDATE shifts SET state = 'published' WHERE worker_user_id = %s AND starts_at >= '%s'"
        % (wid, mon.isoformat()))
    text = w.get("/planning/me").text
    assert "07:30–15:00" in text and "Klant NV" in text
    # Nobody else has these pages; a worker cannot remove another's day.
    assert planner().get("/planning/me").status == 404
    other = sql("SELECT id FROM availability_days WHERE worker_user_id <> %s LIMIT 1" % wid)
    if other:
        assert w.post("/planning/me/days/%s/delete" % other[0][0],
                      {"csrf": w.get("/planning/me").csrf()}).status == 404
    did = one("SELECT id FROM availability_days WHERE worker_user_id = %s AND day = '%s'" % (wid, day.isoformat()))
    assert w.post("/planning/me/days/%s/delete" % did, {"csrf": w.get("/planning/me").csrf()}).status == 303


def test_a_worker_subscribes_to_his_shifts_at_a_secret_address_he_can_renew():
    w = as_user("worker@flex.example")
    wid = user("worker@flex.example")
    page = w.post("/planning/me/feed", {"csrf": w.get("/planning/me").csrf()})
    assert page.status == 200
    url = re.search(r'(https://[^<"]+/planning/feed/[A-Za-z0-9_-]{43}\.ics)', page.text).group(1)
    path = url[url.index("/planning/"):]
    assert path not in w.get("/planning/me").text, "the address is shown once"
    mon = monday(5)  # a week no other test plans Jan in (the browser journey takes the third)
    assert plan(worker=wid, start=at(mon, 9), end=at(mon, 13), confirm="1").status == 303
    sid = shifts_of(wid)[-1][0]
    sql("UPDATE shifts SET state = 'contracted' WHERE id = %s" % sid)
    cal = Client().get(path)  # a calendar app: no session
    assert cal.status == 200 and cal.header("Content-Type").startswith("text/calendar")
    text = cal.body.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.rstrip().endswith("END:VCALENDAR")
    event = text[text.index("UID:shift-%s@" % sid):]
    event = event[:event.index("END:VEVENT")]
    off = 2 if mon.month in (4, 5, 6, 7, 8, 9) else 1
    assert "DTSTART:%s%02d0000Z" % (mon.strftime("%Y%m%dT"), 9 - off) in event
    assert "STATUS:CONFIRMED" in event and "SUMMARY:Productiemedewerker inpak — Klant NV" in event
    assert all(len(l.encode()) <= 75 for l in text.split("\r\n")), "lines are folded"
    # Renewed: the old address stops.
    page = w.post("/planning/me/feed", {"csrf": w.get("/planning/me").csrf()})
    new = re.search(r'/planning/feed/[A-Za-z0-9_-]{43}\.ics', page.text).group(0)
    assert new != path and Client().get(path).status == 404 and Client().get(new).status == 200
    assert planner().post("/planning/me/feed", {"csrf": planner().get("/planning/").csrf()}).status == 404


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def post_many(c, path, pairs):
    """A POST with a name given more than once (ticked checkboxes)."""
    body = urllib.parse.urlencode(pairs).encode()
    return c.request("POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})


def test_the_day_view_shows_coverage_per_position_and_publishes_the_chosen_shifts():
    a, b = worker("Anke", A1, INPAK), worker("Bert", A1, INPAK)
    c = worker("Cor", A1, "Reachtruck")
    d = worker("Dirk", A2, "Reachtruck")
    day = monday(5) + datetime.timedelta(days=2)
    for who, pos, s, e, u in ((a, INPAK, 6, 14, A1), (b, INPAK, 6, 14, A1), ("", INPAK, 6, 14, A1),
                              ("", INPAK, 14, 22, A1), (c, "Reachtruck", 14, 22, A1),
                              (d, "Reachtruck", 8, 16, A2)):
        r = plan(worker=who, position=pos, start=at(day, s), end=at(day, e), unit=unit(u))
        assert r.status == 303, (r.status, r.text[-1500:])
    url = "/planning/day?unit=%s&date=%s" % (unit(A1), day.isoformat())
    page = planner().get(url)
    assert page.status == 200
    sections = page.text.split('<section class="panel">')[1:]
    inpak = text_of([x for x in sections if INPAK in x][0])
    reach = text_of([x for x in sections if "Reachtruck" in x][0])
    # Needed: every shift; planned: those with a worker — per position and
    # per time slot; the whole day on top.
    assert "2 van 4 · 2 open" in inpak, inpak[:300]
    assert "06:00–14:00: 2 van 3 · 1 open" in inpak and "14:00–22:00: 0 van 1 · 1 open" in inpak
    assert "Open dienst" in inpak and "Anke Test%s" % RUN in inpak
    # Team A1's day holds only its own units: Dirk works at A2.
    assert "Dirk" not in page.text and "1 van 1" in reach
    assert "Bezetting: 3 van 5 · 2 open" in text_of(page.text)
    # Publishing two chosen shifts of the four with a worker.
    sid = {w: one("SELECT id FROM shifts WHERE worker_user_id = %s" % w) for w in (a, b, c, d)}
    boxes = re.findall(r'name="shift" value="(\d+)"', page.text)
    assert sorted(boxes) == sorted([sid[a], sid[b], sid[c]]), boxes
    r = post_many(planner(), "/planning/publish",
                  [("csrf", page.csrf()), ("unit", unit(A1)), ("week", day.isoformat()), ("back", "day"),
                   ("shift", sid[a]), ("shift", sid[c]), ("shift", sid[d])])
    assert r.status == 303 and r.header("Location").endswith(
        "/planning/day?unit=%s&date=%s&done=published&count=2" % (unit(A1), day.isoformat())), r.header("Location")
    state = {w: one("SELECT state FROM shifts WHERE id = %s" % sid[w]) for w in sid}
    # A shift of another unit (A2), though the planner plans there too, is
    # not published through team A1's day.
    assert state[b] == "planned" and state[d] == "planned", state
    assert state[a] in ("published", "contracted") and state[c] in ("published", "contracted"), state
    assert len(sql("SELECT id FROM outbox WHERE idempotency_key IN ('contract:%s:1', 'contract:%s:1')"
                   % (sid[a], sid[c]))) == 2
    # Nothing ticked: said so, nothing published.
    r = planner().post("/planning/publish", {"csrf": page.csrf(), "unit": unit(A1), "week": day.isoformat(),
                                             "back": "day"})
    assert r.status == 303 and "done=none_chosen" in r.header("Location")
    assert one("SELECT state FROM shifts WHERE id = %s" % sid[b]) == "planned"
    assert "Kies eerst" in planner().get(r.header("Location")).text
    # The supervisor sees the day, but has nothing to tick or change.
    page = as_user("supervisor@klant.example").get(url)
    assert page.status == 200 and "2 van 4" in text_of(page.text)
    assert 'type="checkbox"' not in page.text and "/edit" not in page.text


def test_a_worker_takes_an_open_shift_he_is_qualified_and_free_for():
    jan = as_user("worker@flex.example")
    jid = user("worker@flex.example")
    # Within the four weeks the list shows, on a day Jan is free.
    day = monday(2) + datetime.timedelta(days=4)
    worker("Fleur", A1, "Heftruckchauffeur")
    made = {}
    for name, pos, s, e, u in (("open", INPAK, 10, 18, A1), ("overlap", INPAK, 12, 20, A1),
                               ("skill", "Heftruckchauffeur", 6, 14, A1), ("pool", "Orderpicker", 6, 14, A2)):
        r = plan(worker="", position=pos, start=at(day, s), end=at(day, e), unit=unit(u))
        assert r.status == 303, (name, r.status, r.text[-1500:])
        made[name] = one("SELECT MAX(id) FROM shifts")
    page = jan.get("/planning/me")
    listed = re.findall(r'/planning/me/open/(\d+)/take', page.text)
    # Not the position he is not qualified for, nor a unit whose pool he is
    # not in.
    assert made["open"] in listed and made["overlap"] in listed
    assert made["skill"] not in listed and made["pool"] not in listed
    before = len(mails())
    r = jan.post("/planning/me/open/%s/take" % made["open"], {"csrf": page.csrf()})
    assert r.status == 303 and r.header("Location").endswith("/planning/me?done=claimed")
    assert sql("SELECT worker_user_id, state FROM shifts WHERE id = %s" % made["open"]) == [[jid, "planned"]]
    # The same request again changes nothing and mails no one again.
    r = jan.post("/planning/me/open/%s/take" % made["open"], {"csrf": page.csrf()})
    assert r.status == 303 and "done=claimed" in r.header("Location")
    # (Other tests' mail may arrive meanwhile: only this one counts.)
    taken = lambda: [m for m in mails()[before:] if "opgenomen" in str(m["Subject"])]  # noqa: E731
    assert wait_until(taken)
    time.sleep(1.5)
    assert len(taken()) == 1 and taken()[0]["To"].addresses[0].addr_spec == "planner@klant.example"
    assert "Jan Willems" in taken()[0].get_body().get_content()
    assert sql("SELECT action FROM audit_log WHERE object_type = 'shift' AND object_id = %s AND action = 'shift.claim'"
               % made["open"]) == [["shift.claim"]]
    # Now busy at those hours: the overlapping one is gone from his list
    # and refused; one taken by someone else meanwhile is said so.
    page = jan.get("/planning/me")
    assert made["overlap"] not in re.findall(r'/planning/me/open/(\d+)/take', page.text)
    r = jan.post("/planning/me/open/%s/take" % made["overlap"], {"csrf": page.csrf()})
    assert r.status == 303 and "done=clash" in r.header("Location")
    sql("UPDATE shifts SET starts_at = starts_at + INTERVAL 1 DAY, ends_at = ends_at + INTERVAL 1 DAY,"
        " worker_user_id = %s WHERE id = %s" % (user("sanne.peeters@flex.example"), made["overlap"]))
    # From the page shown again (the same form from the same page would
    # be the first one sent again, and answered as it was: test_once.py).
    r = jan.post("/planning/me/open/%s/take" % made["overlap"], {"csrf": jan.get("/planning/me").csrf()})
    assert r.status == 303 and "done=taken" in r.header("Location")
    assert "door iemand anders" in jan.get(r.header("Location")).text
    # Not his to take: 404, as for anyone who is not a temp worker.
    for sid in (made["skill"], made["pool"]):
        assert jan.post("/planning/me/open/%s/take" % sid, {"csrf": page.csrf()}).status == 404
    assert planner().post("/planning/me/open/%s/take" % made["skill"],
                          {"csrf": planner().get("/planning/").csrf()}).status == 404
    assert one("SELECT worker_user_id FROM shifts WHERE id = %s" % made["skill"]) == "NULL"


def test_the_agency_keeps_a_workers_availability():
    wid = worker("Gert", A1, INPAK, week="")
    cons = as_user("consultant@uitzendbureau.example")
    # The week view links the agency's planner to a worker's availability.
    week = cons.get("/planning/?unit=%s" % unit(A1)).text
    assert 'href="/planning/workers/%s"' % wid in week
    assert 'href="/planning/workers/' not in planner().get("/planning/?unit=%s" % unit(A1)).text
    base = "/planning/workers/%s" % wid
    page = cons.get(base)
    assert page.status == 200 and "Beschikbaarheid van Gert Test%s" % RUN in page.text
    # Only the availability: not the worker's shifts, calendar address or
    # open shifts.
    assert "Mijn diensten" not in page.text and "/planning/me/" not in page.text
    f = {"csrf": page.csrf()}
    for d in range(1, 8):
        f["from%d" % d] = "08:00" if d <= 3 else ""
        f["to%d" % d] = "17:00" if d <= 3 else ""
    r = cons.post(base + "/week", dict(f, from2="8 uur"))
    assert r.status == 422 and 'value="8 uur"' in r.text and error_of(r, "from2")
    assert sql("SELECT COUNT(*) FROM availability_week WHERE worker_user_id = %s" % wid) == [["0"]]
    r = cons.post(base + "/week", f)
    assert r.status == 303 and r.header("Location").endswith(base + "?done=week")
    assert sql("SELECT weekday, starts FROM availability_week WHERE worker_user_id = %s ORDER BY weekday"
               % wid) == [["1", "08:00:00"], ["2", "08:00:00"], ["3", "08:00:00"]]
    day = monday(7)
    r = cons.post(base + "/days", {"csrf": page.csrf(), "date": day.isoformat(), "kind": "off"})
    assert r.status == 303 and r.header("Location").endswith(base + "?done=day")
    did = one("SELECT id FROM availability_days WHERE worker_user_id = %s" % wid)
    assert cons.post(base + "/days/%s/delete" % did, {"csrf": page.csrf()}).status == 303
    assert sql("SELECT id FROM availability_days WHERE worker_user_id = %s" % wid) == []
    # Each change is the agency's, in the audit log.
    assert sql("SELECT u.email, a.detail FROM audit_log a JOIN users u ON u.id = a.actor_id"
               " WHERE a.action = 'availability.edit' AND a.object_id = %s ORDER BY a.id" % wid) == [
        ["consultant@uitzendbureau.example", "week"], ["consultant@uitzendbureau.example", day.isoformat()],
        ["consultant@uitzendbureau.example", "day removed"]]
    # A client's planner, and the agency for someone who is no temp worker: 404.
    assert planner().get(base).status == 404
    assert planner().post(base + "/week", dict(f, csrf=planner().get("/planning/").csrf())).status == 404
    assert cons.get("/planning/workers/%s" % user("planner@klant.example")).status == 404


def cells_of(page, name):
    row = page[page.index(name):]
    return re.findall(r"<td[^>]*>(.*?)</td>", row[:row.index("</tr>")], re.S)


def test_the_week_view_shows_every_change_at_once():
    """Each process keeps a week view while the planning is unchanged: any
    change, by any road, shows on the next request."""
    wid = worker("Hanna", A1, INPAK, week="1")
    mon = monday(8)
    url = "/planning/?unit=%s&week=%s" % (unit(A1), mon.isoformat())
    for _ in range(4):
        assert "Hanna Test%s" % RUN in planner().get(url).text
    # Kept or not, what a user typed is escaped.
    sql("UPDATE users SET first_name = 'Hannah<i>' WHERE id = %s" % wid)
    for _ in range(4):
        page = planner().get(url).text
        assert "Hannah&lt;i&gt; Test%s" % RUN in page and "Hannah<i>" not in page
    sql("UPDATE users SET first_name = 'Hannah' WHERE id = %s" % wid)
    for _ in range(4):
        assert "Hannah Test%s" % RUN in planner().get(url).text
    sql("INSERT INTO availability_days (worker_user_id, day, available) VALUES (%s, '%s', 0)"
        % (wid, mon.isoformat()))
    for _ in range(4):
        assert "Niet beschikbaar" in cells_of(planner().get(url).text, "Hannah Test%s" % RUN)[0]
    # Planned at another client meanwhile: busy.
    other = one("SELECT o.id FROM org_units o JOIN clients c ON c.id = o.client_id"
                " WHERE c.name <> 'Klant NV' ORDER BY o.id LIMIT 1")
    sql("INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at, created_at, updated_at)"
        " VALUES (%s, 'Elders', %s, '%s 09:00', '%s 12:00', UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        % (other, wid, (mon + datetime.timedelta(days=2)).isoformat(), (mon + datetime.timedelta(days=2)).isoformat()))
    for _ in range(4):
        assert "bezet" in cells_of(planner().get(url).text, "Hannah Test%s" % RUN)[2]
    # What a view shows for one user is not shown to another with other
    # rights, nor for other filters.
    assert "/planning/shifts/new?" in planner().get(url).text
    page = as_user("supervisor@klant.example").get(url)
    assert page.status == 200 and "Hannah Test%s" % RUN in page.text and "/planning/shifts/new?" not in page.text
    assert "Hannah" not in planner().get(url + "&q=Zzz").text


def test_the_agency_keeps_a_workers_pools_and_positions():
    wid = worker("Ilse", A1, INPAK, week="")
    sql("DELETE FROM pool WHERE worker_user_id = %s" % wid)
    sql("DELETE FROM worker_skills WHERE worker_user_id = %s" % wid)
    cons = as_user("consultant@uitzendbureau.example")
    # Found by name among the agency's temp workers, in no pool yet.
    page = cons.get("/planning/workers?q=Ilse")
    assert page.status == 200 and "Ilse Test%s" % RUN in page.text and "nog in geen pool" in page.text
    base = "/planning/workers/%s" % wid
    tok = cons.get(base).csrf()
    # Not planned yet: not in the pool.
    assert error_of(plan(cons, worker=wid, start=at(monday(9), 8), end=at(monday(9), 16)), "worker")
    # Into the pool of team A1 for a position; the same again is said so.
    r = cons.post(base + "/pools", {"csrf": tok, "unit": unit(A1), "position": INPAK})
    assert r.status == 303 and r.header("Location").endswith(base + "?done=pool")
    tok = cons.get(base).csrf()
    r = cons.post(base + "/pools", {"csrf": tok, "unit": unit(A1), "position": INPAK})
    assert r.status == 422 and "Dit staat er al" in r.text and 'value="%s"' % INPAK in r.text
    r = cons.post(base + "/pools", {"csrf": tok, "unit": unit(A1), "position": ""})
    assert r.status == 422 and error_of(r, "pool-position")
    assert sql("SELECT source, added_by IS NOT NULL FROM pool WHERE worker_user_id = %s" % wid) == [["agency", "1"]]
    # Now he can be planned there, and shows in the week.
    # (no availability entered: confirmed)
    assert plan(cons, worker=wid, start=at(monday(9), 8), end=at(monday(9), 16), confirm="1").status == 303
    assert "Ilse Test%s" % RUN in planner().get("/planning/?unit=%s&week=%s" % (unit(A1), monday(9))).text
    # A second position at the client.
    r = cons.post(base + "/skills", {"csrf": tok, "unit": unit(A1), "position": "Heftruckchauffeur"})
    assert r.status == 303 and r.header("Location").endswith(base + "?done=skill")
    page = cons.get(base).text
    assert "Heftruckchauffeur" in page and "door het uitzendbureau" in page
    # Removed, and audited; a unit where the consultant does not plan is
    # refused on the form.
    sid = one("SELECT id FROM worker_skills WHERE worker_user_id = %s" % wid)
    assert cons.post(base + "/skills/%s/delete" % sid, {"csrf": tok}).status == 303
    other = one("SELECT o.id FROM org_units o JOIN clients c ON c.id = o.client_id"
                " WHERE c.name <> 'Klant NV' ORDER BY o.id LIMIT 1")
    r = cons.post(base + "/pools", {"csrf": tok, "unit": other, "position": INPAK})
    assert r.status == 422 and error_of(r, "pool-unit")
    assert [x[0] for x in sql("SELECT action FROM audit_log WHERE object_type = 'user' AND object_id = %s"
                              " AND action LIKE '%%.%%' ORDER BY id" % wid)] == ["pool.add", "skill.add",
                                                                                 "skill.remove"]
    # Clients do not keep pools: 404.
    assert planner().get("/planning/workers").status == 404
    assert planner().post(base + "/pools", {"csrf": planner().get("/planning/").csrf(), "unit": unit(A1),
                                            "position": INPAK}).status == 404
    pid = one("SELECT id FROM pool WHERE worker_user_id = %s" % wid)
    assert planner().post(base + "/pools/%s/delete" % pid, {"csrf": planner().get("/planning/").csrf()}).status == 404
    assert cons.post(base + "/pools/%s/delete" % pid, {"csrf": tok}).status == 303
    assert sql("SELECT id FROM pool WHERE worker_user_id = %s" % wid) == []



def test_the_weeks_days_are_written_in_the_users_language():
    # Monday 30 November 2026, as a Dutch, an English and a French reader
    # writes it; the planner's language set back afterwards.
    c = as_user("planner@klant.example")
    url = "/planning/?unit=%s&week=2026-12-02" % unit(A1)
    try:
        for lang, monday_text, sunday_text in (("nl", "ma 30 nov", "zo 6 dec"), ("en", "Mon 30 Nov", "Sun 6 Dec"),
                                              ("fr", "lun. 30 nov.", "dim. 6 déc.")):
            r = c.post("/account/lang", {"csrf": c.get("/account").csrf(), "lang": lang})
            assert r.status == 303, r.status
            page = c.get(url)
            assert page.status == 200 and monday_text in page.text and sunday_text in page.text, lang
            assert "30-11" not in page.text
    finally:
        c.post("/account/lang", {"csrf": c.get("/account").csrf(), "lang": "nl"})


def test_the_unit_choices_are_indented_from_the_planners_own_top_unit():
    # Her rights start at a department: it is not indented, its teams are
    # one step in — not three steps from the agency's root.
    page = as_user("planner@klant.example").get("/planning/?unit=%s" % unit(A1)).text
    assert re.search(r'<option value="\d+"( selected)?>Afdeling A — Productie</option>', page), page[:3000]
    assert re.search(r'<option value="\d+"( selected)?>— Team A1 — Inpak</option>', page)

if __name__ == "__main__":
    run(globals())
