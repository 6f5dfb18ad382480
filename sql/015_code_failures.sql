-- 015_code_failures.sql: wrong codes of a session waiting for its second
-- factor; after Login.MaxCodeFailures of them it ends ('second_factor') and
-- the password must be given again.
ALTER TABLE sessions
  ADD COLUMN code_failures TINYINT UNSIGNED NOT NULL DEFAULT 0 AFTER stage,
  MODIFY COLUMN end_reason ENUM('logout', 'timeout', 'revoked', 'password', 'second_factor') NULL;
