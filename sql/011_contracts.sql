-- 011_contracts.sql: the contracts the back-office draws up for published
-- shifts, and the rules a refused shift broke.

-- One contract per version of a shift: a retried call (same idempotency
-- key, same answer) finds its row and adds no second one.
CREATE TABLE contracts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shift_id BIGINT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL,
  contract_no VARCHAR(64) NOT NULL,
  hourly_wage DECIMAL(8,2) NOT NULL,
  bill_rate DECIMAL(8,2) NOT NULL,
  premium_pct DECIMAL(5,2) NOT NULL DEFAULT 0,
  document_id BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY contracts_shift_version (shift_id, version),
  CONSTRAINT contracts_shift_fk FOREIGN KEY (shift_id) REFERENCES shifts (id),
  CONSTRAINT contracts_document_fk FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The back-office's answer to a refused shift: [{rule, message}, …].
ALTER TABLE shifts
  ADD COLUMN violations TEXT NULL CHECK (violations IS NULL OR JSON_VALID(violations)) AFTER note,
  ADD COLUMN published_at DATETIME NULL AFTER violations,
  ADD COLUMN contract_id BIGINT UNSIGNED NULL AFTER published_at,
  ADD CONSTRAINT shifts_contract_fk FOREIGN KEY (contract_id) REFERENCES contracts (id);
