-- 021_overview_index.sql: open vacancies the longest open first, read in
-- order and only as far as the consultant's overview shows them.
ALTER TABLE vacancies ADD KEY vacancies_state_changed (state, state_changed_at);
-- The candidates of a vacancy counted per state (and when they got there)
-- from the index alone.
ALTER TABLE candidates
  ADD KEY candidates_vacancy_state_changed (vacancy_id, state, state_changed_at),
  DROP KEY candidates_vacancy_state;
