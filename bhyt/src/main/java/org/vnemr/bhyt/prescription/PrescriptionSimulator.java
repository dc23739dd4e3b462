package org.vnemr.bhyt.prescription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.vnemr.signing.jws.CanonicalJson;
import org.vnemr.signing.jws.DetachedJws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hệ thống đơn thuốc quốc gia mô phỏng: a local stand-in for donthuocquocgia.vn that checks what TT 26/2025 and the
 * connection guide ask of a prescription — the facility login and token, the code format {@code xxxxxyyyyyyy-z} of
 * this facility and its type letter agreeing with {@code loai_don_thuoc}, the patient block (name, birth date, the
 * system's own sex coding 1/2/3, a guardian under 72 months), at least one diagnosis and one drug line with a
 * quantity and directions, the treatment period (at most 90 days; 30 for narcotics), the prescribing time format,
 * and a valid detached JWS signature over the rest of the payload. The same code again with the same content is
 * accepted (idempotent resend); with different content it is refused.
 */
public final class PrescriptionSimulator implements AutoCloseable {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Map<Character, String> TYPE = Map.of('C', "c", 'N', "n", 'H', "h", 'T', "y");

    private final HttpServer server;
    private final String connectionCode;
    private final String password;
    private final String facilityCode;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, String> registered = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public PrescriptionSimulator(String connectionCode, String password, String facilityCode) throws IOException {
        this.connectionCode = connectionCode;
        this.password = password;
        this.facilityCode = facilityCode;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(DonThuocQuocGiaClient.LOGIN_PATH, this::login);
        server.createContext(DonThuocQuocGiaClient.SEND_PATH, this::send);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Prescriptions registered so far: code → canonical payload. */
    public Map<String, String> registered() {
        return Map.copyOf(registered);
    }

    private void login(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody().readNBytes(10_000));
        if (!connectionCode.equals(body.path("ma_lien_thong_co_so_kham_chua_benh").asText())
                || !password.equals(body.path("mat_khau").asText())) {
            answer(exchange, 401, false, "401", "Sai mã liên thông hoặc mật khẩu");
            return;
        }
        String token = UUID.randomUUID().toString();
        tokens.add(token);
        ObjectNode reply = json.createObjectNode().put("success", true).put("token", token);
        write(exchange, 200, reply);
    }

    private void send(HttpExchange exchange) throws IOException {
        if (!tokens.contains(exchange.getRequestHeaders().getFirst("access-token"))) {
            answer(exchange, 401, false, "401", "Token không hợp lệ");
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(exchange.getRequestBody().readNBytes(2_000_000));
        } catch (IOException e) {
            answer(exchange, 400, false, "400", "Dữ liệu không phải JSON");
            return;
        }
        List<String> problems = problems(body);
        if (!problems.isEmpty()) {
            answer(exchange, 400, false, "400", String.join("; ", problems));
            return;
        }
        String code = body.path("ma_don_thuoc").asText();
        String content = new String(CanonicalJson.of(withoutSignature(body)), StandardCharsets.UTF_8);
        String before = registered.putIfAbsent(code, content);
        if (before != null && !before.equals(content)) {
            answer(exchange, 409, false, "409", "Mã đơn thuốc " + code + " đã được dùng cho đơn khác");
            return;
        }
        answer(exchange, 200, true, "200", before == null ? "Gửi đơn thuốc thành công" : "Đơn thuốc đã tồn tại");
    }

    private List<String> problems(JsonNode body) {
        List<String> problems = new ArrayList<>();
        String code = body.path("ma_don_thuoc").asText("");
        if (!PrescriptionPayload.CODE.matcher(code).matches()) {
            problems.add("ma_don_thuoc: sai định dạng xxxxxyyyyyyy-z");
        } else {
            if (!code.substring(0, 5).equals(facilityCode)) {
                problems.add("ma_don_thuoc: 5 ký tự đầu phải là mã cơ sở " + facilityCode);
            }
            String expected = TYPE.get(Character.toUpperCase(code.charAt(code.length() - 1)));
            if (!body.path("loai_don_thuoc").asText("").equals(expected)) {
                problems.add("loai_don_thuoc: không khớp ký tự loại đơn của mã (" + expected + ")");
            }
        }
        if (body.path("ho_ten_benh_nhan").asText("").isBlank()) {
            problems.add("ho_ten_benh_nhan: bắt buộc");
        }
        int sex = body.path("gioi_tinh").asInt(0);
        if (sex < 1 || sex > 3) {
            problems.add("gioi_tinh: phải là 1 (chưa xác định), 2 (nam) hoặc 3 (nữ)");
        }
        LocalDate birth = date(body.path("ngay_sinh_benh_nhan").asText(""), problems, "ngay_sinh_benh_nhan");
        LocalDateTime prescribed = null;
        try {
            prescribed = LocalDateTime.parse(body.path("ngay_gio_ke_don").asText(""), TIME);
        } catch (DateTimeParseException e) {
            problems.add("ngay_gio_ke_don: cần dạng yyyy-MM-dd HH:mm:ss");
        }
        if (birth != null && prescribed != null
                && Period.between(birth, prescribed.toLocalDate()).toTotalMonths() < 72
                && body.path("thong_tin_nguoi_giam_ho").path("ho_ten_nguoi_giam_ho").asText("").isBlank()) {
            problems.add("thong_tin_nguoi_giam_ho: bắt buộc với trẻ dưới 72 tháng tuổi");
        }
        if (!body.path("chan_doan").isArray() || body.path("chan_doan").isEmpty()) {
            problems.add("chan_doan: cần ít nhất một chẩn đoán");
        }
        for (JsonNode diagnosis : body.path("chan_doan")) {
            if (diagnosis.path("ma_chan_doan").asText("").isBlank()) {
                problems.add("chan_doan.ma_chan_doan: bắt buộc");
            }
        }
        JsonNode lines = body.path("thong_tin_don_thuoc");
        if (!lines.isArray() || lines.isEmpty()) {
            problems.add("thong_tin_don_thuoc: cần ít nhất một thuốc");
        }
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            if (line.path("ma_thuoc").asText("").isBlank() || line.path("ten_thuoc").asText("").isBlank()) {
                problems.add("thong_tin_don_thuoc[" + i + "]: thiếu mã hoặc tên thuốc");
            }
            if (line.path("so_luong").asDouble(0) <= 0) {
                problems.add("thong_tin_don_thuoc[" + i + "].so_luong: phải lớn hơn 0");
            }
            if (line.path("cach_dung").asText("").isBlank()) {
                problems.add("thong_tin_don_thuoc[" + i + "].cach_dung: bắt buộc");
            }
        }
        JsonNode period = body.path("dot_dung_thuoc");
        LocalDate from = date(period.path("tu_ngay").asText(""), problems, "dot_dung_thuoc.tu_ngay");
        LocalDate to = date(period.path("den_ngay").asText(""), problems, "dot_dung_thuoc.den_ngay");
        if (from != null && to != null) {
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            long limit = "n".equals(body.path("loai_don_thuoc").asText()) ? 30 : 90;
            if (days < 1 || days > limit) {
                problems.add("dot_dung_thuoc: " + days + " ngày, tối đa " + limit + " ngày");
            }
        }
        String signature = body.path("signature").asText("");
        if (signature.isBlank()) {
            problems.add("signature: đơn thuốc điện tử phải được ký số (TT 26/2025 Đ10)");
        } else if (!DetachedJws.verify(signature, CanonicalJson.of(withoutSignature(body))).valid()) {
            problems.add("signature: chữ ký số không hợp lệ");
        }
        return problems;
    }

    private static LocalDate date(String text, List<String> problems, String field) {
        try {
            return LocalDate.parse(text, DAY);
        } catch (DateTimeParseException e) {
            problems.add(field + ": cần dạng dd/MM/yyyy");
            return null;
        }
    }

    static JsonNode withoutSignature(JsonNode body) {
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.remove("signature");
        return copy;
    }

    private void answer(HttpExchange exchange, int status, boolean success, String code, String message)
            throws IOException {
        write(exchange, status, json.createObjectNode().put("success", success).put("code", code)
                .put("message", message));
    }

    private static void write(HttpExchange exchange, int status, ObjectNode reply) throws IOException {
        try (exchange) {
            byte[] bytes = reply.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
