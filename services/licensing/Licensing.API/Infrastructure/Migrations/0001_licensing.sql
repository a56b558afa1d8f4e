-- Taxi and private hire licensing. Drivers' personal details live in drivers and register_entries only:
-- events and other services see a licence reference, never a person.

CREATE SEQUENCE licence_numbers;

CREATE TABLE drivers (
    id                      uuid        PRIMARY KEY,
    name                    text        NOT NULL,
    date_of_birth           date        NOT NULL,
    address                 text        NULL,
    ni_number               text        NULL,
    driving_licence_number  text        NULL,
    recorded_at             timestamptz NOT NULL
);

-- Vehicles are licensed as they are when they apply: the facts the vehicle policy reads.
CREATE TABLE vehicles (
    id                   uuid        PRIMARY KEY,
    registration         text        NOT NULL UNIQUE,
    first_registered_on  date        NOT NULL,
    insurance_write_off  boolean     NOT NULL,
    cctv_certified_on    date        NULL,
    cctv_records_video   boolean     NOT NULL,
    cctv_records_audio   boolean     NOT NULL,
    recorded_at          timestamptz NOT NULL
);

-- One licence per holder and type; a renewal extends the same licence (same reference).
CREATE TABLE licences (
    id                   uuid        PRIMARY KEY,
    reference            text        NOT NULL UNIQUE,         -- PH-000001, HC-..., VE-..., OP-...
    type                 text        NOT NULL,                -- HackneyCarriage, PrivateHire, Vehicle, Operator
    driver_id            uuid        NULL REFERENCES drivers (id),
    vehicle_id           uuid        NULL REFERENCES vehicles (id),
    operator_name        text        NULL,
    applied_on           date        NOT NULL,
    recorded_at          timestamptz NOT NULL,
    CONSTRAINT licences_one_holder CHECK (num_nonnulls(driver_id, vehicle_id, operator_name) = 1)
);
CREATE INDEX licences_driver ON licences (driver_id);

-- Each grant or renewal with its term; a term shorter than the standard one carries its reason.
CREATE TABLE licence_grants (
    id                   uuid        PRIMARY KEY,
    licence_id           uuid        NOT NULL REFERENCES licences (id),
    granted_on           date        NOT NULL,
    term_months          integer     NOT NULL CHECK (term_months > 0),
    expires_on           date        NOT NULL,
    shorter_term_reason  text        NULL,
    exceptional_condition text       NULL,                    -- a vehicle licensed over age, with why
    recorded_at          timestamptz NOT NULL
);
CREATE INDEX licence_grants_licence ON licence_grants (licence_id, granted_on);

-- Status changes decided on a licence (refused, suspended, revoked, set aside), from a day. Never updated
-- except to move an effective day when an appeal decides it.
CREATE TABLE licence_status_changes (
    id                   uuid        PRIMARY KEY,
    licence_id           uuid        NOT NULL REFERENCES licences (id),
    status               text        NOT NULL,
    effective_on         date        NULL,                    -- NULL while it waits for an appeal
    decision_id          uuid        NULL,
    reason               text        NOT NULL,
    recorded_at          timestamptz NOT NULL
);
CREATE INDEX licence_status_changes_licence ON licence_status_changes (licence_id);

-- Every dated check on a driver's file that the fitness engine reads.
CREATE TABLE driver_checks (
    id                   uuid        PRIMARY KEY,
    driver_id            uuid        NOT NULL REFERENCES drivers (id),
    kind                 text        NOT NULL,                -- Dbs, UpdateServiceCheck, SafeguardingTraining, ...
    checked_on           date        NOT NULL,
    passed               boolean     NULL,                    -- knowledge test, medical
    both_barred_lists    boolean     NULL,                    -- DBS
    on_barred_list       boolean     NULL,                    -- DBS
    register_match       boolean     NULL,                    -- national register search
    happened_on          date        NULL,                    -- self-report: when it happened
    summary              text        NULL,                    -- police intelligence, self-report
    recorded_at          timestamptz NOT NULL
);
CREATE INDEX driver_checks_driver ON driver_checks (driver_id);

CREATE TABLE convictions (
    id                   uuid        PRIMARY KEY,
    driver_id            uuid        NOT NULL REFERENCES drivers (id),
    category             text        NOT NULL,
    convicted_on         date        NOT NULL,
    sentence_ends_on     date        NULL,
    ban_ends_on          date        NULL,
    offence              text        NULL,
    recorded_at          timestamptz NOT NULL
);
CREATE INDEX convictions_driver ON convictions (driver_id);

