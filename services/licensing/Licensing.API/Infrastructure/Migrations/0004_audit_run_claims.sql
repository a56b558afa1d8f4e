-- An audit is run by one replica of the service at a time: the replica claims it for a lease it renews with each batch,
-- and another takes it over when a claim lapses (the runner crashed or was stopped). Audits left running by an earlier
-- version have no claim: the first replica to look takes them.
ALTER TABLE audits ADD COLUMN claimed_by text NULL, ADD COLUMN claimed_until timestamptz NULL;
