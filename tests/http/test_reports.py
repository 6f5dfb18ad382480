#!/usr/bin/python3
"""Reports and invoices: invoices imported once from the back-office with
their PDFs; the client report, the temp workers and the invoice reports
against hand-computed figures (a leap day, a month without work, a worker
at two units the same day, a credit note); the same numbers on the page,
in the CSV and in the workbook; the summaries equal a recomputation."""
import csv
import datetime
import io
import json
import os
import random
import re
import sys
import urllib.request

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from portaltest import *  # noqa: E402,F401,F403
import test_timesheets as tt  # noqa: E402

FINANCE = "finance@klant.example"
A1, A2 = tt.A1, tt.A2


def one(query):
    return tt.one(query)


def client_id(name="Klant NV"):
    return one("SELECT id FROM clients WHERE name = '%s'" % name)


def root(name="Klant NV"):
    return one("SELECT unit_id FROM clients WHERE name = '%s'" % name)


def inject(invoice):
    """An invoice the back-office issues (POST /sim/invoices): its number."""
    token = [l.split("=", 1)[1].strip() for l in open(abspath(conf("Paths.Secrets")))
             if l.startswith("Backoffice.Token")][0]
    req = urllib.request.Request(tt.SIM + "/sim/invoices", method="POST", data=json.dumps(invoice).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.status == 201
        return json.loads(r.read())["number"]


def imported(number):
    """Waits until the worker has imported the invoice: its row."""
    assert wait_until(lambda: sql("SELECT id FROM invoices WHERE number = '%s'" % number), seconds=30), number
    return sql("SELECT id, kind, amount_cents, vat_cents, document_id FROM invoices WHERE number = '%s'"
               % number)[0]


def line(worker, unit_name, position, minutes, rate, start, end):
    return {"worker": {"ref": "W%s" % worker, "name": ""}, "unit_ref": "U%s" % tt.unit(unit_name),
            "position": position, "minutes": minutes, "rate_cents": rate,
            "period": {"start": start, "end": end}}


def approved_week(worker, unit_name, position, monday, days):
    """An approved week written as the portal keeps one, around it (a
    fixture of years ago): days are (date, minutes)."""
    unit = tt.unit(unit_name)
    total = sum(m for _, m in days)
    sql("INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, version, minutes, created_at,"
        " updated_at) VALUES (%s, %s, '%s', '%s', 'approved', 1, %s, UTC_TIMESTAMP(), UTC_TIMESTAMP())"
        % (worker, unit, position, monday, total))
    sheet = one("SELECT id FROM timesheets WHERE worker_user_id = %s AND unit_id = %s AND week = '%s'"
                % (worker, unit, monday))
    for day, minutes in days:
        sql("INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at, break_minutes, minutes, position,"
            " created_at, updated_at) VALUES (%s, '%s', '%s 07:00:00', '%s 07:00:00' + INTERVAL %s MINUTE, 0, %s,"
            " '%s', UTC_TIMESTAMP(), UTC_TIMESTAMP())" % (sheet, day, day, day, minutes, minutes, position))


def rows_of(html):
    """The table of a report page: its body rows and its totals, as the
    cells' texts."""
    def cells(tr):
        return [re.sub(r"<[^>]+>", "", c).replace("&amp;", "&").strip()
                for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    foot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S)
    return ([cells(tr) for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)],
            cells(foot.group(1)) if foot else None)


def nl_number(text):
    """1.234,56 or +12,3 % as a number."""
    t = text.replace(" %", "").replace("+", "").replace(".", "").replace(",", ".")
    return float(t) if t else None


# --- the fixture: 2019 and 2020 (a leap year), before any demo data --------


def forget_the_fixtures():
    """A second run on the same database (and a simulator started again,
    which numbers its invoices from 1) starts from the same figures: the
    imported invoices and the weeks of before 2021 at Klant NV go first,
    and the import starts again from the simulator's first invoice."""
    units = "SELECT id FROM org_units WHERE client_id = %s" % client_id()
    at = sql("SELECT since FROM invoice_cursors WHERE client_id = %s" % client_id())
    if at and int(at[0][0]) > tt.sim("GET", "/sim/invoices")["invoices"]:
        sql("DELETE FROM invoice_cursors WHERE client_id = %s" % client_id())
        sql("DELETE FROM invoices WHERE client_id = %s AND number NOT LIKE 'DEMO-%%'" % client_id())
    sql("DELETE FROM invoices WHERE client_id = %s AND invoice_date < '2021-01-01'" % client_id())
    sql("DELETE FROM timesheets WHERE week < '2021-01-01' AND unit_id IN (%s)" % units)
    assert portalctl("reports-rebuild").returncode == 0