CREATE TABLE hearings (
    id                   uuid        PRIMARY KEY,
    driver_id            uuid        NOT NULL REFERENCES drivers (id),
    licence_id           uuid        NOT NULL REFERENCES licences (id),
    held_on              date        NOT NULL,
    grounds              text        NOT NULL,
    -- Who held the licensing function at the hearing, from this service's copy of the Directions.
    decision_maker_authority text    NOT NULL,
    decision_maker_oversight text    NOT NULL,
    decision_maker_name  text        NOT NULL,
    directions_id        uuid        NOT NULL,
    recorded_at          timestamptz NOT NULL
);
CREATE INDEX hearings_driver ON hearings (driver_id);

CREATE TABLE hearing_members (
    hearing_id           uuid        NOT NULL REFERENCES hearings (id),
    name                 text        NOT NULL,
    role                 text        NOT NULL,                -- DecisionMaker, Advisory
    interest             text        NULL,                    -- declared: the member takes no part
    PRIMARY KEY (hearing_id, name)
);

-- What was said: questions and the driver's statements, in order.
CREATE TABLE hearing_record (
    id                   uuid        PRIMARY KEY,
    hearing_id           uuid        NOT NULL REFERENCES hearings (id),
    seq                  integer     NOT NULL,
    kind                 text        NOT NULL,                -- Question, Statement
    speaker              text        NOT NULL,
    text                 text        NOT NULL,
    recorded_at          timestamptz NOT NULL,
    UNIQUE (hearing_id, seq)
);

CREATE TABLE hearing_decisions (
    id                   uuid        PRIMARY KEY,             -- also the decision's id in governance's register
    hearing_id           uuid        NOT NULL UNIQUE REFERENCES hearings (id),
    outcome              text        NOT NULL,
    grounds              text        NOT NULL,                -- Safeguarding, RoadSafety, Other
    reasons              text        NOT NULL,
    immediate            boolean     NOT NULL,
    immediate_reasons    text        NULL,
    notice_given_on      date        NOT NULL,
    effective_on         date        NULL,
    effect_rule          text        NOT NULL,
    recorded_at          timestamptz NOT NULL
);

CREATE TABLE appeals (
    id                   uuid        PRIMARY KEY,
    decision_id          uuid        NOT NULL UNIQUE REFERENCES hearing_decisions (id),
    lodged_on            date        NOT NULL,
    decided_on           date        NULL,
    outcome              text        NULL,                    -- Upheld, Dismissed, Varied
    varied_terms         text        NULL,
    recorded_at          timestamptz NOT NULL
);

-- Entries this council made in the national register of refusals and revocations (NR3), kept 11 years.
CREATE TABLE register_entries (
    id                      uuid        PRIMARY KEY,
    decision_id             uuid        NOT NULL UNIQUE REFERENCES hearing_decisions (id),
    name                    text        NOT NULL,
    date_of_birth           date        NOT NULL,
    address                 text        NULL,
    ni_number               text        NULL,
    driving_licence_number  text        NULL,
    decision                text        NOT NULL,
    decision_on             date        NOT NULL,
    effective_on            date        NULL,
    keep_until              date        NOT NULL,
    recorded_at             timestamptz NOT NULL
);

CREATE TABLE audits (
    id                   uuid        PRIMARY KEY,
    as_at                date        NOT NULL,
    status               text        NOT NULL,                -- Running, Completed, Failed
    drivers_total        integer     NOT NULL,
    drivers_checked      integer     NOT NULL,
    started_at           timestamptz NOT NULL,
    finished_at          timestamptz NULL,
    failure              text        NULL
);

CREATE TABLE audit_findings (
    audit_id             uuid        NOT NULL REFERENCES audits (id),
    driver_id            uuid        NOT NULL REFERENCES drivers (id),
    licence_reference    text        NOT NULL,
    outcome              text        NOT NULL,
    reasons              jsonb       NOT NULL,
    PRIMARY KEY (audit_id, driver_id)
);

-- Who read a driver's personal record, when, why and from which trace. Append-only.
CREATE TABLE record_reads (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    driver_id            uuid        NOT NULL,
    reader               text        NOT NULL,
    purpose              text        NOT NULL,
    trace_id             text        NULL,
    read_at              timestamptz NOT NULL
);
CREATE INDEX record_reads_driver ON record_reads (driver_id, read_at);
