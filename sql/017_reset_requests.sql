-- 017_reset_requests.sql: every request for a password-reset link, so that
-- neither one address (IP) nor one account can have a mailbox flooded
-- (Tokens.ResetsPerAddress, Tokens.ResetsPerAccount in an hour). The
-- worker forgets them after a day.
CREATE TABLE reset_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NULL,
  ip VARCHAR(45) CHARACTER SET ascii NOT NULL,
  created_at DATETIME NOT NULL,
  KEY reset_requests_ip (ip, created_at),
  KEY reset_requests_user (user_id, created_at),
  KEY reset_requests_created (created_at)
) ENGINE=InnoDB;
