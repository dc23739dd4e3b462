package org.vnemr.fhir.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The FHIR R4 primitive types with their JSON representation and lexical rules
 * (https://hl7.org/fhir/R4/datatypes.html#primitive).
 */
enum PrimitiveType {
    BOOLEAN("boolean", Json.BOOLEAN, null),
    INTEGER("integer", Json.INTEGER, null),
    POSITIVE_INT("positiveInt", Json.INTEGER, null),
    UNSIGNED_INT("unsignedInt", Json.INTEGER, null),
    DECIMAL("decimal", Json.NUMBER, null),
    STRING("string", Json.STRING, null),
    MARKDOWN("markdown", Json.STRING, null),
    CODE("code", Json.STRING, "[^\\s]+(\\s[^\\s]+)*"),
    ID("id", Json.STRING, "[A-Za-z0-9\\-\\.]{1,64}"),
    URI("uri", Json.STRING, "\\S+"),
    URL("url", Json.STRING, "\\S+"),
    CANONICAL("canonical", Json.STRING, "\\S+"),
    OID("oid", Json.STRING, "urn:oid:[0-2](\\.(0|[1-9][0-9]*))+"),
    UUID("uuid", Json.STRING, "urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
    BASE64_BINARY("base64Binary", Json.STRING, null),
    DATE("date", Json.STRING, Formats.YEAR + "(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?"),
    DATE_TIME("dateTime", Json.STRING, Formats.YEAR + "(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T"
            + Formats.TIME + Formats.ZONE + ")?)?)?"),
    INSTANT("instant", Json.STRING, Formats.YEAR + "-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T"
            + Formats.TIME + Formats.ZONE),
    TIME("time", Json.STRING, Formats.TIME),
    XHTML("xhtml", Json.STRING, null);

    /** The JSON kind a primitive is written as. */
    enum Json {
        BOOLEAN("boolean"), INTEGER("integer number"), NUMBER("number"), STRING("string");

        final String label;

        Json(String label) {
            this.label = label;
        }
    }

    /** Hand-written matchers of the R4 date, dateTime, instant and time regular expressions. */
    private static final class Lexical {

        /** date ({@code YYYY(-MM(-DD)?)?}) or, with {@code withTime}, dateTime. */
        static boolean date(String s, boolean withTime) {
            int n = s.length();
            if (n < 4 || !year(s)) {
                return false;
            }
            if (n == 4) {
                return true;
            }
            if (n < 7 || s.charAt(4) != '-' || !twoDigits(s, 5, 1, 12)) {
                return false;
            }
            if (n == 7) {
                return true;
            }
            if (n < 10 || s.charAt(7) != '-' || !twoDigits(s, 8, 1, 31)) {
                return false;
            }
            if (n == 10) {
                return true;
            }
            return withTime && s.charAt(10) == 'T' && zone(s, time(s, 11));
        }

        static boolean instant(String s) {
            return s.length() >= 20 && date(s, true);
        }

        private static boolean year(String s) {
            for (int i = 0; i < 4; i++) {
                if (!digit(s.charAt(i))) {
                    return false;
                }
            }
            return !s.startsWith("0000");
        }

        /** The end of a time {@code hh:mm:ss(.f+)?} starting at {@code at}, or -1. */
        static int time(String s, int at) {
            if (s.length() < at + 8 || !twoDigits(s, at, 0, 23) || s.charAt(at + 2) != ':'
                    || !twoDigits(s, at + 3, 0, 59) || s.charAt(at + 5) != ':' || !twoDigits(s, at + 6, 0, 60)) {
                return -1;
            }
            int end = at + 8;
            if (end < s.length() && s.charAt(end) == '.') {
                int digits = end + 1;
                while (digits < s.length() && digit(s.charAt(digits))) {
                    digits++;
                }
                if (digits == end + 1) {
                    return -1;
                }
                end = digits;
            }
            return end;
        }

        private static boolean zone(String s, int at) {
            if (at < 0 || at >= s.length()) {
                return false;
            }
            char c = s.charAt(at);
            if (c == 'Z') {
                return at + 1 == s.length();
            }
            if ((c != '+' && c != '-') || s.length() != at + 6 || s.charAt(at + 3) != ':') {
                return false;
            }
            if (s.startsWith("14:00", at + 1)) {
                return true;
            }
            return twoDigits(s, at + 1, 0, 13) && twoDigits(s, at + 4, 0, 59);
        }

        private static boolean twoDigits(String s, int at, int min, int max) {
            char a = s.charAt(at);
            char b = s.charAt(at + 1);
            if (!digit(a) || !digit(b)) {
                return false;
            }
            int value = (a - '0') * 10 + (b - '0');
            return value >= min && value <= max;
        }

        private static boolean digit(char c) {
            return c >= '0' && c <= '9';
        }
    }

    private static final class Formats {
        static final String YEAR = "([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)";
        static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?";
        static final String ZONE = "(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))";
    }

    private static final Map<String, PrimitiveType> BY_NAME;

    static {
        Map<String, PrimitiveType> byName = new java.util.HashMap<>();
        for (PrimitiveType type : values()) {
            byName.put(type.fhirName, type);
        }
        BY_NAME = Map.copyOf(byName);
    }

    final String fhirName;
    final Json json;
    private final Pattern pattern;

    PrimitiveType(String fhirName, Json json, String regex) {
        this.fhirName = fhirName;
        this.json = json;
        this.pattern = regex == null ? null : Pattern.compile(regex);
    }

    /** The primitive type of a FHIR type name; null when the name is not a primitive. */
    static PrimitiveType of(String fhirName) {
        return BY_NAME.get(fhirName);
    }

    /** True when the node has the JSON kind this type is written as. */
    boolean hasJsonKind(JsonNode node) {
        return switch (json) {
            case BOOLEAN -> node.isBoolean();
            case INTEGER -> node.isIntegralNumber();
            case NUMBER -> node.isNumber();
            case STRING -> node.isTextual();
        };
    }

    /** True when the number is in the range of this integer type. */
    boolean inRange(JsonNode node) {
        if (!node.canConvertToInt()) {
            return false;
        }
        int value = node.intValue();
        return switch (this) {
            case POSITIVE_INT -> value >= 1;
            case UNSIGNED_INT -> value >= 0;
            default -> true;
        };
    }

    /** True when the text matches the lexical form of this (string-written) type. */
    boolean matches(String text) {
        return switch (this) {
            case BASE64_BINARY -> isBase64(text);
            case CODE -> isCode(text);
            case ID -> isId(text, 0);
            case URI, URL, CANONICAL -> hasNoWhitespace(text);
            case DATE -> Lexical.date(text, false);
            case DATE_TIME -> Lexical.date(text, true);
            case INSTANT -> Lexical.instant(text);
            case TIME -> Lexical.time(text, 0) == text.length();
            default -> pattern == null || pattern.matcher(text).matches();
        };
    }

    /** True when {@code text} from {@code start} is a FHIR id: 1 to 64 of A-Z a-z 0-9 - and dot. */
    static boolean isId(String text, int start) {
        int length = text.length() - start;
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [^\s]+(\s[^\s]+)*}: no leading, trailing or doubled white space. */
    private static boolean isCode(String text) {
        boolean previousSpace = true;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (space && previousSpace) {
                return false;
            }
            previousSpace = space;
        }
        return !previousSpace;
    }

    private static boolean hasNoWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64(String text) {
        int significant = 0;
        int padding = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                padding++;
                significant++;
            } else if (Character.isWhitespace(c)) {
                continue;
            } else if (padding > 0) {
                return false;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/') {
                significant++;
            } else {
                return false;
            }
        }
        return padding <= 2 && significant % 4 == 0;
    }
}
