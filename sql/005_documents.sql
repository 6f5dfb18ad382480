-- 005_documents.sql: documents (contracts, invoices, CVs, …) in the
-- encrypted file store, and how long each kind may be kept.

-- What starts the clock of a retention period: the upload, the end of the
-- contract the document belongs to, or the last activity of the person.
CREATE TABLE retention_types (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  period_days INT UNSIGNED NOT NULL,
  starts ENUM('upload', 'contract_end', 'last_activity') NOT NULL DEFAULT 'upload',
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE KEY retention_types_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which retention type a document type (conf/documents.hdf) follows.
CREATE TABLE document_type_retention (
  doc_type VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  retention_type_id BIGINT UNSIGNED NOT NULL,
  CONSTRAINT dtr_retention_fk FOREIGN KEY (retention_type_id) REFERENCES retention_types (id)
) ENGINE=InnoDB;

CREATE TABLE documents (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  doc_type VARCHAR(32) CHARACTER SET ascii NOT NULL,
  title VARCHAR(200) NOT NULL,
  -- The name the file had on the uploader's computer: shown, never used
  -- as a path.
  filename VARCHAR(255) NOT NULL,
  unit_id BIGINT UNSIGNED NOT NULL,
  person_id BIGINT UNSIGNED NULL,
  uploaded_by BIGINT UNSIGNED NULL,
  -- The file in the store, its data key wrapped by the master key.
  file_id CHAR(32) CHARACTER SET ascii NOT NULL,
  file_key VARBINARY(128) NOT NULL,
  key_id TINYINT UNSIGNED NOT NULL,
  sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  size BIGINT UNSIGNED NOT NULL,
  kind VARCHAR(16) CHARACTER SET ascii NOT NULL,
  retention_type_id BIGINT UNSIGNED NULL,
  clock_start DATE NOT NULL,
  expires_at DATE NOT NULL,
  extended_reason VARCHAR(500) NULL,
  extended_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY documents_file (file_id),
  KEY documents_unit (unit_id, doc_type, created_at),
  KEY documents_person (person_id, doc_type),
  KEY documents_expiry (expires_at),
  CONSTRAINT documents_unit_fk FOREIGN KEY (unit_id) REFERENCES org_units (id),
  CONSTRAINT documents_person_fk FOREIGN KEY (person_id) REFERENCES users (id),
  CONSTRAINT documents_retention_fk FOREIGN KEY (retention_type_id) REFERENCES retention_types (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO retention_types (name, period_days, starts, created_at, updated_at) VALUES
  ('Loonadministratie: 7 jaar', 2557, 'upload', UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  ('Arbeidsovereenkomst: 7 jaar na einde', 2557, 'contract_end', UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  ('Sollicitatie: 4 weken na laatste contact', 28, 'last_activity', UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  ('Identiteitsbewijs: 5 jaar na einde', 1826, 'contract_end', UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  ('Overig: 2 jaar', 730, 'upload', UTC_TIMESTAMP(), UTC_TIMESTAMP());

INSERT INTO document_type_retention (doc_type, retention_type_id)
  SELECT 'invoice', id FROM retention_types WHERE name = 'Loonadministratie: 7 jaar';
INSERT INTO document_type_retention (doc_type, retention_type_id)
  SELECT 'timesheet', id FROM retention_types WHERE name = 'Loonadministratie: 7 jaar';
INSERT INTO document_type_retention (doc_type, retention_type_id)
  SELECT 'contract', id FROM retention_types WHERE name = 'Arbeidsovereenkomst: 7 jaar na einde';
INSERT INTO document_type_retention (doc_type, retention_type_id)
  SELECT 'cv', id FROM retention_types WHERE name = 'Sollicitatie: 4 weken na laatste contact';
INSERT INTO document_type_retention (doc_type, retention_type_id)
  SELECT 'id_copy', id FROM retention_types WHERE name = 'Identiteitsbewijs: 5 jaar na einde';
INSERT INTO document_type_retention (doc_type, retention_type_id)
  SELECT 'certificate', id FROM retention_types WHERE name = 'Overig: 2 jaar';
INSERT INTO document_type_retention (doc_type, retention_type_id)
  SELECT 'other', id FROM retention_types WHERE name = 'Overig: 2 jaar';
