-- 029_agreements.sql: the processing agreement (GDPR art. 28) a client
-- signs in the portal — one signature per client and version. The
-- version's text lives in conf/privacy.hdf (Agreement); what was signed is
-- kept here as it was shown: the title and text in the language read, and
-- the SHA-256 of that text (lower-case hex of its UTF-8 bytes), printed on
-- the signed PDF, so that the copy can be checked against the record. The
-- signer is the user who signed, with the name and job title he typed.
-- A second signature of the same version (a double click, a colleague)
-- is refused by the unique key: nothing is recorded twice.
CREATE TABLE agreement_signatures (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  version VARCHAR(32) CHARACTER SET ascii NOT NULL,
  lang CHAR(2) CHARACTER SET ascii NOT NULL,
  title VARCHAR(200) NOT NULL,
  text MEDIUMTEXT NOT NULL,
  text_sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  signer_id BIGINT UNSIGNED NOT NULL,
  signer_name VARCHAR(100) NOT NULL,
  signer_title VARCHAR(100) NOT NULL,
  signed_at DATETIME NOT NULL,
  UNIQUE KEY agreement_signatures_once (client_id, version),
  KEY agreement_signatures_signer (signer_id),
  CONSTRAINT agreement_signatures_client_fk FOREIGN KEY (client_id) REFERENCES clients (id),
  CONSTRAINT agreement_signatures_signer_fk FOREIGN KEY (signer_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
