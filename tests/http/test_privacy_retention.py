#!/usr/bin/python3
"""Retention of persons: a temp worker or a candidate is kept for
Privacy.RetentionMonths after his last activity. Before the end the worker
job mails him a signed, single-use, expiring link; agreeing on its public
page extends his date by a year and is recorded as a contact moment (time,
text agreed to); staff can record one by hand. Without an answer he is
anonymised at the end. The job run again does nothing."""
import datetime
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403
import test_candidates as tc  # noqa: E402
import test_planning as tp  # noqa: E402

PRIVACY = "privacy@uitzendbureau.example"
RUN = tp.RUN
MONTHS = int(conf("Privacy.RetentionMonths"))
STATE = {}


def officer():
    return tp.as_user(PRIVACY)


def old_worker(first, days_left):
    """A temp worker registered so long ago, and idle since, that his date
    comes in days_left days (negative: it passed)."""
    email = "%s-%s@flex.example" % (first.lower(), RUN)
    sql("INSERT INTO users (kind, email, first_name, last_name, status, created_at)"
        " VALUES ('worker', '%s', '%s', 'Bewaar%s', 'active',"
        " UTC_DATE() + INTERVAL %d DAY - INTERVAL %d MONTH + INTERVAL 12 HOUR)"
        % (email, first, RUN, days_left, MONTHS))
    return tp.user(email), email


def consent_link(email):
    for m in reversed(mails()):
        if m["To"] and email in str(m["To"]):
            u = re.search(r"https://\S+(/privacy/consent/[0-9]+-[0-9]+-[0-9a-f]{32})", m.get_body().get_content())
            if u:
                return u.group(1)
    return None


def keep_until(wid, table="users"):
    return tp.one("SELECT DATE_FORMAT(keep_until, '%%Y-%%m-%%d') FROM %s WHERE id = %s" % (table, wid))


def test_a_worker_near_his_date_is_mailed_a_link_once():
    wid, email = old_worker("Rosa", 10)
    link = wait_until(lambda: consent_link(email), 30)
    assert link, "no consent mail"
    expect = tp.one("SELECT DATE_FORMAT(DATE(created_at) + INTERVAL %d MONTH, '%%Y-%%m-%%d') FROM users"
                    " WHERE id = %s" % (MONTHS, wid))
    assert keep_until(wid) == expect, (keep_until(wid), expect)
    assert sql("SELECT DATE_FORMAT(for_until, '%%Y-%%m-%%d'), used_at IS NULL FROM consent_requests"
               " WHERE user_id = %s" % wid) == [[expect, "1"]]
    msg = [m for m in mails() if email in str(m["To"])][-1]
    assert "Mogen wij uw gegevens langer bewaren" in str(msg["Subject"]) and expect in msg.get_body().get_content()
    STATE["rosa"] = (wid, email, link)
    # Listed for the privacy officer among those whose date comes soon.
    page = officer().get("/privacy/persons?due=1&q=Bewaar%s" % RUN).text
    assert "Rosa Bewaar%s" % RUN in page and expect in page


def test_the_link_is_tamper_proof_and_a_made_up_one_shows_nothing():
    wid, email, link = STATE["rosa"]
    anon = Client()
    assert anon.get(link).status == 200
    rid, exp, mac = link.rsplit("/", 1)[1].split("-")
    other = "0" if mac[0] != "0" else "1"
    for bad in ("%s-%s-%s" % (rid, exp, other + mac[1:]),            # a changed HMAC
                "%s-%d-%s" % (rid, int(exp) + 86400, mac),            # a later expiry
                "%d-%s-%s" % (int(rid) + 1, exp, mac),                # another request
                "0%s-%s-%s" % (rid, exp, mac),                        # the same, written otherwise
                "1-9999999999-" + "0" * 32):
        r = anon.get("/privacy/consent/" + bad)
        assert r.status == 404 and "Rosa" not in r.text, bad
    # The page names nobody else and keeps no cache.
    r = anon.get(link)
    assert "Rosa" in r.text and r.header("Cache-Control") == "no-store"


