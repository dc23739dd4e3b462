package org.vnemr.vncore.registration;

import org.vnemr.fhir.error.Messages;
import org.vnemr.vncore.identity.Cccd;
import org.vnemr.vncore.identity.ParseResult;
import org.vnemr.vncore.identity.Problem;
import org.vnemr.vncore.identity.Sex;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The QR code printed on the chip CCCD / thẻ căn cước, as a desk scanner types it:
 * {@code CCCD|old ID (CMND)|full name|birth date ddMMyyyy|sex (Nam/Nữ)|permanent address|issue date ddMMyyyy}.
 * Scanners differ: some send NFD text (decomposed diacritics), cards without an old ID leave that field empty or
 * drop it, and some add separators at the end. The parse reads all of those and says what it could not read.
 *
 * @param oldId    the old CMND number (9 or 12 digits), or null
 * @param address  the permanent address as printed (free text, often still with the old district)
 * @param issueDate null when absent or unreadable (a warning then)
 */
public record CccdQrCode(Cccd cccd, String oldId, String fullName, LocalDate birthDate, Sex sex, String address,
                         LocalDate issueDate) {

    private static final DateTimeFormatter DDMMYYYY = DateTimeFormatter.ofPattern("ddMMuuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    public static ParseResult<CccdQrCode> parse(String scanned) {
        String text = scanned == null ? "" : Normalizer.normalize(scanned, Normalizer.Form.NFC)
                .replace("\uFEFF", "").strip();
        List<String> fields = new ArrayList<>(Arrays.stream(text.split("\\|", -1)).map(String::strip).toList());
        while (!fields.isEmpty() && fields.get(fields.size() - 1).isEmpty()) {
            fields.remove(fields.size() - 1); // trailing separators
        }
        // a card without an old ID whose scanner dropped the field: CCCD|name|birth|sex|address|issue
        if (fields.size() >= 4 && !isDigits(fields.get(1)) && !fields.get(1).isEmpty() && isDate(fields.get(2))
                && !isDate(fields.get(3))) {
            fields.add(1, "");
        }
        if (fields.size() < 6 || text.isEmpty()) {
            return ParseResult.failed(Problem.error("VNEMR-3040", String.valueOf(text.isEmpty() ? 0 : fields.size())));
        }
        List<Problem> problems = new ArrayList<>();
        ParseResult<Cccd> cccd = Cccd.parse(fields.get(0));
        for (Problem p : cccd.problems()) {
            problems.add(p.warning() ? p : new Problem("VNEMR-3046", false, Messages.vi("VNEMR-3046", p.messageVi()),
                    Messages.en("VNEMR-3046", p.messageEn())));
        }
        String oldId = fields.get(1).replace(" ", "");
        if (oldId.isEmpty()) {
            oldId = null;
        } else if (!isDigits(oldId) || (oldId.length() != 9 && oldId.length() != 12)) {
            problems.add(Problem.warning("VNEMR-3045", oldId));
            oldId = null;
        }
        String name = fields.get(2).replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            problems.add(Problem.error("VNEMR-3043"));
        }
        LocalDate birthDate = date(fields.get(3));
        if (birthDate == null) {
            problems.add(Problem.error("VNEMR-3041", fields.get(3)));
        }
        Sex sex = sex(fields.get(4));
        if (sex == null) {
            problems.add(Problem.error("VNEMR-3042", fields.get(4)));
        }
        // everything between the sex and the issue date is the address (a stray '|' inside it is kept as a comma)
        int issueIndex = -1;
        for (int i = fields.size() - 1; i >= 6; i--) {
            if (isDate(fields.get(i))) {
                issueIndex = i;
                break;
            }
        }
        int addressEnd = issueIndex < 0 ? (fields.size() > 6 ? 6 : fields.size()) : issueIndex;
        String address = String.join(", ", fields.subList(5, addressEnd).stream().filter(f -> !f.isEmpty()).toList());
        LocalDate issueDate = null;
        if (issueIndex >= 0) {
            issueDate = date(fields.get(issueIndex));
        } else if (fields.size() > 6) {
            problems.add(Problem.warning("VNEMR-3044", fields.get(6)));
        }
        if (cccd.value() != null && (birthDate != null || sex != null)) {
            problems.addAll(cccd.value().checkAgainst(birthDate, sex == null ? null : sex.fhirGender()));
        }
        if (problems.stream().anyMatch(p -> !p.warning())) {
            return ParseResult.failed(problems);
        }
        return ParseResult.ok(new CccdQrCode(cccd.value(), oldId, name, birthDate, sex, address, issueDate),
                problems);
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isDate(String s) {
        return date(s) != null;
    }

    private static LocalDate date(String s) {
        if (s.length() != 8 || !isDigits(s)) {
            return null;
        }
        try {
            return LocalDate.parse(s, DDMMYYYY);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Sex sex(String s) {
        String folded = org.vnemr.fhir.text.VietnameseText.fold(s);
        return switch (folded) {
            case "nam", "male", "m" -> Sex.MALE;
            case "nu", "female", "f" -> Sex.FEMALE;
            default -> null;
        };
    }
}
