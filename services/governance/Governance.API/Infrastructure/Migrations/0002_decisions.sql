-- The decision register: every decision any portfolio reports, checked against the Directions.
-- The holder_* columns and questioned_reason are the result of the latest check (at checked_at);
-- Directions recorded later re-check the decisions in their window and update them.
-- Status that depends on today (call-in) is worked out when a decision is read, never stored.
CREATE TABLE decisions (
    id                   uuid        PRIMARY KEY,       -- chosen by the source service: reporting again is idempotent
    source_service       text        NOT NULL,
    function             text        NOT NULL,
    decided_at           timestamptz NOT NULL,
    authority            text        NOT NULL,          -- who decided
    decider_name         text        NOT NULL,
    meeting              text        NULL,
    summary              text        NOT NULL,
    key_decision         boolean     NOT NULL,
    call_in              boolean     NOT NULL,
    recorded_at          timestamptz NOT NULL,
    holder_authority     text        NULL,              -- who held the function at decided_at; NULL when no Directions assigned it
    holder_oversight     text        NULL,
    holder_directions_id uuid        NULL,
    questioned_reason    text        NULL,              -- set while questioned
    checked_at           timestamptz NOT NULL,
    signed_off_by        text        NULL,              -- a Commissioner's sign-off under veto oversight
    signed_off_at        timestamptz NULL,
    -- Deferred: a re-check points decisions at Directions inserted in the same transaction.
    CONSTRAINT decisions_holder_directions FOREIGN KEY (holder_directions_id) REFERENCES directions (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX decisions_function_decided_at ON decisions (function, decided_at);
CREATE INDEX decisions_decided_at ON decisions (decided_at);
CREATE INDEX decisions_questioned ON decisions (decided_at) WHERE questioned_reason IS NOT NULL;
