package org.vnemr.vncore.codes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.vnemr.terminology.TerminologySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes the VN Core code lists shipped in {@code vnemr/vncore/data/codesystems/} (see PROVENANCE.md there):
 * every file that is already a CodeSystem as it is (most are {@code content: fragment} — only the codes captured from
 * the IG), plus two built from regulation lists:
 * <ul>
 *   <li>{@code vn-ethnicity-cs} from {@code ethnicity-gso-1979-qd121.json}: the 54 ethnic groups in the 1979
 *       statistics-office ordering (01 Kinh, 02 Tày, 03 Thái, 04 Hoa …) that XML1 MA_DANTOC uses, plus 55 foreigner
 *       and 56 other — canonical chosen by vnemr;</li>
 *   <li>{@code vn-religion-cs}: the IG's captured codes (00 Không tôn giáo, 01, 02) completed with the statistics
 *       office list (QĐ 1019/QĐ-TCTK 2008), whose 01 and 02 agree with the IG; codes after 02 are unverified
 *       against the IG.</li>
 * </ul>
 * {@code admin-provinces-qd19-2025.json} is not published: the 2025 provinces come from the administrative-unit
 * list ({@link AdministrativeUnitCodeSystems}); a test checks that both have the same 34 codes.
 * Each CodeSystem comes with an all-codes ValueSet. The same content answers the validators' look-ups
 * ({@link #contains}).
 */
public final class VnCoreCodeSystems implements TerminologySource {

    static final String FOLDER = "vnemr/vncore/data/codesystems/";
    private static final Set<String> NOT_PUBLISHED = Set.of("admin-provinces-qd19-2025.json",
            "ethnicity-gso-1979-qd121.json", "religion-gso-qd1019-2008.json", "vn-religion-cs.json");

    private final Map<String, ObjectNode> codeSystems = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> displaysBySystem = new HashMap<>();
    private final String version;

    public VnCoreCodeSystems() {
        Map<String, JsonNode> files = readFiles();
        this.version = digest(files);
        for (Map.Entry<String, JsonNode> file : files.entrySet()) {
            if (!NOT_PUBLISHED.contains(file.getKey()) && "CodeSystem".equals(file.getValue().path("resourceType")
                    .asText())) {
                add((ObjectNode) file.getValue().deepCopy());
            }
        }
        add(ethnicity(files.get("ethnicity-gso-1979-qd121.json")));
        add(religion(files.get("vn-religion-cs.json"), files.get("religion-gso-qd1019-2008.json")));
    }

    private void add(ObjectNode cs) {
        if (!cs.has("version")) {
            cs.put("version", version);
        }
        codeSystems.put(cs.path("url").asText(), cs);
        Map<String, String> displays = new LinkedHashMap<>();
        for (JsonNode c : cs.path("concept")) {
            displays.put(c.path("code").asText(), c.path("display").asText());
        }
        displaysBySystem.put(cs.path("url").asText(), displays);
    }

    private ObjectNode ethnicity(JsonNode source) {
        ObjectNode cs = CodeSystemJson.codeSystem("vn-ethnicity-cs", "Danh mục Dân tộc Việt Nam (thứ tự 1979)",
                "54 dân tộc theo QĐ 121-TCTK/PPCĐ (02/3/1979) — thứ tự mà MA_DANTOC của XML1 (QĐ 130/4750) dùng: "
                        + "01 Kinh, 02 Tày, 03 Thái, 04 Hoa …; 55 người nước ngoài, 56 không xác định. Canonical chosen "
                        + "by vnemr: the IG's ethnicity CodeSystem page was not captured and its ordering is unverified.",
                version);
        for (JsonNode c : source.path("concept")) {
            ObjectNode concept = CodeSystemJson.concept(cs, c.path("code").asText(), c.path("display").asText());
            CodeSystemJson.designation(concept, "en", c.path("display_ascii").asText(null));
        }
        return cs;
    }

    private ObjectNode religion(JsonNode igFragment, JsonNode gsoList) {
        ObjectNode cs = CodeSystemJson.codeSystem("vn-religion-cs", "Danh mục Tôn giáo Việt Nam",
                "Mã 00–02 theo trang của VN Core IG (00 Không tôn giáo, 01 Phật giáo, 02 Công giáo); các mã tiếp theo "
                        + "theo QĐ 1019/QĐ-TCTK (2008), chưa đối chiếu được với IG.", version);
        cs.put("title", igFragment.path("title").asText());
        Map<String, JsonNode> byCode = new LinkedHashMap<>();
        for (JsonNode c : igFragment.path("concept")) {
            byCode.put(c.path("code").asText(), c);
        }
        for (JsonNode c : gsoList.path("concept")) {
            byCode.putIfAbsent(c.path("code").asText(), c);
        }
        byCode.values().stream().sorted(Comparator.comparing(c -> c.path("code").asText())).forEach(c -> {
            ObjectNode concept = CodeSystemJson.concept(cs, c.path("code").asText(), c.path("display").asText());
            for (JsonNode d : c.path("designation")) {
                CodeSystemJson.designation(concept, d.path("language").asText(), d.path("value").asText());
            }
        });
        return cs;
    }

    @Override
    public String name() {
        return "vn-core-code-lists";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<ObjectNode> resources() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode cs : codeSystems.values()) {
            out.add(cs.deepCopy());
            out.add(CodeSystemJson.allCodesValueSet(cs));
        }
        return out;
    }

    /** Whether the list with canonical {@code system} is published here. */
    public boolean knows(String system) {
        return codeSystems.containsKey(system);
    }

    /** Whether the list is complete, so an unknown code is wrong (for a fragment it may just not be captured). */
    public boolean isComplete(String system) {
        ObjectNode cs = codeSystems.get(system);
        return cs != null && "complete".equals(cs.path("content").asText());
    }

    public boolean contains(String system, String code) {
        return displaysBySystem.getOrDefault(system, Map.of()).containsKey(code);
    }

    public Optional<String> display(String system, String code) {
        return Optional.ofNullable(displaysBySystem.getOrDefault(system, Map.of()).get(code));
    }

    private static Map<String, JsonNode> readFiles() {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> files = new java.util.TreeMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(VnCoreCodeSystems.class.getClassLoader())
                    .getResources("classpath*:" + FOLDER + "*.json");
            for (Resource r : resources) {
                try (InputStream in = r.getInputStream()) {
                    files.put(r.getFilename(), mapper.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String required : List.of("ethnicity-gso-1979-qd121.json", "religion-gso-qd1019-2008.json",
                "vn-religion-cs.json")) {
            if (!files.containsKey(required)) {
                throw new IllegalStateException(FOLDER + required + " missing from the class path");
            }
        }
        return files;
    }

    private static String digest(Map<String, JsonNode> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, JsonNode> f : files.entrySet()) {
                sha.update(f.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(f.getValue().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
