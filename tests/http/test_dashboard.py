#!/usr/bin/python3
"""The dashboard's "waiting for you": per role and within the user's part
of the organisation, a count of each kind of work that waits, linking to
the list it counts — shifts planned and not published, refused by the
back-office or open in the coming week, candidates waiting for the
client's decision, interviews to confirm, weeks to approve, documents
expiring, dead letters and privacy requests. A count moves when work
appears in the user's part and stays when it appears elsewhere; the list
behind it shows what was counted; a user with nothing of the kind sees no
such section."""
import os
import re
import sys
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403

from test_timesheets import as_user, one, text_of  # noqa: E402

PLANNER = "planner@klant.example"
OTHER = "planner@andereklant.example"
CONSULTANT = "consultant@uitzendbureau.example"
RUN = uuid.uuid4().hex[:6]


def todo(email):
    """The dashboard's lines: {code: (count, href)}."""
    page = as_user(email).get("/")
    assert page.status == 200, page.status
    lines = re.findall(r'<li class="todo-([a-z]+)"><a href="([^"]+)"><strong>(\d+)</strong>', page.text)
    return {code: (int(n), href.replace("&amp;", "&")) for code, href, n in lines}, page.text


def count(email, code):
    return todo(email)[0].get(code, (0, None))[0]


def unit_of(email):
    return one("SELECT g.unit_id FROM grants g JOIN users u ON u.id = g.user_id"
               " WHERE u.email = '%s' ORDER BY g.id LIMIT 1" % email)


def worker_id():
    return one("SELECT id FROM users WHERE email = 'worker@flex.example'")


