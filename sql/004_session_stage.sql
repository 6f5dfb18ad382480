-- 004_session_stage.sql: a session between password and second factor.
-- 'totp': the password was right, the code is still to come; 'enrol': the
-- user must set up a second factor before anything else; 'full': logged in.
ALTER TABLE sessions
  ADD COLUMN stage ENUM('full', 'totp', 'enrol') NOT NULL DEFAULT 'full' AFTER user_id;
