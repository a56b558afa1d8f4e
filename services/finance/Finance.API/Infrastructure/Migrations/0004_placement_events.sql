-- A child's placement events as finance received them (issue 16). The child's spells are made from them in the order
-- the children's service recorded them (occurred_at), whatever order they arrive in, so that finance can take its queue
-- side by side and any number of instances can share it.
CREATE TABLE placement_events (
    event_id       uuid        PRIMARY KEY,
    child_ref      text        NOT NULL,
    occurred_at    timestamptz NOT NULL,                -- when the children's service recorded it
    kind           text        NOT NULL CHECK (kind IN ('Start', 'Move', 'End')),
    happened_on    date        NOT NULL,
    placement_type text        NULL,                    -- null for an end
    stovewood      boolean     NOT NULL,
    recorded_at    timestamptz NOT NULL
);
CREATE INDEX placement_events_child ON placement_events (child_ref, occurred_at);

-- The events behind the spells already recorded, in the order finance recorded them: each spell's opening (a move when
-- it ended another spell of the child, else a start), and each ending that opened nothing (a child leaving care).
INSERT INTO placement_events (event_id, child_ref, occurred_at, kind, happened_on, placement_type, stovewood, recorded_at)
SELECT s.started_by, s.child_ref, s.recorded_at,
       CASE WHEN EXISTS (SELECT 1 FROM placement_spells p WHERE p.child_ref = s.child_ref AND p.ended_by = s.started_by) THEN 'Move' ELSE 'Start' END,
       s.started_on, s.placement_type, s.stovewood, s.recorded_at
FROM placement_spells s
ON CONFLICT DO NOTHING;

INSERT INTO placement_events (event_id, child_ref, occurred_at, kind, happened_on, placement_type, stovewood, recorded_at)
SELECT s.ended_by, s.child_ref, s.recorded_at + interval '1 microsecond', 'End', s.ended_on, NULL, s.stovewood, s.recorded_at
FROM placement_spells s
WHERE s.ended_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM placement_spells o WHERE o.started_by = s.ended_by)
ON CONFLICT DO NOTHING;
