-- 008_candidate_comments.sql: the thread of remarks on a candidate between
-- the client and the agency.

-- One remark. form_key is the random key of the form it was typed in: the
-- same form sent twice (a double click, a retried request) is one comment.
CREATE TABLE candidate_comments (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  candidate_id BIGINT UNSIGNED NOT NULL,
  author BIGINT UNSIGNED NULL,
  body TEXT NOT NULL,
  form_key CHAR(22) CHARACTER SET ascii NOT NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY candidate_comments_form (candidate_id, form_key),
  KEY candidate_comments_candidate (candidate_id, created_at, id),
  CONSTRAINT candidate_comments_candidate_fk FOREIGN KEY (candidate_id) REFERENCES candidates (id),
  CONSTRAINT candidate_comments_author_fk FOREIGN KEY (author) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
