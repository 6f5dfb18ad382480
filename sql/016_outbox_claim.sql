-- 016_outbox_claim.sql: each delivery holds a claim of its own. A worker
-- leases one row just before delivering it, with a random token; only the
-- holder of that token writes the row's result, so a worker whose lease
-- lapsed (and whose row another worker took up) changes nothing.
ALTER TABLE outbox
  ADD COLUMN claim CHAR(32) CHARACTER SET ascii NULL AFTER state;
