-- Children looked after. Identity stays in this database: other services see a child only by `ref`,
-- an HMAC of the local identifier under the key below, which never leaves this service.
CREATE TABLE reference_key (
    id   int   PRIMARY KEY CHECK (id = 1),
    key  bytea NOT NULL
);

CREATE TABLE children (
    id          uuid        PRIMARY KEY,
    child       text        NOT NULL UNIQUE,   -- the council's identifier, 903 CHILD
    ref         text        NOT NULL UNIQUE,   -- pseudonymous reference, the only name other services know
    stovewood   boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL
);

-- The 903 tables keep every value as written (dates dd/mm/yyyy, codes as sent) so that an export
-- re-imports to the same data and a bad value is kept and reported, never fixed. `collection_year`
-- is the return that carried the row ('2017/18'); NULL for live records entered through the API.
-- `row_no` keeps the file's order. Parsed dates sit beside the text for queries.
CREATE TABLE header_rows (
    id bigserial PRIMARY KEY, collection_year text NULL, row_no int NOT NULL,
    child text NOT NULL, sex text NOT NULL, dob text NOT NULL, ethnic text NOT NULL, upn text NOT NULL,
    mother text NOT NULL, mc_dob text NOT NULL
);
CREATE INDEX header_rows_year ON header_rows (collection_year, row_no);
CREATE INDEX header_rows_child ON header_rows (child);

CREATE TABLE episode_rows (
    id bigserial PRIMARY KEY, collection_year text NULL, row_no int NOT NULL,
    child text NOT NULL, decom text NOT NULL, rne text NOT NULL, ls text NOT NULL, cin text NOT NULL,
    place text NOT NULL, place_provider text NOT NULL, dec text NOT NULL, rec text NOT NULL,
    reason_place_change text NOT NULL, home_post text NOT NULL, pl_post text NOT NULL, urn text NOT NULL,
    decom_on date NULL, dec_on date NULL,
    weekly_cost numeric(12,2) NULL          -- live records only: the placement's weekly cost in pounds
);
CREATE INDEX episode_rows_year ON episode_rows (collection_year, row_no);
CREATE INDEX episode_rows_child ON episode_rows (child, decom_on);

CREATE TABLE review_rows (
    id bigserial PRIMARY KEY, collection_year text NULL, row_no int NOT NULL,
    child text NOT NULL, dob text NOT NULL, review text NOT NULL, review_code text NOT NULL,
    review_on date NULL
);
CREATE INDEX review_rows_year ON review_rows (collection_year, row_no);

CREATE TABLE missing_rows (
    id bigserial PRIMARY KEY, collection_year text NULL, row_no int NOT NULL,
    child text NOT NULL, dob text NOT NULL, missing text NOT NULL, mis_start text NOT NULL, mis_end text NOT NULL,
    mis_start_on date NULL, mis_end_on date NULL
);
CREATE INDEX missing_rows_year ON missing_rows (collection_year, row_no);

-- The return's other tables (uasc, oc2, oc3, ad1, ...) are accepted and kept as sent, columns and all.
CREATE TABLE other_rows (
    id bigserial PRIMARY KEY, collection_year text NOT NULL, table_name text NOT NULL, row_no int NOT NULL,
    columns text[] NOT NULL, fields text[] NOT NULL
);
CREATE INDEX other_rows_year ON other_rows (collection_year, table_name, row_no);

-- Each import and its validation report's counts.
CREATE TABLE imports (
    id uuid PRIMARY KEY, collection_year text NOT NULL, imported_at timestamptz NOT NULL,
    files text[] NOT NULL, rows int NOT NULL, findings int NOT NULL, counts jsonb NOT NULL
);
