-- 020_availability_covering.sql: the availability of a pool read from its
-- indexes alone, in the order it is shown (a day's times by their start):
-- the week view reads it for every worker it shows.
ALTER TABLE availability_week
  ADD KEY availability_week_times (worker_user_id, weekday, starts, ends),
  DROP KEY availability_week_worker;
ALTER TABLE availability_days
  ADD KEY availability_days_times (worker_user_id, day, starts, ends, available),
  DROP KEY availability_days_worker;