def test_agreeing_extends_by_a_year_and_is_recorded_as_a_contact_moment():
    wid, email, link = STATE["rosa"]
    before = keep_until(wid)
    anon = Client()
    r = anon.get(link)
    tok = r.csrf()
    r = anon.post(link, {"csrf": tok})
    assert r.status == 422 and 'aria-invalid="true"' in r.text
    assert keep_until(wid) == before
    r = anon.post(link, {"csrf": tok, "agree": "1"})
    assert r.status == 200 and "alert-success" in r.text, (r.status, r.text[-500:])
    extended = tp.one("SELECT DATE_FORMAT(DATE('%s') + INTERVAL %s MONTH, '%%Y-%%m-%%d')"
                      % (before, conf("Privacy.ConsentExtendMonths")))
    assert keep_until(wid) == extended, (keep_until(wid), extended)
    [[kind, text, version, lang, to]] = sql(
        "SELECT kind, text, text_version, lang, DATE_FORMAT(extended_to, '%%Y-%%m-%%d') FROM contact_moments"
        " WHERE user_id = %s" % wid)
    assert kind == "consent" and "Ik ga ermee akkoord" in text and version == conf_version() and lang == "nl"
    assert to == extended
    assert tp.one("SELECT used_at IS NOT NULL FROM consent_requests WHERE user_id = %s" % wid) == "1"
    assert tp.one("SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.consent' AND object_id = %s" % wid) == "1"
    # Single use: the link shows nothing now (nor whose it was), and agrees to nothing.
    r = anon.get(link)
    assert r.status == 404 and "Rosa" not in r.text
    assert anon.post(link, {"csrf": tok, "agree": "1"}).status == 404
    assert tp.one("SELECT COUNT(*) FROM contact_moments WHERE user_id = %s" % wid) == "1"
    # The privacy officer sees the moment on the person's page.
    page = officer().get("/privacy/persons/%s" % wid).text
    assert "Akkoord via de link" in page and extended in page


def conf_version():
    text = open(abspath(conf("Paths.Privacy"))).read()
    return re.search(r"Consent \{\s*Version = (\S+)", text).group(1)


def test_an_expired_link_shows_nothing():
    wid, email = old_worker("Ilse", 5)
    link = wait_until(lambda: consent_link(email), 30)
    assert link
    sql("UPDATE consent_requests SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE user_id = %s" % wid)
    assert Client().get(link).status == 404
    STATE["ilse"] = wid


def test_staff_record_a_contact_moment_with_what_was_agreed():
    wid = STATE["ilse"]
    o = officer()
    page = o.get("/privacy/persons/%s" % wid)
    r = o.post("/privacy/persons/%s/contact" % wid, {"csrf": page.csrf(), "note": ""})
    assert r.status == 422 and 'id="e-note"' in r.text
    r = o.post("/privacy/persons/%s/contact" % wid, {"csrf": page.csrf(), "note": "Gebeld, wil graag blijven"})
    assert r.status == 303 and r.header("Location").endswith("?done=extended")
    today = datetime.date.today()
    assert keep_until(wid) > (today + datetime.timedelta(days=300)).isoformat()
    [[kind, text, by]] = sql("SELECT kind, text, recorded_by FROM contact_moments WHERE user_id = %s" % wid)
    assert (kind, text, by) == ("manual", "Gebeld, wil graag blijven", tp.user(PRIVACY))
    # A planner may not.
    p = tp.planner()
    assert p.post("/privacy/persons/%s/contact" % wid, {"csrf": p.get("/").csrf(), "note": "x"}).status == 404


def test_without_an_answer_he_is_anonymised_at_the_end():
    wid, email = old_worker("Bart", -2)
    assert wait_until(lambda: consent_link(email), 30), "asked first, even past his date"
    assert tp.one("SELECT erased_at IS NULL FROM users WHERE id = %s" % wid) == "1", "not before the link lapsed"
    sql("UPDATE consent_requests SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE user_id = %s" % wid)
    assert wait_until(lambda: tp.one("SELECT erased_at IS NOT NULL FROM users WHERE id = %s" % wid) == "1", 30)
    name = tp.one("SELECT CONCAT(first_name, ' ', last_name) FROM users WHERE id = %s" % wid).strip()
    assert re.fullmatch(r"P-[0-9A-F]{8}", name) and email not in str(sql("SELECT email FROM users WHERE id = %s" % wid))
    [[actor, detail]] = sql("SELECT COALESCE(actor_id, 0), detail FROM audit_log WHERE action = 'privacy.erasure'"
                            " AND object_id = %s" % wid)
    assert actor == "0" and detail.startswith("retention;") and "Bart" not in detail


