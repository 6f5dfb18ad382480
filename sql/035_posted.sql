-- 035_posted.sql: forms done once (lib/once.c). The key of a form a
-- signed-in user posted (a hash of the session, the path, the fields with
-- the nonce of the page, the files) is written in the same transaction as
-- what the form changed, with the redirect it answered: the same form sent
-- again (a retry after a lost answer, a double click) gets that redirect
-- and changes nothing. The worker removes keys older than a day.
CREATE TABLE posted (
  key_hash BINARY(32) NOT NULL PRIMARY KEY,
  location VARCHAR(2048) NULL,
  created_at DATETIME NOT NULL,
  KEY posted_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
