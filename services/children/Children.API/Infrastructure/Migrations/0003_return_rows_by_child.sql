-- An import is validated a batch of children at a time, read back by child within its year.
CREATE INDEX header_rows_year_child ON header_rows (collection_year, child);
CREATE INDEX episode_rows_year_child ON episode_rows (collection_year, child);
CREATE INDEX review_rows_year_child ON review_rows (collection_year, child);
CREATE INDEX missing_rows_year_child ON missing_rows (collection_year, child);
