-- The register of Directions. Each Directions' assignments are rows of the platform's
-- authority_assignments table, which here holds every function, not only governance's own.
CREATE TABLE directions (
    id                   uuid        PRIMARY KEY,
    issued_on            date        NOT NULL,
    issued_by            text[]      NOT NULL,
    effective_from       timestamptz NOT NULL,
    recorded_at          timestamptz NOT NULL,
    intervention_ends_on date        NULL
);

ALTER TABLE authority_assignments
    ADD CONSTRAINT authority_assignments_directions FOREIGN KEY (directions_id) REFERENCES directions (id);
