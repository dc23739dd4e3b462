package org.vnemr.signing.jws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.store.FhirJson;
import org.vnemr.signing.pdf.ThrowawayPki;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class DetachedJwsTest {

    private static final ThrowawayPki PKI = ThrowawayPki.shared();

    @Test
    void canonicalForm_ignoresStoreMetaAndKeyOrder_keepsOtherMeta() {
        ObjectNode a = FhirJson.parseResource("""
                {"resourceType":"Bundle","id":"b1","meta":{"versionId":"3","lastUpdated":"2026-01-01T00:00:00Z",
                 "profile":["x"]},"type":"document","entry":[{"resource":{"resourceType":"Patient","id":"p",
                 "meta":{"versionId":"7"},"name":[{"family":"Nguyễn"}]}}]}""");
        ObjectNode b = FhirJson.parseResource("""
                {"type":"document","entry":[{"resource":{"name":[{"family":"Nguyễn"}],"meta":{"versionId":"7"},
                 "id":"p","resourceType":"Patient"}}],"meta":{"profile":["x"],"versionId":"4"},"id":"b1",
                 "resourceType":"Bundle"}""");
        assertThat(CanonicalJson.of(a)).isEqualTo(CanonicalJson.of(b));
        assertThat(new String(CanonicalJson.of(a), StandardCharsets.UTF_8)).isEqualTo(
                "{\"entry\":[{\"resource\":{\"id\":\"p\",\"meta\":{\"versionId\":\"7\"},\"name\":[{\"family\":"
                        + "\"Nguyễn\"}],\"resourceType\":\"Patient\"}}],\"id\":\"b1\",\"meta\":{\"profile\":[\"x\"]},"
                        + "\"resourceType\":\"Bundle\",\"type\":\"document\"}");
    }

    @Test
    void signedPayload_verifies_withChainAndSigningTime() {
        byte[] payload = "{\"resourceType\":\"Bundle\",\"type\":\"document\"}".getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.parse("2026-11-25T10:15:30Z");
        String jws = DetachedJws.sign(payload, PKI.signer("BS. Trần Văn Đức"), at);
        assertThat(jws).contains("..");
        String header = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"RS256\"", "\"sigT\":\"2026-11-25T10:15:30Z\"", "\"x5c\":[");
        DetachedJws.Verification verification = DetachedJws.verify(jws, payload);
        assertThat(verification.valid()).isTrue();
        assertThat(verification.signingTime()).isEqualTo(at);
        assertThat(verification.chain()).hasSize(2);
        assertThat(verification.certificate().getSubjectX500Principal().getName()).contains("Trần Văn Đức");
    }

    @Test
    void oneChangedByteOfThePayload_failsVerification() {
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String jws = DetachedJws.sign(payload, PKI.signer("BS. A"), Instant.now());
        byte[] changed = payload.clone();
        changed[5] = '2';
        assertThat(DetachedJws.verify(jws, changed).valid()).isFalse();
        assertThat(DetachedJws.verify(jws, changed).problem()).contains("does not match");
    }

    @Test
    void garbage_isReportedNotThrown() {
        assertThat(DetachedJws.verify("abc", new byte[0]).valid()).isFalse();
        assertThat(DetachedJws.verify("e30..AAAA", new byte[0]).problem()).contains("not RS256");
    }
}
