-- The medium-term financial strategy: versions (and scenarios copied from them) and their assumptions.
-- A version is never rewritten; the gap is computed from its assumptions when asked, never stored.
CREATE TABLE mtfs_versions (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    parent_id   text        NULL REFERENCES mtfs_versions (id),
    first_year  integer     NOT NULL,                -- start year of the first financial year (2016 = 2016-17)
    year_count  integer     NOT NULL CHECK (year_count BETWEEN 3 AND 5),
    is_current  boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    approved_at timestamptz NULL
);
CREATE UNIQUE INDEX mtfs_versions_one_current ON mtfs_versions (is_current) WHERE is_current;

CREATE TABLE mtfs_assumptions (
    id          uuid        PRIMARY KEY,
    version_id  text        NOT NULL REFERENCES mtfs_versions (id),
    category    text        NOT NULL,
    year        integer     NULL,                    -- start year; null for version-wide assumptions
    name        text        NULL,
    value       numeric     NOT NULL,
    source      text        NOT NULL,
    as_of       date        NOT NULL,
    illustrative boolean    NOT NULL
);
CREATE UNIQUE INDEX mtfs_assumptions_line ON mtfs_assumptions (version_id, category, coalesce(year, 0), lower(coalesce(name, '')));

-- The demand-led forecast's facts: which placement type each child (by pseudonymous reference) was in, from when to when.
CREATE TABLE placement_spells (
    id             uuid        PRIMARY KEY,
    child_ref      text        NOT NULL,
    placement_type text        NOT NULL,
    stovewood      boolean     NOT NULL,
    started_on     date        NOT NULL,
    ended_on       date        NULL,                 -- exclusive; null while the child is still there
    started_by     uuid        NOT NULL,             -- the event that opened it
    ended_by       uuid        NULL,
    recorded_at    timestamptz NOT NULL
);
CREATE INDEX placement_spells_child ON placement_spells (child_ref, started_on);
CREATE UNIQUE INDEX placement_spells_one_open ON placement_spells (child_ref) WHERE ended_on IS NULL;
CREATE INDEX placement_spells_period ON placement_spells (started_on, ended_on);

-- Budget monitoring.
CREATE TABLE directorates (
    code        text        PRIMARY KEY,
    name        text        NOT NULL,
    recorded_at timestamptz NOT NULL
);

CREATE TABLE cost_centres (
    code        text        PRIMARY KEY,
    directorate text        NOT NULL REFERENCES directorates (code),
    name        text        NOT NULL,
    recorded_at timestamptz NOT NULL
);

CREATE TABLE budgets (
    year        integer     NOT NULL,
    cost_centre text        NOT NULL REFERENCES cost_centres (code),
    net_budget  numeric     NOT NULL,                -- as set; virements move it, and are kept apart
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (year, cost_centre)
);

CREATE TABLE virements (
    id               uuid        PRIMARY KEY,
    year             integer     NOT NULL,
    from_cost_centre text        NOT NULL REFERENCES cost_centres (code),
    to_cost_centre   text        NOT NULL REFERENCES cost_centres (code),
    amount           numeric     NOT NULL CHECK (amount > 0),
    reason           text        NOT NULL,
    cabinet_decision text        NULL,               -- the Cabinet decision that approved it, above the threshold
    recorded_at      timestamptz NOT NULL
);
CREATE INDEX virements_year ON virements (year);

-- Each month's forecast outturn per cost centre: actuals to date + forecast for the rest of the year.
CREATE TABLE forecast_returns (
    year              integer     NOT NULL,
    month             integer     NOT NULL CHECK (month BETWEEN 1 AND 12),   -- period 1 = April
    cost_centre       text        NOT NULL REFERENCES cost_centres (code),
    actuals_to_date   numeric     NOT NULL,
    forecast_remaining numeric    NOT NULL,
    management_action text        NULL,
    recorded_at       timestamptz NOT NULL,
    PRIMARY KEY (year, month, cost_centre)
);

CREATE TABLE savings_proposals (
    code        text        PRIMARY KEY,
    year        integer     NOT NULL,
    directorate text        NOT NULL REFERENCES directorates (code),
    description text        NOT NULL,
    owner       text        NOT NULL,
    value       numeric     NOT NULL CHECK (value >= 0),
    delivered   numeric     NOT NULL CHECK (delivered >= 0),
    rag         text        NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX savings_proposals_year ON savings_proposals (year, directorate);
