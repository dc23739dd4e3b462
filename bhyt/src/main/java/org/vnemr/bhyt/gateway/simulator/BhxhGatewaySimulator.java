package org.vnemr.bhyt.gateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.vnemr.signing.certs.CertificateValidator;
import org.vnemr.signing.xml.SecureXml;
import org.vnemr.signing.xml.XmlSignatureVerifier;
import org.vnemr.signing.xml.XmlVerification;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Cổng giám định mô phỏng: a local stand-in for the BHXH gateway, for tests and for training a facility without
 * touching the real one. It speaks the documented API (token, check-in, dossier, card history) over real HTTP and
 * enforces what the real gateway is documented to enforce: the facility account and its MD5 password, the session
 * token on every call, the facility code, base64 files, hardened XML parsing, a valid XML-DSig signature in
 * {@code CHUKYDONVI} by a certificate registered for the facility, the check-in of a visit before its dossier, one
 * dossier per file with one MA_LK across its tables, the gateway-required XML0 fields and formats — and, through
 * {@link #dossierRules}, every rule of the insurance validator. It never pretends: what it refuses it refuses with
 * the documented reply shape and a Vietnamese message.
 */
public final class BhxhGatewaySimulator implements AutoCloseable {

    /** One file the simulator received, and what it answered. */
    public record Received(String path, String maLk, int maKetQua, String thongDiep, byte[] file) {
    }

    private static final Set<String> PAPERS = Set.of("XML7", "XML8", "XML13", "XML14");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{12}");
    private static final DateTimeFormatter RECEIVED_AT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final List<String> CHECK_IN_REQUIRED = List.of("MA_LK", "MA_BN", "HO_TEN", "NGAY_SINH",
            "GIOI_TINH", "MA_DOITUONG_KCB", "NGAY_VAO", "MA_LOAI_KCB", "MA_CSKCB");

    private final HttpServer server;
    private final String username;
    private final String passwordMd5;
    private final String facilityCode;
    private final XmlSignatureVerifier verifier;
    private final Set<String> registeredCertificates = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Set<String> checkedIn = ConcurrentHashMap.newKeySet();
    private final Map<String, JsonNode> cards = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private volatile Function<byte[], List<String>> dossierRules = envelope -> List.of();

    /**
     * @param username     the facility's gateway account
     * @param password     its password (the simulator keeps only the MD5 the gateway compares)
     * @param facilityCode mã CSKCB the account belongs to
     * @param certificates decides whether a signing certificate is trusted (e.g. the development CA's trust list)
     */
    public BhxhGatewaySimulator(String username, String password, String facilityCode,
                                CertificateValidator certificates, Clock clock) throws IOException {
        this.username = username;
        this.passwordMd5 = md5(password);
        this.facilityCode = facilityCode;
        this.verifier = new XmlSignatureVerifier(certificates, clock);
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/token/take", exchange -> handle(exchange, this::token));
        server.createContext("/api/qd130/checkInKcbQd4750", exchange -> handle(exchange, e -> file(e, "0")));
        server.createContext("/api/qd130/guiHoSoXmlQD4750", exchange -> handle(exchange, e -> file(e, "130")));
        server.createContext("/api/egw/KQNhanLichSuKCB2024", exchange -> handle(exchange, this::history));
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Danh mục chứng thư số: the facility registers the certificate it signs with on the portal. */
    public void registerCertificate(X509Certificate certificate) {
        registeredCertificates.add(fingerprint(certificate));
    }

    /** The insurance validator's rules, applied to every dossier (rule ids and messages come back in thongDiep). */
    public void dossierRules(Function<byte[], List<String>> rules) {
        this.dossierRules = rules;
    }

    /** A card the lookup knows: {@code maThe} → the JSON the lookup answers with. */
    public void registerCard(String cardNumber, JsonNode answer) {
        cards.put(cardNumber, answer);
    }

    /** The next {@code count} requests get HTTP 503, as when the gateway is overloaded. */
    public void failNextRequests(int count) {
        failNext.set(count);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private interface Handler {
        ObjectNode answer(HttpExchange exchange) throws IOException;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ObjectNode answer;
            try {
                answer = handler.answer(exchange);
            } catch (RuntimeException e) {
                answer = reply(400, "Dữ liệu gửi lên không đọc được: " + e.getMessage());
            }
            byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private ObjectNode token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(read(exchange.getRequestBody(), 10_000));
        if (!username.equals(form.get("username")) || !passwordMd5.equals(form.get("password"))) {
            return reply(401, "Sai tên đăng nhập hoặc mật khẩu");
        }
        String access = UUID.randomUUID().toString();
        Instant expires = clock.instant().plus(Duration.ofMinutes(30));
        tokens.put(access, expires);
        ObjectNode answer = reply(200, "Thành công");
        answer.putObject("APIKey").put("access_token", access).put("id_token", UUID.randomUUID().toString())
                .put("token_type", "Bearer").put("username", username).put("expires_in", expires.toString());
        return answer;
    }

    private boolean authorised(String accessToken, String passwordHash) {
        Instant expires = accessToken == null ? null : tokens.get(accessToken);
        return expires != null && clock.instant().isBefore(expires) && passwordMd5.equals(passwordHash);
    }

    private ObjectNode file(HttpExchange exchange, String kind) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!authorised(exchange.getRequestHeaders().getFirst("accessToken"),
                exchange.getRequestHeaders().getFirst("passwordHash"))) {
            return recorded(path, null, null, reply(401, "Token không hợp lệ hoặc đã hết hạn"));
        }
        JsonNode body = json.readTree(read(exchange.getRequestBody(), 50_000_000));
        if (!username.equals(body.path("username").asText()) || !kind.equals(body.path("loaiHoSo").asText())) {
            return recorded(path, null, null, reply(400, "Sai username hoặc loaiHoSo (phải là " + kind + ")"));
        }
        if (!facilityCode.equals(body.path("maCSKCB").asText())) {
            return recorded(path, null, null, reply(403, "Tài khoản không thuộc cơ sở KBCB " + body.path("maCSKCB")));
        }
        byte[] file;
        try {
            file = Base64.getDecoder().decode(body.path("fileHSBase64").asText());
        } catch (IllegalArgumentException e) {
            return recorded(path, null, null, reply(400, "fileHSBase64 không phải base64"));
        }
        Document document;
        try {
            document = SecureXml.parse(file);
        } catch (RuntimeException e) {
            return recorded(path, null, file, reply(400, "Tệp XML không hợp lệ: " + e.getMessage()));
        }
        String signatureProblem = signatureProblem(document);
        if (signatureProblem != null) {
            return recorded(path, null, file, reply(403, signatureProblem));
        }
        return "0".equals(kind) ? checkIn(path, document, file) : dossier(path, document, file);
    }

    private String signatureProblem(Document document) {
        NodeList holders = document.getElementsByTagName("CHUKYDONVI");
        if (holders.getLength() == 0 || ((Element) holders.item(0)).getElementsByTagNameNS(
                "http://www.w3.org/2000/09/xmldsig#", "Signature").getLength() == 0) {
            return "Thiếu chữ ký số của cơ sở KBCB trong thẻ CHUKYDONVI";
        }
        List<XmlVerification> checks = verifier.verifyAll(document);
        for (XmlVerification check : checks) {
            if (!check.signatureIntact()) {
                return "Chữ ký số không hợp lệ: nội dung đã bị thay đổi sau khi ký";
            }
            if (check.signer() == null || !registeredCertificates.contains(fingerprint(check.signer()))) {
                return "Chứng thư số chưa được đăng ký trên Cổng giám định";
            }
            if (!check.valid()) {
                return "Chứng thư số không còn hiệu lực: " + check.problemVi();
            }
        }
        return null;
    }

    private ObjectNode checkIn(String path, Document document, byte[] file) {
        List<String> problems = new ArrayList<>();
        Map<String, String> fields = new HashMap<>();
        for (String name : CHECK_IN_REQUIRED) {
            NodeList found = document.getElementsByTagName(name);
            String value = found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
            fields.put(name, value);
            if (value.isEmpty()) {
                problems.add(name + ": bắt buộc");
            }
        }
        check(problems, fields, "NGAY_SINH", TIMESTAMP, "12 ký tự yyyymmddHHMM");
        check(problems, fields, "NGAY_VAO", TIMESTAMP, "12 ký tự yyyymmddHHMM");
        check(problems, fields, "GIOI_TINH", Pattern.compile("[123]"), "1, 2 hoặc 3");
        check(problems, fields, "MA_LOAI_KCB", Pattern.compile("\\d{2}"), "2 chữ số");
        if (!fields.get("MA_CSKCB").isEmpty() && !facilityCode.equals(fields.get("MA_CSKCB"))) {
            problems.add("MA_CSKCB: khác mã cơ sở của tài khoản");
        }
        String maLk = fields.get("MA_LK");
        if (!problems.isEmpty()) {
            return recorded(path, maLk, file, reply(400, String.join("; ", problems)));
        }
        checkedIn.add(maLk);
        return recorded(path, maLk, file, reply(200, "Tiếp nhận check-in thành công"));
    }

    private static void check(List<String> problems, Map<String, String> fields, String name, Pattern format,
                              String expected) {
        String value = fields.get(name);
        if (!value.isEmpty() && !format.matcher(value).matches()) {
            problems.add(name + ": sai định dạng, cần " + expected);
        }
    }

    private ObjectNode dossier(String path, Document document, byte[] file) {
        Element root = document.getDocumentElement();
        if (!"GIAMDINHHS".equals(root.getTagName())) {
            return recorded(path, null, file, reply(400, "Thẻ gốc phải là GIAMDINHHS"));
        }
        String facility = text(root, "MACSKCB");
        if (!facilityCode.equals(facility)) {
            return recorded(path, null, file, reply(403, "MACSKCB " + facility + " khác mã cơ sở của tài khoản"));
        }
        NodeList dossiers = root.getElementsByTagName("HOSO");
        if (dossiers.getLength() != 1 || !"1".equals(text(root, "SOLUONGHOSO"))) {
            return recorded(path, null, file, reply(400, "Mỗi tệp chỉ gửi một hồ sơ (SOLUONGHOSO = 1)"));
        }
        Set<String> tables = new HashSet<>();
        Set<String> maLks = new HashSet<>();
        NodeList files = ((Element) dossiers.item(0)).getElementsByTagName("FILEHOSO");
        for (int i = 0; i < files.getLength(); i++) {
            Element entry = (Element) files.item(i);
            String table = text(entry, "LOAIHOSO");
            if (!table.matches("XML([1-9]|1[0-5])") || !tables.add(table)) {
                return recorded(path, null, file, reply(400, "LOAIHOSO không hợp lệ hoặc lặp lại: " + table));
            }
            Document inner;
            try {
                inner = SecureXml.parse(Base64.getDecoder().decode(text(entry, "NOIDUNGFILE")));
            } catch (RuntimeException e) {
                return recorded(path, null, file, reply(400, table + ": NOIDUNGFILE không phải XML base64 hợp lệ"));
            }
            NodeList keys = inner.getElementsByTagName("MA_LK");
            for (int k = 0; k < keys.getLength(); k++) {
                maLks.add(keys.item(k).getTextContent().strip());
            }
        }
        // a paper sent on its own (giấy ra viện, tóm tắt, chuyển tuyến, hẹn khám lại) needs no XML1
        if (!tables.contains("XML1") && !PAPERS.containsAll(tables)) {
            return recorded(path, null, file, reply(400, "Hồ sơ thiếu bảng XML1"));
        }
        if (maLks.size() != 1) {
            return recorded(path, null, file, reply(400, "MA_LK phải giống nhau ở mọi bảng của hồ sơ: " + maLks));
        }
        String maLk = maLks.iterator().next();
        List<String> problems = dossierRules.apply(file);
        if (!problems.isEmpty()) {
            return recorded(path, maLk, file, reply(400, String.join("; ", problems)));
        }
        return recorded(path, maLk, file, reply(200, checkedIn.contains(maLk) ? "Tiếp nhận hồ sơ thành công"
                : "Tiếp nhận hồ sơ thành công (cảnh báo: chưa có check-in cho MA_LK này)"));
    }

    private ObjectNode history(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!authorised(query.get("token"), query.get("password"))) {
            return reply(401, "Token không hợp lệ hoặc đã hết hạn");
        }
        JsonNode body = json.readTree(read(exchange.getRequestBody(), 100_000));
        if (body.path("hoTenCb").asText("").isBlank()) {
            return code("055", "Thiếu họ tên cán bộ tra cứu");
        }
        if (!body.path("cccdCb").asText("").matches("\\d{12}")) {
            return code("054", "CCCD của cán bộ tra cứu chưa đăng ký");
        }
        String card = body.path("maThe").asText("");
        if (!card.matches("[A-Z]{2}\\d{13}|\\d{10}|\\d{12}")) {
            return code("051", "Mã thẻ không đúng");
        }
        JsonNode known = cards.get(card);
        if (known == null) {
            return code("051", "Mã thẻ không đúng");
        }
        ObjectNode answer = code("000", "Thông tin thẻ chính xác");
        answer.setAll((ObjectNode) known);
        return answer;
    }

    private ObjectNode code(String maKetQua, String message) {
        ObjectNode answer = json.createObjectNode();
        answer.put("maKetQua", maKetQua).put("ghiChu", message);
        return answer;
    }

    private ObjectNode reply(int code, String message) {
        ObjectNode answer = json.createObjectNode();
        answer.put("maKetQua", code);
        if (code == 200) {
            answer.put("maGiaoDich", "GD" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        }
        answer.put("thoiGianTiepNhan", RECEIVED_AT.format(clock.instant())).put("thongDiep", message);
        return answer;
    }

    private ObjectNode recorded(String path, String maLk, byte[] file, ObjectNode answer) {
        received.add(new Received(path, maLk, answer.path("maKetQua").asInt(), answer.path("thongDiep").asText(),
                file));
        return answer;
    }

    private static String text(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
    }

    private static String read(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new IllegalArgumentException("request larger than " + limit + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new HashMap<>();
        if (text == null) {
            return values;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    static String md5(String text) {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
