-- 009_listing_indexes.sql: the vacancy list reads its page in the order
-- shown and stops after one page, instead of sorting every vacancy in
-- scope; the consultant's overview finds the interviews waiting for a time
-- without reading every candidate.
ALTER TABLE vacancies
  ADD KEY vacancies_created (created_at),
  ADD KEY vacancies_title (title);
ALTER TABLE candidates
  ADD KEY candidates_waiting (state, interview_at, state_changed_at);
