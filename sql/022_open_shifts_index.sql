-- 022_open_shifts_index.sql: the open shifts of a unit (no worker yet) of
-- a week, found without reading its other shifts: the week and day views
-- and the open shifts temp workers may take read them on every page.
ALTER TABLE shifts ADD KEY shifts_unit_open (unit_id, worker_user_id, starts_at);
