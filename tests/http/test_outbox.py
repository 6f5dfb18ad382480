#!/usr/bin/python3
"""Mail through the outbox: the worker, libcurl SMTP and the sink, end to end."""
import email
import email.policy
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

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


# --- workers of their own, against peers of their own ------------------------

SIM = "http://127.0.0.1:%s" % conf("Stack.BackofficePort")
SPARE_PORT = int(conf("Stack.SmtpPort")) + 7


def sim(method, path, body=None):
    token = [l.split("=", 1)[1].strip() for l in open(abspath(conf("Paths.Secrets")))
             if l.startswith("Backoffice.Token")][0]
    req = urllib.request.Request(SIM + path, method=method,
                                 data=json.dumps(body).encode() if body else None,
                                 headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def worker_conf(**options):
    """A configuration for workers of a test's own: the test stack's, with
    mail to the spare port and the options given."""
    path = os.path.join(VAR, "worker-test.hdf")
    with open(path, "w") as f:
        f.write('#include "%s"\n' % os.environ["PORTAL_CONF"])
        f.write("Mail.URL = smtp://127.0.0.1:%d\n" % SPARE_PORT)
        for k, v in options.items():
            f.write("%s = %s\n" % (k.replace("_", "."), v))
    return path


def start_worker(cfg, *args):
    env = dict(os.environ, PORTAL_CONF=cfg)
    return subprocess.Popen([os.path.join(ROOT, "build/sbin/portal-worker")] + list(args),
                            cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)


def start_sink(maildir, delay_ms=0):
    p = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "tests", "smtp-sink.py"),
                          "--port", str(SPARE_PORT), "--maildir", maildir,
                          "--delay-ms", str(delay_ms)], stdout=subprocess.PIPE, text=True)
    assert "listening" in p.stdout.readline()
    return p


def stop(p):
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def message_ids(maildir, to_prefix):
    """The Message-IDs of the mails in maildir to addresses that start so."""
    out = []
    for f in glob.glob(os.path.join(maildir, "*.eml")):
        with open(f, "rb") as fh:
            m = email.message_from_binary_file(fh, policy=email.policy.default)
        if str(m["To"]).startswith(to_prefix):
            out.append(m["Message-ID"])
    return out


def without_the_stack_worker(fn):
    """Runs fn with the stack's own worker stopped, so that only the test's
    workers deliver; the stack's worker runs again afterwards."""
    def wrapped():
        pid = pid_of("worker")
        os.kill(pid, signal.SIGTERM)
        assert wait_until(lambda: not running(pid), 15)
        try:
            fn()
        finally:
            stack("restart-one", "worker")
    wrapped.__name__ = fn.__name__
    return wrapped


def queue_backoffice_call(key):
    """A contract call for a shift the portal does not have: the simulator
    draws it up, the portal finds nothing waiting for it and is done."""
    body = {"shift": key, "version": 1, "worker": {"ref": "W-" + key, "name": "Test"},
            "position": "Inpakker", "start": "2031-01-07T07:00:00Z", "end": "2031-01-07T15:00:00Z",
            "break_minutes": 30}
    payload = json.dumps({"path": "/v1/contracts", "shift": 0, "version": 1, "body": body})
    sql("INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at, created_at, updated_at)"
        " VALUES ('backoffice', '%s', '%s', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"
        % (key, payload.replace("'", "''")))
    return int(sql("SELECT id FROM outbox WHERE idempotency_key = '%s'" % key)[0][0])


def keys_the_simulator_took():
    return [line.split("key=")[1].split()[0] for line in log_text("backoffice-sim").splitlines()
            if "POST /v1/contracts key=" in line]


