-- 003_identity.sql: clients and their organisation, credentials, grants,
-- single-use tokens, login attempts and the audit log.

-- The organisation is one tree: the agency at the root, each client below
-- it, then sites, departments and teams to any depth. path is the chain of
-- ids from the root ("/1/4/9/"), so "this unit and everything under it" is
-- one indexed prefix match.
CREATE TABLE org_units (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id BIGINT UNSIGNED NULL,
  client_id BIGINT UNSIGNED NULL,
  kind ENUM('agency', 'client', 'site', 'department', 'team') NOT NULL,
  name VARCHAR(200) NOT NULL,
  path VARCHAR(760) CHARACTER SET ascii NOT NULL,
  time_zone VARCHAR(64) NOT NULL DEFAULT 'Europe/Brussels',
  created_at DATETIME NOT NULL,
  archived_at DATETIME NULL,
  KEY org_units_path (path),
  KEY org_units_client (client_id),
  CONSTRAINT org_units_parent_fk FOREIGN KEY (parent_id) REFERENCES org_units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A client is the unit at the top of its own part of the tree.
CREATE TABLE clients (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  unit_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(200) NOT NULL,
  status ENUM('active', 'archived') NOT NULL DEFAULT 'active',
  created_at DATETIME NOT NULL,
  UNIQUE KEY clients_unit (unit_id),
  CONSTRAINT clients_unit_fk FOREIGN KEY (unit_id) REFERENCES org_units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE users
  ADD COLUMN client_id BIGINT UNSIGNED NULL AFTER kind,
  ADD COLUMN mobile VARCHAR(32) NULL AFTER job_title,
  ADD COLUMN last_activity_at DATETIME NULL,
  ADD COLUMN inactivity_warned_at DATETIME NULL,
  ADD KEY users_client (client_id),
  ADD CONSTRAINT users_client_fk FOREIGN KEY (client_id) REFERENCES clients (id);

-- The password is bcrypt ($2b$) over HMAC-SHA256(pepper, password). The TOTP
-- secret is encrypted by the application.
CREATE TABLE credentials (
  user_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  password_hash VARCHAR(100) CHARACTER SET ascii NULL,
  password_changed_at DATETIME NULL,
  totp_secret VARBINARY(255) NULL,
  totp_enabled TINYINT(1) NOT NULL DEFAULT 0,
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  failed_logins INT UNSIGNED NOT NULL DEFAULT 0,
  locked_until DATETIME NULL,
  CONSTRAINT credentials_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE recovery_codes (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  code_hash BINARY(32) NOT NULL,
  used_at DATETIME NULL,
  KEY recovery_codes_user (user_id),
  CONSTRAINT recovery_codes_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A role (conf/roles.hdf) held on a unit covers the unit and everything
-- below it.
CREATE TABLE grants (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  role VARCHAR(40) CHARACTER SET ascii NOT NULL,
  unit_id BIGINT UNSIGNED NOT NULL,
  granted_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY grants_once (user_id, role, unit_id),
  KEY grants_unit (unit_id),
  CONSTRAINT grants_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT grants_unit_fk FOREIGN KEY (unit_id) REFERENCES org_units (id)
) ENGINE=InnoDB;

-- Single-use links (invitation, password reset): only the SHA-256 of the
-- token is kept.
CREATE TABLE tokens (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('invite', 'reset') NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  token_hash BINARY(32) NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  used_at DATETIME NULL,
  UNIQUE KEY tokens_hash (token_hash),
  KEY tokens_user (user_id, kind),
  CONSTRAINT tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE login_attempts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NULL,
  ip VARCHAR(45) CHARACTER SET ascii NOT NULL,
  success TINYINT(1) NOT NULL,
  created_at DATETIME NOT NULL,
  KEY login_attempts_user (user_id, created_at),
  KEY login_attempts_ip (ip, created_at)
) ENGINE=InnoDB;

-- Append-only: every row carries the hash of the one before it, and the
-- table refuses changes (portalctl audit-verify finds what was changed or
-- removed by anyone who got past that).
CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  created_at DATETIME(6) NOT NULL,
  actor_id BIGINT UNSIGNED NULL,
  action VARCHAR(64) CHARACTER SET ascii NOT NULL,
  object_type VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '',
  object_id BIGINT UNSIGNED NULL,
  unit_id BIGINT UNSIGNED NULL,
  ip VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  detail VARCHAR(2000) NOT NULL DEFAULT '',
  prev_hash BINARY(32) NOT NULL,
  hash BINARY(32) NOT NULL,
  KEY audit_actor (actor_id, created_at),
  KEY audit_object (object_type, object_id),
  KEY audit_action (action, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The end of the chain; its row lock puts concurrent writers in line.
CREATE TABLE audit_head (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  last_id BIGINT UNSIGNED NOT NULL,
  last_hash BINARY(32) NOT NULL
) ENGINE=InnoDB;
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, REPEAT(CHAR(0), 32));

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
