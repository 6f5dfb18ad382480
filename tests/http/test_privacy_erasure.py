#!/usr/bin/python3
"""Erasure: the privacy officer sees what would go and what would stay
(the dry run), then erases a person across every module. After it, a dump
of the whole database and the document store hold no trace of him — name,
e-mail, phone, national ID number, in plain text or as a common hash —
while contracts, hours and invoice lines stay under a pseudonym; his
sessions end, the back-office is told once, a certificate without personal
data is in the audit log, and erasing again does nothing."""
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403
import test_candidates as tc  # noqa: E402
import test_contracts as tk  # noqa: E402
import test_person_fields as tf  # noqa: E402
import test_planning as tp  # noqa: E402

PRIVACY = "privacy@uitzendbureau.example"
ADMIN = "admin@uitzendbureau.example"
RUN = tp.RUN
FIRST, LAST = "Erika", "Wisselaar%s" % RUN
EMAIL = "erika.wisselaar-%s@flex.example" % RUN
DIGITS = RUN.translate(str.maketrans("abcdef", "123456"))
MOBILE = "+31 6 4%s" % DIGITS[:4]
BSN = "123456782"
STREET = "Wisselstraat%s 12" % RUN
STATE = {}


def officer():
    return tp.as_user(PRIVACY)


def dump():
    """Every table of the portal's database, as mariadb-dump writes it."""
    return subprocess.run(["mariadb-dump", "--no-defaults", "-S", DB_SOCK, "-u", "root", "--skip-extended-insert",
                           "--hex-blob", "--skip-comments", DB_NAME], capture_output=True, text=True,
                          check=True).stdout


def traces(text, words):
    """The words (and their common hashes) found in text."""
    found = []
    for w in words:
        for form in (w, w.lower(), hashlib.sha256(w.encode()).hexdigest(), hashlib.sha1(w.encode()).hexdigest(),
                     hashlib.md5(w.encode()).hexdigest()):
            if form in text or form.upper() in text:
                found.append(form)
    return found


def invite_link(email):
    for m in reversed(mails()):
        if m["To"] and email in str(m["To"]):
            u = re.search(r"https://\S+/invite/([A-Za-z0-9_-]{43})", m.get_body().get_content())
            if u:
                return "/invite/" + u.group(1)
    return None


