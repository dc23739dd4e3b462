-- The signed legal record: which stored resource versions are frozen by a signature, the signatures of each
-- document in plan order, and patient/relative OTP confirmations. Triggers make frozen rows immutable even for
-- direct SQL by our own code (the WriteGuard refuses the same changes earlier, with a FHIR error and an audit).

CREATE TABLE signing_frozen_resource (
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  version_id bigint NOT NULL,
  document_id text NOT NULL,
  sha256 text NOT NULL,
  frozen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (resource_type, resource_id)
);
CREATE INDEX signing_frozen_resource_document_idx ON signing_frozen_resource (document_id);

CREATE TABLE signing_document_signature (
  document_id text NOT NULL,
  step integer NOT NULL,
  role text NOT NULL,
  method text NOT NULL CHECK (method IN ('certificate', 'otp')),
  provenance_id text NOT NULL,
  bundle_id text NOT NULL,
  pdf_binary_id text,
  signer_display text NOT NULL,
  certificate_subject text,
  signed_at timestamptz NOT NULL,
  PRIMARY KEY (document_id, step)
);

CREATE TABLE signing_consent_otp (
  document_id text NOT NULL,
  step integer NOT NULL,
  code_hash text NOT NULL,
  salt text NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  confirmed_at timestamptz,
  PRIMARY KEY (document_id, step)
);

-- Frozen rows: the current row of a frozen resource may not be updated or deleted at all (an update would move
-- the signed version to history and replace it); its history copy of the frozen version may not change either.
CREATE FUNCTION signing_refuse_frozen_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM signing_frozen_resource f
             WHERE f.resource_type = TG_ARGV[0] AND f.resource_id = OLD.id
               AND (TG_ARGV[1] = 'current' OR f.version_id = OLD.version_id)) THEN
    RAISE EXCEPTION 'VNEMR-4101: %/% belongs to a signed document and cannot be changed or deleted', TG_ARGV[0], OLD.id
      USING ERRCODE = 'VN401';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;

-- The record of what is frozen is itself append-only.
CREATE FUNCTION signing_refuse_unfreeze() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'VNEMR-4101: the frozen-record list is append-only' USING ERRCODE = 'VN401';
END;
$$;
CREATE TRIGGER signing_frozen_resource_append_only BEFORE UPDATE OR DELETE ON signing_frozen_resource
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_unfreeze();
CREATE TRIGGER signing_document_signature_append_only BEFORE UPDATE OR DELETE ON signing_document_signature
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_unfreeze();

CREATE TRIGGER composition_signed_frozen BEFORE UPDATE OR DELETE ON "composition"
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_frozen_change('Composition', 'current');
CREATE TRIGGER composition_history_signed_frozen BEFORE UPDATE OR DELETE ON "composition_history"
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_frozen_change('Composition', 'history');

CREATE TRIGGER bundle_signed_frozen BEFORE UPDATE OR DELETE ON "bundle"
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_frozen_change('Bundle', 'current');
CREATE TRIGGER bundle_history_signed_frozen BEFORE UPDATE OR DELETE ON "bundle_history"
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_frozen_change('Bundle', 'history');

CREATE TRIGGER binary_signed_frozen BEFORE UPDATE OR DELETE ON "binary"
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_frozen_change('Binary', 'current');
CREATE TRIGGER binary_history_signed_frozen BEFORE UPDATE OR DELETE ON "binary_history"
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_frozen_change('Binary', 'history');

CREATE TRIGGER documentreference_signed_frozen BEFORE UPDATE OR DELETE ON "documentreference"
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_frozen_change('DocumentReference', 'current');
CREATE TRIGGER documentreference_history_signed_frozen BEFORE UPDATE OR DELETE ON "documentreference_history"
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_frozen_change('DocumentReference', 'history');

CREATE TRIGGER provenance_signed_frozen BEFORE UPDATE OR DELETE ON "provenance"
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_frozen_change('Provenance', 'current');
CREATE TRIGGER provenance_history_signed_frozen BEFORE UPDATE OR DELETE ON "provenance_history"
  FOR EACH ROW EXECUTE FUNCTION signing_refuse_frozen_change('Provenance', 'history');
