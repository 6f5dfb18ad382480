#!/usr/bin/python3
"""Candidates of a vacancy: proposing one with a CV, the mail to the hiring
managers, anonymity until an interview is asked, the steps a candidate goes
through and the ones refused, the pool after accepting, and who sees what."""
import datetime
import io
import os
import re
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

_clients = {}
# Addresses of this run: the tests may run again on the same database.
RUN = uuid.uuid4().hex[:6]


def em(name, domain="example.org"):
    return "%s-%s@%s" % (name, RUN, domain)


def as_user(email):
    if email not in _clients:
        c, r = login(email)
        assert r.status == 303, (email, r.status)
        _clients[email] = c
    return _clients[email]


def consultant():
    return as_user("consultant@uitzendbureau.example")


def hm():
    return as_user("hiring.manager@klant.example")


def hr():
    return as_user("hr.manager@klant.example")


def pdf(text="Curriculum vitae"):
    body = "BT /F1 12 Tf 72 770 Td (%s) Tj ET" % text
    return ("%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            "3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
            "4 0 obj << /Length %d >> stream\n%s\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n"
            % (len(body), body)).encode()


def vacancy_id(title):
    return sql("SELECT id FROM vacancies WHERE title = '%s' ORDER BY id DESC LIMIT 1" % title)[0][0]


def worker(email, first="Wim", last="Werker"):
    rows = sql("SELECT id FROM users WHERE email = '%s'" % email)
    if not rows:
        sql("INSERT INTO users (kind, email, first_name, last_name, status, created_at)"
            " VALUES ('worker', '%s', '%s', '%s', 'active', UTC_TIMESTAMP())" % (email, first, last))
        rows = sql("SELECT id FROM users WHERE email = '%s'" % email)
    return rows[0][0]


def propose(vid, filename="cv.pdf", content=None, c=None, **fields):
    c = c or consultant()
    tok = c.get("/vacancies/%s/candidates/new" % vid).csrf()
    f = {"csrf": tok, "proposal": "Ervaren inpakker, direct beschikbaar."}
    f.update(fields)
    body, ct = multipart(f, filename, pdf() if content is None else content)
    return c.request("POST", "/vacancies/%s/candidates" % vid, body=body, headers={"Content-Type": ct})


def cand_of(r):
    m = re.search(r"/candidates/(\d+)\?done=proposed$", r.header("Location") or "")
    assert m, (r.status, r.header("Location"), r.text[-1500:])
    return m.group(1)


def step(c, vid, cid, action, **fields):
    tok = c.get("/vacancies/%s/candidates/%s" % (vid, cid)).csrf()
    return c.post("/vacancies/%s/candidates/%s/%s" % (vid, cid, action), dict(fields, csrf=tok))


def future(days, hour=10):
    t = datetime.datetime.now() + datetime.timedelta(days=days)
    return t.strftime("%Y-%m-%dT") + "%02d:30" % hour


def state(cid):
    return sql("SELECT state FROM candidates WHERE id = %s" % cid)[0][0]


def test_a_worker_is_proposed_with_a_pdf_and_the_deciders_get_one_mail():
    vid = vacancy_id("Inpakker dagdienst")
    wid = worker(em("wim.werker", "flex.example"))
    r = propose(vid, worker=em("wim.werker", "flex.example"))
    assert r.status == 303, (r.status, r.text[-1500:])
    cid = cand_of(r)
    assert sql("SELECT worker_id, state, anonymised FROM candidates WHERE id = %s" % cid) == [
        [wid, "proposed", "0"]]
    assert sql("SELECT d.doc_type, d.kind, d.person_id FROM documents d JOIN candidates c"
               " ON c.cv_document_id = d.id WHERE c.id = %s" % cid) == [["cv", "pdf", wid]]
    keys = sorted(x[0] for x in sql("SELECT idempotency_key FROM outbox WHERE idempotency_key"
                                    " LIKE 'mail:candidate-proposed:%s:%%'" % cid))
    ids = sorted(sql("SELECT id FROM users WHERE email IN ('hiring.manager@klant.example',"
                     " 'hr.manager@klant.example')"))
    assert keys == sorted("mail:candidate-proposed:%s:%s" % (cid, i[0]) for i in ids), keys
    got = wait_until(lambda: [m for m in mails() if "/candidates/%s" % cid in m.get_body().get_content()])
    assert got and {m["To"].addresses[0].addr_spec for m in got} <= {
        "hiring.manager@klant.example", "hr.manager@klant.example"}
    # The same person again while still in the running: refused, no new mail.
    r = propose(vid, worker=em("wim.werker", "flex.example"))
    assert r.status == 422 and "al voorgesteld" in r.text
    assert len(sql("SELECT id FROM outbox WHERE idempotency_key LIKE 'mail:candidate-proposed:%s:%%'"
                   % cid)) == 2
    page = hm().get("/vacancies/%s" % vid).text
    assert "Wim Werker" in page and "/candidates/%s" % cid in page


