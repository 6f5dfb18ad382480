-- 006_vacancies.sql: vacancies of a client's unit, the time each spends in
-- a state, and the candidates proposed to them.

CREATE TABLE vacancies (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT UNSIGNED NOT NULL,
  title VARCHAR(200) NOT NULL,
  position VARCHAR(200) NOT NULL,
  description TEXT NOT NULL,
  work_location VARCHAR(200) NOT NULL DEFAULT '',
  hours_per_week DECIMAL(4,1) NOT NULL,
  shift_pattern ENUM('day', 'two_shift', 'three_shift', 'night', 'weekend', 'flexible')
    NOT NULL DEFAULT 'day',
  start_date DATE NOT NULL,
  end_date DATE NULL,
  positions INT UNSIGNED NOT NULL DEFAULT 1,
  skills VARCHAR(500) NOT NULL DEFAULT '',
  languages VARCHAR(200) NOT NULL DEFAULT '',
  state ENUM('draft', 'open', 'on_hold', 'filled', 'closed') NOT NULL DEFAULT 'draft',
  -- A code of Vacancies.CloseReasons, when closed.
  close_reason VARCHAR(32) CHARACTER SET ascii NULL,
  -- How often it was opened: names the notification of each opening.
  openings INT UNSIGNED NOT NULL DEFAULT 0,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  state_changed_at DATETIME NOT NULL,
  KEY vacancies_unit_state (unit_id, state),
  KEY vacancies_listing (state, created_at),
  KEY vacancies_start (start_date),
  CONSTRAINT vacancies_unit_fk FOREIGN KEY (unit_id) REFERENCES org_units (id),
  CONSTRAINT vacancies_creator_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every state a vacancy entered and when: the time spent in a state is
-- the gap to the next row (or to now).
CREATE TABLE vacancy_events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  vacancy_id BIGINT UNSIGNED NOT NULL,
  state ENUM('draft', 'open', 'on_hold', 'filled', 'closed') NOT NULL,
  actor BIGINT UNSIGNED NULL,
  at DATETIME NOT NULL,
  note VARCHAR(500) NULL,
  KEY vacancy_events_vacancy (vacancy_id, at, id),
  CONSTRAINT vacancy_events_vacancy_fk FOREIGN KEY (vacancy_id) REFERENCES vacancies (id),
  CONSTRAINT vacancy_events_actor_fk FOREIGN KEY (actor) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A person proposed to a vacancy: a temp worker with a login, or someone
-- new known by name and contact only.
CREATE TABLE candidates (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  vacancy_id BIGINT UNSIGNED NOT NULL,
  worker_id BIGINT UNSIGNED NULL,
  name VARCHAR(200) NULL,
  contact VARCHAR(254) NULL,
  cv_document_id BIGINT UNSIGNED NULL,
  proposal TEXT NOT NULL,
  anonymised TINYINT(1) NOT NULL DEFAULT 0,
  state ENUM('proposed', 'interview', 'accepted', 'rejected', 'withdrawn') NOT NULL DEFAULT 'proposed',
  -- A code of Vacancies.RejectReasons, and the decider's own words.
  reason_code VARCHAR(32) CHARACTER SET ascii NULL,
  reason_text VARCHAR(1000) NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  state_changed_at DATETIME NOT NULL,
  KEY candidates_vacancy_state (vacancy_id, state),
  KEY candidates_worker (worker_id),
  CONSTRAINT candidates_vacancy_fk FOREIGN KEY (vacancy_id) REFERENCES vacancies (id),
  CONSTRAINT candidates_worker_fk FOREIGN KEY (worker_id) REFERENCES users (id),
  CONSTRAINT candidates_cv_fk FOREIGN KEY (cv_document_id) REFERENCES documents (id),
  CONSTRAINT candidates_creator_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