_fixture = {}


def fixture():
    """Jan Willems (A) and Lisa Maes (B) at Klant NV: B works at two units
    on 3 February 2020; A on a Saturday too; April 2020 has no work; a
    credit note takes back part of January's invoice in March."""
    if _fixture:
        return _fixture
    forget_the_fixtures()
    a = one("SELECT id FROM users WHERE email = 'worker@flex.example'")
    b = one("SELECT id FROM users WHERE email = 'lisa.maes@flex.example'")
    approved_week(a, A1, "Inpakker", "2020-02-03", [("2020-02-0%d" % d, 480) for d in range(3, 9)])
    approved_week(b, A1, "Orderpicker", "2020-02-03", [("2020-02-03", 240)])
    approved_week(b, A2, "Orderpicker", "2020-02-03", [("2020-02-03", 240), ("2020-02-04", 240)])
    approved_week(a, A1, "Inpakker", "2019-02-04", [("2019-02-04", 480), ("2019-02-05", 480)])
    k = "K%s" % client_id()
    numbers = [
        inject({"client": k, "kind": "invoice", "date": "2020-01-15",
                "period": {"start": "2020-01-06", "end": "2020-01-12"},
                "lines": [line(a, A1, "Inpakker", 480, 3000, "2020-01-06", "2020-01-12")]}),
        inject({"client": k, "kind": "invoice", "date": "2020-02-29",
                "period": {"start": "2020-02-03", "end": "2020-02-09"},
                "lines": [line(a, A1, "Inpakker", 2400, 3000, "2020-02-03", "2020-02-09"),
                          line(b, A2, "Orderpicker", 600, 2500, "2020-02-03", "2020-02-09")]}),
        inject({"client": k, "kind": "invoice", "date": "2019-02-10",
                "period": {"start": "2019-02-04", "end": "2019-02-10"},
                "lines": [line(a, A1, "Inpakker", 960, 3000, "2019-02-04", "2019-02-10")]}),
    ]
    numbers.append(inject({"client": k, "kind": "credit", "credits": numbers[0], "date": "2020-03-10",
                           "period": {"start": "2020-01-06", "end": "2020-01-12"},
                           "lines": [line(a, A1, "Inpakker", -120, 3000, "2020-01-06", "2020-01-12")]}))
    for n in numbers:
        imported(n)
    # The weeks above were written around the application: their hours
    # into the summaries as an operator would after loading data.
    assert portalctl("reports-rebuild").returncode == 0
    _fixture.update(a=a, b=b, numbers=numbers)
    return _fixture


def report(c, path, **q):
    query = "&".join("%s=%s" % (k, urllib.parse.quote(str(v))) for k, v in q.items())
    r = c.get("%s?%s" % (path, query))
    assert r.status == 200, (path, r.status, r.text[-500:])
    return r


# --- tests -------------------------------------------------------------------


