-- 034_timesheet_sent.sql: after a bulk approval, the list follows the
-- versions its supervisor made from that second on to the back-office —
-- his own few, not every version of the client.
ALTER TABLE timesheet_versions ADD KEY timesheet_versions_made (made_by, made_at);
