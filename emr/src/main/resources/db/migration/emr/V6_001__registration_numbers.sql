-- Tiếp đón: the patient number (MRN, BN + 8 digits) and the queue number of each clinic room per day.
-- Both are taken outside the visit's own transaction, so a refused registration leaves a gap in the numbers,
-- never a duplicate.
CREATE SEQUENCE IF NOT EXISTS emr_mrn_seq START WITH 1 MINVALUE 1 MAXVALUE 99999999;

CREATE TABLE IF NOT EXISTS emr_queue_counter (
    room_id     text    NOT NULL,
    day         date    NOT NULL,
    last_number integer NOT NULL,
    PRIMARY KEY (room_id, day)
);
