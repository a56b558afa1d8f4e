-- The incremental placement forecast (issue 16): each budgeted year's nights by placement type, counted in full once
-- (placement_nights_years says which years are kept) and then moved by each children's event.
CREATE TABLE placement_nights_years (
    year       integer     PRIMARY KEY,
    counted_at timestamptz NOT NULL
);

CREATE TABLE placement_nights (
    year             integer NOT NULL REFERENCES placement_nights_years (year),
    placement_type   text    NOT NULL,
    nights           bigint  NOT NULL,
    stovewood_nights bigint  NOT NULL,
    PRIMARY KEY (year, placement_type)
);
