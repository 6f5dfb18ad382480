#!/usr/bin/python3
"""Mail through the outbox: the worker, libcurl SMTP and the sink, end to end."""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403


def queue_test_mail(to):
    r = portalctl("send-test-mail", to)
    assert r.returncode == 0, r.stderr
    return int(r.stdout.split("#")[1].split()[0])


def mails_to(to):
    return [m for m in mails() if m["To"] == to]


def test_test_mail_arrives_in_the_sink():
    queue_test_mail("smtp-e2e@klant.example")
    got = wait_until(lambda: mails_to("smtp-e2e@klant.example"), 20)
    assert len(got) == 1, got
    m = got[0]
    assert m["Subject"] == "Testbericht van Flexportal", m["Subject"]
    assert m["From"].addresses[0].addr_spec == conf("Mail.From")
    assert m["Message-ID"].startswith("<outbox-")
    assert "testbericht" in m.get_content()


def test_send_test_mail_refuses_an_address_with_a_line_break():
    r = portalctl("send-test-mail", "a@b.example\r\nBcc: x@evil.example")
    assert r.returncode != 0 and "not a plain e-mail address" in r.stderr


def test_mail_queued_while_the_sink_is_down_arrives_exactly_once():
    pid = pid_of("smtp-sink")
    os.kill(pid, signal.SIGTERM)
    assert wait_until(lambda: not running(pid), 10)
    oid = queue_test_mail("down-then-up@klant.example")
    # The worker tries, fails and schedules a retry.
    row = wait_until(lambda: sql("SELECT state, attempts, last_error IS NOT NULL FROM outbox"
                                 " WHERE id = %d AND state = 'retry'" % oid), 20)
    assert row and row[0][2] == "1", row
    h = Client().get("/healthz").json()
    assert h["outbox"]["backlog"] >= 1
    stack("restart-one", "smtp-sink")
    assert wait_until(lambda: sql("SELECT 1 FROM outbox WHERE id = %d AND state = 'done'" % oid), 30)
    time.sleep(2)
    got = mails_to("down-then-up@klant.example")
    assert len(got) == 1, len(got)


def test_two_workers_never_send_the_same_row():
    ids = [queue_test_mail("parallel-%d@klant.example" % i) for i in range(30)]
    env = dict(os.environ)
    ps = [subprocess.Popen([os.path.join(ROOT, "build/sbin/portal-worker"), "--once"],
                           cwd=ROOT, env=env, stderr=subprocess.DEVNULL) for _ in range(2)]
    for p in ps:
        p.wait(timeout=60)
    assert wait_until(lambda: sql("SELECT COUNT(*) FROM outbox WHERE id BETWEEN %d AND %d"
                                  " AND state = 'done'" % (ids[0], ids[-1])) == [["30"]], 30)
    time.sleep(1)
    ids_seen = [m["Message-ID"] for m in mails() if m["To"].startswith("parallel-")]
    assert len(ids_seen) == 30 and len(set(ids_seen)) == 30, (len(ids_seen), len(set(ids_seen)))


def test_undeliverable_mail_becomes_dead_after_the_configured_attempts():
    # A payload the worker can never send (no recipient) is dead at once.
    sql("INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at, created_at, updated_at)"
        " VALUES ('mail', 'test:dead', '{\"subject\":\"x\",\"text\":\"y\"}',"
        " UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))")
    assert wait_until(lambda: sql("SELECT state FROM outbox WHERE idempotency_key = 'test:dead'")
                      == [["dead"]], 20)
    assert Client().get("/healthz").json()["outbox"]["dead"] >= 1
    # The agency admin sees it, with its key and why, and sends it again.
    admin, _ = login("admin@uitzendbureau.example")
    page = admin.get("/admin/outbox")
    assert page.status == 200 and "test:dead" in page.text and "definitief mislukt" in page.text
    oid = sql("SELECT id FROM outbox WHERE idempotency_key = 'test:dead'")[0][0]
    r = admin.post("/admin/outbox/%s/retry" % oid, {"csrf": page.csrf()})
    assert r.status == 303 and r.header("Location").endswith("done=retried")
    assert sql("SELECT action FROM audit_log WHERE action = 'outbox.retry' AND object_id = %s" % oid) == [
        ["outbox.retry"]]
    # A row that is not dead is not sent again from here.
    assert wait_until(lambda: sql("SELECT state FROM outbox WHERE id = %s" % oid) == [["dead"]], 20)
    done = sql("SELECT id FROM outbox WHERE state = 'done' LIMIT 1")[0][0]
    assert admin.post("/admin/outbox/%s/retry" % done, {"csrf": page.csrf()}).status == 404
    # Nobody else sees the outbox.
    consultant, _ = login("consultant@uitzendbureau.example")
    assert consultant.get("/admin/outbox").status == 404


if __name__ == "__main__":
    run(globals())
