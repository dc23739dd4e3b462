package org.vnemr.bench.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outpatient journey of one doctor in a clinic room, as the load benchmark replays it — the ONLY place that
 * knows the screens' routes and form fields, so aligning it with the screens is a change to this class alone.
 * Routes follow docs/architecture/emr-screens.md ({@code /kham-benh}, {@code /kham-benh/{encounterId}} and form
 * posts under it). A step whose page does not exist yet answers 404 and is counted as "route missing", never as
 * a success; a step that needs the visit id when the queue page gave none still sends its request (to a path
 * without the id), so it is counted the same way.
 */
public final class OutpatientJourney {

    /** A visit link in the queue page: {@code /kham-benh/<encounter id>}. */
    private static final Pattern VISIT_LINK = Pattern.compile("href=\"/kham-benh/([A-Za-z0-9\\-.]{1,64})[\"?/]");

    private OutpatientJourney() {
    }

    /** The state key of the clinic room (Location id) whose queue the doctor works through. */
    public static final String ROOM = "room";

    public static List<JourneyStep> steps() {
        return List.of(
                new JourneyStep("trang chủ /", (s, st) -> s.get("/")),
                new JourneyStep("hàng đợi phòng khám", (s, st) -> {
                    UiSession.Response page = s.get("/kham-benh?phong=" + encode(st.getOrDefault(ROOM, "")));
                    Matcher m = VISIT_LINK.matcher(page.body());
                    if (m.find()) {
                        st.put("encounterId", m.group(1));
                    }
                    return page;
                }),
                new JourneyStep("mở lượt khám", (s, st) -> s.get(visit(st, ""))),
                new JourneyStep("ghi sinh hiệu", (s, st) -> s.post(visit(st, "/sinh-hieu"), Map.of(
                        "mach", "82", "huyetApTamThu", "125", "huyetApTamTruong", "80", "nhietDo", "37,2",
                        "nhipTho", "18", "canNang", "58", "chieuCao", "162", "spo2", "98"))),
                new JourneyStep("tìm ICD \"viem phoi\"", (s, st) -> s.get(visit(st, "/icd?q=" + encode("viem phoi")))),
                new JourneyStep("ghi chẩn đoán", (s, st) -> s.post(visit(st, "/chan-doan"), Map.of(
                        "maBenhChinh", "J18.9", "chanDoan", "Viêm phổi, không đặc hiệu"))),
                new JourneyStep("tìm dịch vụ", (s, st) -> s.get(visit(st, "/dich-vu?q=" + encode("x-quang nguc")))),
                new JourneyStep("chỉ định", (s, st) -> s.post(visit(st, "/chi-dinh"), Map.of(
                        "maDichVu", "18.0068.0028"))),
                new JourneyStep("xem kết quả", (s, st) -> s.get(visit(st, "/ket-qua"))),
                new JourneyStep("kết luận", (s, st) -> s.post(visit(st, "/ket-luan"), Map.of(
                        "ketLuan", "Viêm phổi, điều trị ngoại trú, tái khám sau 5 ngày"))));
    }

    private static String visit(Map<String, String> state, String rest) {
        return "/kham-benh/" + state.getOrDefault("encounterId", "") + rest;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
