package org.vnemr.bench.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outpatient journey as the load benchmark replays it — the ONLY place that knows the screens' routes and form
 * fields (docs/architecture/registration-charges.md and outpatient.md). One iteration is one patient's visit from
 * the desk to the end: the registration clerk finds a patient and registers a visit to the clinician's room, then
 * the doctor opens the room queue, calls the patient, records vital signs, picks an ICD-10 diagnosis by typing
 * "viem phoi", orders a test found by typing, looks at the visit again and concludes it. Every visit is new, so the
 * loop can run as long as the benchmark wants without running out of patients in the queue.
 *
 * <p>State keys (set by the benchmark per clinician): {@link #ROOM}, {@link #ROOT}, {@link #CLERK},
 * {@link #PASSWORD}, {@link #CLINICIAN}.
 */
public final class OutpatientJourney {

    public static final String ROOM = "room";
    public static final String ROOT = "root";
    public static final String CLERK = "clerk";
    public static final String PASSWORD = "password";
    public static final String CLINICIAN = "clinician";

    /** Common family names: the desk searches by one of them, without diacritics, as clerks type. */
    private static final List<String> SEARCHES = List.of("nguyen", "tran", "le", "pham", "hoang", "vu", "dang");
    private static final Pattern PATIENT_LINK = Pattern.compile("/tiep-don/([A-Za-z0-9\\-.]{1,64})/luot-kham");
    private static final Pattern SLIP = Pattern.compile("/tiep-don/phieu/([A-Za-z0-9\\-.]{1,64})");
    private static final Pattern SERVICE = Pattern.compile("id=\"service-([^\"]+)\"");
    /** The clerk's session of each clinician (the harness gives each clinician one doctor session). */
    private static final Map<String, UiSession> CLERKS = new ConcurrentHashMap<>();

    private OutpatientJourney() {
    }

    public static List<JourneyStep> steps() {
        return List.of(
                new JourneyStep("tiếp đón: tìm người bệnh", (s, st) -> {
                    String q = SEARCHES.get(ThreadLocalRandom.current().nextInt(SEARCHES.size()));
                    UiSession.Response page = clerk(st).get("/tiep-don/tim?q=" + encode(q));
                    List<String> ids = PATIENT_LINK.matcher(page.body()).results().map(m -> m.group(1)).toList();
                    st.put("patientId", ids.isEmpty() ? "" : ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
                    return page;
                }),
                new JourneyStep("tiếp đón: đăng ký lượt khám", (s, st) -> {
                    UiSession.Response answer = clerk(st).post("/tiep-don/" + st.get("patientId") + "/luot-kham",
                            Map.of("room", st.getOrDefault(ROOM, ""), "visitType", "01",
                                    "reason", "Ho, sốt 3 ngày", "acceptSelfPay", "true"));
                    Matcher slip = SLIP.matcher(answer.header("Location"));
                    st.put("encounterId", slip.find() ? slip.group(1) : "");
                    return answer;
                }),
                new JourneyStep("hàng đợi phòng khám", (s, st) -> s.get("/kham-benh?phong="
                        + encode(st.getOrDefault(ROOM, "")))),
                new JourneyStep("gọi khám", (s, st) -> s.post(visit(st, "/goi-kham"), Map.of())),
                new JourneyStep("mở lượt khám", (s, st) -> s.get(visit(st, ""))),
                new JourneyStep("ghi sinh hiệu", (s, st) -> s.post(visit(st, "/sinh-hieu"), Map.of(
                        "pulse", "82", "systolic", "125", "diastolic", "80", "temperature", "37,2",
                        "respiration", "18", "weight", "58", "height", "162", "spo2", "98"))),
                new JourneyStep("tìm ICD \"viem phoi\"", (s, st) -> s.get("/kham-benh/icd?field=mainCode&q="
                        + encode("viem phoi"))),
                new JourneyStep("ghi chẩn đoán", (s, st) -> s.post(visit(st, "/chan-doan"), Map.of(
                        "mainCode", "J18.9", "mainText", "Viêm phổi, không đặc hiệu"))),
                new JourneyStep("tìm dịch vụ", (s, st) -> {
                    UiSession.Response page = s.get("/kham-benh/dich-vu?q=" + encode("glucose"));
                    Matcher m = SERVICE.matcher(page.body());
                    st.put("serviceCode", m.find() ? m.group(1) : "");
                    return page;
                }),
                new JourneyStep("chỉ định", (s, st) -> s.post(visit(st, "/chi-dinh"), Map.of(
                        "serviceCode", st.getOrDefault("serviceCode", ""), "quantity", "1"))),
                new JourneyStep("xem lượt khám và kết quả", (s, st) -> s.get(visit(st, ""))),
                new JourneyStep("kết luận", (s, st) -> s.post(visit(st, "/ket-luan"), Map.of(
                        "outcome", "1", "disposition", "finish",
                        "advice", "Uống thuốc theo đơn, tái khám khi sốt cao"))));
    }

    private static UiSession clerk(Map<String, String> state) {
        return CLERKS.computeIfAbsent(state.getOrDefault(CLINICIAN, "0"),
                key -> UiSession.login(state.get(ROOT), state.get(CLERK), state.get(PASSWORD)));
    }

    private static String visit(Map<String, String> state, String rest) {
        return "/kham-benh/" + state.getOrDefault("encounterId", "") + rest;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
