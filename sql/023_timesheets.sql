-- 023_timesheets.sql: hours worked. A timesheet per temp worker, week (its
-- Monday at the unit) and assignment (a unit of a client and a position):
-- a draft that is the worker's alone until he submits it, then approved or
-- rejected per team; an approved week is locked, and each approved version
-- goes to the back-office (kept in timesheet_versions, the history of the
-- agency's corrections).
CREATE TABLE timesheets (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  worker_user_id BIGINT UNSIGNED NOT NULL,
  unit_id BIGINT UNSIGNED NOT NULL,
  position VARCHAR(200) NOT NULL,
  week DATE NOT NULL,
  state ENUM('draft', 'submitted', 'approved', 'rejected') NOT NULL DEFAULT 'draft',
  -- The approved versions sent to the back-office so far.
  version INT UNSIGNED NOT NULL DEFAULT 0,
  -- Worked minutes of the entries, kept with them for the lists.
  minutes INT UNSIGNED NOT NULL DEFAULT 0,
  -- Counts the saves of its entries: a form of an earlier revision (a
  -- second window, a repeated post, the agency meanwhile) is refused.
  revision INT UNSIGNED NOT NULL DEFAULT 0,
  reason VARCHAR(1000) NULL,
  -- Agency staff who keep the hours of a worker without a login.
  entered_by BIGINT UNSIGNED NULL,
  submitted_at DATETIME NULL,
  decided_at DATETIME NULL,
  decided_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE KEY timesheets_assignment (worker_user_id, unit_id, position, week),
  KEY timesheets_unit (unit_id, state, week),
  KEY timesheets_state (state, week),
  CONSTRAINT timesheets_worker_fk FOREIGN KEY (worker_user_id) REFERENCES users (id),
  CONSTRAINT timesheets_unit_fk FOREIGN KEY (unit_id) REFERENCES org_units (id),
  CONSTRAINT timesheets_entered_fk FOREIGN KEY (entered_by) REFERENCES users (id),
  CONSTRAINT timesheets_decided_fk FOREIGN KEY (decided_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A day's work: from start to end (UTC), less the break; its night and
-- weekend minutes as the rules of the day it was saved reckoned them.
CREATE TABLE timesheet_entries (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  timesheet_id BIGINT UNSIGNED NOT NULL,
  day DATE NOT NULL,
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  break_minutes SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  minutes INT UNSIGNED NOT NULL,
  night_minutes INT UNSIGNED NOT NULL DEFAULT 0,
  weekend_minutes INT UNSIGNED NOT NULL DEFAULT 0,
  position VARCHAR(200) NOT NULL,
  remark VARCHAR(500) NOT NULL DEFAULT '',
  shift_id BIGINT UNSIGNED NULL,
  entered_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CHECK (ends_at > starts_at),
  KEY timesheet_entries_sheet (timesheet_id, day, starts_at),
  CONSTRAINT timesheet_entries_sheet_fk FOREIGN KEY (timesheet_id) REFERENCES timesheets (id) ON DELETE CASCADE,
  CONSTRAINT timesheet_entries_shift_fk FOREIGN KEY (shift_id) REFERENCES shifts (id) ON DELETE SET NULL,
  CONSTRAINT timesheet_entries_entered_fk FOREIGN KEY (entered_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every approved version as it was sent: its entries (JSON), its minutes,
-- who approved or corrected it and why (a correction's reason), and what
-- the back-office answered.
CREATE TABLE timesheet_versions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  timesheet_id BIGINT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL,
  entries LONGTEXT NOT NULL CHECK (JSON_VALID(entries)),
  minutes INT UNSIGNED NOT NULL,
  reason VARCHAR(1000) NULL,
  made_by BIGINT UNSIGNED NULL,
  made_at DATETIME NOT NULL,
  -- The back-office's answer: taken (202), or refused with its reasons.
  sent_at DATETIME NULL,
  refusal VARCHAR(2000) NULL,
  UNIQUE KEY timesheet_versions_once (timesheet_id, version),
  CONSTRAINT timesheet_versions_sheet_fk FOREIGN KEY (timesheet_id) REFERENCES timesheets (id) ON DELETE CASCADE,
  CONSTRAINT timesheet_versions_by_fk FOREIGN KEY (made_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The weeks whose reminders went out (lib/timesheet.c): a row a week,
-- written once when the run is whole.
CREATE TABLE timesheet_reminders (
  period DATE NOT NULL PRIMARY KEY,
  done_at DATETIME NOT NULL
) ENGINE=InnoDB;