@without_the_stack_worker
def test_two_workers_against_a_slow_mail_server_and_back_office_deliver_everything_once():
    run_id = "%x" % int(time.time() * 1000)
    maildir = tempfile.mkdtemp(dir=VAR)
    # Each delivery takes 0.4 s; a lease covers one delivery (1 s + 1 s),
    # not a batch of them.
    cfg = worker_conf(Mail_TimeoutSeconds=1, Backoffice_TimeoutSeconds=1, Outbox_LeaseMarginSeconds=1,
                      Outbox_BatchSize=20)
    sink = start_sink(maildir, delay_ms=400)
    sim("POST", "/sim/faults", {"latency_ms": 400})
    try:
        mail_ids = [queue_test_mail("slow-%s-%d@klant.example" % (run_id, i)) for i in range(12)]
        keys = ["test:slow:%s:%d" % (run_id, i) for i in range(8)]
        call_ids = [queue_backoffice_call(k) for k in keys]
        ws = [start_worker(cfg, "--once") for _ in range(2)]
        logs = [w.communicate(timeout=120)[1] for w in ws]
    finally:
        sim("POST", "/sim/faults", {"latency_ms": 0})
        stop(sink)
    ids = mail_ids + call_ids
    states = sql("SELECT state, COUNT(*) FROM outbox WHERE id IN (%s) GROUP BY state"
                 % ",".join(map(str, ids)))
    assert states == [["done", str(len(ids))]], states
    got = message_ids(maildir, "slow-%s-" % run_id)
    assert len(got) == 12 and len(set(got)) == 12, (len(got), len(set(got)))
    took = [k for k in keys_the_simulator_took() if k.startswith("test:slow:%s:" % run_id)]
    assert sorted(took) == sorted(keys), took
    # Both workers did part of the work: rows are taken one at a time.
    delivered = [log.count(" delivered ") for log in logs]
    assert all(delivered) and sum(delivered) >= len(ids), delivered
    shutil.rmtree(maildir, ignore_errors=True)


@without_the_stack_worker
def test_a_worker_whose_lease_lapsed_does_not_overwrite_the_delivery_of_another():
    d1, d2 = tempfile.mkdtemp(dir=VAR), tempfile.mkdtemp(dir=VAR)
    cfg = worker_conf(Mail_TimeoutSeconds=2, Outbox_LeaseMarginSeconds=1)
    to = "lapsed-%x@klant.example" % int(time.time() * 1000)
    # A mail server that takes the message but never answers in time.
    sink = start_sink(d1, delay_ms=60000)
    oid = queue_test_mail(to)
    a = start_worker(cfg, "--once")
    try:
        assert wait_until(lambda: sql("SELECT state FROM outbox WHERE id = %d" % oid) == [["sending"]], 10)
        time.sleep(0.5)
        # The worker stops in the middle of its delivery (a machine that
        # hangs), longer than its lease.
        a.send_signal(signal.SIGSTOP)
        stop(sink)
        sink = start_sink(d2)
        time.sleep(3.5)
        # Another worker takes the row up and delivers it.
        b = start_worker(cfg, "--once")
        b.communicate(timeout=60)
        assert sql("SELECT state, attempts FROM outbox WHERE id = %d" % oid) == [["done", "2"]]
        # The first comes back: its delivery failed, and it may not say so
        # any more — the row is another's now.
        a.send_signal(signal.SIGCONT)
        log = a.communicate(timeout=60)[1]
        assert "lease lapsed" in log, log[-2000:]
        assert sql("SELECT state FROM outbox WHERE id = %d" % oid) == [["done"]]
        # Nothing is left to send again.
        c = start_worker(cfg, "--once")
        c.communicate(timeout=60)
        time.sleep(0.5)
        got = message_ids(d2, to)
        assert len(got) == 1, got
    finally:
        if a.poll() is None:
            a.send_signal(signal.SIGCONT)
            stop(a)
        stop(sink)
        shutil.rmtree(d1, ignore_errors=True)
        shutil.rmtree(d2, ignore_errors=True)


def test_a_failure_that_lasts_makes_the_row_dead_after_the_configured_attempts():
    attempts = int(conf("Outbox.MaxAttempts"))
    key = "test:lasting:%x" % int(time.time() * 1000)
    # The back-office answers 500 to every call: a failure to retry.
    sim("POST", "/sim/faults", {"fail": 1000})
    try:
        oid = queue_backoffice_call(key)
        assert wait_until(lambda: sql("SELECT state FROM outbox WHERE id = %d" % oid) == [["dead"]], 90)
    finally:
        sim("POST", "/sim/faults", {"fail": 0})
    [[state, tries, error]] = sql("SELECT state, attempts, last_error FROM outbox WHERE id = %d" % oid)
    assert int(tries) == attempts, (tries, attempts)
    assert "500" in error, error
    # Each attempt came after a wait: retried, not given up at once.
    assert sql("SELECT TIMESTAMPDIFF(SECOND, created_at, updated_at) >= %d FROM outbox WHERE id = %d"
               % (attempts - 1, oid)) == [["1"]]


if __name__ == "__main__":
    run(globals())
