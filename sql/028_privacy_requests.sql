-- 028_privacy_requests.sql: the requests of data subjects — access,
-- rectification, erasure (GDPR art. 15-17) — with their due dates: one
-- month (Privacy.RequestMonths) after the request came in, extendable
-- once, with a reason, by Privacy.RequestExtensionMonths (art. 12(3)).
-- The privacy officer records a request he received by letter, mail or
-- phone; a user files his own from /privacy/me.
--
-- The person's words, and what the privacy officer wrote about him, are
-- in three free-text columns: request_text (what he asks; for a
-- rectification what is wrong), extension_reason and outcome. Erasing a
-- person sets these three to '' and keeps the row: that the request was
-- made, when, and how it was handled stays as the record of the duty.
CREATE TABLE privacy_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('access', 'rectification', 'erasure') NOT NULL,
  -- The person: a user, or a candidate known by name only (exactly one).
  user_id BIGINT UNSIGNED NULL,
  candidate_id BIGINT UNSIGNED NULL,
  -- How it came in: recorded by the privacy officer ('officer'), or filed
  -- by the person himself from his own page ('self'); who, and when.
  channel ENUM('officer', 'self') NOT NULL,
  recorded_by BIGINT UNSIGNED NOT NULL,
  recorded_at DATETIME NOT NULL,
  -- The day it came in (the agency's calendar), and the day it is due:
  -- received_on + RequestMonths, or after the extension first_due_on +
  -- RequestExtensionMonths. The queue and the reminders read due_on.
  received_on DATE NOT NULL,
  first_due_on DATE NOT NULL,
  due_on DATE NOT NULL,
  request_text TEXT NOT NULL,
  -- The extension: once (extended_at is set), with its reason.
  extended_at DATETIME NULL,
  extended_by BIGINT UNSIGNED NULL,
  extension_reason VARCHAR(2000) NOT NULL DEFAULT '',
  -- Handled: done, or refused with the reason the person is told.
  state ENUM('open', 'done', 'refused') NOT NULL DEFAULT 'open',
  closed_at DATETIME NULL,
  closed_by BIGINT UNSIGNED NULL,
  outcome TEXT NOT NULL DEFAULT '',
  -- When the privacy officers were last mailed that the due date comes
  -- near (or has passed), and for which due date: an extension moves
  -- due_on, and the new date is reminded of again.
  reminded_at DATETIME NULL,
  reminded_due DATE NULL,
  KEY privacy_requests_queue (state, due_on, id),
  KEY privacy_requests_user (user_id, received_on),
  KEY privacy_requests_candidate (candidate_id, received_on),
  CONSTRAINT privacy_requests_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT privacy_requests_candidate_fk FOREIGN KEY (candidate_id) REFERENCES candidates (id),
  CONSTRAINT privacy_requests_recorded_by_fk FOREIGN KEY (recorded_by) REFERENCES users (id),
  CONSTRAINT privacy_requests_extended_by_fk FOREIGN KEY (extended_by) REFERENCES users (id),
  CONSTRAINT privacy_requests_closed_by_fk FOREIGN KEY (closed_by) REFERENCES users (id),
  CONSTRAINT privacy_requests_one_subject CHECK ((user_id IS NULL) <> (candidate_id IS NULL)),
  CONSTRAINT privacy_requests_closed CHECK ((state = 'open') = (closed_at IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
