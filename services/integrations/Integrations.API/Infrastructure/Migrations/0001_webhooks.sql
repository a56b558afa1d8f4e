-- Webhook subscriptions, the events they are fed from, and each delivery's attempts.

-- Every event consumed from the broker, once (its EventId), as it is sent: the CloudEvents attributes and the data.
CREATE TABLE events (
    event_id    uuid        PRIMARY KEY,
    type        text        NOT NULL,      -- the contract's full name, e.g. Intervention.Contracts.Licensing.LicensingDecisionMade
    source      text        NOT NULL,      -- /intervention/<portfolio>
    occurred_at timestamptz NOT NULL,
    data        json        NOT NULL,      -- json, not jsonb: kept byte for byte as it is sent and signed
    traceparent text        NULL,
    received_at timestamptz NOT NULL
);
CREATE INDEX events_type_occurred ON events (type, occurred_at);

-- An integrator's endpoint and the event types it asked for; the secret signs every delivery.
CREATE TABLE subscriptions (
    id          uuid        PRIMARY KEY,
    owner       text        NOT NULL,      -- the token's subject
    url         text        NOT NULL,
    event_types text[]      NOT NULL,
    secret      text        NOT NULL,
    description text        NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX subscriptions_owner ON subscriptions (owner, created_at);
CREATE INDEX subscriptions_event_types ON subscriptions USING gin (event_types);

-- One event to one subscription: Pending until the subscriber answers 2xx (Delivered) or its retry window ends (Parked).
CREATE TABLE deliveries (
    id               uuid        PRIMARY KEY,   -- also the webhook-id header: the same on every retry
    subscription_id  uuid        NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    event_id         uuid        NOT NULL REFERENCES events (event_id),
    status           text        NOT NULL,
    replay           boolean     NOT NULL,
    created_at       timestamptz NOT NULL,      -- the retry window starts here
    attempts         integer     NOT NULL,
    next_attempt_at  timestamptz NULL,
    last_attempt_at  timestamptz NULL,
    last_status_code integer     NULL,
    last_error       text        NULL,
    delivered_at     timestamptz NULL,
    parked_at        timestamptz NULL
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'Pending';
CREATE INDEX deliveries_subscription ON deliveries (subscription_id, created_at);
