package org.vnemr.fhir.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vnemr.fhir.error.FhirError;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code _cursor} of keyset paging: the sort-key values of the last row of a page (as PostgreSQL
 * text, cast back to the key's type when bound) and its id as tie-breaker, plus the fingerprint of the
 * search, signed with HMAC-SHA256 so that an altered cursor, or one reused with other criteria, is refused
 * with 400 instead of silently skipping or repeating rows.
 *
 * <p>Token: {@code base64url(JSON array [fingerprint, id, key…]) "." base64url(first 16 bytes of the MAC)}.
 */
final class SearchCursor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    SearchCursor(byte[] key) {
        this.key = key.clone();
    }

    /** A decoded position: the last row's sort-key values (nullable) and id. */
    record Position(List<String> keys, String id) {
    }

    String encode(String fingerprint, Position position) {
        List<String> payload = new ArrayList<>();
        payload.add(fingerprint);
        payload.add(position.id());
        payload.addAll(position.keys());
        try {
            byte[] body = JSON.writeValueAsBytes(payload);
            return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException 400 on anything not issued for this search */
    Position decode(String token, String fingerprint, int keyCount) {
        try {
            int dot = token.indexOf('.');
            if (dot < 0) {
                throw invalid();
            }
            byte[] body = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(body))) {
                throw invalid();
            }
            List<?> payload = JSON.readValue(body, List.class);
            if (payload.size() != keyCount + 2 || !fingerprint.equals(payload.get(0))
                    || !(payload.get(1) instanceof String id)) {
                throw invalid();
            }
            List<String> keys = new ArrayList<>();
            for (Object value : payload.subList(2, payload.size())) {
                if (value != null && !(value instanceof String)) {
                    throw invalid();
                }
                keys.add((String) value);
            }
            return new Position(keys, id);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(body), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException invalid() {
        return FhirError.badRequest("VNEMR-1207");
    }
}
