-- 013_clocks.sql: a generation per kind of data that pages are kept for.
-- Triggers move the planning clock on every change of what a week view
-- shows (shifts, availability, pools, skills, a worker's name or status, a
-- unit's name, place, zone or archiving), in the changing transaction: a
-- page kept at generation n shows the data as it was at n. See lib/cache.c.
CREATE TABLE clocks (
  name VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  gen BIGINT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO clocks (name, gen) VALUES ('planning', 0);

CREATE TRIGGER shifts_clock_i AFTER INSERT ON shifts FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER shifts_clock_u AFTER UPDATE ON shifts FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER shifts_clock_d AFTER DELETE ON shifts FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER availability_week_clock_i AFTER INSERT ON availability_week FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER availability_week_clock_u AFTER UPDATE ON availability_week FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER availability_week_clock_d AFTER DELETE ON availability_week FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER availability_days_clock_i AFTER INSERT ON availability_days FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER availability_days_clock_u AFTER UPDATE ON availability_days FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER availability_days_clock_d AFTER DELETE ON availability_days FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER pool_clock_i AFTER INSERT ON pool FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER pool_clock_u AFTER UPDATE ON pool FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER pool_clock_d AFTER DELETE ON pool FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER worker_skills_clock_i AFTER INSERT ON worker_skills FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER worker_skills_clock_u AFTER UPDATE ON worker_skills FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER worker_skills_clock_d AFTER DELETE ON worker_skills FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';

CREATE TRIGGER users_clock_u AFTER UPDATE ON users FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning' AND NOT (NEW.first_name <=> OLD.first_name
    AND NEW.last_name <=> OLD.last_name AND NEW.status <=> OLD.status);
CREATE TRIGGER users_clock_d AFTER DELETE ON users FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning';
CREATE TRIGGER org_units_clock_u AFTER UPDATE ON org_units FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'planning' AND NOT (NEW.name <=> OLD.name
    AND NEW.path <=> OLD.path AND NEW.archived_at <=> OLD.archived_at AND NEW.time_zone <=> OLD.time_zone);
