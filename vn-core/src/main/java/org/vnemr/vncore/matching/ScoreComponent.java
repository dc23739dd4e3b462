package org.vnemr.vncore.matching;

/**
 * One line of a match explanation: which field was compared, how they compared, the most the field can
 * give ({@code weight}) and what it gave ({@code points}, negative when it speaks against a match).
 *
 * @param field      e.g. {@code name}, {@code birthDate}
 * @param comparison e.g. {@code exact}, {@code day-month-swapped}
 * @param weight     the highest points this field can give
 * @param points     the points given
 * @param label      the reader's explanation in Vietnamese, e.g. "Họ tên: đảo thứ tự các chữ"
 */
public record ScoreComponent(String field, String comparison, int weight, int points, String label) {
}
