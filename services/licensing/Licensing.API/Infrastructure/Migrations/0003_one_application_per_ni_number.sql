-- One application per NI number and licence type: a second application by the same person for the same licence gave
-- them a second licence reference and split their fitness history between two records. A driver recorded without an
-- NI number is not covered (nothing to match by). Drivers already recorded twice keep both records; the earliest
-- application holds the number, so the service starts on a populated database.
CREATE TABLE licence_applications (
    ni_number     text  NOT NULL,                           -- as stored on drivers: no spaces, upper case
    licence_type  text  NOT NULL,                           -- HackneyCarriage, PrivateHire
    driver_id     uuid  NOT NULL REFERENCES drivers (id),
    licence_id    uuid  NOT NULL REFERENCES licences (id),
    PRIMARY KEY (ni_number, licence_type)
);

INSERT INTO licence_applications (ni_number, licence_type, driver_id, licence_id)
SELECT DISTINCT ON (d.ni_number, l.type) d.ni_number, l.type, d.id, l.id
FROM drivers d JOIN licences l ON l.driver_id = d.id
WHERE d.ni_number IS NOT NULL
ORDER BY d.ni_number, l.type, l.recorded_at, l.id;
