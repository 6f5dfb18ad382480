-- 027_announcements.sql: notices of outages and maintenance that agency
-- staff post for a period, shown on every page (the login page too) in
-- the reader's language; withdrawn ones are kept, as posted.
CREATE TABLE announcements (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('maintenance', 'outage', 'notice') NOT NULL,
  text_nl VARCHAR(500) NOT NULL,
  text_en VARCHAR(500) NOT NULL DEFAULT '',
  text_fr VARCHAR(500) NOT NULL DEFAULT '',
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  withdrawn_at DATETIME NULL,
  KEY announcements_current (ends_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