def test_bad_proposals_keep_the_form_with_a_message_next_to_the_field():
    vid = vacancy_id("Inpakker dagdienst")
    before = sql("SELECT COUNT(*) FROM candidates")
    cases = [
        (dict(filename=None, name="Nina Nieuw", email=em("nina")), "file", "Vul dit veld in"),
        (dict(filename="cv.txt", content=b"Gewoon tekst.\n", name="Nina Nieuw", email=em("nina")),
         "file", "past niet"),
        (dict(name="Nina Nieuw", email=em("nina"), proposal="x" * 4001), "proposal", "te lang"),
        (dict(name="Nina Nieuw"), "email", "nieuwe kandidaat"),
        (dict(worker=em("niemand", "flex.example")), "worker", "geen uitzendkracht"),
        (dict(name="Nina Nieuw", email=em("nina"), phone="bel me"), "phone", "telefoonnummer"),
    ]
    for over, field, msg in cases:
        r = propose(vid, **over)
        assert r.status == 422, (over.keys(), r.status)
        m = re.search(r'id="e-%s">([^<]*)<' % field, r.text)
        assert m and msg in m.group(1), (field, m and m.group(1))
        if "name" in over:
            assert 'value="Nina Nieuw"' in r.text, "the input is not kept"
    assert sql("SELECT COUNT(*) FROM candidates") == before
    # A closed vacancy takes no proposals.
    closed = vacancy_id("Inpakker nachtdienst")  # a draft
    assert propose(closed, name="Nina Nieuw", email=em("nina")).status == 422


def test_an_anonymised_candidate_is_revealed_when_an_interview_is_asked():
    vid = vacancy_id("Inpakker dagdienst")
    r = propose(vid, name="Anna Anoniem", email=em("anna"), phone="+31 6 12345678", anonymised="1")
    cid = cand_of(r)
    url = "/vacancies/%s/candidates/%s" % (vid, cid)
    for c in (hm(), hr()):
        page = c.get(url).text
        assert "Kandidaat #%s" % cid in page and "Anna" not in page and em("anna") not in page
        assert "12345678" not in page
        for view in ("board", "list"):
            m = re.search(r'/candidates/%s">([^<]*)<' % cid, c.get("/vacancies/%s?view=%s" % (vid, view)).text)
            assert m and m.group(1) == "Kandidaat #%s" % cid, (view, m and m.group(1))
    assert "Anna Anoniem" in consultant().get(url).text
    r = step(hm(), vid, cid, "interview", slot1=future(3), slot2=future(4, 14), slot3="")
    assert r.status == 303, (r.status, r.text[-1500:])
    page = hm().get(url).text
    assert "Anna Anoniem" in page and em("anna") in page and "+31 6 12345678" in page
    assert "Gesprek gevraagd" in page and "BSN" not in page
    assert len(sql("SELECT id FROM candidate_slots WHERE candidate_id = %s" % cid)) == 2
    assert [x[0] for x in sql("SELECT idempotency_key FROM outbox WHERE idempotency_key LIKE"
                              " 'mail:interview-requested:%s'" % cid)] == ["mail:interview-requested:%s" % cid]
    got = wait_until(lambda: [m for m in mails() if m["Subject"] and "Gesprek gevraagd" in m["Subject"]
                              and url in m.get_body().get_content()])
    assert got and got[0]["To"].addresses[0].addr_spec == "consultant@uitzendbureau.example"
    # The consultant confirms one of the times.
    slot = sql("SELECT id FROM candidate_slots WHERE candidate_id = %s ORDER BY starts_at LIMIT 1" % cid)[0][0]
    assert step(consultant(), vid, cid, "confirm", slot=slot).status == 303
    assert step(consultant(), vid, cid, "confirm", slot=slot).status == 422
    assert sql("SELECT interview_at IS NOT NULL FROM candidates WHERE id = %s" % cid) == [["1"]]
    # Who asked hears the time, once.
    assert sql("SELECT JSON_VALUE(o.payload, '$.to') FROM outbox o WHERE o.idempotency_key ="
               " 'mail:interview-confirmed:%s'" % cid) == [["hiring.manager@klant.example"]]


