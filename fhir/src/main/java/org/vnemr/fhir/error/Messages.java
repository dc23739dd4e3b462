package org.vnemr.fhir.error;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The numbered error messages of vnemr in Vietnamese and English ({@code messages/errors_vi.properties},
 * {@code messages/errors_en.properties} on the class path). Each module adds its own file pair
 * {@code messages/errors-<module>_vi.properties}; codes are {@code VNEMR-<n>} with a range per module
 * (fhir 1000, terminology 2000, vn-core 3000, signing 4000, platform 5000, emr 6000, bhyt 7000,
 * hub 8000). {@code docs/errors.md} lists them; a test fails on a code missing in either language or
 * used twice.
 */
public final class Messages {

    private static final String[] MODULE_FILES = {"fhir", "fhir-validation", "fhir-search", "fhir-index", "fhir-bulk",
            "terminology", "terminology-catalogue", "vn-core", "vn-core-matching", "signing", "signing-document",
            "platform", "platform-security", "emr", "emr-registration", "emr-outpatient", "emr-inpatient",
            "emr-charges", "emr-printing", "emr-demo", "emr-prescription", "bhyt", "bhyt-gateway", "hub"};
    private static final Map<String, String> VI = load("vi");
    private static final Map<String, String> EN = load("en");

    private Messages() {
    }

    public static String vi(String code, Object... args) {
        return format(VI, code, args);
    }

    public static String en(String code, Object... args) {
        return format(EN, code, args);
    }

    /** All codes with their Vietnamese text, for docs and the duplicate check. */
    public static Map<String, String> allVietnamese() {
        return Collections.unmodifiableMap(VI);
    }

    public static Map<String, String> allEnglish() {
        return Collections.unmodifiableMap(EN);
    }

    private static String format(Map<String, String> bundle, String code, Object... args) {
        String pattern = bundle.get(code);
        if (pattern == null) {
            return code;
        }
        return args == null || args.length == 0 ? pattern.replace("''", "'")
                : new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    private static Map<String, String> load(String language) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String module : MODULE_FILES) {
            String name = "messages/errors-" + module + "_" + language + ".properties";
            try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    continue;
                }
                Properties properties = new Properties();
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String key : properties.stringPropertyNames()) {
                    if (all.put(key, properties.getProperty(key)) != null) {
                        throw new IllegalStateException("Error code " + key + " defined twice (" + name + ")");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }
}
