#!/usr/bin/python3
"""The vacancies module: who sees which vacancies, creating and editing one
with the form's checks, the states a vacancy goes through, and the mail to
the consultants when one opens."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

_clients = {}


def as_user(email):
    if email not in _clients:
        c, r = login(email)
        assert r.status == 303, (email, r.status)
        _clients[email] = c
    return _clients[email]


def hm():
    return as_user("hiring.manager@klant.example")


def hr():
    return as_user("hr.manager@klant.example")


def unit_id(name):
    return sql("SELECT id FROM org_units WHERE name = '%s'" % name)[0][0]


def vacancy_id(title):
    rows = sql("SELECT id FROM vacancies WHERE title = '%s' ORDER BY id DESC LIMIT 1"
               % title.replace("'", "''"))
    return rows[0][0] if rows else None


def good(**over):
    f = {"unit": unit_id("Team A1 — Inpak"), "title": "Heftruckchauffeur", "position": "Chauffeur",
         "description": "Laden en lossen.\nMet certificaat.", "work_location": "Rotterdam",
         "hours": "32,5", "shift": "day", "start": "2026-09-01", "end": "2026-12-31",
         "positions": "2", "skills": "heftruck", "languages": "Nederlands"}
    f.update(over)
    return f


def create(c, **over):
    tok = c.get("/vacancies/new").csrf()
    return c.post("/vacancies/", dict(good(**over), csrf=tok))


def change(c, vid, to, **extra):
    tok = c.get("/vacancies/%s" % vid).csrf()
    return c.post("/vacancies/%s/state" % vid, dict(extra, csrf=tok, to=to))


def test_the_list_shows_each_role_the_vacancies_of_its_units_only():
    text = hm().get("/vacancies/").text
    assert "Inpakker dagdienst" in text and "Inpakker nachtdienst" in text
    assert "Orderpicker expeditie" not in text and "Magazijnmedewerker Gent" not in text
    text = hr().get("/vacancies/").text
    for t in ("Inpakker dagdienst", "Orderpicker expeditie", "Medewerker ontvangst"):
        assert t in text, t
    assert "Magazijnmedewerker Gent" not in text
    text = as_user("consultant@uitzendbureau.example").get("/vacancies/").text
    assert "Orderpicker expeditie" in text and "Magazijnmedewerker Gent" not in text
    assert as_user("planner@andereklant.example").get("/vacancies/").status == 404
    text = as_user("admin@uitzendbureau.example").get("/vacancies/").text
    assert "Magazijnmedewerker Gent" in text and "Inpakker dagdienst" in text
    # Roles on two teams: the vacancies of both, and of no team between.
    sql("INSERT INTO grants (user_id, role, unit_id, created_at) SELECT u.id, 'hiring_manager', o.id,"
        " UTC_TIMESTAMP() FROM users u, org_units o WHERE u.email = 'hiring.manager@klant.example'"
        " AND o.name = 'Team B1 — Ontvangst'")
    try:
        text = hm().get("/vacancies/").text
        assert "Inpakker dagdienst" in text and "Medewerker ontvangst" in text
        assert "Orderpicker expeditie" not in text and "Magazijnmedewerker Gent" not in text
        assert hm().get("/vacancies/%s" % vacancy_id("Orderpicker expeditie")).status == 404
    finally:
        sql("DELETE g FROM grants g JOIN org_units o ON o.id = g.unit_id JOIN users u ON u.id = g.user_id"
            " WHERE u.email = 'hiring.manager@klant.example' AND o.name = 'Team B1 — Ontvangst'")
    assert "Medewerker ontvangst" not in hm().get("/vacancies/").text


def test_the_list_filters_sorts_and_counts_candidates_per_state():
    c = hr()
    text = c.get("/vacancies/?state=on_hold").text
    assert "Medewerker ontvangst" in text and "Inpakker dagdienst" not in text
    text = c.get("/vacancies/?q=picker").text
    assert "Orderpicker expeditie" in text and "Inpakker" not in text
    text = c.get("/vacancies/?unit=%s" % unit_id("Afdeling B — Logistiek")).text
    assert "Medewerker ontvangst" in text and "Orderpicker" not in text
    text = c.get("/vacancies/?sort=title").text
    assert text.index("Inpakker dagdienst") < text.index("Medewerker ontvangst") < text.index("Orderpicker")
    vid = vacancy_id("Inpakker dagdienst")
    # Other tests propose candidates too: count on from what is there.
    had = dict((row[0], int(row[1])) for row in sql(
        "SELECT state, COUNT(*) FROM candidates WHERE vacancy_id = %s GROUP BY state" % vid))
    sql("INSERT INTO candidates (vacancy_id, name, proposal, state, created_at, state_changed_at)"
        " VALUES (%s, 'Test A', 'x', 'proposed', UTC_TIMESTAMP(), UTC_TIMESTAMP()),"
        " (%s, 'Test B', 'x', 'proposed', UTC_TIMESTAMP(), UTC_TIMESTAMP()),"
        " (%s, 'Test C', 'x', 'interview', UTC_TIMESTAMP(), UTC_TIMESTAMP())" % (vid, vid, vid))
    text = c.get("/vacancies/?q=Inpakker+dagdienst").text
    assert "Voorgesteld: %d" % (had.get("proposed", 0) + 2) in text, text[-2000:]
    assert "Gesprek: %d" % (had.get("interview", 0) + 1) in text, text[-2000:]
    assert c.get("/vacancies/?sort=bogus").status == 200
    assert c.get("/vacancies/?page=0").status == 400


def test_a_vacancy_is_created_as_a_draft_and_edited():
    c = hm()
    r = create(c)
    assert r.status == 303, (r.status, r.text[-800:])
    vid = vacancy_id("Heftruckchauffeur")
    assert r.header("Location") == "/vacancies/%s?done=saved" % vid
    assert sql("SELECT state, hours_per_week, positions FROM vacancies WHERE id = %s" % vid) == [
        ["draft", "32.5", "2"]]
    page = c.get("/vacancies/%s" % vid)
    assert page.status == 200 and "Heftruckchauffeur" in page.text and "Concept" in page.text
    assert re.search(r'Aangemaakt door</dt><dd>Gijs Mulder, <time datetime="\d{4}-\d\d-\d\d">\d+ [a-z]+ \d{4} \d\d:\d\d</time>',
                     page.text)
    form = c.get("/vacancies/%s/edit" % vid)
    assert form.status == 200 and 'value="Heftruckchauffeur"' in form.text
    r = c.post("/vacancies/%s/edit" % vid, dict(good(title="Heftruckchauffeur (m/v)"), csrf=form.csrf()))
    assert r.status == 303
    assert sql("SELECT title FROM vacancies WHERE id = %s" % vid) == [["Heftruckchauffeur (m/v)"]]
    assert sql("SELECT COUNT(*) FROM audit_log WHERE action IN ('vacancy.create', 'vacancy.edit')"
               " AND object_id = %s" % vid) == [["2"]]


def test_the_vacancy_page_says_who_created_it():
    # The demo's vacancies too: each was posted by a person of the client.
    for title, creator in (("Inpakker dagdienst", "Gijs Mulder"), ("Orderpicker expeditie", "Daan Bakker")):
        page = hr().get("/vacancies/%s" % vacancy_id(title)).text
        assert re.search(r'Aangemaakt door</dt><dd>%s, <time datetime="\d{4}-\d\d-\d\d">\d+ [a-z]+ \d{4}' % creator,
                     page), title
    page = as_user("admin@uitzendbureau.example").get("/vacancies/%s" % vacancy_id("Magazijnmedewerker Gent")).text
    assert re.search(r"Aangemaakt door</dt><dd>Ilse Dubois, ", page)


def test_bad_input_keeps_the_form_with_a_message_next_to_the_field():
    c = hm()
    before = sql("SELECT COUNT(*) FROM vacancies")
    cases = [
        (dict(end="2026-08-01"), "end", "vóór de begindatum"),
        (dict(positions="0"), "positions", "minstens 1 plaats"),
        (dict(positions="-3"), "positions", "minstens 1 plaats"),
        (dict(title="x" * 201), "title", "te lang"),
        (dict(description="y" * 5001), "description", "te lang"),
        (dict(hours="0"), "hours", "van 1 tot en met 60"),
        (dict(hours="61"), "hours", "van 1 tot en met 60"),
        (dict(hours="veel"), "hours", "van 1 tot en met 60"),
        (dict(start="2026-02-30"), "start", "geldige datum"),
        (dict(unit=unit_id("Team A2 — Expeditie")), "unit", "Kies een van"),
        (dict(shift="always"), "shift", "Kies een van"),
    ]
    for over, field, msg in cases:
        r = create(c, title=over.get("title", "Foute invoer"), **{k: v for k, v in over.items() if k != "title"})
        assert r.status == 422, (over, r.status)
        m = re.search(r'id="e-%s">([^<]*)<' % field, r.text)
        assert m and msg in m.group(1), (over, m and m.group(1))
        assert 'value="Rotterdam"' in r.text, "the input is not kept"
    assert sql("SELECT COUNT(*) FROM vacancies") == before


def test_the_state_machine_allows_its_transitions_and_refuses_the_others():
    c = hm()
    r = create(c, title="Statustest")
    vid = vacancy_id("Statustest")
    r = change(c, vid, "on_hold")
    assert r.status == 422 and "niet mogelijk" in r.text
    r = change(c, vid, "filled")
    assert r.status == 422
    for to in ("open", "on_hold", "open", "filled"):
        r = change(c, vid, to)
        assert r.status == 303, (to, r.status, r.text[-500:])
    r = change(c, vid, "open")
    assert r.status == 422
    r = change(c, vid, "closed")
    assert r.status == 422 and "Kies een reden" in r.text
    r = change(c, vid, "closed", reason="boredom")
    assert r.status == 422 and "bestaat niet" in r.text
    r = change(c, vid, "closed", reason="budget", note="Begroting")
    assert r.status == 303
    assert sql("SELECT state, close_reason FROM vacancies WHERE id = %s" % vid) == [["closed", "budget"]]
    assert [x[0] for x in sql("SELECT state FROM vacancy_events WHERE vacancy_id = %s ORDER BY id" % vid)] == [
        "draft", "open", "on_hold", "open", "filled", "closed"]
    r = change(c, vid, "open")
    assert r.status == 422
    assert c.get("/vacancies/%s/edit" % vid).status == 422
    page = c.get("/vacancies/%s" % vid).text
    assert "Tijd per status" in page and "Geen budget" in page


def test_a_draft_may_be_closed_but_not_put_on_hold():
    c = hr()
    create(c, title="Concept sluiten", unit=unit_id("Team B2 — Magazijn"))
    vid = vacancy_id("Concept sluiten")
    assert change(c, vid, "on_hold").status == 422
    assert change(c, vid, "closed", reason="cancelled").status == 303


def test_opening_queues_one_mail_per_consultant_even_when_sent_twice():
    c = hm()
    create(c, title="Mailtest")
    vid = vacancy_id("Mailtest")
    key = "mail:vacancy-open:%s:%%" % vid
    tok = c.get("/vacancies/%s" % vid).csrf()
    r1 = c.post("/vacancies/%s/state" % vid, {"csrf": tok, "to": "open"})
    r2 = c.post("/vacancies/%s/state" % vid, {"csrf": tok, "to": "open"})
    assert r1.status == 303 and r2.status == 303, (r1.status, r2.status)
    rows = sql("SELECT o.idempotency_key FROM outbox o WHERE o.idempotency_key LIKE '%s'" % key)
    consultant = sql("SELECT id FROM users WHERE email = 'consultant@uitzendbureau.example'")[0][0]
    assert [r[0] for r in rows] == ["mail:vacancy-open:%s:1:%s" % (vid, consultant)], rows
    got = wait_until(lambda: [m for m in mails() if "Mailtest" in m.get_body().get_content()])
    assert got and got[0]["To"].addresses[0].addr_spec == "consultant@uitzendbureau.example"
    assert "/vacancies/%s" % vid in got[0].get_body().get_content()
    # Opened again after a pause: a new opening, a new mail.
    assert change(c, vid, "on_hold").status == 303
    assert change(c, vid, "open").status == 303
    assert len(sql("SELECT id FROM outbox WHERE idempotency_key LIKE '%s'" % key)) == 2


def test_a_vacancy_outside_the_users_units_answers_404():
    vid = vacancy_id("Orderpicker expeditie")
    assert hm().get("/vacancies/%s" % vid).status == 404
    assert hm().get("/vacancies/%s/edit" % vid).status == 404
    tok = hm().get("/vacancies/").csrf() or hm().get("/vacancies/new").csrf()
    assert hm().post("/vacancies/%s/state" % vid, {"csrf": tok, "to": "on_hold"}).status == 404
    assert hr().get("/vacancies/%s" % vid).status == 200
    gent = vacancy_id("Magazijnmedewerker Gent")
    assert as_user("consultant@uitzendbureau.example").get("/vacancies/%s" % gent).status == 404
    assert as_user("consultant@uitzendbureau.example").get("/vacancies/%s/edit" % vid).status == 404
    assert hm().get("/vacancies/999999").status == 404


def test_posts_need_the_csrf_token():
    vid = vacancy_id("Inpakker nachtdienst")
    assert hm().post("/vacancies/%s/state" % vid, {"to": "open"}).status in (400, 403)
    assert hm().post("/vacancies/", good()).status in (400, 403)


def test_the_list_shows_every_change_at_once():
    """Each process keeps a list page while no vacancy, candidate or name
    changes: any change, by any road, shows on the next request."""
    c = hr()
    vid = vacancy_id("Inpakker nachtdienst")
    for _ in range(4):
        assert "Inpakker nachtdienst" in c.get("/vacancies/").text
    sql("UPDATE vacancies SET title = 'Inpakker nachtdienst<b>' WHERE id = %s" % vid)
    try:
        for _ in range(4):
            text = c.get("/vacancies/").text
            assert "Inpakker nachtdienst&lt;b&gt;" in text and "nachtdienst<b>" not in text
    finally:
        sql("UPDATE vacancies SET title = 'Inpakker nachtdienst' WHERE id = %s" % vid)
    url = "/vacancies/?q=Inpakker+nachtdienst"
    for _ in range(4):
        text = c.get(url).text
    had = int((re.findall(r"Voorgesteld: (\d+)", text) or ["0"])[0])
    sql("INSERT INTO candidates (vacancy_id, name, proposal, state, created_at, state_changed_at)"
        " VALUES (%s, 'Test D', 'x', 'proposed', UTC_TIMESTAMP(), UTC_TIMESTAMP())" % vid)
    for _ in range(4):
        assert "Voorgesteld: %d" % (had + 1) in c.get(url).text
    sql("UPDATE org_units SET name = 'Team A1 — Inpakken' WHERE name = 'Team A1 — Inpak'")
    try:
        for _ in range(4):
            assert "Team A1 — Inpakken" in c.get("/vacancies/").text
    finally:
        sql("UPDATE org_units SET name = 'Team A1 — Inpak' WHERE name = 'Team A1 — Inpakken'")
    # Kept for one scope, never shown to another.
    for _ in range(4):
        assert "Orderpicker expeditie" in c.get("/vacancies/").text
        assert "Orderpicker expeditie" not in hm().get("/vacancies/").text


def test_a_board_shows_every_change_at_once():
    """A vacancy's body is kept too: a new candidate, a step, shows on the
    next request; an anonymised name only to the agency."""
    vid = vacancy_id("Inpakker dagdienst")
    url = "/vacancies/%s" % vid
    cons = as_user("consultant@uitzendbureau.example")

    def count(text, state):
        return int(re.search(r'id="col-%s">[^<]*<span class="count">(\d+)' % state, text).group(1))

    for _ in range(4):
        text = hm().get(url).text
        cons.get(url)
    had = count(text, "interview")
    sql("INSERT INTO candidates (vacancy_id, name, proposal, anonymised, state, created_at, state_changed_at)"
        " VALUES (%s, 'Bord Test', 'x', 1, 'proposed', UTC_TIMESTAMP(), UTC_TIMESTAMP())" % vid)
    for _ in range(4):
        assert "Bord Test" not in hm().get(url).text
        assert "Bord Test" in cons.get(url).text
    sql("UPDATE candidates SET state = 'interview' WHERE name = 'Bord Test'")
    for _ in range(4):
        assert count(hm().get(url).text, "interview") == had + 1


if __name__ == "__main__":
    run(globals())
