-- Casework that the 903 return does not carry but the KPIs need. Children are named by the local
-- identifier (903 CHILD): children in need who are not looked after have records here too.
-- Each record's natural key is unique, so loading the same records again changes nothing.
CREATE TABLE statutory_visits (
    child text NOT NULL, due_on date NOT NULL, visited_on date NULL,
    PRIMARY KEY (child, due_on)
);

CREATE TABLE assessments (
    child text NOT NULL, started_on date NOT NULL, completed_on date NULL,
    PRIMARY KEY (child, started_on)
);

CREATE TABLE plans (
    child text NOT NULL, started_on date NOT NULL, ended_on date NULL, review_due_on date NOT NULL,
    PRIMARY KEY (child, started_on)
);

CREATE TABLE health_assessments (
    child text NOT NULL, kind text NOT NULL, due_on date NOT NULL, done_on date NULL,
    PRIMARY KEY (child, kind, due_on)
);

-- A return home interview after a missing episode: returned_on is the episode's MIS_END.
CREATE TABLE return_interviews (
    child text NOT NULL, returned_on date NOT NULL, interviewed_on date NOT NULL,
    PRIMARY KEY (child, returned_on)
);

CREATE TABLE social_workers (
    id text PRIMARY KEY, agency boolean NOT NULL, started_on date NOT NULL, left_on date NULL
);

CREATE TABLE allocations (
    child text NOT NULL, social_worker text NOT NULL REFERENCES social_workers (id), from_on date NOT NULL, to_on date NULL,
    PRIMARY KEY (child, social_worker, from_on)
);

-- The children's front door: contacts the team works through, such as a safeguarding concern from licensing.
CREATE TABLE front_door_contacts (
    id uuid PRIMARY KEY, source text NOT NULL, licence_reference text NOT NULL, licence_type text NOT NULL,
    decision_id uuid NOT NULL UNIQUE, outcome text NOT NULL, decided_on date NOT NULL, effective_on date NULL,
    immediate boolean NOT NULL, received_at timestamptz NOT NULL,
    status text NOT NULL, worked_by text NULL, worked_at timestamptz NULL, note text NULL
);
CREATE INDEX front_door_contacts_open ON front_door_contacts (received_at) WHERE status = 'Open';

-- Ofsted's recommendations and the Children's Commissioner's seven tests, each with its RAG history.
CREATE TABLE improvement_items (
    code text PRIMARY KEY, kind text NOT NULL, title text NOT NULL, source text NOT NULL
);
CREATE TABLE improvement_assessments (
    id uuid PRIMARY KEY, code text NOT NULL REFERENCES improvement_items (code),
    assessed_on date NOT NULL, rag text NOT NULL, evidence text NOT NULL, owner text NOT NULL, recorded_at timestamptz NOT NULL,
    UNIQUE (code, assessed_on)
);

-- Right Child Right Care: children in scope for a move to permanence.
CREATE TABLE permanence_cases (
    child text PRIMARY KEY, in_scope_from date NOT NULL, plan text NOT NULL, achieved_on date NULL
);

-- Postcode centroids for the distance KPI: full postcodes or 903 sectors ("S60 2"), stored normalised.
CREATE TABLE postcodes (
    postcode text PRIMARY KEY, latitude double precision NOT NULL, longitude double precision NOT NULL
);
