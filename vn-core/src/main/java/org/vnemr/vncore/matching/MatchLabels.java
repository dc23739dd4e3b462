package org.vnemr.vncore.matching;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * The Vietnamese (and English) wording of score components, from
 * {@code org/vnemr/vncore/matching/match-labels_vi.properties} and {@code _en}; a test checks that every
 * field/comparison pair the scorer can produce has a label in both files.
 */
final class MatchLabels {

    private static final Properties VI = load("vi");
    private static final Properties EN = load("en");

    private MatchLabels() {
    }

    static String vietnamese(String field, String comparison, Object... args) {
        return format(VI, field, comparison, args);
    }

    static String english(String field, String comparison, Object... args) {
        return format(EN, field, comparison, args);
    }

    static boolean has(String language, String field, String comparison) {
        return ("vi".equals(language) ? VI : EN).containsKey(field + "." + comparison);
    }

    private static String format(Properties labels, String field, String comparison, Object... args) {
        String pattern = labels.getProperty(field + "." + comparison);
        if (pattern == null) {
            return field + " " + comparison;
        }
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    private static Properties load(String language) {
        String name = "org/vnemr/vncore/matching/match-labels_" + language + ".properties";
        Properties properties = new Properties();
        try (InputStream in = MatchLabels.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