def test_an_anonymised_candidates_cv_waits_for_the_reveal_and_never_names_him():
    vid = vacancy_id("Inpakker dagdienst")
    r = propose(vid, filename="Pieter Geheim CV 2026.pdf", name="Pieter Geheim", email=em("pieter"),
                anonymised="1")
    cid = cand_of(r)
    url = "/vacancies/%s/candidates/%s" % (vid, cid)
    for c in (hm(), hr()):
        assert c.get(url + "/cv").status == 404
        page = c.get(url).text
        assert url + "/cv" not in page and "zodra u een gesprek aanvraagt" in page
    # The agency sees it as it was uploaded.
    r = consultant().get(url + "/cv")
    assert r.status == 200 and "Pieter Geheim CV 2026.pdf" in r.header("Content-Disposition")
    assert step(hm(), vid, cid, "interview", slot1=future(5), slot2="", slot3="").status == 303
    r = hm().get(url + "/cv")
    assert r.status == 200 and r.body.startswith(b"%PDF")
    disp = r.header("Content-Disposition")
    assert disp == 'attachment; filename="CV %s %s.pdf"' % (vid, cid), disp
    assert "Pieter" not in disp and "Geheim" not in disp
    assert url + "/cv" in hm().get(url).text
    # A candidate proposed with his name is seen at once, under the same
    # neutral name.
    cid2 = cand_of(propose(vid, filename="jan-jansen.pdf", name="Jan Jansen", email=em("jan.jansen")))
    r = hr().get("/vacancies/%s/candidates/%s/cv" % (vid, cid2))
    assert r.status == 200 and r.header("Content-Disposition") == \
        'attachment; filename="CV %s %s.pdf"' % (vid, cid2)


def test_interview_slots_are_checked():
    vid = vacancy_id("Inpakker dagdienst")
    cid = cand_of(propose(vid, name="Sam Slot", email=em("sam")))
    for fields, field, msg in [({}, "slot1", "minstens één"),
                               ({"slot1": "2020-01-01T10:00"}, "slot1", "verleden"),
                               ({"slot2": "morgen"}, "slot2", "geldige datum"),
                               ({"slot1": "2031-02-30T10:00"}, "slot1", "geldige datum")]:
        r = step(hm(), vid, cid, "interview", **fields)
        assert r.status == 422, (fields, r.status)
        m = re.search(r'id="e-%s">([^<]*)<' % field, r.text)
        assert m and msg in m.group(1), (fields, m and m.group(1))
    assert state(cid) == "proposed"


