-- 030_person_fields.sql: a person's optional fields — date of birth and
-- address (Fields.BirthDate, Fields.Address; the mobile number is older) —
-- and a temp worker's photo (Privacy.Photos). A field switched off is
-- neither shown nor written: its column stays as it was (NULL for anyone
-- registered while it was off).

-- The address as a letter would carry it: street and house number on one
-- line, the postal code as its country writes it ("1234 AB", "B-1000" is
-- stored "1000"), the town, the country as an ISO 3166-1 alpha-2 code.
ALTER TABLE users
  ADD COLUMN birth_date DATE NULL AFTER mobile,
  ADD COLUMN address_street VARCHAR(200) NULL AFTER birth_date,
  ADD COLUMN address_postcode VARCHAR(12) NULL AFTER address_street,
  ADD COLUMN address_city VARCHAR(100) NULL AFTER address_postcode,
  ADD COLUMN address_country CHAR(2) CHARACTER SET ascii NULL AFTER address_city;

-- The photo lies in the encrypted file store (lib/files.c) as documents
-- do: the file's id, its data key sealed under the master key, that key's
-- id. Its kind (PNG or JPEG) is read from the content when it is sent.
ALTER TABLE users
  ADD COLUMN photo_file_id CHAR(32) CHARACTER SET ascii NULL,
  ADD COLUMN photo_key VARBINARY(128) NULL,
  ADD COLUMN photo_key_id TINYINT UNSIGNED NULL,
  ADD UNIQUE KEY users_photo_file (photo_file_id);

-- The week view shows the photo beside the name: a new or removed one
-- moves the planning clocks of the worker's pools, as a new name does
-- (018_scoped_clocks.sql; the rest of the trigger as it was).
DROP TRIGGER IF EXISTS users_clock_u;
CREATE TRIGGER users_clock_u AFTER UPDATE ON users FOR EACH ROW
  UPDATE (SELECT n, s FROM (
    SELECT 'planning' AS n, COALESCE(NEW.client_id, 0) AS s FROM DUAL WHERE NEW.kind = 'client'
    UNION SELECT 'vacancies', COALESCE(NEW.client_id, 0) FROM DUAL WHERE NEW.kind = 'client'
    UNION SELECT 'planning', COALESCE(o.client_id, 0) FROM pool p JOIN org_units o ON o.id = p.unit_id
      WHERE p.worker_user_id = NEW.id
    UNION SELECT 'vacancies', COALESCE(o.client_id, 0) FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id
      JOIN org_units o ON o.id = v.unit_id WHERE c.worker_id = NEW.id
    UNION SELECT 'vacancies', id FROM clients WHERE NEW.kind = 'agency'
    UNION SELECT 'vacancies', 0 FROM DUAL WHERE NEW.kind = 'agency') u
    WHERE NOT (NEW.first_name <=> OLD.first_name AND NEW.last_name <=> OLD.last_name
      AND NEW.status <=> OLD.status AND NEW.photo_file_id <=> OLD.photo_file_id)) x
    STRAIGHT_JOIN clocks k ON k.name = x.n AND k.scope = x.s
  SET k.gen = k.gen + 1;
