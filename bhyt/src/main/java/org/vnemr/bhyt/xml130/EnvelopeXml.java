package org.vnemr.bhyt.xml130;

import org.vnemr.signing.Signer;
import org.vnemr.signing.xml.SecureXml;
import org.vnemr.signing.xml.XmlSignatureOptions;
import org.vnemr.signing.xml.XmlSigner;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The files sent to the BHXH gateway (NATIONAL-FORMATS §1.3–1.4): the claim envelope {@code GIAMDINHHS} with one
 * dossier per file (what the current API wants), each table base64 in {@code NOIDUNGFILE}; and the check-in file
 * {@code CHI_TIEU_TRANG_THAI_KCB}. Both are signed by the facility in {@code CHUKYDONVI} (enveloped XML-DSig,
 * RSA-SHA256, last child of the root) with signing's {@link XmlSigner}.
 */
public final class EnvelopeXml {

    private static final XmlSigner SIGNER = new XmlSigner(XmlSignatureOptions.insuranceFacilitySignature());

    private EnvelopeXml() {
    }

    /** The unsigned envelope (with an empty {@code <CHUKYDONVI/>}). */
    public static byte[] envelope(String maCskcb, LocalDate created, Dossier dossier) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        out.append("<GIAMDINHHS xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">");
        out.append("<THONGTINDONVI><MACSKCB>");
        TableXml.escape(out, maCskcb);
        out.append("</MACSKCB></THONGTINDONVI>");
        out.append("<THONGTINHOSO><NGAYLAP>").append(Xml130Values.date(created)).append("</NGAYLAP>");
        out.append("<SOLUONGHOSO>1</SOLUONGHOSO><DANHSACHHOSO><HOSO>");
        Base64.Encoder base64 = Base64.getEncoder();
        for (String table : dossier.tableNames()) {
            out.append("<FILEHOSO><LOAIHOSO>").append(table).append("</LOAIHOSO><NOIDUNGFILE>");
            out.append(base64.encodeToString(TableXml.write(table, dossier.rows(table))));
            out.append("</NOIDUNGFILE></FILEHOSO>");
        }
        out.append("</HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] signedEnvelope(String maCskcb, LocalDate created, Dossier dossier, Signer signer) {
        return SIGNER.signEnveloped(envelope(maCskcb, created, dossier), signer);
    }

    /** The unsigned check-in file (XML0), several check-in records allowed. */
    public static byte[] checkIn(List<Row> rows) {
        String table = TableXml.toString(org.vnemr.bhyt.xml130.spec.Xml130Spec.get().table("XML0"), rows, false);
        // CHUKYDONVI goes inside the root, after the list (CV 1245 §2.4)
        String root = "</CHI_TIEU_TRANG_THAI_KCB>";
        String withSlot = table.substring(0, table.length() - root.length()) + "<CHUKYDONVI/>" + root;
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + withSlot).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] signedCheckIn(List<Row> rows, Signer signer) {
        return SIGNER.signEnveloped(checkIn(rows), signer);
    }

    /** What an envelope holds: the facility and its dossiers. */
    public record Envelope(String maCskcb, String ngayLap, List<Dossier> dossiers) {
    }

    /**
     * Reads an envelope, a check-in file or a single table file (hardened parser); a single table becomes a
     * dossier of that table.
     */
    public static Envelope read(byte[] xml) {
        Document document = SecureXml.parse(xml);
        Element root = document.getDocumentElement();
        String name = root.getLocalName() == null ? root.getTagName() : root.getLocalName();
        if (!name.equals("GIAMDINHHS")) {
            TableXml.ParsedTable table = TableXml.read(root);
            Dossier dossier = new Dossier();
            table.rows().forEach(dossier::add);
            return new Envelope("", "", List.of(dossier));
        }
        Element unit = TableXml.child(root, "THONGTINDONVI");
        Element info = TableXml.child(root, "THONGTINHOSO");
        if (info == null) {
            throw new Xml130Exception("VNEMR-7003", "THONGTINHOSO");
        }
        Element list = TableXml.child(info, "DANHSACHHOSO");
        List<Dossier> dossiers = new ArrayList<>();
        Base64.Decoder base64 = Base64.getMimeDecoder();
        for (Element hoso : list == null ? List.<Element>of() : TableXml.children(list, "HOSO")) {
            Dossier dossier = new Dossier();
            for (Element file : TableXml.children(hoso, "FILEHOSO")) {
                Element content = TableXml.child(file, "NOIDUNGFILE");
                if (content == null) {
                    throw new Xml130Exception("VNEMR-7003", "NOIDUNGFILE");
                }
                byte[] inner;
                try {
                    inner = base64.decode(content.getTextContent().trim());
                } catch (IllegalArgumentException e) {
                    throw new Xml130Exception("VNEMR-7004", text(file, "LOAIHOSO"));
                }
                TableXml.read(inner).rows().forEach(dossier::add);
            }
            dossiers.add(dossier);
        }
        return new Envelope(unit == null ? "" : text(unit, "MACSKCB"), text(info, "NGAYLAP"), dossiers);
    }

    private static String text(Element parent, String child) {
        Element e = TableXml.child(parent, child);
        return e == null ? "" : e.getTextContent();
    }
}
