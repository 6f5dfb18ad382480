#!/usr/bin/python3
"""Publishing a week: each planned shift becomes a call to the back-office
(the simulator, over real HTTP) through the outbox. 201: the contract, its
PDF in the documents store, the shift contracted, the worker mailed. 422: the
shift refused with the rules it broke, the planner mailed. A 500 or a dropped
connection is retried: still exactly one contract. Publishing twice
publishes once."""
import datetime
import json
import os
import re
import signal
import sys
import time
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403
import test_planning as tp  # noqa: E402

SIM = "http://127.0.0.1:%s" % conf("Stack.BackofficePort")


def sim(method, path, body=None):
    token = [l.split("=", 1)[1].strip() for l in open(abspath(conf("Paths.Secrets")))
             if l.startswith("Backoffice.Token")][0]
    req = urllib.request.Request(SIM + path, method=method, data=json.dumps(body).encode() if body else None,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def publish(unit_id, week):
    c = tp.planner()
    tok = c.get("/planning/?unit=%s&week=%s" % (unit_id, week.isoformat())).csrf()
    return c.post("/planning/publish", {"csrf": tok, "unit": unit_id, "week": week.isoformat()})


def state_of(sid):
    return tp.one("SELECT state FROM shifts WHERE id = %s" % sid)


def sid_of(wid):
    return tp.shifts_of(wid)[0][0]


def test_a_published_week_is_contracted_and_the_pdf_stored():
    wid = tp.worker("Cora", tp.A1, tp.INPAK)
    mon = tp.monday(11)
    assert tp.plan(worker=wid, start=tp.at(mon, 7), end=tp.at(mon, 15)).status == 303
    sid = sid_of(wid)
    before = sim("GET", "/sim/contracts")["contracts"]
    r = publish(tp.unit(tp.A1), mon)
    assert r.status == 303 and "done=published" in r.header("Location")
    assert state_of(sid) in ("published", "contracted")
    # The page after publishing, and its JSON, count the week's contracts
    # until nothing waits.
    after = tp.planner().get(r.header("Location"))
    assert 'data-progress="/planning/progress?unit=%s&amp;week=%s"' % (tp.unit(tp.A1), mon.isoformat()) in after.text
    progress = "/planning/progress?unit=%s&week=%s" % (tp.unit(tp.A1), mon.isoformat())
    first = json.loads(tp.planner().get(progress).text)
    assert first["contracted"] + first["waiting"] == 1 and first["refused"] == 0, first
    assert wait_until(lambda: state_of(sid) == "contracted", 20), state_of(sid)
    assert json.loads(tp.planner().get(progress).text) == {"contracted": 1, "refused": 0, "waiting": 0}
    [[no, wage, doc]] = sql("SELECT c.contract_no, c.hourly_wage, c.document_id FROM contracts c"
                            " JOIN shifts s ON s.contract_id = c.id WHERE s.id = %s" % sid)
    assert no.startswith("C") and float(wage) >= 14
    assert wait_until(lambda: sql("SELECT document_id FROM contracts WHERE shift_id = %s" % sid)[0][0] != "NULL", 10)
    doc = sql("SELECT document_id FROM contracts WHERE shift_id = %s" % sid)[0][0]
    assert sql("SELECT doc_type, kind, person_id FROM documents WHERE id = %s" % doc) == [["contract", "pdf", str(wid)]]
    assert sim("GET", "/sim/contracts")["contracts"] == before + 1
    # The worker is mailed, once; the week view says contracted.
    keys = sql("SELECT idempotency_key FROM outbox WHERE idempotency_key LIKE 'mail:contract:%s:%%'" % sid)
    assert len(keys) == 1
    page = tp.planner().get("/planning/?unit=%s&week=%s" % (tp.unit(tp.A1), mon.isoformat())).text
    row = page[page.index("Cora Test%s" % tp.RUN):]
    assert "gecontracteerd" in row[:row.index("</tr>")]
    # Published again: nothing planned is left, nothing is sent twice.
    assert publish(tp.unit(tp.A1), mon).status == 303
    assert len(sql("SELECT id FROM outbox WHERE idempotency_key LIKE 'contract:%s:%%'" % sid)) == 1

def test_a_changed_contracted_shift_is_contracted_again_and_a_cancelled_one_withdrawn():
    wid = tp.worker("Carl", tp.A1, tp.INPAK)
    mon = tp.monday(14)
    assert tp.plan(worker=wid, start=tp.at(mon, 7), end=tp.at(mon, 15)).status == 303
    sid = sid_of(wid)
    assert publish(tp.unit(tp.A1), mon).status == 303
    assert wait_until(lambda: state_of(sid) == "contracted", 20)
    before = sim("GET", "/sim/contracts")["contracts"]
    c = tp.planner()
    page = c.get("/planning/shifts/%s/edit" % sid)
    assert page.status == 200 and "opnieuw opgemaakt" in page.text
    # An open shift it cannot become: it went to the agency with a worker.
    f = {"csrf": page.csrf(), "unit": tp.unit(tp.A1), "position": tp.INPAK, "start": tp.at(mon, 9),
         "end": tp.at(mon, 17), "break": "30", "note": ""}
    r = c.post("/planning/shifts/%s" % sid, f)
    assert r.status == 422 and "houdt een uitzendkracht" in tp.error_of(r, "worker")
    r = c.post("/planning/shifts/%s" % sid, dict(f, worker=wid))
    assert r.status == 303
    assert tp.one("SELECT version FROM shifts WHERE id = %s" % sid) == "2"
    assert wait_until(lambda: state_of(sid) == "contracted", 20), state_of(sid)
    assert sql("SELECT version FROM contracts WHERE shift_id = %s ORDER BY version" % sid) == [["1"], ["2"]]
    assert tp.one("SELECT c.version FROM shifts s JOIN contracts c ON c.id = s.contract_id WHERE s.id = %s"
                  % sid) == "2"
    assert sim("GET", "/sim/contracts")["contracts"] == before + 1
    # Cancelled: withdrawn at the back-office, the worker told, off the week.
    r = c.post("/planning/shifts/%s/delete" % sid, {"csrf": c.get("/planning/").csrf()})
    assert r.status == 303 and "done=cancelled" in r.header("Location")
    assert state_of(sid) == "cancelled"
    key = "contract:%s:3" % sid
    assert wait_until(lambda: sql("SELECT state FROM outbox WHERE idempotency_key = '%s'" % key) == [["done"]], 20)
    assert len(sql("SELECT id FROM outbox WHERE idempotency_key = 'mail:cancel:%s'" % sid)) == 1
    assert c.get("/planning/shifts/%s/edit" % sid).status == 404
    page = c.get("/planning/?unit=%s&week=%s" % (tp.unit(tp.A1), mon.isoformat())).text
    row = page[page.index("Carl Test%s" % tp.RUN):]
    assert "09:00" not in row[:row.index("</tr>")]


def test_a_shift_the_back_office_refuses_shows_its_rules_and_the_planner_is_mailed():
    wid = tp.worker("Rosa", tp.A1, tp.INPAK, week="1234567")
    mon = tp.monday(12)
    # 12 hours in one day: the simulator's rule of 11 hours refuses it.
    r = tp.plan(worker=wid, start=tp.at(mon, 6), end=tp.at(mon, 18), **{"break": "0"})
    assert r.status == 303, tp.error_of(r, "end")
    sid = sid_of(wid)
    assert publish(tp.unit(tp.A1), mon).status == 303
    assert wait_until(lambda: state_of(sid) == "refused", 20), state_of(sid)
    assert json.loads(tp.one("SELECT violations FROM shifts WHERE id = %s" % sid))[0]["rule"] == "max_day"
    page = tp.planner().get("/planning/?unit=%s&week=%s" % (tp.unit(tp.A1), mon.isoformat())).text
    row = page[page.index("Rosa Test%s" % tp.RUN):]
    assert "meer dan 11 uur op een dag" in row[:row.index("</tr>")]
    got = wait_until(lambda: [m for m in mails() if m["Subject"] and "niet aanvaard" in m["Subject"]
                              and "planner@klant.example" in str(m["To"])])
    assert got and "meer dan 11 uur op een dag" in got[0].get_body().get_content()
    assert sql("SELECT COUNT(*) FROM contracts WHERE shift_id = %s" % sid) == [["0"]]


def test_a_failed_or_dropped_call_is_retried_and_contracts_once():
    mon = tp.monday(13)
    w1 = tp.worker("Fay", tp.A1, tp.INPAK)
    w2 = tp.worker("Dirk", tp.A1, tp.INPAK)
    assert tp.plan(worker=w1, start=tp.at(mon, 7), end=tp.at(mon, 15)).status == 303
    assert tp.plan(worker=w2, start=tp.at(mon, 7), end=tp.at(mon, 15)).status == 303
    before = sim("GET", "/sim/contracts")
    # The first call is answered 500, the next dropped without an answer.
    sim("POST", "/sim/faults", {"fail": 1, "drop": 1})
    try:
        assert publish(tp.unit(tp.A1), mon).status == 303
        for w in (w1, w2):
            sid = sid_of(w)
            assert wait_until(lambda: state_of(sid) == "contracted", 40), (w, state_of(sid))
    finally:
        sim("POST", "/sim/faults", {"fail": 0, "drop": 0})
    after = sim("GET", "/sim/contracts")
    assert after["contracts"] == before["contracts"] + 2
    assert after["requests"] >= before["requests"] + 2
    for w in (w1, w2):
        assert sql("SELECT COUNT(*) FROM contracts WHERE shift_id = %s" % sid_of(w)) == [["1"]]
    attempts = [int(x[0]) for x in sql("SELECT attempts FROM outbox WHERE idempotency_key IN"
                                       " ('contract:%s:1', 'contract:%s:1')" % (sid_of(w1), sid_of(w2)))]
    assert sorted(attempts)[-1] >= 2, attempts


def test_the_same_key_twice_gives_the_same_contract():
    body = {"shift": "S-%s" % uuid.uuid4().hex[:6], "version": 1, "worker": {"ref": "W-x", "name": "X"},
            "position": "Inpakker", "start": "2030-01-07T07:00:00Z", "end": "2030-01-07T15:00:00Z",
            "break_minutes": 30}
    token = [l.split("=", 1)[1].strip() for l in open(abspath(conf("Paths.Secrets")))
             if l.startswith("Backoffice.Token")][0]
    answers = []
    for _ in range(2):
        req = urllib.request.Request(SIM + "/v1/contracts", method="POST", data=json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + token,
                                              "Idempotency-Key": "test:" + body["shift"]})
        with urllib.request.urlopen(req, timeout=10) as r:
            answers.append((r.status, json.loads(r.read())["contract_no"]))
    assert answers[0] == answers[1] and answers[0][0] == 201
    req = urllib.request.Request(SIM + "/v1/contracts", method="POST", data=json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer wrong", "Idempotency-Key": "x"})
    try:
        urllib.request.urlopen(req, timeout=10)
        assert False, "a wrong token is accepted"
    except urllib.error.HTTPError as e:
        assert e.code == 401


def outbox_state(key):
    return tp.one("SELECT state FROM outbox WHERE idempotency_key = '%s'" % key)


def test_a_worker_killed_between_sending_and_marking_still_makes_one_contract():
    wid = tp.worker("Kees", tp.A1, tp.INPAK)
    mon = tp.monday(14)
    assert tp.plan(worker=wid, start=tp.at(mon, 7), end=tp.at(mon, 15)).status == 303
    sid = sid_of(wid)
    key = "contract:%s:1" % sid
    before = sim("GET", "/sim/contracts")
    # The simulator makes the contract, then holds its answer: the worker
    # has sent the call and not yet marked it when it is killed.
    sim("POST", "/sim/faults", {"hold_ms": 4000})
    try:
        assert publish(tp.unit(tp.A1), mon).status == 303
        assert wait_until(lambda: outbox_state(key) == "sending", 10), outbox_state(key)
        time.sleep(1)
        os.kill(pid_of("worker"), signal.SIGKILL)
    finally:
        sim("POST", "/sim/faults", {"hold_ms": 0})
    mid = sim("GET", "/sim/contracts")
    assert mid["contracts"] == before["contracts"] + 1, (before, mid)
    assert outbox_state(key) == "sending" and state_of(sid) == "published"
    # Its claim lapses (a minute in this configuration: here at once) and a
    # new worker sends the call again, with the same key.
    sql("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP(3) WHERE idempotency_key = '%s'" % key)
    stack("restart-one", "worker")
    assert wait_until(lambda: state_of(sid) == "contracted", 30), state_of(sid)
    after = sim("GET", "/sim/contracts")
    assert after["contracts"] == before["contracts"] + 1 and after["requests"] >= before["requests"] + 2
    assert sql("SELECT COUNT(*) FROM contracts WHERE shift_id = %s" % sid) == [["1"]]


def test_contracts_arrive_when_the_back_office_returns_from_an_outage():
    mon = tp.monday(15)
    ws = [tp.worker(n, tp.A1, tp.INPAK) for n in ("Lode", "Mira", "Nico")]
    for w in ws:
        assert tp.plan(worker=w, start=tp.at(mon, 7), end=tp.at(mon, 15)).status == 303
    sids = [sid_of(w) for w in ws]
    os.kill(pid_of("backoffice-sim"), signal.SIGTERM)
    assert wait_until(lambda: not running(pid_of("backoffice-sim")), 5)
    try:
        assert publish(tp.unit(tp.A1), mon).status == 303
        # Tried, refused at the door, waiting for the next try.
        assert wait_until(lambda: all(int(tp.one("SELECT attempts FROM outbox WHERE idempotency_key ="
                                                 " 'contract:%s:1'" % s)) >= 2 for s in sids), 20)
        assert all(state_of(s) == "published" for s in sids)
    finally:
        stack("restart-one", "backoffice-sim")
    for s in sids:
        assert wait_until(lambda: state_of(s) == "contracted", 40), (s, state_of(s))
        assert sql("SELECT COUNT(*) FROM contracts WHERE shift_id = %s" % s) == [["1"]]


def test_a_contract_whose_pdf_could_not_be_stored_gets_it_on_the_next_delivery():
    import resource
    import subprocess
    wid = tp.worker("Pien", tp.A1, tp.INPAK)
    mon = tp.monday(16)
    assert tp.plan(worker=wid, start=tp.at(mon, 7), end=tp.at(mon, 15)).status == 303
    sid = sid_of(wid)
    key = "contract:%s:1" % sid
    pid = pid_of("worker")
    os.kill(pid, signal.SIGTERM)
    assert wait_until(lambda: not running(pid), 15)
    try:
        assert publish(tp.unit(tp.A1), mon).status == 303

        def full_disk():
            # Not a byte more may be written: the store is full.
            resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
        w = subprocess.Popen([os.path.join(ROOT, "build/sbin/portal-worker"), "--once"], cwd=ROOT,
                             preexec_fn=full_disk, stderr=subprocess.DEVNULL)
        assert w.wait(timeout=60) == 0
        # The back-office drew the contract up; the shift is contracted;
        # its PDF is not stored, and the delivery is to be tried again.
        assert state_of(sid) == "contracted"
        assert sql("SELECT document_id IS NULL FROM contracts WHERE shift_id = %s" % sid) == [["1"]]
        assert outbox_state(key) == "retry"
    finally:
        stack("restart-one", "worker")
    assert wait_until(lambda: sql("SELECT document_id IS NOT NULL FROM contracts WHERE shift_id = %s"
                                  % sid) == [["1"]], 30)
    assert wait_until(lambda: outbox_state(key) == "done", 10)
    doc = sql("SELECT document_id FROM contracts WHERE shift_id = %s" % sid)[0][0]
    assert sql("SELECT doc_type, kind, person_id FROM documents WHERE id = %s" % doc) == \
        [["contract", "pdf", str(wid)]]
    # One contract, one PDF, one mail to the worker.
    assert sql("SELECT COUNT(*) FROM contracts WHERE shift_id = %s" % sid) == [["1"]]
    assert sql("SELECT COUNT(*) FROM documents WHERE doc_type = 'contract' AND person_id = %s" % wid) == [["1"]]
    assert len(sql("SELECT id FROM outbox WHERE idempotency_key LIKE 'mail:contract:%s:%%'" % sid)) == 1


if __name__ == "__main__":
    run(globals())
