-- The reference data the 903 rules read besides the return (issue 17): the postcode lookup and Ofsted's provider list, each
-- upload a dated version beside the earlier ones. The same file for the same day is one version (the unique key), so a
-- repeated upload doubles nothing.
CREATE TABLE reference_versions (
    id uuid PRIMARY KEY, kind text NOT NULL, as_at date NOT NULL, uploaded_at timestamptz NOT NULL, rows int NOT NULL,
    sha256 text NOT NULL,
    UNIQUE (kind, as_at, sha256)
);
CREATE TABLE reference_postcodes (
    version_id uuid NOT NULL REFERENCES reference_versions (id) ON DELETE CASCADE, postcode text NOT NULL, la text NOT NULL,
    easting int NOT NULL, northing int NOT NULL,
    PRIMARY KEY (version_id, postcode)
);
CREATE TABLE reference_providers (
    version_id uuid NOT NULL REFERENCES reference_versions (id) ON DELETE CASCADE, urn text NOT NULL, la text NOT NULL,
    postcode text NOT NULL, registered_on date NOT NULL, ceased_on date, place_codes text[] NOT NULL, provider_codes text[] NOT NULL,
    PRIMARY KEY (version_id, urn)
);
