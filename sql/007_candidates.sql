-- 007_candidates.sql: what a proposal goes through — its steps, the interview
-- slots a client offers — and the client's pool of accepted temp workers.

-- A new candidate's phone number; candidates.contact holds the e-mail.
-- revealed_at: when the client first asked for an interview, from which
-- moment an anonymised candidate's name and contact are shown to the client.
ALTER TABLE candidates
  ADD COLUMN phone VARCHAR(40) NULL AFTER contact,
  ADD COLUMN revealed_at DATETIME NULL AFTER anonymised,
  ADD COLUMN interview_at DATETIME NULL AFTER revealed_at,
  ADD COLUMN decided_by BIGINT UNSIGNED NULL AFTER reason_text,
  ADD CONSTRAINT candidates_decider_fk FOREIGN KEY (decided_by) REFERENCES users (id);

-- A CV ends with its retention period: the proposal stays, without a CV.
ALTER TABLE candidates DROP FOREIGN KEY candidates_cv_fk;
ALTER TABLE candidates ADD CONSTRAINT candidates_cv_fk FOREIGN KEY (cv_document_id)
  REFERENCES documents (id) ON DELETE SET NULL;

-- Every step of a proposal, who took it and when: the candidate's timeline.
CREATE TABLE candidate_events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  candidate_id BIGINT UNSIGNED NOT NULL,
  step ENUM('proposed', 'interview', 'confirmed', 'accepted', 'rejected', 'withdrawn') NOT NULL,
  actor BIGINT UNSIGNED NULL,
  at DATETIME NOT NULL,
  note VARCHAR(1000) NULL,
  KEY candidate_events_candidate (candidate_id, at, id),
  CONSTRAINT candidate_events_candidate_fk FOREIGN KEY (candidate_id) REFERENCES candidates (id),
  CONSTRAINT candidate_events_actor_fk FOREIGN KEY (actor) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The times a client offers for an interview (1 to 3), as the client's
-- local wall-clock time; the consultant confirms one.
CREATE TABLE candidate_slots (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  candidate_id BIGINT UNSIGNED NOT NULL,
  starts_at DATETIME NOT NULL,
  chosen TINYINT(1) NOT NULL DEFAULT 0,
  KEY candidate_slots_candidate (candidate_id, starts_at),
  CONSTRAINT candidate_slots_candidate_fk FOREIGN KEY (candidate_id) REFERENCES candidates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Temp workers a client has taken on for a unit and position: the first
-- to ask when the next shift of that kind is planned.
CREATE TABLE pool (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  worker_user_id BIGINT UNSIGNED NOT NULL,
  unit_id BIGINT UNSIGNED NOT NULL,
  position VARCHAR(200) NOT NULL,
  source ENUM('vacancy') NOT NULL DEFAULT 'vacancy',
  candidate_id BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY pool_worker_unit_position (worker_user_id, unit_id, position),
  KEY pool_unit (unit_id),
  CONSTRAINT pool_worker_fk FOREIGN KEY (worker_user_id) REFERENCES users (id),
  CONSTRAINT pool_unit_fk FOREIGN KEY (unit_id) REFERENCES org_units (id),
  CONSTRAINT pool_candidate_fk FOREIGN KEY (candidate_id) REFERENCES candidates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
