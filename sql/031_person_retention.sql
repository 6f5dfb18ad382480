-- 031_person_retention.sql: how long a temp worker or a candidate is kept —
-- until keep_until, which the worker job sets from his last activity
-- (Privacy.RetentionMonths) or from a consent to keep him longer — the
-- contact moments that extend it, the consent links mailed before it ends,
-- and when a person was erased or anonymised.

ALTER TABLE users
  ADD COLUMN keep_until DATE NULL,
  ADD COLUMN erased_at DATETIME NULL,
  ADD KEY users_keep_until (kind, keep_until);

-- A candidate known by name and contact only (worker_id NULL); one with a
-- temp worker's login is kept as long as that worker.
ALTER TABLE candidates
  ADD COLUMN keep_until DATE NULL,
  ADD COLUMN erased_at DATETIME NULL,
  ADD KEY candidates_keep_until (keep_until);

-- A moment the person agreed to be kept longer: on the public consent page
-- (the text he agreed to, in the language he read it), or as agency staff
-- recorded after a call or a visit (their note).
CREATE TABLE contact_moments (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NULL,
  candidate_id BIGINT UNSIGNED NULL,
  kind ENUM('consent', 'manual') NOT NULL,
  at DATETIME NOT NULL,
  recorded_by BIGINT UNSIGNED NULL,
  text_version VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
  lang CHAR(2) CHARACTER SET ascii NOT NULL DEFAULT 'nl',
  text TEXT NOT NULL,
  extended_to DATE NOT NULL,
  KEY contact_moments_user (user_id, at),
  KEY contact_moments_candidate (candidate_id, at),
  CONSTRAINT contact_moments_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT contact_moments_candidate_fk FOREIGN KEY (candidate_id) REFERENCES candidates (id),
  CONSTRAINT contact_moments_by_fk FOREIGN KEY (recorded_by) REFERENCES users (id),
  CHECK ((user_id IS NULL) <> (candidate_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A consent link mailed before keep_until: the link carries the row's id,
-- its expiry and an HMAC over both (lib/retention.c), so it cannot be
-- made up or changed; used_at makes it single-use. One per person and
-- period (for_until): the job that runs again mails nothing twice.
CREATE TABLE consent_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NULL,
  candidate_id BIGINT UNSIGNED NULL,
  for_until DATE NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  used_at DATETIME NULL,
  UNIQUE KEY consent_requests_user (user_id, for_until),
  UNIQUE KEY consent_requests_candidate (candidate_id, for_until),
  CONSTRAINT consent_requests_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT consent_requests_candidate_fk FOREIGN KEY (candidate_id) REFERENCES candidates (id),
  CHECK ((user_id IS NULL) <> (candidate_id IS NULL))
) ENGINE=InnoDB;
