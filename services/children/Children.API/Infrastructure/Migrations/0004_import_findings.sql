-- Each import's findings, kept so the portal can list and filter them after the upload's answer is gone. The child is
-- read from the row the finding names when the import is made: a later import of the year replaces those rows.
CREATE TABLE import_findings (
    import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE, seq int NOT NULL, rule text NOT NULL,
    table_name text NOT NULL, row_no int NOT NULL, fields text[] NOT NULL, child text,
    PRIMARY KEY (import_id, seq)
);
CREATE INDEX import_findings_child ON import_findings (import_id, child);
