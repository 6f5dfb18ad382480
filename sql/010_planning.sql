-- 010_planning.sql: who a client may plan (pool and skills), when temp
-- workers are available, and the shifts planned.

-- Shifts are shown and entered in the time zone of their unit
-- (org_units.time_zone, 003_identity.sql).

-- Workers come into a unit's pool through a vacancy or because the agency
-- puts them there.
ALTER TABLE pool
  MODIFY source ENUM('vacancy', 'agency') NOT NULL DEFAULT 'vacancy',
  ADD COLUMN added_by BIGINT UNSIGNED NULL AFTER candidate_id,
  ADD CONSTRAINT pool_added_by_fk FOREIGN KEY (added_by) REFERENCES users (id);

-- The positions (workplaces) at a client a worker is qualified for, kept
-- by the agency. A shift needs its worker to hold the skill of its position.
CREATE TABLE worker_skills (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  worker_user_id BIGINT UNSIGNED NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  position VARCHAR(200) NOT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY worker_skills_one (worker_user_id, client_id, position),
  KEY worker_skills_client (client_id, position),
  CONSTRAINT worker_skills_worker_fk FOREIGN KEY (worker_user_id) REFERENCES users (id),
  CONSTRAINT worker_skills_client_fk FOREIGN KEY (client_id) REFERENCES clients (id),
  CONSTRAINT worker_skills_creator_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A worker's week: the times of each weekday (1 Monday … 7 Sunday) the
-- worker is available, as wall-clock times. A weekday without a row: not
-- available. A worker without any row has entered nothing yet.
CREATE TABLE availability_week (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  worker_user_id BIGINT UNSIGNED NOT NULL,
  weekday TINYINT UNSIGNED NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  starts TIME NOT NULL,
  ends TIME NOT NULL,
  KEY availability_week_worker (worker_user_id, weekday),
  CONSTRAINT availability_week_worker_fk FOREIGN KEY (worker_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Exceptions for a date; they replace the week for that date. available 0:
-- not at all; 1 without times: all day; 1 with times: those times.
CREATE TABLE availability_days (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  worker_user_id BIGINT UNSIGNED NOT NULL,
  day DATE NOT NULL,
  available TINYINT(1) NOT NULL,
  starts TIME NULL,
  ends TIME NULL,
  KEY availability_days_worker (worker_user_id, day),
  CONSTRAINT availability_days_worker_fk FOREIGN KEY (worker_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A shift at a unit for a position, in UTC; without a worker it is open
-- (the agency fills it). version counts the changes the back-office hears of.
CREATE TABLE shifts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT UNSIGNED NOT NULL,
  position VARCHAR(200) NOT NULL,
  worker_user_id BIGINT UNSIGNED NULL,
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  break_minutes SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  state ENUM('planned', 'published', 'contracted', 'refused', 'cancelled') NOT NULL DEFAULT 'planned',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  note VARCHAR(500) NOT NULL DEFAULT '',
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CHECK (ends_at > starts_at),
  KEY shifts_unit_start (unit_id, starts_at),
  KEY shifts_worker_start (worker_user_id, starts_at),
  CONSTRAINT shifts_unit_fk FOREIGN KEY (unit_id) REFERENCES org_units (id),
  CONSTRAINT shifts_worker_fk FOREIGN KEY (worker_user_id) REFERENCES users (id),
  CONSTRAINT shifts_creator_fk FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
