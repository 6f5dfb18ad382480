-- 026_bsn.sql: a temp worker's national ID number — the Dutch citizen
-- service number (BSN) or the Belgian national register number — sealed
-- with AES-256-GCM under the data key (lib/crypto.c: key id, nonce,
-- ciphertext, tag), bound to its row ("bsn:<user id>"). No plain copy, no
-- hash: a copy of this table gives nobody the number.
ALTER TABLE users
  ADD COLUMN bsn_country CHAR(2) NULL,
  ADD COLUMN bsn_sealed VARBINARY(64) NULL;
