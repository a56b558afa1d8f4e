-- Return of functions: the four tests (history kept), each return's steps, and the quarterly reviews announced.
CREATE TABLE return_test_assessments (
    id          uuid        PRIMARY KEY,
    function    text        NOT NULL,
    test        text        NOT NULL,               -- GoodEnoughService, OfficerLeadership, QualityAssured, CouncillorsReady
    rag         text        NOT NULL,               -- Red, Amber, Green
    evidence    text        NOT NULL,
    assessor    text        NOT NULL,
    assessed_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX return_test_assessments_function ON return_test_assessments (function, test, assessed_at);

-- The stage is computed from which steps are recorded; it is not stored.
CREATE TABLE function_returns (
    id                        uuid        PRIMARY KEY,
    function                  text        NOT NULL,
    recommended_on            date        NOT NULL,
    recommended_by            text        NOT NULL,
    recommended_at            timestamptz NOT NULL,
    minded_to_on              date        NULL,
    minded_to_by              text        NULL,
    representations_close_on  date        NULL,
    minded_to_recorded_at     timestamptz NULL,
    returned_by_directions_id uuid        NULL REFERENCES directions (id),
    closed_at                 timestamptz NULL
);
-- One open return per function at a time.
CREATE UNIQUE INDEX function_returns_one_open ON function_returns (function) WHERE closed_at IS NULL;

CREATE TABLE return_representations (
    id                uuid        PRIMARY KEY,
    return_process_id uuid        NOT NULL REFERENCES function_returns (id),
    received_on       date        NOT NULL,
    made_by           text        NOT NULL,
    summary           text        NOT NULL,
    recorded_at       timestamptz NOT NULL
);
CREATE INDEX return_representations_return ON return_representations (return_process_id);

-- The review date is the key: a date is announced (ReviewDue written to the outbox) at most once.
CREATE TABLE review_announcements (
    review_date  date        PRIMARY KEY,
    event_id     uuid        NOT NULL,
    announced_at timestamptz NOT NULL,
    functions    text[]      NOT NULL
);

-- Progress evidence. Counts and percentages are computed from these rows when asked, never stored.
CREATE TABLE improvement_objectives (
    code        text        PRIMARY KEY,
    phase       text        NOT NULL,
    title       text        NOT NULL,
    recorded_at timestamptz NOT NULL
);

CREATE TABLE improvement_milestones (
    code           text        PRIMARY KEY,
    objective_code text        NOT NULL REFERENCES improvement_objectives (code),
    title          text        NOT NULL,
    due_on         date        NOT NULL,
    recorded_at    timestamptz NOT NULL
);
CREATE INDEX improvement_milestones_objective ON improvement_milestones (objective_code);

CREATE TABLE milestone_status_changes (
    id             uuid        PRIMARY KEY,
    milestone_code text        NOT NULL REFERENCES improvement_milestones (code),
    status         text        NOT NULL,            -- NotStarted, InProgress, Delivered, Late
    status_on      date        NOT NULL,
    recorded_at    timestamptz NOT NULL
);
CREATE INDEX milestone_status_changes_milestone ON milestone_status_changes (milestone_code, status_on);

CREATE TABLE corporate_plan_measures (
    year        text        NOT NULL,               -- financial year, 2016-17
    quarter     integer     NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    measure     text        NOT NULL,
    on_target   boolean     NULL,                   -- null: no data this quarter
    direction   text        NULL,                   -- Improving, Stable, Declining; null: not comparable
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (year, quarter, measure)
);

CREATE TABLE health_check_assessments (
    id          uuid        PRIMARY KEY,
    factor      integer     NOT NULL CHECK (factor BETWEEN 1 AND 10),
    rag         text        NOT NULL,
    evidence    text        NOT NULL,
    assessed_on date        NOT NULL,
    assessor    text        NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX health_check_assessments_factor ON health_check_assessments (factor, assessed_on);

CREATE TABLE commissioner_days (
    year           text        PRIMARY KEY,          -- financial year, 2018-19
    allocated_days numeric     NULL,                 -- pooled allocation for every Commissioner together
    days_used      numeric     NOT NULL,
    commissioners  integer     NULL,
    note           text        NULL,
    recorded_at    timestamptz NOT NULL
);
