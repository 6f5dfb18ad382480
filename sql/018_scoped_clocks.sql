-- 018_scoped_clocks.sql: a generation per client instead of one for all.
-- A clock row is (name, scope): scope is a client's id (org_units.client_id),
-- 0 for the agency's own units. A change moves the rows of the clients
-- whose pages show it, and no other: a shift its own client's, and that of
-- every client whose pool holds its worker (their week views show him busy);
-- a worker's availability or name the clients of his pools; a vacancy, its
-- candidates and their steps, slots and remarks the vacancy's client. So a
-- planner at one client never waits for a commit at another, and a write at
-- one client leaves every other client's kept pages alone. The rows exist
-- from the client's creation on (a trigger below), so that every trigger
-- only moves rows. A trigger finds the clients first and then their rows
-- by key (STRAIGHT_JOIN: scanning the clocks instead would lock every row
-- it passes). See lib/cache.c.
DROP TRIGGER IF EXISTS shifts_clock_i;
DROP TRIGGER IF EXISTS shifts_clock_u;
DROP TRIGGER IF EXISTS shifts_clock_d;
DROP TRIGGER IF EXISTS availability_week_clock_i;
DROP TRIGGER IF EXISTS availability_week_clock_u;
DROP TRIGGER IF EXISTS availability_week_clock_d;
DROP TRIGGER IF EXISTS availability_days_clock_i;
DROP TRIGGER IF EXISTS availability_days_clock_u;
DROP TRIGGER IF EXISTS availability_days_clock_d;
DROP TRIGGER IF EXISTS pool_clock_i;
DROP TRIGGER IF EXISTS pool_clock_u;
DROP TRIGGER IF EXISTS pool_clock_d;
DROP TRIGGER IF EXISTS worker_skills_clock_i;
DROP TRIGGER IF EXISTS worker_skills_clock_u;
DROP TRIGGER IF EXISTS worker_skills_clock_d;
DROP TRIGGER IF EXISTS users_clock_u;
DROP TRIGGER IF EXISTS users_clock_d;
DROP TRIGGER IF EXISTS org_units_clock_i;
DROP TRIGGER IF EXISTS org_units_clock_u;
DROP TRIGGER IF EXISTS org_units_clock_d;
DROP TRIGGER IF EXISTS clients_clock_u;
DROP TRIGGER IF EXISTS vacancies_clock_i;
DROP TRIGGER IF EXISTS vacancies_clock_u;
DROP TRIGGER IF EXISTS vacancies_clock_d;
DROP TRIGGER IF EXISTS candidates_clock_i;
DROP TRIGGER IF EXISTS candidates_clock_u;
DROP TRIGGER IF EXISTS candidates_clock_d;
DROP TRIGGER IF EXISTS candidate_events_clock_i;
DROP TRIGGER IF EXISTS candidate_events_clock_u;
DROP TRIGGER IF EXISTS candidate_events_clock_d;
DROP TRIGGER IF EXISTS candidate_slots_clock_i;
DROP TRIGGER IF EXISTS candidate_slots_clock_u;
DROP TRIGGER IF EXISTS candidate_slots_clock_d;
DROP TRIGGER IF EXISTS candidate_comments_clock_i;
DROP TRIGGER IF EXISTS candidate_comments_clock_u;
DROP TRIGGER IF EXISTS candidate_comments_clock_d;

DELETE FROM clocks;
ALTER TABLE clocks
  DROP PRIMARY KEY,
  ADD COLUMN scope BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER name,
  ADD PRIMARY KEY (name, scope),
  -- The session's statement reads the clocks of the user's client.
  ADD KEY clocks_scope (scope);
INSERT INTO clocks (name, scope, gen)
  SELECT k.name, s.scope, 1 FROM (SELECT 'planning' AS name UNION SELECT 'vacancies') k
  JOIN (SELECT 0 AS scope UNION SELECT id FROM clients) s;

CREATE TRIGGER clients_clock_i AFTER INSERT ON clients FOR EACH ROW
  INSERT INTO clocks (name, scope, gen) VALUES ('planning', NEW.id, 1), ('vacancies', NEW.id, 1);