def test_the_state_machine_and_its_refusals():
    vid = vacancy_id("Inpakker dagdienst")
    wid = worker(em("piet.pool", "flex.example"), "Piet", "Pool")
    cid = cand_of(propose(vid, worker=em("piet.pool", "flex.example")))
    r = step(hm(), vid, cid, "reject", reason="boredom")
    assert r.status == 422 and "bestaat niet" in r.text
    r = step(hm(), vid, cid, "reject", reason="", text="Nee")
    assert r.status == 422 and "Kies een reden" in r.text
    r = step(hm(), vid, cid, "reject", reason="skills", text="Geen heftruckervaring")
    assert r.status == 303
    assert sql("SELECT state, reason_code, reason_text FROM candidates WHERE id = %s" % cid) == [
        ["rejected", "skills", "Geen heftruckervaring"]]
    r = step(hm(), vid, cid, "accept")
    assert r.status == 422 and "al beslist" in r.text
    assert step(hm(), vid, cid, "reject", reason="skills").status == 422
    assert step(consultant(), vid, cid, "withdraw").status == 422
    assert state(cid) == "rejected"
    # Accepted straight from proposed: the worker joins the pool, once.
    cid = cand_of(propose(vid, worker=em("piet.pool", "flex.example")))
    assert step(hm(), vid, cid, "accept").status == 303
    assert step(hm(), vid, cid, "accept").status == 422
    assert sql("SELECT unit_id, position, source, candidate_id FROM pool WHERE worker_user_id = %s" % wid) == [
        [sql("SELECT unit_id FROM vacancies WHERE id = %s" % vid)[0][0], "Productiemedewerker inpak",
         "vacancy", cid]]
    # Withdrawn by the consultant from interview.
    cid = cand_of(propose(vid, name="Willem Weg", email=em("willem")))
    assert step(hr(), vid, cid, "interview", slot1=future(2)).status == 303
    assert step(hm(), vid, cid, "interview", slot1=future(2)).status == 422
    assert step(consultant(), vid, cid, "withdraw").status == 303
    assert step(hm(), vid, cid, "accept").status == 422
    steps = [x[0] for x in sql("SELECT step FROM candidate_events WHERE candidate_id = %s ORDER BY id" % cid)]
    assert steps == ["proposed", "interview", "withdrawn"]
    page = hm().get("/vacancies/%s/candidates/%s" % (vid, cid)).text
    assert "Teruggetrokken" in page and "Voorgesteld" in page
    # No decision on a filled or closed vacancy.
    cid = cand_of(propose(vid, name="Vera Vervuld", email=em("vera")))
    sql("UPDATE vacancies SET state = 'filled' WHERE id = %s" % vid)
    try:
        r = step(hm(), vid, cid, "accept")
        assert r.status == 422 and "gesloten of vervuld" in r.text
        assert step(hm(), vid, cid, "interview", slot1=future(2)).status == 422
    finally:
        sql("UPDATE vacancies SET state = 'open' WHERE id = %s" % vid)
    assert state(cid) == "proposed"


def test_who_sees_which_candidate_and_the_cv_download_is_audited():
    a1 = vacancy_id("Inpakker dagdienst")
    a2 = vacancy_id("Orderpicker expeditie")
    c1 = cand_of(propose(a1, name="Karel Een", email=em("karel1")))
    c2 = cand_of(propose(a2, name="Karel Twee", email=em("karel2")))
    u1 = "/vacancies/%s/candidates/%s" % (a1, c1)
    u2 = "/vacancies/%s/candidates/%s" % (a2, c2)
    assert hm().get(u1).status == 200
    assert hm().get(u2).status == 404 and hm().get(u2 + "/cv").status == 404
    assert hr().get(u1).status == 200 and hr().get(u2).status == 200
    other = as_user("planner@andereklant.example")
    assert other.get(u1).status == 404 and other.get(u2).status == 404
    # A candidate under another vacancy's id is not found either.
    assert hr().get("/vacancies/%s/candidates/%s" % (a2, c1)).status == 404
    doc = sql("SELECT cv_document_id FROM candidates WHERE id = %s" % c1)[0][0]
    before = len(sql("SELECT id FROM audit_log WHERE action = 'document.download' AND object_id = %s" % doc))
    r = hm().get(u1 + "/cv")
    assert r.status == 200 and r.body.startswith(b"%PDF") and "attachment" in r.header("Content-Disposition")
    assert len(sql("SELECT id FROM audit_log WHERE action = 'document.download' AND object_id = %s"
                   % doc)) == before + 1
    # A candidate without a CV: 404.
    sql("UPDATE candidates SET cv_document_id = NULL WHERE id = %s" % c2)
    assert hr().get(u2 + "/cv").status == 404
    # Client users decide, the consultant does not; the hiring manager proposes nothing.
    tok = hm().get(u1).csrf()
    assert consultant().post(u1 + "/accept", {"csrf": consultant().get(u1).csrf()}).status == 404
    assert hm().get("/vacancies/%s/candidates/new" % a1).status == 404
    assert hm().post(u2 + "/accept", {"csrf": tok}).status == 404


