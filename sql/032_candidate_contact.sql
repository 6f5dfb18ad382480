-- 032_candidate_contact.sql: a candidate known by name only is found by
-- his contact address too — his other proposals, and those made before
-- he had a login — for his file (access) and his erasure.
ALTER TABLE candidates ADD KEY candidates_contact (contact);