CREATE TRIGGER clients_clock_u AFTER UPDATE ON clients FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name IN ('planning', 'vacancies') AND scope = NEW.id
    AND NOT (NEW.name <=> OLD.name AND NEW.status <=> OLD.status);

-- Planning: the shift's client, and the clients whose pools hold its worker.
CREATE TRIGGER shifts_clock_i AFTER INSERT ON shifts FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM org_units o WHERE o.id = NEW.unit_id
    UNION SELECT COALESCE(o.client_id, 0) FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id = NEW.worker_user_id) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER shifts_clock_u AFTER UPDATE ON shifts FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM org_units o WHERE o.id IN (NEW.unit_id, OLD.unit_id)
    UNION SELECT COALESCE(o.client_id, 0) FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id IN (NEW.worker_user_id, OLD.worker_user_id)) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER shifts_clock_d AFTER DELETE ON shifts FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM org_units o WHERE o.id = OLD.unit_id
    UNION SELECT COALESCE(o.client_id, 0) FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id = OLD.worker_user_id) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;

-- A worker's availability: the clients of his pools.
CREATE TRIGGER availability_week_clock_i AFTER INSERT ON availability_week FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id = NEW.worker_user_id) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER availability_week_clock_u AFTER UPDATE ON availability_week FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id IN (NEW.worker_user_id, OLD.worker_user_id)) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER availability_week_clock_d AFTER DELETE ON availability_week FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id = OLD.worker_user_id) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER availability_days_clock_i AFTER INSERT ON availability_days FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id = NEW.worker_user_id) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER availability_days_clock_u AFTER UPDATE ON availability_days FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id IN (NEW.worker_user_id, OLD.worker_user_id)) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER availability_days_clock_d AFTER DELETE ON availability_days FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id = OLD.worker_user_id) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;

-- A pool: its unit's client (and, when a worker joins or leaves, the week
-- views that show him busy there are that same client's).
CREATE TRIGGER pool_clock_i AFTER INSERT ON pool FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM org_units o WHERE o.id = NEW.unit_id) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER pool_clock_u AFTER UPDATE ON pool FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM org_units o WHERE o.id IN (NEW.unit_id, OLD.unit_id)) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER pool_clock_d AFTER DELETE ON pool FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM org_units o WHERE o.id = OLD.unit_id) x STRAIGHT_JOIN clocks k ON k.name = 'planning' AND k.scope = x.s
  SET k.gen = k.gen + 1;

-- A worker's positions are per client.
CREATE TRIGGER worker_skills_clock_i AFTER INSERT ON worker_skills FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning' AND scope = COALESCE(NEW.client_id, 0);
CREATE TRIGGER worker_skills_clock_u AFTER UPDATE ON worker_skills FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning'
    AND scope IN (COALESCE(NEW.client_id, 0), COALESCE(OLD.client_id, 0));
CREATE TRIGGER worker_skills_clock_d AFTER DELETE ON worker_skills FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning' AND scope = COALESCE(OLD.client_id, 0);

-- A person's name or status: the clients that show it — a client user's
-- own, a worker's pools (planning) and the vacancies he is a candidate
-- for. The agency's staff act on the boards of every client (events,
-- remarks): their rename, a rare thing, moves every client's vacancies.
CREATE TRIGGER users_clock_u AFTER UPDATE ON users FOR EACH ROW
  UPDATE (SELECT n, s FROM (
    SELECT 'planning' AS n, COALESCE(NEW.client_id, 0) AS s FROM DUAL WHERE NEW.kind = 'client'
    UNION SELECT 'vacancies', COALESCE(NEW.client_id, 0) FROM DUAL WHERE NEW.kind = 'client'
    UNION SELECT 'planning', COALESCE(o.client_id, 0) FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id = NEW.id
    UNION SELECT 'vacancies', COALESCE(o.client_id, 0) FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.worker_id = NEW.id
    UNION SELECT 'vacancies', id FROM clients WHERE NEW.kind = 'agency'
    UNION SELECT 'vacancies', 0 FROM DUAL WHERE NEW.kind = 'agency') u
    -- Nothing at all for the updates of every login (its time): no row locked.
    WHERE NOT (NEW.first_name <=> OLD.first_name AND NEW.last_name <=> OLD.last_name
      AND NEW.status <=> OLD.status)) x STRAIGHT_JOIN clocks k ON k.name = x.n AND k.scope = x.s
  SET k.gen = k.gen + 1;