def test_a_candidate_known_by_name_only_is_asked_at_his_contact():
    vid = tc.vacancy_id("Inpakker dagdienst")
    email = tc.em("kees.kandidaat")
    cid = tc.cand_of(tc.propose(vid, name="Kees Kandidaat%s" % RUN, email=email))
    sql("UPDATE candidates SET created_at = UTC_TIMESTAMP() - INTERVAL %d MONTH + INTERVAL 3 DAY,"
        " state_changed_at = created_at, keep_until = NULL WHERE id = %s" % (MONTHS, cid))
    sql("UPDATE candidate_events SET at = UTC_TIMESTAMP() - INTERVAL %d MONTH WHERE candidate_id = %s" % (MONTHS, cid))
    link = wait_until(lambda: consent_link(email), 30)
    assert link, "no mail at the candidate's contact"
    anon = Client()
    r = anon.post(link, {"csrf": anon.get(link).csrf(), "agree": "1"})
    assert r.status == 200 and "alert-success" in r.text
    assert keep_until(cid, "candidates") > (datetime.date.today() + datetime.timedelta(days=300)).isoformat()


def run_job():
    r = portalctl("retention-run")
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_the_job_run_again_does_nothing():
    # With the stack's worker stopped, the job by hand: the first run does
    # what is due, the second nothing — nothing asked, anonymised, mailed
    # or audited twice.
    os.kill(pid_of("worker"), 15)
    assert wait_until(lambda: not running(pid_of("worker")), 20)
    try:
        run_job()  # whatever the worker left when it stopped
        wid, email = old_worker("Daan", 8)
        gone, _ = old_worker("Frits", -1)
        assert run_job() == "retention: 2 asked to consent, 0 anonymised"
        sql("UPDATE consent_requests SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE user_id = %s" % gone)
        audit = tp.one("SELECT COUNT(*) FROM audit_log")
        outbox = tp.one("SELECT COUNT(*) FROM outbox")
        assert run_job() == "retention: 0 asked to consent, 1 anonymised"
        assert int(tp.one("SELECT COUNT(*) FROM audit_log")) == int(audit) + 1
        audit = tp.one("SELECT COUNT(*) FROM audit_log")
        outbox = tp.one("SELECT COUNT(*) FROM outbox")
        assert run_job() == "retention: 0 asked to consent, 0 anonymised"
        assert tp.one("SELECT COUNT(*) FROM audit_log") == audit
        assert tp.one("SELECT COUNT(*) FROM outbox") == outbox
        assert tp.one("SELECT COUNT(*) FROM consent_requests WHERE user_id = %s" % wid) == "1"
        # Past his date, the link lapsed — but a request of his is open:
        # it is answered first.
        asking, _ = old_worker("Gijs", -1)
        assert run_job() == "retention: 1 asked to consent, 0 anonymised"
        sql("UPDATE consent_requests SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE user_id = %s"
            % asking)
        sql("INSERT INTO privacy_requests (kind, user_id, channel, recorded_by, recorded_at, received_on,"
            " first_due_on, due_on, request_text) VALUES ('access', %s, 'self', %s, UTC_TIMESTAMP(), UTC_DATE(),"
            " UTC_DATE() + INTERVAL 1 MONTH, UTC_DATE() + INTERVAL 1 MONTH, 'Wat hebben jullie van mij?')"
            % (asking, asking))
        assert run_job() == "retention: 0 asked to consent, 0 anonymised"
        assert tp.one("SELECT erased_at IS NULL FROM users WHERE id = %s" % asking) == "1"
        sql("UPDATE privacy_requests SET state = 'done', closed_at = UTC_TIMESTAMP() WHERE user_id = %s" % asking)
        assert run_job() == "retention: 0 asked to consent, 1 anonymised"
    finally:
        stack("restart-one", "worker")


if __name__ == "__main__":
    run(globals())
