-- Reads of drivers' records now go to the platform's append-only audit_log with every other service's reads and changes.
DROP TABLE record_reads;