def test_an_invoice_is_imported_once_with_its_lines_its_pdf_and_its_sums():
    forget_the_fixtures()
    a = one("SELECT id FROM users WHERE email = 'worker@flex.example'")
    number = inject({"client": "K%s" % client_id(), "kind": "invoice", "date": "2018-06-30",
                     "period": {"start": "2018-06-25", "end": "2018-07-01"},
                     "lines": [line(a, A1, "Inpakker", 450, 3101, "2018-06-25", "2018-07-01")]})
    inv = imported(number)
    # 7,5 h at 31,01: 232,575 → 232,58; VAT 21 %: 48,8418 → 48,84.
    assert inv[1] == "invoice" and inv[2] == "23258" and inv[3] == "4884", inv
    assert wait_until(lambda: one("SELECT document_id FROM invoices WHERE number = '%s'" % number) != "NULL")
    doc = sql("SELECT doc_type, unit_id FROM documents WHERE id = (SELECT document_id FROM invoices"
              " WHERE number = '%s')" % number)[0]
    assert doc == ["invoice", str(root())], doc
    got = sql("SELECT amount_cents, vat_cents, minutes, line_count FROM report_invoiced WHERE unit_id = %s"
              " AND month = '2018-06-01'" % tt.unit(A1))
    assert got == [["23258", "4884", "450", "1"]], got
    # The worker pulls again and again: nothing changes.
    before = sim_requests()
    assert wait_until(lambda: sim_requests() >= before + 3, seconds=30)
    # And so does the operator's pull at once.
    r = portalctl("invoices-pull")
    assert r.returncode == 0 and "0 imported" in r.stdout, (r.stdout, r.stderr)
    assert one("SELECT COUNT(*) FROM invoices WHERE number = '%s'" % number) == "1"
    assert one("SELECT COUNT(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
               " WHERE i.number = '%s'" % number) == "1"
    assert sql("SELECT amount_cents, line_count FROM report_invoiced WHERE unit_id = %s AND month = '2018-06-01'"
               % tt.unit(A1)) == [["23258", "1"]]
    # The finance user downloads its PDF from the documents.
    r = tt.as_user(FINANCE).get("/documents/%s/download" % one("SELECT document_id FROM invoices"
                                                                " WHERE number = '%s'" % number))
    assert r.status == 200 and r.body.startswith(b"%PDF") and number.encode() in r.body


def sim_rate_cents(position):
    """The simulator's bill rate: its wage of the position × 1.65."""
    h = 0
    for b in position.encode():
        h = (h * 31 + b) & 0xffffffff
    return ((1400 + h % 600) * 165 + 50) // 100