def shift(unit, position, state="planned", worker=True, days=2):
    sql("INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at, state, created_at, updated_at)"
        " VALUES (%s, '%s', %s, UTC_TIMESTAMP() + INTERVAL %d DAY, UTC_TIMESTAMP() + INTERVAL %d DAY"
        " + INTERVAL 8 HOUR, '%s', UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        % (unit, position, worker_id() if worker else "NULL", days, days, state))


def test_each_shift_count_moves_with_a_shift_in_the_planners_part_only():
    mine, theirs = unit_of(PLANNER), unit_of(OTHER)
    cases = [("planned", dict(state="planned")), ("refused", dict(state="refused")),
             ("open", dict(state="planned", worker=False))]
    for code, kw in cases:
        before, before_other = count(PLANNER, code), count(OTHER, code)
        shift(mine, "Wacht %s %s" % (code, RUN), **kw)
        assert count(PLANNER, code) == before + 1, code
        assert count(OTHER, code) == before_other, "another client's planner counts it: %s" % code
        shift(theirs, "Elders %s %s" % (code, RUN), **kw)
        assert count(PLANNER, code) == before + 1, "a shift at another client is counted: %s" % code
        assert count(OTHER, code) == before_other + 1, code


def test_what_is_not_waiting_is_not_counted():
    mine = unit_of(PLANNER)
    before = {code: count(PLANNER, code) for code in ("planned", "refused", "open")}
    shift(mine, "Voorbij %s" % RUN, state="refused", days=-2)       # refused, but past
    shift(mine, "Gepubliceerd %s" % RUN, state="published")        # published: nothing to do
    shift(mine, "Later open %s" % RUN, worker=False, days=12)      # open, but not in the coming week
    shift(mine, "Geannuleerd %s" % RUN, state="cancelled", worker=False)
    after = {code: count(PLANNER, code) for code in ("planned", "refused", "open")}
    assert after == before, (before, after)


def test_each_count_links_to_the_list_that_shows_what_it_counted():
    lines, _ = todo(PLANNER)
    for code in ("planned", "refused", "open"):
        n, href = lines[code]
        assert href.endswith("/planning/waiting?show=%s" % code), href
        page = as_user(PLANNER).get(href)
        assert page.status == 200, (href, page.status)
        assert '<p id="waiting-count"><strong>%d</strong>' % n in page.text, (code, n)
        assert "Wacht %s %s" % (code, RUN) in page.text
        assert "Elders %s %s" % (code, RUN) not in page.text, "another client's shift is listed"
        # Each row opens the week of its unit.
        assert re.search(r'href="[^"]*/planning/\?unit=\d+&amp;week=\d{4}-\d\d-\d\d"', page.text)
        assert len(re.findall(r"<tr data-shift=", page.text)) == min(n, 200)
    other = as_user(OTHER).get("/planning/waiting?show=planned").text
    assert "Elders planned %s" % RUN in other and "Wacht planned %s" % RUN not in other


def test_the_list_refuses_what_it_does_not_know_and_who_does_not_plan():
    assert as_user(PLANNER).get("/planning/waiting?show=alles").status == 400
    assert as_user("supervisor@klant.example").get("/planning/waiting").status == 404


def test_candidates_waiting_for_a_decision_are_counted_and_listed_for_the_client():
    hr = "hr.manager@klant.example"
    before, href = todo(hr)[0].get("decide", (0, None))
    # A new open vacancy of his (a copy of one), where nobody waits yet.
    sql("CREATE TEMPORARY TABLE tv AS SELECT v.* FROM vacancies v JOIN org_units o ON o.id = v.unit_id"
        " WHERE v.state = 'open' AND o.path LIKE (SELECT CONCAT(path, '%%') FROM org_units WHERE id = %s)"
        " ORDER BY v.id LIMIT 1; UPDATE tv SET id = 0, title = 'Besluit %s';"
        " INSERT INTO vacancies SELECT * FROM tv" % (unit_of(hr), RUN))
    vacancy = one("SELECT id FROM vacancies WHERE title = 'Besluit %s'" % RUN)
    sql("INSERT INTO candidates (vacancy_id, name, proposal, state, created_at, state_changed_at)"
        " VALUES (%s, 'Besluit %s', 'x', 'proposed', UTC_TIMESTAMP(), UTC_TIMESTAMP())" % (vacancy, RUN))
    n, href = todo(hr)[0]["decide"]
    assert n == before + 1
    # A second candidate on the same vacancy: still one vacancy waiting.
    sql("INSERT INTO candidates (vacancy_id, name, proposal, state, created_at, state_changed_at)"
        " VALUES (%s, 'Besluit twee %s', 'x', 'proposed', UTC_TIMESTAMP(), UTC_TIMESTAMP())" % (vacancy, RUN))
    assert todo(hr)[0]["decide"][0] == n
    assert href.endswith("/vacancies/?waiting=decision"), href
    page = as_user(hr).get(href)
    assert page.status == 200 and "/vacancies/%s\"" % vacancy in page.text
    # Only vacancies with a candidate waiting: none of those without.
    listed = set(re.findall(r'href="[^"]*/vacancies/(\d+)"', page.text))
    waiting = {r[0] for r in sql("SELECT DISTINCT vacancy_id FROM candidates WHERE state = 'proposed'")}
    assert listed and listed <= waiting, (listed, waiting)
    assert 'option value="decision" selected' in page.text, "the filter is shown as chosen"


def test_the_vacancy_filter_on_all_shows_vacancies_without_candidates_waiting_too():
    # The form sends waiting= for "all": that filters nothing.
    hr = "hr.manager@klant.example"
    vid, title = sql("SELECT v.id, v.title FROM vacancies v WHERE v.unit_id IN (SELECT id FROM org_units"
                     " WHERE path LIKE (SELECT CONCAT(path, '%%') FROM org_units WHERE id = %s))"
                     " AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.vacancy_id = v.id"
                     " AND c.state = 'proposed') ORDER BY v.id LIMIT 1" % unit_of(hr))[0]
    query = "state=&waiting=&q=%s" % urllib.parse.quote(title)
    page = as_user(hr).get("/vacancies/?" + query)
    assert page.status == 200 and "/vacancies/%s\"" % vid in page.text, "a vacancy without candidates is left out"
    assert 'option value="decision" selected' not in page.text
    page = as_user(hr).get("/vacancies/?waiting=decision&q=%s" % urllib.parse.quote(title))
    assert "/vacancies/%s\"" % vid not in page.text


def test_the_consultant_counts_the_interviews_his_overview_lists_to_confirm():
    before = count(CONSULTANT, "confirm")
    vacancy = one("SELECT id FROM vacancies WHERE state = 'open' ORDER BY id LIMIT 1")
    sql("INSERT INTO candidates (vacancy_id, name, proposal, state, created_at, state_changed_at)"
        " VALUES (%s, 'Gesprek %s', 'x', 'interview', UTC_TIMESTAMP(), UTC_TIMESTAMP())" % (vacancy, RUN))
    n, href = todo(CONSULTANT)[0]["confirm"]
    assert n == before + 1 and href.endswith("/vacancies/overview#to-confirm"), (before, n, href)
    overview = as_user(CONSULTANT).get(href.split("#")[0]).text
    section = overview.split('id="to-confirm"')[1].split("</section>")[0]
    assert "Gesprek %s" % RUN in section
    assert len(re.findall(r"<tr><td><a ", section)) == min(n, 100)
    assert "confirm" not in todo(PLANNER)[0], "a client does not confirm interviews"


def test_the_agency_sees_dead_letters_expiring_documents_and_privacy_requests():
    key = "dashboard-dead-%s" % RUN
    admin_before = count("admin@uitzendbureau.example", "dead")
    sql("INSERT INTO outbox (kind, idempotency_key, payload, state, attempts, next_attempt_at, created_at,"
        " updated_at) VALUES ('mail', '%s', '{}', 'dead', 5, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        % key)
    try:
        lines, _ = todo("admin@uitzendbureau.example")
        assert lines["dead"][0] == admin_before + 1 and lines["dead"][1].endswith("/admin/outbox")
        assert "dead" not in todo(PLANNER)[0], "a client never sees the outbox"
    finally:
        sql("DELETE FROM outbox WHERE idempotency_key = '%s'" % key)
    lines, page = todo("privacy@uitzendbureau.example")
    open_requests = int(one("SELECT COUNT(*) FROM privacy_requests WHERE state = 'open'"))
    assert lines["requests"] == (open_requests, lines["requests"][1]) and open_requests > 0
    assert "overdue" in lines, "the demo's overdue rectification is on the officer's dashboard"
    listed = as_user("privacy@uitzendbureau.example").get(lines["overdue"][1])
    assert listed.status == 200
    # The demo's old invoice is past its date: the officer who purges sees
    # the count the documents list finds.
    expiring, href = lines["expiring"]
    docs = as_user("privacy@uitzendbureau.example").get(href).text
    assert href.endswith("/documents/?within=30")
    assert int(re.search(r'<p class="muted small">[^<:]+: (\d+)</p>', docs).group(1)) == expiring
    assert "expiring" not in todo(PLANNER)[0]


def test_who_has_nothing_of_the_kind_sees_no_such_section_and_a_quiet_day_says_so():
    _, page = todo("finance@klant.example")
    assert "Wacht op u" not in text_of(page)
    for who in ("supervisor@klant.example", OTHER, "worker@flex.example"):
        lines, page = todo(who)
        assert "Wacht op u" in text_of(page), who
        assert ("Er wacht nu niets op u." in page) == (not lines), (who, lines)


def cleanup():
    sql("DELETE FROM shifts WHERE position LIKE '%% %s'" % RUN)
    sql("DELETE FROM candidates WHERE name LIKE '%% %s'" % RUN)
    sql("DELETE FROM vacancies WHERE title = 'Besluit %s'" % RUN)


if __name__ == "__main__":
    try:
        run(globals())
    finally:
        cleanup()