def comment(c, vid, cid, body, key=None):
    page = c.get("/vacancies/%s/candidates/%s" % (vid, cid))
    if key is None:
        key = re.search(r'name="key" value="([^"]+)"', page.text).group(1)
    return c.post("/vacancies/%s/candidates/%s/comments" % (vid, cid),
                  {"csrf": page.csrf(), "body": body, "key": key}), key


def test_the_comment_thread_between_client_and_agency():
    vid = vacancy_id("Inpakker dagdienst")
    cid = cand_of(propose(vid, name="Chris Commentaar", email=em("chris"), anonymised="1"))
    url = "/vacancies/%s/candidates/%s" % (vid, cid)
    r, key = comment(hm(), vid, cid, "Heeft zij ervaring met koelcellen?\nGraag voor vrijdag.")
    assert r.status == 303 and r.header("Location").endswith("done=commented#comments")
    # The same form again (a double click, a retry): still one comment, one mail.
    r, _ = comment(hm(), vid, cid, "Heeft zij ervaring met koelcellen?\nGraag voor vrijdag.", key)
    assert r.status == 303
    rows = sql("SELECT id FROM candidate_comments WHERE candidate_id = %s" % cid)
    assert len(rows) == 1
    assert sql("SELECT JSON_VALUE(o.payload, '$.to') FROM outbox o WHERE o.idempotency_key"
               " LIKE 'mail:candidate-comment:%s:%%'" % rows[0][0]) == [["consultant@uitzendbureau.example"]]
    got = wait_until(lambda: [m for m in mails() if m["Subject"] and "opmerking" in m["Subject"]
                              and url in m.get_body().get_content()])
    assert got and "koelcellen" not in got[0].get_body().get_content(), "the mail carries no remark"
    # The agency answers: the deciders are mailed, not the consultant.
    r, _ = comment(consultant(), vid, cid, "Ja, twee jaar bij een groothandel.")
    assert r.status == 303
    cm = sql("SELECT MAX(id) FROM candidate_comments WHERE candidate_id = %s" % cid)[0][0]
    assert sorted(x[0] for x in sql("SELECT JSON_VALUE(o.payload, '$.to') FROM outbox o"
                                    " WHERE o.idempotency_key LIKE 'mail:candidate-comment:%s:%%'" % cm)) == [
        "hiring.manager@klant.example", "hr.manager@klant.example"]
    page = hr().get(url).text
    assert page.index("koelcellen") < page.index("groothandel"), "oldest first"
    assert "Heeft zij ervaring met koelcellen?\nGraag" in page and "from-agency" in page
    assert "Chris" not in page, "a comment thread reveals no anonymised name"
    # Bad input keeps the text and says why; nothing is stored.
    before = sql("SELECT COUNT(*) FROM candidate_comments")
    r, _ = comment(hm(), vid, cid, "   \n ")
    assert r.status == 422 and re.search(r'id="e-body">[^<]*Vul dit veld in', r.text)
    r, _ = comment(hm(), vid, cid, "x" * 2001)
    assert r.status == 422 and re.search(r'id="e-body">[^<]*te lang', r.text) and "x" * 2001 in r.text
    r = hm().post(url + "/comments", {"csrf": hm().get(url).csrf(), "body": "Zonder sleutel"})
    assert r.status == 422
    assert sql("SELECT COUNT(*) FROM candidate_comments") == before
    # Outside one's scope: 404, and nothing stored.
    a2 = vacancy_id("Orderpicker expeditie")
    c2 = cand_of(propose(a2, name="Cor Anders", email=em("cor")))
    tok = hm().get(url).csrf()
    r = hm().post("/vacancies/%s/candidates/%s/comments" % (a2, c2),
                  {"csrf": tok, "body": "Mag ik?", "key": "A" * 22})
    assert r.status == 404
    assert sql("SELECT COUNT(*) FROM candidate_comments WHERE candidate_id = %s" % c2) == [["0"]]


