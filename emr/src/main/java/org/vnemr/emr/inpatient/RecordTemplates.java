package org.vnemr.emr.inpatient;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Các mẫu bệnh án có sẵn: every {@code classpath*:vnemr/records/*.json}, read once at start. A broken file stops
 * the start-up with its name, rather than a form failing in front of a doctor.
 */
@Component
public class RecordTemplates {

    private static final Set<String> TYPES = Set.of("text", "longtext", "number", "date", "choice", "icd");

    private final List<RecordTemplate> templates;

    public RecordTemplates() {
        this.templates = load();
    }

    public List<RecordTemplate> all() {
        return templates;
    }

    public Optional<RecordTemplate> byCode(String code) {
        return templates.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    /**
     * The form a department of this kind uses by default: internal medicine when no form claims the kind (a
     * department typed by hand, a kind added later), so an admission never lacks a record form.
     */
    public RecordTemplate forDepartmentKind(String kind) {
        return templates.stream().filter(t -> kind != null && t.departmentKinds() != null
                        && t.departmentKinds().contains(kind))
                .findFirst().orElseGet(() -> byCode("benh-an-noi-khoa").orElse(templates.get(0)));
    }

    static List<RecordTemplate> load() {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        List<RecordTemplate> loaded = new ArrayList<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(
                    "classpath*:vnemr/records/*.json")) {
                try (InputStream in = file.getInputStream()) {
                    RecordTemplate template = json.readValue(in, RecordTemplate.class);
                    check(template, file.getFilename());
                    loaded.add(template);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("no admission record templates in vnemr/records/");
        }
        loaded.sort(Comparator.comparing(RecordTemplate::code));
        return List.copyOf(loaded);
    }

    private static void check(RecordTemplate t, String file) {
        if (t.code() == null || !t.code().startsWith("benh-an-") || t.title() == null || t.sections() == null) {
            throw new IllegalStateException(file + ": code benh-an-…, title and sections are required");
        }
        Set<String> ids = new HashSet<>();
        for (RecordTemplate.Field f : t.fields()) {
            if (f.id() == null || !f.id().matches("[a-zA-Z][a-zA-Z0-9]*") || !ids.add(f.id())) {
                throw new IllegalStateException(file + ": field id missing, not alphanumeric or repeated: " + f.id());
            }
            if (!TYPES.contains(f.type()) || f.label() == null) {
                throw new IllegalStateException(file + ": field " + f.id() + " needs a label and a type " + TYPES);
            }
            if ("choice".equals(f.type()) && f.choices().isEmpty()) {
                throw new IllegalStateException(file + ": choice field " + f.id() + " has no choices");
            }
        }
    }
}
