-- The platform's tables, present in every service's database.

-- Events written in the same transaction as the business change; the relay publishes them.
CREATE TABLE outbox_messages (
    id           uuid        PRIMARY KEY,          -- also the MassTransit MessageId: consumers dedupe on it
    sequence     bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    message_type text        NOT NULL,             -- contract type's full name in Intervention.Contracts
    body         jsonb       NOT NULL,
    traceparent  text        NULL,                 -- W3C trace context of the request that wrote it
    created_at   timestamptz NOT NULL,
    published_at timestamptz NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text        NULL
);
CREATE INDEX outbox_messages_pending ON outbox_messages (sequence) WHERE published_at IS NULL;

-- Messages a consumer has already had its effect for, written in the effect's transaction.
CREATE TABLE inbox_messages (
    message_id  uuid        NOT NULL,
    consumer    text        NOT NULL,              -- the consumer's queue
    received_at timestamptz NOT NULL,
    PRIMARY KEY (message_id, consumer)
);

-- Who holds each function under each Directions: governance's register, or a service's own copy.
CREATE TABLE authority_assignments (
    directions_id  uuid        NOT NULL,
    function       text        NOT NULL,
    authority      text        NOT NULL,
    oversight      text        NOT NULL,
    effective_from timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL,
    PRIMARY KEY (directions_id, function)
);
CREATE INDEX authority_assignments_function ON authority_assignments (function, effective_from);
