-- Bulk Data $export jobs (async kick-off / status / download). Output files live on disk under the export
-- directory; this table holds the state that the status URL reports.
CREATE TABLE bulk_export_job (
  id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('accepted', 'running', 'completed', 'failed', 'cancelled')),
  request_url text NOT NULL,
  export_level text NOT NULL CHECK (export_level IN ('system', 'patient', 'group')),
  group_id text,
  types text[],
  since timestamptz,
  transaction_time timestamptz NOT NULL,
  created timestamptz NOT NULL DEFAULT now(),
  finished timestamptz,
  progress text,
  error text,
  output text
);
CREATE INDEX bulk_export_job_created_idx ON bulk_export_job (created);