def test_a_temp_worker_with_a_life_in_the_portal():
    """Registered by the agency (an invitation mail), his password chosen,
    logged in, a national ID number, a pool, shifts contracted and to come,
    hours with a remark that names him, a proposal with a CV and remarks."""
    a = tp.as_user(ADMIN)
    tok = a.get("/admin/users/new?kind=worker").csrf()
    r = a.post("/admin/users", {"csrf": tok, "kind": "worker", "first_name": FIRST, "last_name": LAST,
                                "email": EMAIL, "mobile": MOBILE})
    assert r.status == 303, (r.status, r.text[-800:])
    wid = tp.user(EMAIL)
    STATE["wid"] = wid
    link = wait_until(lambda: invite_link(EMAIL), 20)
    assert link, "no invitation mail"
    w = Client()
    tok = w.get(link).csrf()
    pw = "Wissel-%s-wachtwoord!" % RUN
    r = w.post(link, {"csrf": tok, "password": pw, "password2": pw})
    assert r.status == 200 and "alert-success" in r.text, (r.status, r.text[-600:])
    w, r = login(EMAIL, password=pw)
    assert r.status == 303 and w.get("/planning/me").status == 200
    STATE["worker"] = w
    STATE["pw"] = pw
    # His date of birth, address and photo.
    sql("UPDATE users SET birth_date = '1990-04-01', address_street = '%s', address_postcode = '3011 AD',"
        " address_city = 'Rotterdam', address_country = 'NL' WHERE id = %s" % (STREET, wid))
    assert tf.upload_photo(a, wid, tf.png()).status == 303
    STATE["photo"] = tp.one("SELECT photo_file_id FROM users WHERE id = %s" % wid)
    # The national ID number.
    tok = a.get("/admin/users/%s" % wid).csrf()
    assert a.post("/admin/users/%s/bsn" % wid, {"csrf": tok, "country": "NL", "number": BSN}).status == 303
    # A pool, skills and availability, as the agency keeps them.
    sql("INSERT INTO pool (worker_user_id, unit_id, position, source, created_at)"
        " VALUES (%s, %s, '%s', 'agency', UTC_TIMESTAMP())" % (wid, tp.unit(tp.A1), tp.INPAK))
    sql("INSERT INTO worker_skills (worker_user_id, client_id, position, created_at)"
        " SELECT %s, client_id, '%s', UTC_TIMESTAMP() FROM org_units WHERE name = '%s'" % (wid, tp.INPAK, tp.A1))
    for d in "12345":
        sql("INSERT INTO availability_week (worker_user_id, weekday, starts, ends)"
            " VALUES (%s, %s, '06:00', '22:00')" % (wid, d))
    # A shift contracted (its PDF in the store, a mail to him), one to come.
    mon = tp.monday(9)
    r = tp.plan(worker=wid, start=tp.at(mon, 7), end=tp.at(mon, 15), note="Vraag naar %s %s" % (FIRST, LAST))
    assert r.status == 303, r.status
    assert tk.publish(tp.unit(tp.A1), mon).status == 303
    sid = tp.shifts_of(wid)[0][0]
    assert wait_until(lambda: tk.state_of(sid) == "contracted", 30), tk.state_of(sid)
    assert wait_until(lambda: sql("SELECT document_id IS NOT NULL FROM contracts WHERE shift_id = %s" % sid)[0][0]
                      == "1", 15)
    STATE["contracted"] = sid
    later = tp.monday(10)
    assert tp.plan(worker=wid, start=tp.at(later, 7), end=tp.at(later, 15)).status == 303
    STATE["later"] = [s for s in tp.shifts_of(wid) if s[0] != sid][0][0]
    # Hours of a past week, with a remark that names him (as a supervisor might).
    sql("INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, version, minutes, reason,"
        " created_at, updated_at) VALUES (%s, %s, '%s', '2025-03-03', 'approved', 1, 480,"
        " 'Afgekeurd: %s was ziek', UTC_TIMESTAMP(), UTC_TIMESTAMP())" % (wid, tp.unit(tp.A1), tp.INPAK, FIRST))
    ts = tp.one("SELECT id FROM timesheets WHERE worker_user_id = %s" % wid)
    sql("INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at, minutes, position, remark,"
        " created_at, updated_at) VALUES (%s, '2025-03-03', '2025-03-03 07:00', '2025-03-03 15:00', 480, '%s',"
        " 'Met %s %s gewerkt', UTC_TIMESTAMP(), UTC_TIMESTAMP())" % (ts, tp.INPAK, FIRST, LAST))
    sql("INSERT INTO timesheet_versions (timesheet_id, version, entries, minutes, made_at) VALUES (%s, 1,"
        " '[{\"day\":\"2025-03-03\",\"minutes\":480,\"remark\":\"Met %s %s gewerkt\"}]', 480, UTC_TIMESTAMP())"
        % (ts, FIRST, LAST))
    STATE["timesheet"] = ts
    # A proposal for a vacancy, with a CV and a remark about him.
    vid = tc.vacancy_id("Inpakker dagdienst")
    r = tc.propose(vid, worker=EMAIL, proposal="%s %s: ervaren, %s" % (FIRST, LAST, MOBILE))
    cid = tc.cand_of(r)
    r, _ = tc.comment(tc.hm(), vid, cid, "Graag %s %s op maandag" % (FIRST, LAST))
    assert r.status == 303
    STATE["cid"] = cid
    # Someone whose name and address hold his as a part: nothing of his
    # may be touched.
    r = a.post("/admin/users", {"csrf": a.get("/admin/users/new?kind=worker").csrf(), "kind": "worker",
                                "first_name": FIRST, "last_name": LAST + "s", "email": "x" + EMAIL})
    assert r.status == 303, r.status
    assert wait_until(lambda: invite_link("x" + EMAIL), 20)
    STATE["other_mail"] = sql("SELECT id, state, payload FROM outbox WHERE kind = 'mail'"
                              " AND JSON_VALUE(payload, '$.to') = 'x%s'" % EMAIL)
    assert STATE["other_mail"] and LAST + "s" in STATE["other_mail"][0][2]
    STATE["files"] = [x[0] for x in sql("SELECT file_id FROM documents WHERE person_id = %s" % wid)]
    assert len(STATE["files"]) >= 2, STATE["files"]
    STATE["files"].append(STATE["photo"])
    assert traces(dump(), [EMAIL, "%s %s" % (FIRST, LAST), BSN]), "nothing to erase?"


