-- 034_incidents.sql: what the worker found wrong with the portal (a
-- threshold of Monitor.* crossed: outbox, dead letters, disk,
-- certificate), and whether the operations address was told of its start
-- and of its end. At most one open incident of a kind: the unique key on
-- the kind of the open ones, whichever worker comes first.
CREATE TABLE incidents (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(32) NOT NULL,
  detail VARCHAR(500) NOT NULL,
  opened_at DATETIME(3) NOT NULL,
  closed_at DATETIME(3) NULL,
  open_mailed TINYINT NOT NULL DEFAULT 0,
  close_mailed TINYINT NOT NULL DEFAULT 0,
  open_kind VARCHAR(32) AS (IF(closed_at IS NULL, kind, NULL)) PERSISTENT,
  UNIQUE KEY incidents_open (open_kind),
  KEY incidents_mail (open_mailed, close_mailed)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
