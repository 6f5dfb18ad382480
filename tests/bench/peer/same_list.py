#!/usr/bin/python3
"""same_list.py: do both approval lists show the same weeks? For make bench.

    same_list.py LABEL PORTAL.html PEER.html

Reads the rows of the table.data of each page: the box's value (or none),
the timesheet the name links to, the worker's name, the week, the unit and
position, the hours and the state (its class); and the counts above the
table, in the order shown (submitted, approved, rejected). Words are left
out: the two speak different languages. Prints what it compared; exits 1
with the first difference when there is one.
"""
import re
import sys
from html.parser import HTMLParser

SHEET = re.compile(r"/timesheets/(\d+)$")


class List(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = []      # [box, sheet, name, week, unit, position, hours, state]
        self.counts = None  # the numbers of the first p.muted.small that has any
        self.in_table = self.in_body = False
        self.in_counts = self.in_strong = False
        self.found, self.text = [], ""
        self.cell = None    # the open cell's index in the row
        self.field = None   # where the text read goes: an index of the row

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "p" and cls == ["muted", "small"] and self.counts is None:
            self.in_counts, self.found = True, []
        elif tag == "strong" and self.in_counts:
            self.in_strong, self.text = True, ""
        elif tag == "table" and "data" in cls:
            self.in_table = True
        elif not self.in_table:
            return
        elif tag == "tbody":
            self.in_body = True
        elif not self.in_body:
            return
        elif tag == "tr":
            self.rows.append(["", "", "", "", "", "", "", ""])
            self.cell = -1
        elif tag == "td":
            self.cell += 1
            # pick, worker, week, unit (and position), hours, state
            self.field = {1: 2, 2: 3, 3: 4, 4: 6}.get(self.cell)
        elif tag == "input" and a.get("name") == "sheet":
            self.rows[-1][0] = a.get("value") or ""
        elif tag == "a" and self.cell == 1:
            m = SHEET.search(a.get("href") or "")
            self.rows[-1][1] = m.group(1) if m else "?"
        elif tag == "span" and self.cell == 3 and "muted" in cls:
            self.field = 5
        elif tag == "span" and self.cell == 5 and "badge" in cls:
            self.rows[-1][7] = next((c[len("state-"):] for c in cls if c.startswith("state-")), "?")

    def handle_endtag(self, tag):
        if tag == "strong" and self.in_strong:
            self.found.append(self.text.strip())
            self.in_strong = False
        elif tag == "p" and self.in_counts:
            self.in_counts = False
            if self.found:
                self.counts = self.found
        elif tag == "tbody" and self.in_body:
            self.in_body = self.in_table = False
        elif tag == "td":
            self.field = None

    def handle_data(self, data):
        if self.in_strong:
            self.text += data
        elif self.in_body and self.field is not None:
            row = self.rows[-1]
            row[self.field] = " ".join((row[self.field] + data).split())


def read(path):
    p = List()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p


def main():
    label, portal, peer = sys.argv[1], read(sys.argv[2]), read(sys.argv[3])
    if not portal.rows:
        print(f"same_list.py: {label}: the portal's page shows no rows", file=sys.stderr)
        return 1
    if portal.counts != peer.counts:
        print(f"same_list.py: {label}: the counts per state differ:\n"
              f"  portal: {portal.counts}\n  peer:   {peer.counts}", file=sys.stderr)
        return 1
    for i in range(max(len(portal.rows), len(peer.rows))):
        a = portal.rows[i] if i < len(portal.rows) else None
        b = peer.rows[i] if i < len(peer.rows) else None
        if a != b:
            print(f"same_list.py: {label}: the portal's list and the peer's differ at row {i + 1}"
                  f" (of {len(portal.rows)} and {len(peer.rows)}):\n  portal: {a}\n  peer:   {b}",
                  file=sys.stderr)
            return 1
    boxes = sum(1 for r in portal.rows if r[0])
    weeks = sorted({r[3] for r in portal.rows})
    print(f"same list, {label}: {len(portal.rows)} rows ({boxes} to tick, weeks {', '.join(weeks)}),"
          f" counts per state {' / '.join(portal.counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
