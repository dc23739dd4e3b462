-- Patient matching and merge (vn-core, package org.vnemr.vncore.matching).

-- Blocking keys of every current patient: a candidate is compared only with patients that share a key
-- (identifier, tên + birth year, birth date, tên + ward, phone). Computed in Java (PatientMatchKeys).
CREATE TABLE vncore_match_key (
  match_key text NOT NULL,
  patient_id text NOT NULL,
  PRIMARY KEY (match_key, patient_id)
);
CREATE INDEX vncore_match_key_patient_idx ON vncore_match_key (patient_id);

-- What the scorer needs of each current patient (PatientFacts as compact JSON, ~200 bytes), so a match call
-- scores its candidates without reading and parsing their full resources.
CREATE TABLE vncore_match_facts (
  patient_id text PRIMARY KEY,
  facts text NOT NULL
);

-- Patients written since their keys were last computed. Filled by the triggers below in the same
-- transaction as the write (REST, transaction Bundles and COPY imports alike), emptied by PatientMatchIndex.
CREATE TABLE vncore_match_pending (
  seq bigserial PRIMARY KEY,
  patient_id text NOT NULL
);

CREATE FUNCTION vncore_match_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO vncore_match_pending (patient_id) SELECT id FROM changed_rows;
  RETURN NULL;
END
$$;

CREATE TRIGGER vncore_match_patient_inserted AFTER INSERT ON "patient"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION vncore_match_enqueue();
CREATE TRIGGER vncore_match_patient_updated AFTER UPDATE ON "patient"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION vncore_match_enqueue();

-- patients stored before this migration
INSERT INTO vncore_match_pending (patient_id) SELECT id FROM "patient";

-- One row per merge: what the merge changed, so that $unmerge can undo exactly that and nothing else.
CREATE TABLE vncore_patient_merge (
  id text PRIMARY KEY,
  source_id text NOT NULL,
  target_id text NOT NULL,
  source_active text,            -- the source's "active" element before the merge, as JSON (null: absent)
  added_identifiers text NOT NULL, -- JSON array of the identifiers copied to the target
  reason text,
  merged_by text NOT NULL,
  merged_at timestamptz NOT NULL,
  merge_audit_id text NOT NULL,
  unmerged_by text,
  unmerged_at timestamptz,
  unmerge_audit_id text
);
CREATE UNIQUE INDEX vncore_patient_merge_source_idx ON vncore_patient_merge (source_id) WHERE unmerged_at IS NULL;
CREATE INDEX vncore_patient_merge_target_idx ON vncore_patient_merge (target_id) WHERE unmerged_at IS NULL;
