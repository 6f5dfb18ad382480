-- 014_vacancy_clock.sql: the clock of what the vacancy pages show (lists
-- and boards): vacancies, their candidates with their steps, times and
-- remarks, and the names of units, clients and people. As 013 for the planning.
INSERT INTO clocks (name, gen) VALUES ('vacancies', 0);

CREATE TRIGGER vacancies_clock_i AFTER INSERT ON vacancies FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER vacancies_clock_u AFTER UPDATE ON vacancies FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER vacancies_clock_d AFTER DELETE ON vacancies FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidates_clock_i AFTER INSERT ON candidates FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidates_clock_u AFTER UPDATE ON candidates FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidates_clock_d AFTER DELETE ON candidates FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidate_events_clock_i AFTER INSERT ON candidate_events FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidate_events_clock_u AFTER UPDATE ON candidate_events FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidate_events_clock_d AFTER DELETE ON candidate_events FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidate_slots_clock_i AFTER INSERT ON candidate_slots FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidate_slots_clock_u AFTER UPDATE ON candidate_slots FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidate_slots_clock_d AFTER DELETE ON candidate_slots FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidate_comments_clock_i AFTER INSERT ON candidate_comments FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidate_comments_clock_u AFTER UPDATE ON candidate_comments FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER candidate_comments_clock_d AFTER DELETE ON candidate_comments FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies';

CREATE TRIGGER clients_clock_u AFTER UPDATE ON clients FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name = 'vacancies' AND NOT (NEW.name <=> OLD.name);
DROP TRIGGER org_units_clock_u;
CREATE TRIGGER org_units_clock_u AFTER UPDATE ON org_units FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name IN ('planning', 'vacancies') AND NOT (NEW.name <=> OLD.name
    AND NEW.path <=> OLD.path AND NEW.archived_at <=> OLD.archived_at AND NEW.time_zone <=> OLD.time_zone);
DROP TRIGGER users_clock_u;
CREATE TRIGGER users_clock_u AFTER UPDATE ON users FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name IN ('planning', 'vacancies') AND NOT (NEW.first_name <=> OLD.first_name
    AND NEW.last_name <=> OLD.last_name AND NEW.status <=> OLD.status);
-- A new unit (or one removed) changes the units a user chooses from.
CREATE TRIGGER org_units_clock_i AFTER INSERT ON org_units FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name IN ('planning', 'vacancies');
CREATE TRIGGER org_units_clock_d AFTER DELETE ON org_units FOR EACH ROW
  UPDATE clocks SET gen = gen + 1 WHERE name IN ('planning', 'vacancies');
