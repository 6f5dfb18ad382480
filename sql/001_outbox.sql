-- 001_outbox.sql: mail and back-office calls, written in the same transaction
-- as the change that causes them and delivered by portal-worker.
CREATE TABLE outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('mail', 'backoffice') NOT NULL,
  -- One row per event: a retried request finds its row already there.
  idempotency_key VARCHAR(191) NOT NULL,
  payload LONGTEXT NOT NULL CHECK (JSON_VALID(payload)),
  state ENUM('pending', 'sending', 'retry', 'done', 'dead') NOT NULL DEFAULT 'pending',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  -- When the row may be tried next; for 'sending', when the claim lapses.
  next_attempt_at DATETIME(3) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  sent_at DATETIME(3) NULL,
  last_error VARCHAR(1000) NULL,
  UNIQUE KEY outbox_key (idempotency_key),
  KEY outbox_due (state, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