def test_the_board_and_the_list_of_a_vacancys_candidates():
    vid = vacancy_id("Inpakker dagdienst")
    cid = cand_of(propose(vid, name="Bert Bord", email=em("bert")))
    assert step(hm(), vid, cid, "interview", slot1=future(5)).status == 303
    sql("UPDATE candidates SET state_changed_at = UTC_TIMESTAMP() - INTERVAL 3 DAY WHERE id = %s" % cid)
    page = hm().get("/vacancies/%s" % vid).text
    assert 'class="board"' in page
    # Bert's card sits in the interview column, with his days in that state.
    col = page[page.index('id="col-interview"'):]
    col = col[:col.index("</section>")]
    card = col[col.index("Bert Bord"):]
    assert "3 d" in card[:card.index("</li>")] and "Wacht op een bevestigd tijdstip" in card[:card.index("</li>")]
    assert "Bert Bord" not in page[page.index('id="col-proposed"'):page.index('id="col-interview"')]
    lst = hm().get("/vacancies/%s?view=list" % vid).text
    assert 'class="board"' not in lst and "Bert Bord" in lst and 'aria-current="page">Lijst' in lst
    assert hm().get("/vacancies/%s?view=cards" % vid).status == 400


def test_the_consultants_overview_across_clients():
    vid = vacancy_id("Inpakker dagdienst")
    cid = cand_of(propose(vid, name="Olga Overzicht", email=em("olga")))
    assert step(hm(), vid, cid, "interview", slot1=future(6)).status == 303
    sql("INSERT INTO vacancies (unit_id, title, position, description, hours_per_week,"
                " start_date, state, created_at, updated_at, state_changed_at)"
                " SELECT unit_id, 'Leeg %s', 'Heftruckchauffeur', 'x', 38, CURDATE(), 'open',"
                " UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM vacancies WHERE id = %s" % (RUN, vid))
    page = consultant().get("/vacancies/overview")
    assert page.status == 200
    t = page.text
    waiting = t[t.index("Gesprekken die op een tijdstip wachten"):t.index("Open vacatures zonder kandidaten")]
    assert "Olga Overzicht" in waiting and "/candidates/%s" % cid in waiting
    unstaffed = t[t.index("Open vacatures zonder kandidaten"):t.index("Per klant")]
    assert "Leeg %s" % RUN in unstaffed and "Inpakker dagdienst" not in unstaffed
    client = sql("SELECT c.name FROM vacancies v JOIN org_units o ON o.id = v.unit_id"
                 " JOIN clients c ON c.id = o.client_id WHERE v.id = %s" % vid)[0][0]
    assert client in t[t.index("Per klant"):]
    # Once a time is confirmed, it waits no more.
    slot = sql("SELECT id FROM candidate_slots WHERE candidate_id = %s" % cid)[0][0]
    assert step(consultant(), vid, cid, "confirm", slot=slot).status == 303
    assert "Olga Overzicht" not in consultant().get("/vacancies/overview").text
    # Client users have no overview; the vacancy list links to it for consultants.
    assert hm().get("/vacancies/overview").status == 404
    assert "/vacancies/overview" in consultant().get("/vacancies/").text
    assert "/vacancies/overview" not in hm().get("/vacancies/").text
    sql("UPDATE vacancies SET state = 'closed', close_reason = 'other' WHERE title = 'Leeg %s'" % RUN)


if __name__ == "__main__":
    run(globals())
