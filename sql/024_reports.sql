-- 024_reports.sql: invoices imported from the back-office, and the summary
-- tables the reports read. Money is in integer cents (credit notes
-- negative), hours in minutes. The summaries are kept in the transaction
-- of what changes them (an invoice's import, a week's approval or
-- correction), a row per unit and month: a client's writes touch only its
-- own rows, and no report reads a year of raw hours.

-- An invoice or credit note as the back-office issued it: immutable there
-- (a correction is a credit note and a new invoice), so imported once.
CREATE TABLE invoices (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  number VARCHAR(64) NOT NULL,
  kind ENUM('invoice', 'credit') NOT NULL DEFAULT 'invoice',
  -- The invoice a credit note corrects (its number).
  credits VARCHAR(64) NULL,
  invoice_date DATE NOT NULL,
  period_start DATE NOT NULL,
  period_end DATE NOT NULL,
  amount_cents BIGINT NOT NULL,
  vat_cents BIGINT NOT NULL,
  document_id BIGINT UNSIGNED NULL,
  -- A worker storing its PDF, so that two workers do not both store it.
  pdf_claimed_at DATETIME NULL,
  imported_at DATETIME NOT NULL,
  UNIQUE KEY invoices_number (client_id, number),
  KEY invoices_date (client_id, invoice_date),
  CONSTRAINT invoices_client_fk FOREIGN KEY (client_id) REFERENCES clients (id),
  CONSTRAINT invoices_document_fk FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A line: a worker's hours at a unit in a period. The worker by his id
-- (his name is the users row's, and goes with it on erasure); the
-- invoice's date kept here too, for the reports' index.
CREATE TABLE invoice_lines (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  invoice_id BIGINT UNSIGNED NOT NULL,
  line_no INT UNSIGNED NOT NULL,
  unit_id BIGINT UNSIGNED NOT NULL,
  invoice_date DATE NOT NULL,
  worker_user_id BIGINT UNSIGNED NULL,
  position VARCHAR(200) NOT NULL,
  period_start DATE NOT NULL,
  period_end DATE NOT NULL,
  minutes INT NOT NULL,
  rate_cents INT NOT NULL,
  amount_cents BIGINT NOT NULL,
  vat_cents BIGINT NOT NULL,
  UNIQUE KEY invoice_lines_no (invoice_id, line_no),
  KEY invoice_lines_unit (unit_id, invoice_date),
  KEY invoice_lines_worker (worker_user_id),
  CONSTRAINT invoice_lines_invoice_fk FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE CASCADE,
  CONSTRAINT invoice_lines_unit_fk FOREIGN KEY (unit_id) REFERENCES org_units (id),
  CONSTRAINT invoice_lines_worker_fk FOREIGN KEY (worker_user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Where the import of each client stands: the back-office's cursor. A row
-- per client, so that no import waits for another client's.
CREATE TABLE invoice_cursors (
  client_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  since VARCHAR(64) CHARACTER SET ascii NOT NULL,
  pulled_at DATETIME NOT NULL,
  CONSTRAINT invoice_cursors_client_fk FOREIGN KEY (client_id) REFERENCES clients (id)
) ENGINE=InnoDB;

-- Invoices the import refused (a line at another client's unit, lines
-- that do not add up, a PDF that is not one): kept aside with why, so
-- that one bad invoice does not hold up the client's later ones.
CREATE TABLE invoice_rejects (
  client_id BIGINT UNSIGNED NOT NULL,
  number VARCHAR(64) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  seen_at DATETIME NOT NULL,
  PRIMARY KEY (client_id, number),
  CONSTRAINT invoice_rejects_client_fk FOREIGN KEY (client_id) REFERENCES clients (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Invoiced per unit, month of the invoice's date and position.
CREATE TABLE report_invoiced (
  unit_id BIGINT UNSIGNED NOT NULL,
  month DATE NOT NULL,
  position VARCHAR(200) NOT NULL,
  amount_cents BIGINT NOT NULL,
  vat_cents BIGINT NOT NULL,
  minutes BIGINT NOT NULL,
  line_count INT NOT NULL,
  PRIMARY KEY (unit_id, month, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Approved hours per unit, month, position and worker: the days of the
-- month he worked as a bitmap (bit d-1 for day d), so that workers and
-- days at work are counted once across units and positions (BIT_OR),
-- and his minutes.
CREATE TABLE report_presence (
  unit_id BIGINT UNSIGNED NOT NULL,
  month DATE NOT NULL,
  position VARCHAR(200) NOT NULL,
  worker_user_id BIGINT UNSIGNED NOT NULL,
  days INT UNSIGNED NOT NULL,
  minutes INT UNSIGNED NOT NULL,
  PRIMARY KEY (unit_id, month, worker_user_id, position),
  KEY report_presence_worker (worker_user_id, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A row per worker, locked while his hours are summed again: two weeks of
-- his approved at once are summed one after the other (each sees the
-- other's when it was committed first), never over each other.
CREATE TABLE report_worker_locks (
  worker_user_id BIGINT UNSIGNED NOT NULL PRIMARY KEY
) ENGINE=InnoDB;
