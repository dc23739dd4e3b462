package org.vnemr.vncore.matching;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic Vietnamese patients for the matching tests and the latency measurement: family names with
 * roughly their real frequency (Nguyễn ≈ 38 %), "Văn"/"Thị" and other middle names, common given names, birth
 * dates 1940–2020, wards of Hồ Chí Minh city and Hà Nội, CCCD numbers, BHYT cards in the three forms and phones.
 * Names and codes are made up in this class; no real person's data.
 */
final class SyntheticPatients {

    private static final String[] FAMILIES = {"Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê",
            "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
    private static final String[] MALE_MIDDLE = {"Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Thành",
            "Công", "Xuân"};
    private static final String[] FEMALE_MIDDLE = {"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Phương", "Kim",
            "Mỹ", "Bích"};
    private static final String[] MALE_GIVEN = {"An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Huy", "Khoa", "Long",
            "Minh", "Nam", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Khánh", "Đạt",
            "Hiếu", "Lộc", "Phong", "Thịnh", "Toàn", "Tùng"};
    private static final String[] FEMALE_GIVEN = {"Anh", "Châu", "Dung", "Hà", "Hạnh", "Hằng", "Hoa", "Hương",
            "Lan", "Linh", "Mai", "My", "Nga", "Ngân", "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Yến", "Vy",
            "Tâm", "Loan", "Huyền", "Giang", "Oanh", "Uyên", "Xuân"};
    private static final String[] WARDS_79 = {"26734", "26737", "26740", "26743", "26746", "26749", "26752",
            "26755", "26758", "26761", "27004", "27007", "27010", "27013", "27016", "27019", "27022", "27025"};
    private static final String[] WARDS_01 = {"00001", "00004", "00006", "00007", "00008", "00010", "00013",
            "00016", "00019", "00022"};

    /** One generated person with the values the tests plant variants of. */
    record Person(String id, String name, String birthDate, String sex, String ward, String province, String cccd,
                  String bhyt, String phone) {

        TestPatients patient() {
            TestPatients p = TestPatients.patient().name(name).born(birthDate).sex(sex).ward(ward, province);
            if (id != null) {
                p.id(id);
            }
            if (cccd != null) {
                p.cccd(cccd);
            }
            if (bhyt != null) {
                p.bhyt(bhyt);
            }
            if (phone != null) {
                p.phone(phone);
            }
            return p;
        }
    }

    private final Random random;
    private int serial;

    SyntheticPatients(long seed) {
        this.random = new Random(seed);
    }

    Person next(String idPrefix) {
        boolean male = random.nextBoolean();
        String name = pick(FAMILIES) + " " + pick(male ? MALE_MIDDLE : FEMALE_MIDDLE)
                + (random.nextInt(5) == 0 ? " " + pick(male ? MALE_GIVEN : FEMALE_GIVEN) : "")
                + " " + pick(male ? MALE_GIVEN : FEMALE_GIVEN);
        LocalDate born = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(80 * 365));
        boolean hcm = random.nextInt(3) > 0;
        String province = hcm ? "79" : "01";
        String ward = hcm ? pick(WARDS_79) : pick(WARDS_01);
        serial++;
        // CCCD: province (3), sex/century digit, year (2), serial (6) — unique per generated person
        int centuryDigit = (born.getYear() >= 2000 ? 2 : 0) + (male ? 0 : 1);
        String cccd = random.nextInt(10) < 8 ? String.format("0%s%d%02d%06d", province, centuryDigit,
                born.getYear() % 100, serial % 1_000_000) : null;
        String bhyt = null;
        int card = random.nextInt(4);
        if (card == 1 && cccd != null) {
            bhyt = cccd;
        } else if (card == 2) {
            bhyt = String.format("%010d", 1_000_000_000L + serial);
        } else if (card == 3) {
            bhyt = "HT4" + province + String.format("%010d", 2_000_000_000L + serial);
        }
        String phone = random.nextInt(10) < 7 ? String.format("09%08d", random.nextInt(100_000_000)) : null;
        return new Person(idPrefix == null ? null : idPrefix + serial, name, born.toString(),
                male ? "male" : "female", ward, province, cccd, bhyt, phone);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    List<Person> many(String idPrefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> next(idPrefix)).toList();
    }
}
