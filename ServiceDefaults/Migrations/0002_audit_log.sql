-- Who read a personal record or changed anything, when, what, from which trace. Append-only: the service's
-- application role may insert and read it, never update or delete (see ApplicationRole).
CREATE TABLE audit_log (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,       -- the token's subject, or consumer:<queue> for a change made by an event
    action      text        NOT NULL,       -- read, change, consume
    what        text        NOT NULL,       -- the endpoint (method and route) or the event type
    resource    text        NULL,           -- the path read or changed, or the message id
    purpose     text        NULL,           -- why a personal record was read
    status      integer     NULL,           -- the HTTP answer
    trace_id    text        NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
