-- 019_audit_chains.sql: a chain of the audit log per client (chain = the
-- client's id) and one for the agency (chain 0), each with its own head.
-- An action is written to the chain of the client whose unit it concerns
-- (or whose user acted), under that chain's head lock only: audited
-- actions at different clients never wait on each other. The rows written
-- before were one chain; they stay chain 0, linked as they were.
ALTER TABLE audit_log
  ADD COLUMN chain BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD KEY audit_chain (chain, id);
ALTER TABLE audit_head CHANGE id chain BIGINT UNSIGNED NOT NULL;
UPDATE audit_head SET chain = 0 WHERE chain = 1;
INSERT INTO audit_head (chain, last_id, last_hash) SELECT id, 0, REPEAT(CHAR(0), 32) FROM clients;
CREATE TRIGGER clients_audit_i AFTER INSERT ON clients FOR EACH ROW
  INSERT INTO audit_head (chain, last_id, last_hash) VALUES (NEW.id, 0, REPEAT(CHAR(0), 32));
