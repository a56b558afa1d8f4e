-- The Idempotency-Key header (IETF httpapi draft): the answer to a POST sent with a key, kept 24 hours so that a retry
-- gets that answer again instead of having a second effect. One row per caller, route and key; a row without a status
-- is a request still running. Expired rows are deleted by the service (hourly). The application role reads and writes it.
CREATE TABLE idempotency_keys (
    id               bytea       PRIMARY KEY,   -- SHA-256 of caller, method, path and key (IdempotencyRules.ScopeOf)
    caller           text        NOT NULL,      -- the token's subject
    route            text        NOT NULL,      -- method and path
    idempotency_key  text        NOT NULL,
    fingerprint      bytea       NOT NULL,      -- SHA-256 of the query and body of the request that claimed the key
    claim            uuid        NOT NULL,      -- the run holding the key: a run completes or frees only its own claim
    claimed_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    status           integer     NULL,          -- the answer kept: status, the headers a client reads, the body
    content_type     text        NULL,
    location         text        NULL,
    body             bytea       NULL,
    answered_at      timestamptz NULL
);
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
