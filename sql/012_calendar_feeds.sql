-- 012_calendar_feeds.sql: a temp worker's calendar feed — a secret address
-- a calendar app reads his shifts from. Only the hash of its token is kept;
-- renewing it makes the old address stop working.
CREATE TABLE calendar_feeds (
  user_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  token_hash BINARY(32) NOT NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY calendar_feeds_token (token_hash),
  CONSTRAINT calendar_feeds_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
