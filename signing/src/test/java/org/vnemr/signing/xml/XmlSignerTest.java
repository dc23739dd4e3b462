package org.vnemr.signing.xml;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.signing.SigningException;
import org.vnemr.signing.certs.CertificateStatus;
import org.vnemr.signing.certs.RevocationMode;
import org.vnemr.signing.certs.TrustList;
import org.vnemr.signing.certs.TrustListCertificateValidator;
import org.vnemr.signing.keys.Pkcs12Signer;
import org.vnemr.signing.keys.RemoteSigner;
import org.vnemr.signing.testing.RemoteSigningCaServer;
import org.vnemr.signing.testing.SampleInsuranceXml;
import org.vnemr.signing.testing.TestPki;
import org.vnemr.signing.testing.Xmlsec1;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlSignerTest {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    private static TestPki pki;
    private static XmlSignatureVerifier verifier;
    private static Pkcs12Signer doctor;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
        verifier = new XmlSignatureVerifier(new TrustListCertificateValidator(
                TrustList.fromDirectory(pki.trustDirectory()), RevocationMode.OFFLINE, java.util.List.of(pki.ca().crlDer()),
                Duration.ofSeconds(2)));
        doctor = Pkcs12Signer.open(pki.headOfDepartment().pkcs12(), TestPki.PIN);
    }

    @AfterAll
    static void removePki() {
        pki.close();
    }

    private static byte[] sign(byte[] xml, XmlSignatureOptions options) {
        return new XmlSigner(options).signEnveloped(xml, doctor);
    }

    private static Path write(String name, byte[] content) throws Exception {
        return Files.write(pki.directory().resolve(name), content);
    }

    private static byte[] flipFirst(byte[] signed, String text, String replacement) {
        String xml = new String(signed, StandardCharsets.UTF_8);
        int at = xml.indexOf(text);
        assertThat(at).as("text to flip: " + text).isNotNegative();
        assertThat(replacement.length()).isEqualTo(text.length());
        return (xml.substring(0, at) + replacement + xml.substring(at + text.length())).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void insuranceDossier_isSignedInsideChukydonviAndVerifiesHereAndWithXmlsec1() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        byte[] signed = sign(SampleInsuranceXml.dossier(20), XmlSignatureOptions.insuranceFacilitySignature());

        Document document = SecureXml.parse(signed);
        Element chukydonvi = (Element) document.getElementsByTagName("CHUKYDONVI").item(0);
        assertThat(chukydonvi.getParentNode()).isSameAs(document.getDocumentElement());
        assertThat(document.getElementsByTagName("CHUKYDONVI").getLength()).isEqualTo(1);
        Element signature = (Element) chukydonvi.getElementsByTagNameNS(DSIG, "Signature").item(0);
        assertThat(signature).isNotNull();
        assertThat(((Element) signature.getElementsByTagNameNS(DSIG, "SignatureMethod").item(0)).getAttribute("Algorithm"))
                .isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        assertThat(((Element) signature.getElementsByTagNameNS(DSIG, "DigestMethod").item(0)).getAttribute("Algorithm"))
                .isEqualTo("http://www.w3.org/2001/04/xmlenc#sha256");
        assertThat(signature.getElementsByTagNameNS(DSIG, "X509Certificate").getLength()).isEqualTo(1);

        XmlVerification result = verifier.verify(signed);
        assertThat(result.valid()).as(String.valueOf(result.problemEn())).isTrue();
        assertThat(result.documentUnchanged()).isTrue();
        assertThat(result.signer()).isEqualTo(pki.headOfDepartment().certificate());
        assertThat(result.signingTime()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(result.certificate().revocationChecked()).isTrue();

        Xmlsec1.assumeInstalled();
        Xmlsec1.Result xmlsec = Xmlsec1.verify(write("signed.xml", signed), pki.ca().certificatePem());
        assertThat(xmlsec.verified()).as(xmlsec.output()).isTrue();
    }

    @Test
    void oneFlippedByteInTheContent_failsHereAndInXmlsec1() throws Exception {
        byte[] signed = sign(SampleInsuranceXml.dossier(5), XmlSignatureOptions.insuranceFacilitySignature());
        byte[] changed = flipFirst(signed, "<MACSKCB>79001<", "<MACSKCB>79002<");

        XmlVerification result = verifier.verify(changed);
        assertThat(result.valid()).isFalse();
        assertThat(result.documentUnchanged()).isFalse();
        assertThat(result.problemCode()).isEqualTo("VNEMR-4054");
        assertThat(result.problemVi()).contains("đã bị thay đổi sau khi ký");

        Xmlsec1.assumeInstalled();
        Xmlsec1.Result xmlsec = Xmlsec1.verify(write("changed.xml", changed), pki.ca().certificatePem());
        assertThat(xmlsec.verified()).as(xmlsec.output()).isFalse();
    }

    @Test
    void oneFlippedByteInTheEmbeddedTable_failsHereAndInXmlsec1() throws Exception {
        byte[] signed = sign(SampleInsuranceXml.dossier(5), XmlSignatureOptions.insuranceFacilitySignature());
        String xml = new String(signed, StandardCharsets.UTF_8);
        int start = xml.indexOf("<NOIDUNGFILE>") + "<NOIDUNGFILE>".length() + 10;
        char original = xml.charAt(start);
        byte[] changed = (xml.substring(0, start) + (original == 'A' ? 'B' : 'A') + xml.substring(start + 1))
                .getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(changed).problemCode()).isEqualTo("VNEMR-4054");
        Xmlsec1.assumeInstalled();
        assertThat(Xmlsec1.verify(write("changed-table.xml", changed), pki.ca().certificatePem()).verified()).isFalse();
    }

    @Test
    void oneFlippedByteInTheSignatureValue_failsHereAndInXmlsec1() throws Exception {
        byte[] signed = sign(SampleInsuranceXml.dossier(5), XmlSignatureOptions.insuranceFacilitySignature());
        String xml = new String(signed, StandardCharsets.UTF_8);
        int start = xml.indexOf("SignatureValue>") + "SignatureValue>".length() + 5;
        char original = xml.charAt(start);
        byte[] changed = (xml.substring(0, start) + (original == 'A' ? 'B' : 'A') + xml.substring(start + 1))
                .getBytes(StandardCharsets.UTF_8);

        XmlVerification result = verifier.verify(changed);
        assertThat(result.valid()).isFalse();
        assertThat(result.problemCode()).isEqualTo("VNEMR-4053");
        Xmlsec1.assumeInstalled();
        assertThat(Xmlsec1.verify(write("changed-value.xml", changed), pki.ca().certificatePem()).verified()).isFalse();
    }

    @Test
    void changedSigningTime_isDetected() {
        byte[] signed = sign(SampleInsuranceXml.dossier(1), XmlSignatureOptions.insuranceFacilitySignature());
        String xml = new String(signed, StandardCharsets.UTF_8);
        int at = xml.indexOf('>', xml.indexOf("SigningTime")) + 1;
        String year = xml.substring(at, at + 4);
        byte[] changed = (xml.substring(0, at) + (Integer.parseInt(year) - 1) + xml.substring(at + 4))
                .getBytes(StandardCharsets.UTF_8);
        XmlVerification result = verifier.verify(changed);
        assertThat(result.valid()).isFalse();
        assertThat(result.problemCode()).isEqualTo("VNEMR-4054");
    }

    @Test
    void exclusiveCanonicalization_atTheRoot_verifiesWithXmlsec1() throws Exception {
        byte[] signed = sign(SampleInsuranceXml.dossier(3),
                XmlSignatureOptions.atRoot(XmlSignatureOptions.Canonicalization.EXCLUSIVE));
        Document document = SecureXml.parse(signed);
        assertThat(document.getDocumentElement().getLastChild().getLocalName()).isEqualTo("Signature");
        assertThat(verifier.verify(signed).valid()).isTrue();
        Xmlsec1.assumeInstalled();
        Xmlsec1.Result xmlsec = Xmlsec1.verify(write("exclusive.xml", signed), pki.ca().certificatePem());
        assertThat(xmlsec.verified()).as(xmlsec.output()).isTrue();
    }

    @Test
    void parentElementIsConfigurable_olderExporterPutsItInThongtindonvi() {
        byte[] xml = new String(SampleInsuranceXml.dossier(1), StandardCharsets.UTF_8)
                .replace("  <CHUKYDONVI/>\n", "")
                .replace("<MACSKCB>79001</MACSKCB>", "<MACSKCB>79001</MACSKCB><CHUKYDONVI/>")
                .getBytes(StandardCharsets.UTF_8);
        byte[] signed = sign(xml, XmlSignatureOptions.insuranceFacilitySignature());
        Document document = SecureXml.parse(signed);
        assertThat(document.getElementsByTagName("CHUKYDONVI").item(0).getParentNode().getNodeName())
                .isEqualTo("THONGTINDONVI");
        assertThat(verifier.verify(signed).valid()).isTrue();
    }

    @Test
    void missingParent_isCreatedAsLastChildOrRefused() {
        byte[] xml = new String(SampleInsuranceXml.dossier(1), StandardCharsets.UTF_8)
                .replace("  <CHUKYDONVI/>\n", "").getBytes(StandardCharsets.UTF_8);
        byte[] signed = sign(xml, XmlSignatureOptions.insuranceFacilitySignature());
        Document document = SecureXml.parse(signed);
        assertThat(document.getDocumentElement().getLastChild().getNodeName()).isEqualTo("CHUKYDONVI");

        assertThatThrownBy(() -> sign(xml, XmlSignatureOptions.insuranceFacilitySignature().withParent("CHUKYDONVI", false)))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4051"));
    }

    @Test
    void xxePayload_isRefusedBeforeSigningAndVerifying() throws Exception {
        byte[] xxe = getClass().getResourceAsStream("/xml/xxe-payload.xml").readAllBytes();
        assertThatThrownBy(() -> sign(xxe, XmlSignatureOptions.insuranceFacilitySignature()))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4050"));
        assertThatThrownBy(() -> verifier.verify(xxe))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4050"));
        byte[] laughs = getClass().getResourceAsStream("/xml/billion-laughs.xml").readAllBytes();
        assertThatThrownBy(() -> verifier.verify(laughs))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4050"));
    }

    @Test
    void malformedXml_isRefused() {
        assertThatThrownBy(() -> verifier.verify("<GIAMDINHHS><a></GIAMDINHHS>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo("VNEMR-4055"));
    }

    @Test
    void unsignedDocument_saysSo() {
        XmlVerification result = verifier.verify(SampleInsuranceXml.dossier(1));
        assertThat(result.valid()).isFalse();
        assertThat(result.problemCode()).isEqualTo("VNEMR-4052");
    }

    @Test
    void signatureByExpiredCertificate_isIntactButNotTrustedAtItsSigningTime() {
        byte[] signed = new XmlSigner(XmlSignatureOptions.insuranceFacilitySignature())
                .signEnveloped(SampleInsuranceXml.dossier(1), Pkcs12Signer.open(pki.expired().pkcs12(), TestPki.PIN));
        XmlVerification result = verifier.verify(signed);
        assertThat(result.signatureIntact()).isTrue();
        assertThat(result.valid()).isFalse();
        assertThat(result.certificate().verdict()).isEqualTo(CertificateStatus.Verdict.EXPIRED);
        assertThat(result.problemCode()).isEqualTo("VNEMR-4031");
    }

    @Test
    void signatureByAnotherCa_isUntrusted() throws Exception {
        byte[] signed = new XmlSigner(XmlSignatureOptions.insuranceFacilitySignature())
                .signEnveloped(SampleInsuranceXml.dossier(1), Pkcs12Signer.open(pki.untrusted().pkcs12(), TestPki.PIN));
        XmlVerification result = verifier.verify(signed);
        assertThat(result.signatureIntact()).isTrue();
        assertThat(result.problemCode()).isEqualTo("VNEMR-4032");
        Xmlsec1.assumeInstalled();
        assertThat(Xmlsec1.verify(write("untrusted.xml", signed), pki.ca().certificatePem()).verified()).isFalse();
    }

    @Test
    void remoteSigner_signsXmlAfterApproval() throws Exception {
        try (RemoteSigningCaServer ca = RemoteSigningCaServer.start("t")) {
            ca.addUser("bs.an", pki.doctor());
            ca.autoApprove(true);
            RemoteSigner remote = RemoteSigner.connect(new RemoteSigner.RemoteSettings(ca.baseUrl(), "t",
                    Duration.ofMillis(20), Duration.ofSeconds(10)), "bs.an");
            byte[] signed = new XmlSigner(XmlSignatureOptions.insuranceFacilitySignature())
                    .signEnveloped(SampleInsuranceXml.dossier(2), remote);
            XmlVerification result = verifier.verify(signed);
            assertThat(result.valid()).isTrue();
            assertThat(result.signer()).isEqualTo(pki.doctor().certificate());
            Xmlsec1.assumeInstalled();
            assertThat(Xmlsec1.verify(write("remote.xml", signed), pki.ca().certificatePem()).verified()).isTrue();
        }
    }

    @Test
    void signatureWithoutWholeDocumentReference_isRefused() {
        byte[] signed = sign(SampleInsuranceXml.dossier(1), XmlSignatureOptions.insuranceFacilitySignature());
        String xml = new String(signed, StandardCharsets.UTF_8);
        int start = xml.indexOf("<ds:Reference URI=\"\"");
        int end = xml.indexOf("</ds:Reference>", start) + "</ds:Reference>".length();
        assertThat(start).isNotNegative();
        byte[] stripped = (xml.substring(0, start) + xml.substring(end)).getBytes(StandardCharsets.UTF_8);
        XmlVerification result = verifier.verify(stripped);
        assertThat(result.valid()).isFalse();
        assertThat(result.problemCode()).isIn("VNEMR-4053", "VNEMR-4054");
    }
}