def test_the_dry_run_lists_what_goes_and_what_stays_and_changes_nothing():
    wid = STATE["wid"]
    o = officer()
    page = o.get("/privacy/persons/%s" % wid)
    assert page.status == 200 and "/privacy/persons/%s/erase" % wid in page.text
    r = o.get("/privacy/persons/%s/erase" % wid)
    assert r.status == 200, r.status
    rows = dict((re.sub(r"<[^>]+>", "", a).strip(), (b, c)) for a, b, c in re.findall(
        r'<tr><th scope="row">(.*?)</th><td class="num">(\d+)</td>\s*<td>(.*?)</td></tr>', r.text, re.S))
    assert rows["Contracten"][0] == "1" and "pseudoniem" in rows["Contracten"][1], rows
    assert rows["Documenten (met hun bestanden)"][0] == str(len(STATE["files"]) - 1)
    assert rows["Foto"][0] == "1"
    assert rows["Burgerservicenummer of rijksregisternummer"][0] == "1"
    assert rows["Komende diensten zonder contract (weer open)"][0] == "1"
    assert rows["Komende diensten met contract"][0] == "1" and "backoffice" in rows["Komende diensten met contract"][1]
    assert int(rows["Sessies"][0]) >= 1 and int(rows["Berichten in de wachtrij (mail, backoffice)"][0]) >= 2
    assert "backoffice krijgt bericht" in r.text
    # Nothing changed: he still logs in, his row is his.
    assert STATE["worker"].get("/planning/me").status == 200
    assert tp.one("SELECT erased_at IS NULL FROM users WHERE id = %s" % wid) == "1"


def test_without_the_confirmation_nothing_is_erased():
    wid = STATE["wid"]
    o = officer()
    tok = o.get("/privacy/persons/%s/erase" % wid).csrf()
    r = o.post("/privacy/persons/%s/erase" % wid, {"csrf": tok})
    assert r.status == 422 and 'aria-invalid="true"' in r.text
    assert tp.one("SELECT erased_at IS NULL FROM users WHERE id = %s" % wid) == "1"
    # Nor without the token, nor by anyone but the privacy officer.
    assert o.post("/privacy/persons/%s/erase" % wid, {"confirm": "1"}).status in (400, 403)
    a = tp.as_user(ADMIN)
    assert a.post("/privacy/persons/%s/erase" % wid, {"csrf": a.get("/admin/").csrf(), "confirm": "1"}).status == 404
    assert tp.one("SELECT erased_at IS NULL FROM users WHERE id = %s" % wid) == "1"


def test_erased_no_trace_in_the_database_nor_the_store_and_the_records_the_law_keeps_stay():
    wid = STATE["wid"]
    o = officer()
    kept_before = sql("SELECT (SELECT COUNT(*) FROM shifts WHERE worker_user_id = %s AND id = %s),"
                      " (SELECT COUNT(*) FROM contracts WHERE shift_id = %s),"
                      " (SELECT COUNT(*) FROM timesheets WHERE worker_user_id = %s)"
                      % (wid, STATE["contracted"], STATE["contracted"], wid))
    tok = o.get("/privacy/persons/%s/erase" % wid).csrf()
    r = o.post("/privacy/persons/%s/erase" % wid, {"csrf": tok, "confirm": "1"})
    assert r.status == 303 and r.header("Location").endswith("/privacy/persons/%s?done=erased" % wid), r.status
    page = o.get(r.header("Location")).text
    assert "Verwijderd op" in page and FIRST not in page and EMAIL not in page
    # No trace: the whole database, as a dump.
    words = [EMAIL, "%s %s" % (FIRST, LAST), MOBILE, MOBILE.replace(" ", ""), BSN, STREET]
    text = dump().replace("x" + EMAIL, "").replace("%s %ss" % (FIRST, LAST), "")
    found = traces(text, words)
    assert not found, "left in the database: %s" % found
    # Nor in the store: his documents' files are gone (the others are
    # sealed, and none of them is his).
    store = abspath(conf("Paths.Files"))
    for fid in STATE["files"]:
        assert not any(fid in f for _, _, fs in os.walk(store) for f in fs), "file %s is still there" % fid
    # The one whose name and address hold his is untouched.
    assert sql("SELECT id, state, payload FROM outbox WHERE id = %s" % STATE["other_mail"][0][0]) == \
        STATE["other_mail"]
    assert tp.one("SELECT CONCAT(first_name, ' ', last_name) FROM users WHERE email = 'x%s'" % EMAIL) == \
        "%s %ss" % (FIRST, LAST)
    # What the law makes the agency keep stays, under the pseudonym.
    assert sql("SELECT (SELECT COUNT(*) FROM shifts WHERE worker_user_id = %s AND id = %s),"
               " (SELECT COUNT(*) FROM contracts WHERE shift_id = %s),"
               " (SELECT COUNT(*) FROM timesheets WHERE worker_user_id = %s)"
               % (wid, STATE["contracted"], STATE["contracted"], wid)) == kept_before
    name = tp.one("SELECT CONCAT(first_name, ' ', last_name) FROM users WHERE id = %s" % wid).strip()
    assert re.fullmatch(r"P-[0-9A-F]{8}", name), name
    # The shift to come is open again, for someone else.
    assert sql("SELECT worker_user_id, state FROM shifts WHERE id = %s" % STATE["later"]) == [["NULL", "planned"]]
    # His sessions ended, his password no longer logs in.
    assert STATE["worker"].get("/planning/me").status == 303
    c, r = login(EMAIL, password=STATE["pw"])
    assert r.status != 303 or r.header("Location") == "/login", r.status


