package org.vnemr.bhyt.xml130;

import org.junit.jupiter.api.Test;
import org.vnemr.bhyt.testing.FacilityKey;
import org.vnemr.bhyt.testing.SampleDossiers;
import org.vnemr.bhyt.bench.SampleVisit;
import org.vnemr.signing.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EnvelopeXmlTest {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    @Test
    void theEnvelopeHoldsOneDossierWithEachTableBase64InLoaihosoOrderAndChukydonviLast() {
        Dossier dossier = SampleDossiers.mapped();
        byte[] xml = EnvelopeXml.envelope("79001", LocalDate.of(2026, 11, 25), dossier);
        Document document = SecureXml.parse(xml);
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("GIAMDINHHS");
        assertThat(((Element) root.getLastChild()).getTagName()).isEqualTo("CHUKYDONVI");
        assertThat(document.getElementsByTagName("MACSKCB").item(0).getTextContent()).isEqualTo("79001");
        assertThat(document.getElementsByTagName("NGAYLAP").item(0).getTextContent()).isEqualTo("20261125");
        assertThat(document.getElementsByTagName("SOLUONGHOSO").item(0).getTextContent()).isEqualTo("1");
        var types = document.getElementsByTagName("LOAIHOSO");
        assertThat(types.getLength()).isEqualTo(9);
        assertThat(types.item(0).getTextContent()).isEqualTo("XML1");
        assertThat(types.item(8).getTextContent()).isEqualTo("XML14");
        String inner = new String(Base64.getDecoder().decode(
                document.getElementsByTagName("NOIDUNGFILE").item(0).getTextContent()), StandardCharsets.UTF_8);
        assertThat(inner).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><TONG_HOP><MA_LK>" + SampleVisit.MA_LK
                + "</MA_LK><STT>1</STT>");
        assertThat(inner).contains("<HO_TEN>Nguyễn Thị Hương</HO_TEN>");
    }

    @Test
    void readingTheEnvelopeGivesBackTheSameDossier() {
        Dossier dossier = SampleDossiers.mapped();
        EnvelopeXml.Envelope read = EnvelopeXml.read(EnvelopeXml.envelope("79001", LocalDate.now(), dossier));
        assertThat(read.maCskcb()).isEqualTo("79001");
        assertThat(read.dossiers()).containsExactly(dossier);
    }

    @Test
    void theSignatureIsEnvelopedRsaSha256InsideChukydonviAndVerifiesWithXmlsec1() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xmlsec1")), "xmlsec1 is not installed");
        FacilityKey key = FacilityKey.get();
        byte[] signed = EnvelopeXml.signedEnvelope("79001", LocalDate.now(), SampleDossiers.mapped(), key.signer());
        Document document = SecureXml.parse(signed);
        Element chukydonvi = (Element) document.getElementsByTagName("CHUKYDONVI").item(0);
        assertThat(chukydonvi.getParentNode()).isSameAs(document.getDocumentElement());
        Element signature = (Element) chukydonvi.getElementsByTagNameNS(DSIG, "Signature").item(0);
        assertThat(((Element) signature.getElementsByTagNameNS(DSIG, "SignatureMethod").item(0)).getAttribute("Algorithm"))
                .isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");

        Path file = Files.write(key.directory.resolve("hoso.xml"), signed);
        assertThat(xmlsec1(file, key).exitCode).as(xmlsec1(file, key).output).isZero();

        // any change to the signed content breaks it: one character of the base64 table content
        String text = new String(signed, StandardCharsets.UTF_8);
        int at = text.indexOf("<NOIDUNGFILE>") + "<NOIDUNGFILE>".length() + 10;
        char changed = text.charAt(at) == 'A' ? 'B' : 'A';
        Path tampered = Files.writeString(key.directory.resolve("hoso-sua.xml"),
                text.substring(0, at) + changed + text.substring(at + 1));
        assertThat(xmlsec1(tampered, key).exitCode).isNotZero();

        // and so does a change of the facility code outside the tables
        Path other = Files.writeString(key.directory.resolve("hoso-cskcb.xml"),
                text.replace("<MACSKCB>79001</MACSKCB>", "<MACSKCB>79002</MACSKCB>"));
        assertThat(xmlsec1(other, key).exitCode).isNotZero();
    }

    @Test
    void theCheckInFileIsSignedInsideItsRootAfterTheList() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xmlsec1")), "xmlsec1 is not installed");
        FacilityKey key = FacilityKey.get();
        Row checkIn = SampleDossiers.mapper().checkIn(SampleVisit.inpatientWithReferral()).toRow();
        byte[] signed = EnvelopeXml.signedCheckIn(List.of(checkIn), key.signer());
        Document document = SecureXml.parse(signed);
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("CHI_TIEU_TRANG_THAI_KCB");
        assertThat(((Element) root.getFirstChild()).getTagName()).isEqualTo("DSACH_TRANG_THAI_KCB");
        assertThat(((Element) root.getLastChild()).getTagName()).isEqualTo("CHUKYDONVI");
        assertThat(EnvelopeXml.read(signed).dossiers().get(0).rows("XML0")).containsExactly(checkIn);
        Path file = Files.write(key.directory.resolve("checkin.xml"), signed);
        assertThat(xmlsec1(file, key).exitCode).isZero();
    }

    @Test
    void aDoctypeOrExternalEntityIsRefusedWhenReading() {
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE TONG_HOP [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<TONG_HOP><MA_LK>&x;</MA_LK></TONG_HOP>";
        assertThatThrownBy(() -> EnvelopeXml.read(evil.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("VNEMR-4050");
    }

    record Result(int exitCode, String output) {
    }

    static Result xmlsec1(Path file, FacilityKey key) throws Exception {
        Process process = new ProcessBuilder("xmlsec1", "--verify", "--trusted-pem", key.ca.certificatePem().toString(),
                "--id-attr:Id", "Object", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