-- Before the delete: its cascades remove the pool rows that say where.
CREATE TRIGGER users_clock_d BEFORE DELETE ON users FOR EACH ROW
  UPDATE (
    SELECT 'planning' AS n, COALESCE(OLD.client_id, 0) AS s FROM DUAL
    UNION SELECT 'vacancies', COALESCE(OLD.client_id, 0) FROM DUAL
    UNION SELECT 'planning', COALESCE(o.client_id, 0) FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id = OLD.id
    UNION SELECT 'vacancies', COALESCE(o.client_id, 0) FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.worker_id = OLD.id) x STRAIGHT_JOIN clocks k ON k.name = x.n AND k.scope = x.s
  SET k.gen = k.gen + 1;

-- A unit (its name, place, zone, archiving; one added or removed changes
-- the units a user chooses from): its client.
CREATE TRIGGER org_units_clock_i AFTER INSERT ON org_units FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name IN ('planning', 'vacancies') AND scope = COALESCE(NEW.client_id, 0);
CREATE TRIGGER org_units_clock_u AFTER UPDATE ON org_units FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name IN ('planning', 'vacancies')
    AND scope IN (COALESCE(NEW.client_id, 0), COALESCE(OLD.client_id, 0)) AND NOT (NEW.name <=> OLD.name
    AND NEW.path <=> OLD.path AND NEW.archived_at <=> OLD.archived_at AND NEW.time_zone <=> OLD.time_zone);
CREATE TRIGGER org_units_clock_d AFTER DELETE ON org_units FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name IN ('planning', 'vacancies') AND scope = COALESCE(OLD.client_id, 0);

-- Vacancies: the vacancy's client; candidates and what hangs from them
-- through their vacancy.
CREATE TRIGGER vacancies_clock_i AFTER INSERT ON vacancies FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM org_units o WHERE o.id = NEW.unit_id) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER vacancies_clock_u AFTER UPDATE ON vacancies FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM org_units o WHERE o.id IN (NEW.unit_id, OLD.unit_id)) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER vacancies_clock_d AFTER DELETE ON vacancies FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM org_units o WHERE o.id = OLD.unit_id) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidates_clock_i AFTER INSERT ON candidates FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM vacancies v JOIN org_units o ON o.id = v.unit_id
      WHERE v.id = NEW.vacancy_id) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidates_clock_u AFTER UPDATE ON candidates FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM vacancies v JOIN org_units o ON o.id = v.unit_id
      WHERE v.id IN (NEW.vacancy_id, OLD.vacancy_id)) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidates_clock_d AFTER DELETE ON candidates FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM vacancies v JOIN org_units o ON o.id = v.unit_id
      WHERE v.id = OLD.vacancy_id) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidate_events_clock_i AFTER INSERT ON candidate_events FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.id = NEW.candidate_id) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidate_events_clock_u AFTER UPDATE ON candidate_events FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.id IN (NEW.candidate_id, OLD.candidate_id)) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidate_events_clock_d AFTER DELETE ON candidate_events FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.id = OLD.candidate_id) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidate_slots_clock_i AFTER INSERT ON candidate_slots FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.id = NEW.candidate_id) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidate_slots_clock_u AFTER UPDATE ON candidate_slots FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.id IN (NEW.candidate_id, OLD.candidate_id)) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidate_slots_clock_d AFTER DELETE ON candidate_slots FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.id = OLD.candidate_id) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidate_comments_clock_i AFTER INSERT ON candidate_comments FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.id = NEW.candidate_id) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidate_comments_clock_u AFTER UPDATE ON candidate_comments FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.id IN (NEW.candidate_id, OLD.candidate_id)) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
CREATE TRIGGER candidate_comments_clock_d AFTER DELETE ON candidate_comments FOR EACH ROW
  UPDATE (
    SELECT COALESCE(o.client_id, 0) AS s FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.id = OLD.candidate_id) x STRAIGHT_JOIN clocks k ON k.name = 'vacancies' AND k.scope = x.s
  SET k.gen = k.gen + 1;
