-- Terminology service: which version of each TerminologySource is loaded, and the concepts of the loaded code
-- systems in a form the operations can use fast. The CodeSystem resources in the FHIR store stay the source of
-- truth; these tables are rebuilt from them by the loader whenever a source's version changes.

CREATE TABLE terminology_source (
  name text PRIMARY KEY,
  version text NOT NULL,
  resource_count integer NOT NULL,
  concept_count integer NOT NULL,
  load_millis bigint NOT NULL,
  loaded_at timestamptz NOT NULL
);

CREATE TABLE terminology_code_system (
  url text PRIMARY KEY,
  version text,
  source text NOT NULL REFERENCES terminology_source (name) ON DELETE CASCADE,
  resource_id text NOT NULL,
  name text,
  title text,
  value_set text,
  properties jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX terminology_code_system_source_idx ON terminology_code_system (source);

CREATE TABLE terminology_concept (
  system text NOT NULL REFERENCES terminology_code_system (url) ON DELETE CASCADE,
  code text NOT NULL,
  ordinal integer NOT NULL,
  display text,
  display_folded text,
  parents text[] NOT NULL DEFAULT '{}',
  ancestors text[] NOT NULL DEFAULT '{}',
  properties jsonb NOT NULL DEFAULT '{}',
  designations jsonb NOT NULL DEFAULT '[]',
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (system, code)
);
-- diacritic-free display search (ILIKE '%viem phoi%') and is-a queries from SQL reports
CREATE INDEX terminology_concept_display_trgm_idx ON terminology_concept USING gin (display_folded gin_trgm_ops);
CREATE INDEX terminology_concept_ancestors_idx ON terminology_concept USING gin (ancestors);
CREATE INDEX terminology_concept_order_idx ON terminology_concept (system, ordinal);