def test_the_back_office_is_told_once_and_the_certificate_names_no_one():
    wid = STATE["wid"]
    ref = "W%s" % wid
    got = wait_until(lambda: [e for e in tk.sim("GET", "/sim/erasures")["erasures"] if e["ref"] == ref], 20)
    assert got and got[0]["times"] == 1 and got[0]["key"] == "erasure:%s" % ref, got
    rows = sql("SELECT actor_id, detail FROM audit_log WHERE action = 'privacy.erasure' AND object_type = 'user'"
               " AND object_id = %s" % wid)
    assert len(rows) == 1, rows
    actor, detail = rows[0]
    assert actor == tp.user(PRIVACY) and detail.startswith("request;") and "documents=" in detail
    assert not traces(detail, [EMAIL, FIRST, LAST, BSN])
    assert portalctl("audit-verify").returncode == 0


def test_erasing_again_does_nothing():
    wid = STATE["wid"]
    o = officer()
    r = o.get("/privacy/persons/%s/erase" % wid)
    assert r.status == 200 and "al verwijderd" in r.text
    tok = r.csrf()
    assert o.post("/privacy/persons/%s/erase" % wid, {"csrf": tok, "confirm": "1"}).status == 303
    assert tp.one("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.erasure' AND object_id = %s" % wid) == "1"
    assert len([e for e in tk.sim("GET", "/sim/erasures")["erasures"] if e["ref"] == "W%s" % wid]) == 1


def test_the_agency_sees_the_pseudonym_and_can_change_nothing():
    wid = STATE["wid"]
    a = tp.as_user(ADMIN)
    page = a.get("/admin/users/%s" % wid)
    assert page.status == 200 and "verwijderd (AVG)" in page.text and LAST not in page.text
    for action in ("enable", "invite", "sessions/end"):
        assert a.post("/admin/users/%s/%s" % (wid, action), {"csrf": page.csrf()}).status == 404, action
    assert a.get("/admin/users/%s/edit" % wid).status == 404
    assert tp.one("SELECT status FROM users WHERE id = %s" % wid) == "revoked"


def test_the_planner_sees_the_pseudonym_at_once():
    mon = tp.monday(9)
    page = tp.planner().get("/planning/?unit=%s&week=%s" % (tp.unit(tp.A1), mon.isoformat())).text
    assert LAST not in page and FIRST not in page


def test_a_candidate_known_by_name_only_is_erased_too():
    vid = tc.vacancy_id("Inpakker dagdienst")
    name, email, phone = "Cas Kandidaat%s" % RUN, tc.em("cas.kandidaat"), "+32 470 55 %s" % DIGITS[:4]
    r = tc.propose(vid, name=name, email=email, phone=phone, proposal="%s zoekt werk" % name)
    cid = tc.cand_of(r)
    tc.comment(tc.hm(), vid, cid, "Bel %s" % name)
    files = [x[0] for x in sql("SELECT d.file_id FROM documents d JOIN candidates c ON c.cv_document_id = d.id"
                               " WHERE c.id = %s" % cid)]
    assert files and traces(dump(), [email, name])
    o = officer()
    r = o.get("/privacy/candidates/%s/erase" % cid)
    assert r.status == 200 and "Voorstellen op vacatures" in r.text
    r = o.post("/privacy/candidates/%s/erase" % cid, {"csrf": r.csrf(), "confirm": "1"})
    assert r.status == 303, r.status
    found = traces(dump(), [email, name, phone])
    assert not found, found
    assert sql("SELECT state, erased_at IS NOT NULL FROM candidates WHERE id = %s" % cid)[0][1] == "1"
    store = abspath(conf("Paths.Files"))
    assert not any(files[0] in f for _, _, fs in os.walk(store) for f in fs)
    # The client's board shows the step, not the person.
    page = tc.hm().get("/vacancies/%s" % vid).text
    assert name not in page


def test_nobody_erases_himself_and_a_person_out_of_scope_is_404():
    o = officer()
    me = tp.user(PRIVACY)
    assert o.get("/privacy/persons/%s/erase" % me).status == 404
    assert o.get("/privacy/persons/999999999/erase").status == 404
    assert o.get("/privacy/candidates/999999999/erase").status == 404
    planner = tp.planner()
    assert planner.get("/privacy/persons/%s/erase" % tp.user("worker@flex.example")).status == 404


if __name__ == "__main__":
    run(globals())