def test_approved_hours_come_back_invoiced_with_their_worker_and_amount():
    w, sheet = tt.submitted_sheet()
    assert tt.decide(tt.SUPERVISOR, sheet, "approve").status == 303
    minutes = int(one("SELECT minutes FROM timesheets WHERE id = %s" % sheet))
    week = one("SELECT week FROM timesheets WHERE id = %s" % sheet)
    # The back-office takes the week, invoices it on the next pull, and
    # the worker imports that invoice: a line of this worker's week.
    got = wait_until(lambda: sql("SELECT l.minutes, l.rate_cents, l.amount_cents, l.vat_cents, l.unit_id,"
                                 " l.period_start, i.invoice_date FROM invoice_lines l"
                                 " JOIN invoices i ON i.id = l.invoice_id"
                                 " WHERE l.worker_user_id = %s" % w["id"]), seconds=40)
    assert got, "the approved week was not invoiced"
    rate = sim_rate_cents(w["position"])
    amount = (minutes * rate + 30) // 60
    assert got[0][:5] == [str(minutes), str(rate), str(amount), str((amount * 21 + 50) // 100), str(w["unit"])], got
    sunday = datetime.date.fromisoformat(week) + datetime.timedelta(days=6)
    assert got[0][5:] == [week, sunday.isoformat()], got
    assert portalctl("reports-verify").returncode == 0


def test_a_bad_invoice_is_set_aside_and_the_next_ones_come_in():
    a = one("SELECT id FROM users WHERE email = 'worker@flex.example'")
    k = "K%s" % client_id()
    bad = inject({"client": k, "kind": "invoice", "date": "2018-07-31",
                  "period": {"start": "2018-07-23", "end": "2018-07-29"},
                  "lines": [line(a, "Team Gent 1", "Inpakker", 60, 3000, "2018-07-23", "2018-07-29")]})
    good = inject({"client": k, "kind": "invoice", "date": "2018-07-31",
                   "period": {"start": "2018-07-23", "end": "2018-07-29"},
                   "lines": [line(a, A1, "Inpakker", 60, 3000, "2018-07-23", "2018-07-29")]})
    imported(good)
    assert not sql("SELECT id FROM invoices WHERE number = '%s'" % bad), "another client's unit was taken"
    why = one("SELECT reason FROM invoice_rejects WHERE number = '%s'" % bad)
    assert "is not the client's" in why, why
    assert portalctl("reports-verify").returncode == 0


def sim_requests():
    return tt.sim("GET", "/sim/invoices")["requests"]


def test_approvals_and_corrections_keep_the_summaries_equal_to_a_recomputation():
    # From a known start: what other tests wrote around the application
    # is in the summaries, and from here on only the portal writes.
    assert portalctl("reports-rebuild").returncode == 0
    rnd = random.Random(14)
    sheets = []
    for _ in range(3):
        w, sheet = tt.submitted_sheet(week_back=rnd.choice([1, 2, 3]))
        sheets.append(sheet)
    for sheet in sheets:
        assert tt.decide(tt.SUPERVISOR, sheet, "approve").status == 303
        assert portalctl("reports-verify").returncode == 0
    # The agency corrects one: its hours in the summary change with it.
    c = tt.as_user(tt.CONSULTANT)
    sheet = rnd.choice(sheets)
    path = "/timesheets/%s/correct" % sheet
    page, fields = tt.form_of(c, path)
    fields["end1"] = "18:00"
    r = c.post(path, dict(fields, csrf=page.csrf(), reason="Langer gewerkt"))
    assert r.status == 303, (r.status, tt.text_of(r.text)[-600:])
    r = portalctl("reports-verify")
    assert r.returncode == 0, r.stderr
    got = one("SELECT SUM(p.minutes) FROM report_presence p JOIN timesheets t ON t.worker_user_id = p.worker_user_id"
              " AND t.unit_id = p.unit_id WHERE t.id = %s AND p.month >= DATE_FORMAT(t.week, '%%Y-%%m-01')"
              " AND p.month <= DATE_FORMAT(t.week + INTERVAL 6 DAY, '%%Y-%%m-01')" % sheet)
    assert int(got) >= int(one("SELECT minutes FROM timesheets WHERE id = %s" % sheet)), got
    # Corrected again: the first line at another position, the last line
    # gone — the days move from one position's rows to another's and
    # leave some months, in both summaries.
    # (He is in the unit's pool for that position too.)
    sql("INSERT IGNORE INTO pool (worker_user_id, unit_id, position, created_at) SELECT worker_user_id, unit_id,"
        " 'Heftruckchauffeur', UTC_TIMESTAMP() FROM timesheets WHERE id = %s" % sheet)
    page, fields = tt.form_of(c, path)
    rows = sorted(int(k[3:]) for k in fields if re.match(r"day\d+$", k) and fields[k])
    assert rows, fields
    fields["position%d" % rows[0]] = "Heftruckchauffeur"
    if len(rows) > 1:
        for f in ("entry", "day", "start", "end", "break", "remark", "position"):
            fields.pop("%s%d" % (f, rows[-1]), None)
    r = c.post(path, dict(fields, csrf=page.csrf(), reason="Andere functie"))
    assert r.status == 303, (r.status, tt.text_of(r.text)[-600:])
    r = portalctl("reports-verify")
    assert r.returncode == 0, r.stderr
    assert sql("SELECT COUNT(*) FROM report_presence_year y JOIN timesheets t ON t.worker_user_id = y.worker_user_id"
               " AND t.unit_id = y.unit_id AND y.year = YEAR(t.week) WHERE t.id = %s"
               " AND y.position = 'Heftruckchauffeur'" % sheet)[0][0] != "0"
    # A year row changed by hand is found too.
    sql("UPDATE report_presence_year SET m1 = m1 ^ 1 ORDER BY unit_id, year LIMIT 1")
    r = portalctl("reports-verify")
    assert r.returncode != 0 and "1 of hours" in r.stderr, r.stderr
    assert portalctl("reports-rebuild").returncode == 0
    # An import in between and the summaries still agree.
    fixture()
    r = portalctl("reports-verify")
    assert r.returncode == 0, r.stderr
    # A summary row changed by hand is found.
    sql("UPDATE report_invoiced SET amount_cents = amount_cents + 1 ORDER BY unit_id, month LIMIT 1")
    r = portalctl("reports-verify")
    assert r.returncode != 0 and "1 rows of invoiced amounts" in r.stderr, r.stderr
    assert portalctl("reports-rebuild").returncode == 0
    assert portalctl("reports-verify").returncode == 0


def test_the_client_report_against_hand_computed_figures():
    fixture()
    c = tt.as_user(FINANCE)
    r = report(c, "/reports/", unit=root(), **{"from": "2020-01", "to": "2020-04"})
    rows, total = rows_of(r.text)
    assert [row[0] for row in rows] == ["jan 2020", "feb 2020", "mrt 2020", "apr 2020"], rows
    # Invoiced, a year earlier, difference.
    assert [row[1:4] for row in rows] == [
        ["240,00", "0,00", ""],
        ["1.450,00", "480,00", "+202,1 %"],      # the leap day's invoice is February's
        ["-60,00", "0,00", ""],                 # the credit note
        ["0,00", "0,00", ""],                   # a month without work
    ], rows
    # Unique temp workers: B at two units on one day is one worker.
    assert [row[4:7] for row in rows] == [["0", "0", ""], ["2", "1", "+100,0 %"], ["0", "0", ""], ["0", "0", ""]]
    # At work per working day: February 2020 has 20 working days; A 5
    # (his Saturday does not count), B 2 (3 February once) → 0,35; a
    # year earlier A 2 of 20 → 0,10.
    assert [row[7:10] for row in rows] == [["0,00", "0,00", ""], ["0,35", "0,10", "+250,0 %"],
                                           ["0,00", "0,00", ""], ["0,00", "0,00", ""]], rows
    # The period: 7 worker-days over 87 working days, a year earlier 2
    # over 86.
    assert total == ["Totaal", "1.630,00", "480,00", "+239,6 %", "2", "1", "+100,0 %", "0,08", "0,02",
                     "+300,0 %"], total
    assert "<svg" in r.text and 'class="bar-now"' in r.text


def test_the_unit_subtree_and_the_position_filter():
    fixture()
    c = tt.as_user(FINANCE)
    rows, total = rows_of(report(c, "/reports/", unit=tt.unit(A2), **{"from": "2020-02", "to": "2020-02"}).text)
    assert rows[0][1] == "250,00" and rows[0][4] == "1" and rows[0][7] == "0,10", rows
    rows, total = rows_of(report(c, "/reports/", unit=root(), position="Orderpicker",
                                 **{"from": "2020-02", "to": "2020-02"}).text)
    assert rows[0][1] == "250,00" and rows[0][4] == "1", rows
    # The temp workers of the period: a row per unit and position.
    rows, total = rows_of(report(c, "/reports/workers", unit=root(), **{"from": "2020-01", "to": "2020-04"}).text)
    assert [r[1:] for r in rows] == [
        ["Orderpicker", A1, "2020-02-03", "2020-02-03", "1", "4,00"],
        ["Orderpicker", A2, "2020-02-03", "2020-02-04", "2", "8,00"],
        ["Inpakker", A1, "2020-02-03", "2020-02-08", "6", "48,00"],
    ], rows
    assert total[-2:] == ["9", "60,00"], total


def test_the_invoice_reports_in_detail_and_per_month_invoice_and_worker():
    f = fixture()
    c = tt.as_user(FINANCE)
    q = {"unit": root(), "from": "2020-01", "to": "2020-04"}
    rows, total = rows_of(report(c, "/reports/invoices", **q).text)
    assert [(r[0], r[1], r[2], r[8], r[9], r[10], r[11]) for r in rows] == [
        (f["numbers"][0], "2020-01-15", "Factuur", "8,00", "30,00", "240,00", "50,40"),
        (f["numbers"][1], "2020-02-29", "Factuur", "40,00", "30,00", "1.200,00", "252,00"),
        (f["numbers"][1], "2020-02-29", "Factuur", "10,00", "25,00", "250,00", "52,50"),
        (f["numbers"][3], "2020-03-10", "Creditnota", "-2,00", "30,00", "-60,00", "-12,60"),
    ], rows
    assert total[8] == "56,00" and total[10] == "1.630,00" and total[11] == "342,30" and total[12] == "1.972,30"
    rows, total = rows_of(report(c, "/reports/hours", by="month", **q).text)
    assert [r[:4] for r in rows] == [["jan 2020", "1", "8,00", "240,00"], ["feb 2020", "2", "50,00", "1.450,00"],
                                     ["mrt 2020", "1", "-2,00", "-60,00"], ["apr 2020", "0", "0,00", "0,00"]]
    rows, total = rows_of(report(c, "/reports/hours", by="invoice", **q).text)
    assert [r[0] for r in rows] == [f["numbers"][0], f["numbers"][1], f["numbers"][3]]
    assert [r[3:5] for r in rows] == [["8,00", "240,00"], ["50,00", "1.450,00"], ["-2,00", "-60,00"]]
    rows, total = rows_of(report(c, "/reports/hours", by="worker", **q).text)
    assert [r[0] for r in rows] == ["Lisa Maes", "Jan Willems"], rows
    assert [r[2:4] for r in rows] == [["10,00", "250,00"], ["46,00", "1.380,00"]], rows
    # In English the same figures are written the English way.
    en, _ = login(FINANCE)
    try:
        assert en.post("/account/lang", {"csrf": en.get("/account").csrf(), "lang": "en"}).status == 303
        rows, total = rows_of(report(en, "/reports/hours", by="month", **q).text)
        assert rows[1][:4] == ["Feb 2020", "2", "50.00", "1,450.00"], rows
    finally:
        sql("UPDATE users SET lang = 'nl' WHERE email = '%s'" % FINANCE)


def test_the_screen_the_csv_and_the_workbook_show_the_same_numbers():
    fixture()
    c = tt.as_user(FINANCE)
    q = {"unit": root(), "from": "2020-01", "to": "2020-04"}
    for path in ("/reports/", "/reports/invoices", "/reports/workers", "/reports/hours"):
        rows, total = rows_of(report(c, path, **q).text)
        base = "/reports/client" if path == "/reports/" else path
        r = report(c, base + ".csv", **q)
        assert r.header("Content-Type").startswith("text/csv")
        lines = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
        head, body = lines[0], lines[1:]
        assert len(body) == len(rows) + (1 if total else 0), (path, len(body), len(rows))
        r = report(c, base + ".xlsx", **q)
        wb = openpyxl.load_workbook(io.BytesIO(r.body))
        ws = wb.active
        sheet = [list(row) for row in ws.iter_rows(values_only=True)]
        assert [str(h) for h in sheet[0]] == head, (sheet[0], head)
        cached = openpyxl.load_workbook(io.BytesIO(r.body), data_only=False).active
        for i, row in enumerate(rows + ([total] if total else [])):
            for j, shown in enumerate(row):
                n = nl_number(shown) if re.match(r"^[+-]?[\d.]+(,\d+)?( %)?$", shown) else None
                if n is None:
                    continue
                in_csv = float(body[i][j])
                cell = sheet[i + 1][j]
                if isinstance(cell, str) and cell.startswith("="):
                    # A total as a formula: its range is the column above.
                    assert cell == "=SUM(%s2:%s%d)" % ((chr(65 + j),) * 2 + (len(rows) + 1,)), cell
                    continue
                in_xlsx = cell * 100 if shown.endswith("%") else cell
                assert abs(in_csv - n) < 1e-9, (path, i, j, shown, body[i][j])
                assert abs(in_xlsx - n) < 1e-9, (path, i, j, shown, cell)
        del cached
    # Dates are dates in the workbook, amounts numbers with two decimals.
    r = report(c, "/reports/invoices.xlsx", **q)
    ws = openpyxl.load_workbook(io.BytesIO(r.body)).active
    assert isinstance(ws["B2"].value, datetime.datetime) and ws["B2"].value.date() == datetime.date(2020, 1, 15)
    assert ws["K2"].value == 240 and ws["K2"].number_format == "#,##0.00"
    assert ws.column_dimensions["D"].width > 20
    last = ws.max_row
    assert ws["K%d" % last].value == "=SUM(K2:K%d)" % (last - 1)


def test_who_sees_which_report():
    fixture()
    q = "unit=%s&from=2020-01&to=2020-04" % root()
    # The HR manager holds report.view on his site only: the client-wide
    # report and any other client's are not his; his site's is.
    hr = tt.as_user("hr.manager@klant.example")
    assert hr.get("/reports/?" + q).status == 404
    site = one("SELECT id FROM org_units WHERE name = 'Vestiging Rotterdam'")
    assert hr.get("/reports/?unit=%s&from=2020-01&to=2020-04" % site).status == 200
    assert hr.get("/reports/invoices?unit=%s" % site).status in (403, 404)
    assert hr.get("/reports/?unit=%s" % root("Andere Klant BV")).status == 404
    # Without report.view anywhere: not even the page.
    assert tt.as_user("planner@klant.example").get("/reports/").status in (403, 404)
    # The other client's planner never sees Klant NV's figures.
    assert tt.as_user("planner@andereklant.example").get("/reports/?" + q).status in (403, 404)
    # Finance at the client's root sees it all, the agency too.
    assert tt.as_user(FINANCE).get("/reports/invoices.xlsx?" + q).status == 200
    assert tt.as_user("consultant@uitzendbureau.example").get("/reports/?" + q).status == 200


def options_of(html, name):
    """The (value, text) of the options of the select named name."""
    m = re.search(r'<select[^>]*name="%s"[^>]*>(.*?)</select>' % name, html, re.S)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', m.group(1)) if m else []


def test_a_report_offers_its_clients_units_and_the_other_clients_on_a_page_of_their_own():
    q = "from=2020-01&to=2020-04"
    klant, andere = root(), root("Andere Klant BV")
    units = {r[0] for r in sql("SELECT id FROM org_units WHERE client_id = %s AND archived_at IS NULL"
                               % client_id())}
    admin = tt.as_user("admin@uitzendbureau.example")
    r = admin.get("/reports/?unit=%s&%s" % (klant, q))
    assert r.status == 200
    # The units of this client only, however many clients the agency has.
    assert {v for v, _ in options_of(r.text, "unit")} == units, options_of(r.text, "unit")
    assert "Team Gent 1" not in r.text
    link = re.search(r'href="(/reports/clients\?[^"]+)"', r.text)
    assert link, "no way to another client"
    assert "report=client" in link.group(1) and "from=2020-01" in link.group(1) and "to=2020-04" in link.group(1)
    # The other clients, by name; each opens the same report and period.
    r = admin.get(link.group(1).replace("&amp;", "&") + "&q=andere")
    assert r.status == 200
    assert 'href="/reports/?unit=%s&amp;from=2020-01&amp;to=2020-04"' % andere in r.text, r.text[-1500:]
    assert "/reports/?unit=%s&" % klant not in r.text
    r = admin.get("/reports/clients?report=hours&from=2020-01&to=2020-04&by=worker")
    assert r.status == 200
    assert 'href="/reports/hours?unit=%s&amp;from=2020-01&amp;to=2020-04&amp;by=worker"' % andere in r.text
    # The consultant holds her role at Klant NV alone: nothing to choose.
    consultant = tt.as_user("consultant@uitzendbureau.example")
    r = consultant.get("/reports/?unit=%s&%s" % (klant, q))
    assert r.status == 200 and "/reports/clients" not in r.text
    r = consultant.get("/reports/clients")
    assert r.status == 200 and "/reports/?unit=%s" % klant in r.text and "unit=%s" % andere not in r.text
    # The HR manager's units start at his site, not indented below the
    # client he cannot open; the invoice reports are not his to choose.
    hr = tt.as_user("hr.manager@klant.example")
    site = one("SELECT id FROM org_units WHERE name = 'Vestiging Rotterdam'")
    opts = options_of(hr.get("/reports/?unit=%s&%s" % (site, q)).text, "unit")
    assert opts and opts[0] == (str(site), "Vestiging Rotterdam"), opts
    assert all(t.startswith("— ") for _, t in opts[1:]), opts
    assert hr.get("/reports/clients?report=invoices").status == 404
    # Bad input: a message, not a list of everything.
    r = admin.get("/reports/clients?report=nonsense&page=9223372036854775807")
    assert r.status == 422 and "/reports/?unit=" not in r.text, r.status
    assert tt.as_user("planner@klant.example").get("/reports/clients").status == 404


def test_a_bad_period_keeps_the_form_with_a_message():
    c = tt.as_user(FINANCE)
    r = c.get("/reports/?unit=%s&from=2020-05&to=2020-01" % root())
    assert r.status == 422 and 'aria-invalid="true"' in r.text and "voor het begin" in r.text
    assert 'value="2020-05"' in r.text, "the user's input is gone"
    r = c.get("/reports/?unit=%s&from=2020-13&to=2020-01" % root())
    assert r.status == 422 and "geldige maand" in r.text
    assert c.get("/reports/client.csv?unit=%s&from=2020-05&to=2020-01" % root()).status == 400
    r = c.get("/reports/?unit=%s&from=2000-01&to=2020-01" % root())
    assert r.status == 422 and "120" in r.text
    # Month fields emptied: the last twelve months.
    r = c.get("/reports/?unit=%s&from=&to=&position=" % root())
    assert r.status == 200 and r.text.count("<tr>") >= 13
    r = c.get("/reports/?unit=%s&from=2020-01&to=" % root())
    assert r.status == 422 and 'id="e-to"' in r.text
    # The agency's root is no client's report.
    agency = one("SELECT id FROM org_units WHERE kind = 'agency'")
    assert tt.as_user("admin@uitzendbureau.example").get("/reports/?unit=%s" % agency).status == 404


if __name__ == "__main__":
    run(globals())
