-- 025_presence_year.sql: the presence summary again, a row per unit,
-- calendar year, position and worker with the days of each of its months
-- (m1 … m12: the bitmap of report_presence.days, 0 for a month without
-- work). The client report reads a year of a worker in one row: for a big
-- client's year and the year before, some 3,500 rows instead of 20,000.
-- Kept with report_presence, in the same transaction, under the same
-- worker lock (lib/report.c).
CREATE TABLE report_presence_year (
  unit_id BIGINT UNSIGNED NOT NULL,
  year SMALLINT UNSIGNED NOT NULL,
  position VARCHAR(200) NOT NULL,
  worker_user_id BIGINT UNSIGNED NOT NULL,
  m1 INT UNSIGNED NOT NULL DEFAULT 0,
  m2 INT UNSIGNED NOT NULL DEFAULT 0,
  m3 INT UNSIGNED NOT NULL DEFAULT 0,
  m4 INT UNSIGNED NOT NULL DEFAULT 0,
  m5 INT UNSIGNED NOT NULL DEFAULT 0,
  m6 INT UNSIGNED NOT NULL DEFAULT 0,
  m7 INT UNSIGNED NOT NULL DEFAULT 0,
  m8 INT UNSIGNED NOT NULL DEFAULT 0,
  m9 INT UNSIGNED NOT NULL DEFAULT 0,
  m10 INT UNSIGNED NOT NULL DEFAULT 0,
  m11 INT UNSIGNED NOT NULL DEFAULT 0,
  m12 INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, year, worker_user_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO report_presence_year (unit_id, year, position, worker_user_id,
  m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
SELECT unit_id, YEAR(month), position, worker_user_id,
  BIT_OR(IF(MONTH(month) = 1, days, 0)), BIT_OR(IF(MONTH(month) = 2, days, 0)),
  BIT_OR(IF(MONTH(month) = 3, days, 0)), BIT_OR(IF(MONTH(month) = 4, days, 0)),
  BIT_OR(IF(MONTH(month) = 5, days, 0)), BIT_OR(IF(MONTH(month) = 6, days, 0)),
  BIT_OR(IF(MONTH(month) = 7, days, 0)), BIT_OR(IF(MONTH(month) = 8, days, 0)),
  BIT_OR(IF(MONTH(month) = 9, days, 0)), BIT_OR(IF(MONTH(month) = 10, days, 0)),
  BIT_OR(IF(MONTH(month) = 11, days, 0)), BIT_OR(IF(MONTH(month) = 12, days, 0))
FROM report_presence GROUP BY unit_id, YEAR(month), position, worker_user_id;
