#!/usr/bin/python3
"""Requests of data subjects — access, rectification, erasure — with their
deadlines: the privacy officer records one that came in by letter or phone,
anyone logged in files his own from /privacy/me (the privacy officers are
mailed at once); each is due a month after it came in, extendable once with
a reason, closed as done or refused with the reason; the queue shows what
is overdue, and the worker reminds the privacy officers once before the
deadline. Nobody but the privacy officer sees another person's request."""
import calendar
import datetime
import html
import os
import random
import re
import sys
import time
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

from test_timesheets import as_user, one  # noqa: E402

OFFICER = "privacy@uitzendbureau.example"
WORKER = "worker@flex.example"
CLIENT_USER = "finance@klant.example"
SFX = "%06x" % random.randrange(16 ** 6)


def today(days=0):
    """A day on the agency's calendar, days from today."""
    d = datetime.datetime.now(zoneinfo.ZoneInfo(conf("Planning.TimeZone"))).date()
    return d + datetime.timedelta(days=days)


def plus_months(d, n):
    """d n months later, on the month's last day when it is shorter."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return datetime.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def uid(email):
    return one("SELECT id FROM users WHERE email = '%s'" % email)


def text_of(page):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def error_of(r, name):
    m = re.search(r'<p class="field-error" id="e-%s">([^<]*)</p>' % name, r.text)
    return html.unescape(m.group(1)) if m else None


def alert_of(r):
    m = re.search(r'<div class="alert alert-error" role="alert">([^<]*)</div>', r.text)
    return html.unescape(m.group(1)) if m else None


def row(rid):
    """kind, state, channel, received_on, first_due_on, due_on, extended, reminded_at of a request."""
    return sql("SELECT kind, state, channel, received_on, first_due_on, due_on, extended_at IS NOT NULL,"
               " COALESCE(reminded_at, '') FROM privacy_requests WHERE id = %s" % rid)[0]


def audits(action, rid):
    return int(one("SELECT COUNT(*) FROM audit_log WHERE action = '%s' AND object_type = 'privacy_request'"
                   " AND object_id = %s" % (action, rid)))


def mails_about(rid, key="filed"):
    """The mails of the sink about a request (its link), by recipient."""
    out = {}
    for m in mails():
        body = m.get_body().get_content()
        if re.search(r"/privacy/requests/%s\b" % rid, body):
            kind = "remind" if "termijn" in m["Subject"].lower() else "filed"
            if kind == key:
                for a in m["To"].addresses:
                    out.setdefault(a.addr_spec, []).append(body)
    return out


def answers_to(email):
    """The bodies of the mails that told a person about his request."""
    return [m.get_body().get_content() for m in mails() if m["Subject"] == "Uw verzoek over uw persoonsgegevens"
            and any(a.addr_spec == email for a in m["To"].addresses)]


def free_own_requests(email):
    """Earlier runs' open requests a user filed himself closed, so that he
    may file again (a person has at most five open at once)."""
    sql("UPDATE privacy_requests SET state = 'done', closed_at = UTC_TIMESTAMP(), closed_by = user_id"
        " WHERE user_id = %s AND channel = 'self' AND state = 'open'" % uid(email))


def record(c, path, kind, received, text):
    tok = c.get(path).csrf()
    return c.post(path + "/requests", {"csrf": tok, "request_kind": kind, "request_received": received,
                                       "request_text": text})


def file_own(c, kind, text):
    tok = c.get("/privacy/me").csrf()
    return c.post("/privacy/me/requests", {"csrf": tok, "request_kind": kind, "request_text": text})


def newest(email, channel):
    return one("SELECT MAX(id) FROM privacy_requests WHERE user_id = %s AND channel = '%s'" % (uid(email), channel))


def act(c, rid, action, **fields):
    tok = c.get("/privacy/requests/%s" % rid).csrf()
    return c.post("/privacy/requests/%s/%s" % (rid, action), dict(fields, csrf=tok))


_made = {}


def officer_request():
    """A request of Tom Jacobs (temp worker, no login) the privacy officer
    recorded, received three days ago: made once."""
    if "officer" not in _made:
        c = as_user(OFFICER)
        tom = uid("tom.jacobs@flex.example")
        r = record(c, "/privacy/persons/%s" % tom, "erasure", today(-3).isoformat(),
                   "Per brief %s: wil dat zijn gegevens worden verwijderd." % SFX)
        assert r.status == 303, (r.status, r.text[-800:])
        _made["officer"] = newest("tom.jacobs@flex.example", "officer")
    return _made["officer"]


def test_the_officer_records_a_request_due_one_month_after_it_came_in():
    c = as_user(OFFICER)
    tom = uid("tom.jacobs@flex.example")
    before = len(mails())
    rid = officer_request()
    kind, state, channel, received, first_due, due, extended, _ = row(rid)
    assert (kind, state, channel, extended) == ("erasure", "open", "officer", "0")
    assert received == today(-3).isoformat()
    assert first_due == due == plus_months(today(-3), 1).isoformat(), (received, due)
    assert audits("privacy.request.add", rid) == 1
    # His page lists it, and its page shows the due date and how it came in.
    page = text_of(c.get("/privacy/persons/%s" % tom).text)
    assert "Verwijdering" in page and due in page
    r = c.get("/privacy/requests/%s" % rid)
    assert r.status == 200
    t = text_of(r.text)
    assert "Verzoek om verwijdering" in t and due in t and "Vastgelegd door de privacy officer" in t
    assert "Per brief %s" % SFX in t and "Tom Jacobs" in t
    assert 'href="/privacy/persons/%s"' % tom in r.text
    # Recorded by the officer himself: nobody is mailed about it.
    time.sleep(2)
    assert not mails_about(rid), "the officer was mailed about his own request"
    assert len(mails()) >= before
    # A candidate known by name only has his requests too.
    cand = one("SELECT MIN(id) FROM candidates WHERE worker_id IS NULL AND erased_at IS NULL")
    r = record(c, "/privacy/candidates/%s" % cand, "access", today().isoformat(), "Telefonisch %s" % SFX)
    assert r.status == 303 and r.header("Location").startswith("/privacy/candidates/%s?done=request_added" % cand)
    assert one("SELECT COUNT(*) FROM privacy_requests WHERE candidate_id = %s AND request_text = 'Telefonisch %s'"
               % (cand, SFX)) == "1"


def test_a_temp_worker_files_his_own_request_and_the_privacy_officers_are_mailed():
    free_own_requests(WORKER)
    w = as_user(WORKER)
    words = "Mijn achternaam is verkeerd gespeld %s: het is Willems met twee l'en." % SFX
    r = file_own(w, "rectification", words)
    assert r.status == 303 and r.header("Location") == "/privacy/me?done=request_added#requests", r.status
    rid = newest(WORKER, "self")
    kind, state, channel, received, _, due, _, _ = row(rid)
    assert (kind, state, channel, received) == ("rectification", "open", "self", today().isoformat())
    assert due == plus_months(today(), 1).isoformat()
    assert audits("privacy.request.add", rid) == 1
    # He sees it on his own page, with its state and due date.
    me = text_of(w.get("/privacy/me?done=request_added").text)
    assert "Het verzoek is vastgelegd" in me and words in me and due in me and "Verzoek om correctie" in me
    # The privacy officer is mailed at once: the kind, the date, the link,
    # not the person's words.
    got = wait_until(lambda: mails_about(rid).get(OFFICER), 20)
    assert got, "no mail to the privacy officer"
    assert len(got) == 1 and "Correctie" in got[0] and due in got[0] and SFX not in got[0], got
    assert set(mails_about(rid)) == {OFFICER}, "only the privacy officers are mailed"
    # The queue shows it, filed by the person himself.
    t = text_of(as_user(OFFICER).get("/privacy/requests?kind=rectification&state=open").text)
    assert "Jan Willems" in t and "Ingediend door de persoon zelf" in t
    _made["worker"] = rid


def test_a_client_user_files_one_too_and_each_sees_only_his_own():
    free_own_requests(CLIENT_USER)
    f = as_user(CLIENT_USER)
    words = "Welke gegevens van mij heeft het portaal %s?" % SFX
    r = file_own(f, "access", words)
    assert r.status == 303, r.status
    rid = newest(CLIENT_USER, "self")
    assert wait_until(lambda: mails_about(rid).get(OFFICER), 20), "no mail to the privacy officer"
    mine = f.get("/privacy/me").text
    assert words in html.unescape(mine)
    # Nothing of another person: not the temp worker's words, nor his
    # request's number.
    assert "verkeerd gespeld %s" % SFX not in html.unescape(mine)
    theirs = html.unescape(as_user(WORKER).get("/privacy/me").text)
    assert words not in theirs and "verkeerd gespeld %s" % SFX in theirs
    assert len(re.findall(r'data-request="(\d+)"', mine)) == int(one(
        "SELECT COUNT(*) FROM privacy_requests WHERE user_id = %s" % uid(CLIENT_USER)))
    ids = set(re.findall(r'data-request="(\d+)"', mine))
    assert ids == {x[0] for x in sql("SELECT id FROM privacy_requests WHERE user_id = %s" % uid(CLIENT_USER))}


def test_the_deadline_is_extended_once_and_only_with_a_reason():
    c = as_user(OFFICER)
    rid = _made.get("worker") or officer_request()
    first = row(rid)[4]
    # No reason: refused, nothing changed.
    r = act(c, rid, "extend", reason="  ")
    assert r.status == 422 and error_of(r, "reason"), r.status
    assert 'aria-invalid="true" aria-describedby="e-reason"' in r.text
    assert row(rid)[5] == first and audits("privacy.request.extend", rid) == 0
    reason = "Veel gegevens uit drie systemen %s." % SFX
    told = len(answers_to(WORKER))
    r = act(c, rid, "extend", reason=reason)
    assert r.status == 303 and r.header("Location") == "/privacy/requests/%s?done=request_extended" % rid
    months = int(conf("Privacy.RequestExtensionMonths"))
    due = plus_months(datetime.date.fromisoformat(first), months).isoformat()
    assert row(rid)[4:7] == [first, due, "1"], row(rid)
    assert audits("privacy.request.extend", rid) == 1
    t = text_of(c.get("/privacy/requests/%s?done=request_extended" % rid).text)
    assert "De termijn van het verzoek is verlengd" in t and reason in t and due in t and first in t
    assert "/extend" not in c.get("/privacy/requests/%s" % rid).text, "a second extension is offered"
    # A second one is refused with a message, and changes nothing.
    r = act(c, rid, "extend", reason="Nog eens")
    assert r.status == 422 and "maar één keer" in (alert_of(r) or ""), (r.status, alert_of(r))
    assert row(rid)[5] == due and audits("privacy.request.extend", rid) == 1
    # The person is told by mail (the new date, not the reason), and sees
    # the date and why on his own page.
    if rid == _made.get("worker"):
        got = wait_until(lambda: answers_to(WORKER)[told:], 20)
        assert len(got) == 1 and "meer tijd" in got[0] and due in got[0] and "/privacy/me" in got[0], got
        assert SFX not in got[0]
        me = text_of(as_user(WORKER).get("/privacy/me").text)
        assert due in me and reason in me


def test_a_request_is_closed_done_or_refused_with_the_reason():
    c = as_user(OFFICER)
    rid = _made.get("worker") or officer_request()
    # A refusal without its reason: the form again, the choice kept.
    r = act(c, rid, "close", state="refused", outcome="")
    assert r.status == 422 and "reden" in (error_of(r, "outcome") or ""), (r.status, error_of(r, "outcome"))
    assert '<option value="refused" selected>' in r.text
    assert row(rid)[1] == "open" and audits("privacy.request.close", rid) == 0
    answer = "Geweigerd %s: de spelling in het paspoort is Wilems." % SFX
    told = len(answers_to(WORKER))
    r = act(c, rid, "close", state="refused", outcome=answer)
    assert r.status == 303 and r.header("Location") == "/privacy/requests/%s?done=request_closed" % rid
    assert row(rid)[1] == "refused" and audits("privacy.request.close", rid) == 1
    assert one("SELECT closed_by FROM privacy_requests WHERE id = %s" % rid) == uid(OFFICER)
    t = text_of(c.get("/privacy/requests/%s" % rid).text)
    assert "Geweigerd" in t and answer in t and "/close" not in c.get("/privacy/requests/%s" % rid).text
    # Closed is closed: neither closed again nor extended.
    r = act(c, rid, "close", state="done", outcome="")
    assert r.status == 422 and "al afgesloten" in (alert_of(r) or "")
    r = act(c, rid, "extend", reason="Te laat bedacht")
    assert r.status == 422 and "al afgesloten" in (alert_of(r) or "")
    assert audits("privacy.request.close", rid) == 1
    if rid == _made.get("worker"):
        # He is mailed that there is an answer, and reads it on his own
        # page with where he may complain.
        got = wait_until(lambda: answers_to(WORKER)[told:], 20)
        assert len(got) == 1 and "niet kunnen inwilligen" in got[0] and SFX not in got[0], got
        me = text_of(as_user(WORKER).get("/privacy/me").text)
        assert answer in me and "Autoriteit Persoonsgegevens" in me, "the person does not see the answer"
    # Done needs no words; a person without a login (Tom Jacobs) is not
    # mailed.
    other = officer_request()
    before = len(answers_to("tom.jacobs@flex.example"))
    r = act(c, other, "close", state="done", outcome="")
    assert r.status == 303 and row(other)[1] == "done"
    time.sleep(2)
    assert len(answers_to("tom.jacobs@flex.example")) == before


def late_request():
    """A request of Tom Jacobs that came in forty days ago, ten days past
    its due date, marked as reminded of that date: made once."""
    if "late" not in _made:
        c = as_user(OFFICER)
        tom = uid("tom.jacobs@flex.example")
        assert record(c, "/privacy/persons/%s" % tom, "access", today().isoformat(), "Laat %s" % SFX).status == 303
        late = one("SELECT MAX(id) FROM privacy_requests WHERE user_id = %s" % tom)
        sql("UPDATE privacy_requests SET received_on = '%s', first_due_on = '%s', due_on = '%s',"
            " reminded_due = due_on WHERE id = %s"
            % (today(-40), plus_months(today(-40), 1), plus_months(today(-40), 1), late))
        _made["late"] = late
    return _made["late"]


def test_overdue_requests_are_marked_and_come_first_in_the_queue():
    c = as_user(OFFICER)
    tom = uid("tom.jacobs@flex.example")
    late = late_request()
    assert record(c, "/privacy/persons/%s" % tom, "access", today().isoformat(), "Op tijd %s" % SFX).status == 303
    fresh = one("SELECT MAX(id) FROM privacy_requests WHERE user_id = %s" % tom)
    r = c.get("/privacy/requests")
    rows = re.findall(r'<tr data-request="(\d+)">(.*?)</tr>', r.text, re.S)
    order = [x[0] for x in rows]
    cells = dict(rows)
    assert late in order and fresh in order
    assert "badge-error" in cells[late] and "Te laat" in cells[late], cells[late]
    assert "badge-error" not in cells[fresh]
    assert order.index(late) < order.index(fresh), "the overdue one is not above"
    # Open ones before the handled ones, the soonest due first.
    states = sql("SELECT id, state, due_on FROM privacy_requests")
    st = {x[0]: (x[1], x[2]) for x in states}
    shown = [st[i] for i in order]
    opened = [s for s in shown if s[0] == "open"]
    assert shown[:len(opened)] == opened and [s[1] for s in opened] == sorted(s[1] for s in opened)
    # The filter of what is overdue: only those.
    over = re.findall(r'<tr data-request="(\d+)">', c.get("/privacy/requests?state=overdue").text)
    assert late in over and fresh not in over
    assert all(st[i][0] == "open" and st[i][1] < today().isoformat() for i in over)
    kinds = re.findall(r'<tr data-request="(\d+)">', c.get("/privacy/requests?kind=rectification").text)
    assert late not in kinds
    # The privacy officer's start page counts them.
    n_open, n_over = sql("SELECT COUNT(*), SUM(due_on < '%s') FROM privacy_requests WHERE state = 'open'"
                         % today())[0]
    tile = re.search(r'tile-requests">(.*?)</span>', c.get("/privacy/").text).group(1)
    assert re.findall(r"<strong>(\d+)</strong>", tile) == [n_open, n_over], (tile, n_open, n_over)


def test_the_privacy_officers_are_reminded_once_before_the_deadline():
    c = as_user(OFFICER)
    # A second privacy officer (the role on the agency's root) for this
    # test; a consultant (no privacy.handle) is never mailed.
    second = "privacy2.%s@uitzendbureau.example" % SFX
    sql("INSERT INTO users (kind, email, first_name, last_name, status, created_at) VALUES ('agency', '%s',"
        " 'Pim', 'Tweede', 'active', UTC_TIMESTAMP())" % second)
    sql("INSERT INTO grants (user_id, role, unit_id, created_at) SELECT u.id, 'privacy_officer', o.id,"
        " UTC_TIMESTAMP() FROM users u, org_units o WHERE u.email = '%s' AND o.parent_id IS NULL" % second)
    try:
        tom = uid("tom.jacobs@flex.example")
        assert record(c, "/privacy/persons/%s" % tom, "rectification", today().isoformat(),
                      "Herinner %s" % SFX).status == 303
        rid = one("SELECT MAX(id) FROM privacy_requests WHERE user_id = %s" % tom)
        time.sleep(2)
        assert not mails_about(rid, "remind"), "reminded a month ahead"
        # Came in so long ago that it is due in three days.
        came = today(3 - 31)
        sql("UPDATE privacy_requests SET received_on = '%s', first_due_on = '%s', due_on = '%s' WHERE id = %s"
            % (came, today(3), today(3), rid))
        got = wait_until(lambda: len(mails_about(rid, "remind")) == 2 and mails_about(rid, "remind"), 30)
        assert got and set(got) == {OFFICER, second}, got
        assert "Correctie" in got[OFFICER][0] and today(3).isoformat() in got[OFFICER][0]
        assert row(rid)[7], "not marked reminded"
        # Idempotent: the worker's next rounds mail nothing more.
        time.sleep(4)
        again = mails_about(rid, "remind")
        assert {k: len(v) for k, v in again.items()} == {OFFICER: 1, second: 1}, again
        assert one("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'mail:privacy-remind:%s:%%'" % rid) == "2"
        # An overdue one never reminded is reminded too; the page tells.
        late = late_request()
        assert not mails_about(late, "remind"), "an overdue request marked as reminded was reminded"
        sql("UPDATE privacy_requests SET reminded_due = NULL, reminded_at = NULL WHERE id = %s" % late)
        got = wait_until(lambda: mails_about(late, "remind").get(OFFICER), 30)
        assert got and "verstreken" in got[0], got
        assert "Herinnering verstuurd" in text_of(c.get("/privacy/requests/%s" % late).text)
    finally:
        sql("DELETE FROM grants WHERE user_id = (SELECT id FROM users WHERE email = '%s')" % second)
        sql("UPDATE users SET status = 'disabled' WHERE email = '%s'" % second)


def test_client_users_planners_and_staff_without_the_right_get_404():
    rid = officer_request()
    tom = uid("tom.jacobs@flex.example")
    for who in ("planner@klant.example", "hr.manager@klant.example", CLIENT_USER, WORKER,
                "admin@uitzendbureau.example", "consultant@uitzendbureau.example"):
        u = as_user(who)
        assert u.get("/privacy/requests").status == 404, who
        assert u.get("/privacy/requests/%s" % rid).status == 404, who
        tok = u.get("/").csrf()
        for path, fields in (("/privacy/requests/%s/extend" % rid, {"reason": "x"}),
                             ("/privacy/requests/%s/close" % rid, {"state": "done"}),
                             ("/privacy/persons/%s/requests" % tom,
                              {"request_kind": "access", "request_received": today().isoformat(),
                               "request_text": "x"})):
            assert u.post(path, dict(fields, csrf=tok)).status == 404, (who, path)
    # Not even his own request's page: that is the privacy officer's.
    own = newest(WORKER, "self")
    assert as_user(WORKER).get("/privacy/requests/%s" % own).status == 404
    assert as_user(OFFICER).get("/privacy/requests/999999999").status == 404
    assert Client().get("/privacy/requests").status == 303


def test_bad_input_is_shown_again_with_the_input_kept():
    c = as_user(OFFICER)
    tom = uid("tom.jacobs@flex.example")
    n = one("SELECT COUNT(*) FROM privacy_requests")
    words = "Bewaard <b>%s</b> & zo" % SFX
    r = record(c, "/privacy/persons/%s" % tom, "rectification", today(2).isoformat(), words)
    assert r.status == 422 and "toekomst" in (error_of(r, "request_received") or ""), r.status
    assert 'id="f-request_received"' in r.text and 'value="%s"' % today(2).isoformat() in r.text
    assert html.escape(words, quote=False) in r.text.replace("&#39;", "'"), "the text is gone"
    assert '<option value="rectification" selected>' in r.text
    r = record(c, "/privacy/persons/%s" % tom, "access", "2026-02-30", words)
    assert r.status == 422 and error_of(r, "request_received")
    for empty in ("", " \r\n\t "):
        r = record(c, "/privacy/persons/%s" % tom, "access", today().isoformat(), empty)
        assert r.status == 422 and error_of(r, "request_text"), repr(empty)
    # Both fields wrong: both are marked.
    r = record(c, "/privacy/persons/%s" % tom, "access", today(5).isoformat(), " ")
    assert r.status == 422 and error_of(r, "request_text") and error_of(r, "request_received")
    r = record(c, "/privacy/persons/%s" % tom, "complaint", today().isoformat(), words)
    assert r.status == 422 and error_of(r, "request_kind")
    assert one("SELECT COUNT(*) FROM privacy_requests") == n
    # The person's own form too.
    w = as_user(WORKER)
    for empty in ("", "\r\n  "):
        r = file_own(w, "erasure", empty)
        assert r.status == 422 and error_of(r, "request_text") and '<option value="erasure" selected>' in r.text
    r = file_own(w, "erasure", "x" * 4001)
    assert r.status == 422 and error_of(r, "request_text") and "x" * 4001 in r.text
    assert one("SELECT COUNT(*) FROM privacy_requests") == n


def test_the_history_names_who_acted_whole_in_four_byte_characters():
    # Names as long as users.first_name and last_name hold, four bytes a
    # character but the last: cut anywhere, the end would be missing.
    first, last = "\U0001F469" * 99 + "F", "\U0001F3E1" * 94 + SFX
    email = "lang.%s@uitzendbureau.example" % SFX
    sql("INSERT INTO users (kind, email, first_name, last_name, status, created_at) VALUES ('agency', '%s',"
        " '%s', '%s', 'disabled', UTC_TIMESTAMP())" % (email, first, last))
    c = as_user(OFFICER)
    tom = uid("tom.jacobs@flex.example")
    assert record(c, "/privacy/persons/%s" % tom, "access", today().isoformat(), "Lang %s" % SFX).status == 303
    rid = one("SELECT MAX(id) FROM privacy_requests WHERE user_id = %s" % tom)
    # Recorded and closed by him (the columns say who; the page shows it).
    sql("UPDATE privacy_requests SET recorded_by = %s, state = 'done', closed_at = UTC_TIMESTAMP(),"
        " closed_by = %s WHERE id = %s" % (uid(email), uid(email), rid))
    t = text_of(c.get("/privacy/requests/%s" % rid).text)
    assert t.count("%s %s" % (first, last)) == 2, "the history cuts the name"


def test_a_person_has_at_most_five_open_requests_of_his_own():
    free_own_requests(CLIENT_USER)
    f = as_user(CLIENT_USER)
    for i in range(5):
        assert file_own(f, "access", "Nummer %d %s" % (i, SFX)).status == 303
    r = file_own(f, "access", "Nummer 6 %s" % SFX)
    assert r.status == 422 and "vijf verzoeken" in (alert_of(r) or ""), (r.status, alert_of(r))
    assert "Nummer 6 %s" % SFX in r.text, "the input is gone"
    free_own_requests(CLIENT_USER)


if __name__ == "__main__":
    run(globals())
