-- 033_waiting.sql: the dashboard counts, in a user's part of the
-- organisation, the shifts still to publish and those the back-office
-- refused — each unit's few of a state, not all its shifts to come.
ALTER TABLE shifts ADD KEY shifts_unit_state (unit_id, state, starts_at);
