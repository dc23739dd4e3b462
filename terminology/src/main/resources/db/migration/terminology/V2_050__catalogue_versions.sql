-- National catalogues with prices (danh mục dùng chung): the relational index of the catalogue versions whose
-- FHIR resources (CodeSystem, ChargeItemDefinition, MedicationKnowledge) are the source of truth. The index
-- answers the two hot questions without parsing JSON: "what did this code cost on that day" (billing) and
-- "what changes between the active and the pending version" (the preview before activation).
CREATE TABLE catalogue_version (
  id text PRIMARY KEY,
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'active')),
  source_name text,
  imported_at timestamptz NOT NULL,
  effective_from date,
  effective_to date,
  entry_count integer NOT NULL,
  CHECK (status = 'pending' OR effective_from IS NOT NULL),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
-- one activated version per kind and start day: the timeline of prices has no two versions starting together
CREATE UNIQUE INDEX catalogue_version_kind_from_idx ON catalogue_version (kind, effective_from)
  WHERE status = 'active';

CREATE TABLE catalogue_entry (
  version_id text NOT NULL REFERENCES catalogue_version (id),
  code text NOT NULL,
  display text NOT NULL,
  fields jsonb NOT NULL,
  bhyt_price numeric(18, 3),
  service_price numeric(18, 3),
  payment_ratio numeric(6, 3),
  valid_from date,
  valid_to date,
  PRIMARY KEY (version_id, code)
);
-- price of the day: code first, the version's period is checked on the few rows one code has
CREATE INDEX catalogue_entry_code_idx ON catalogue_entry (code);
