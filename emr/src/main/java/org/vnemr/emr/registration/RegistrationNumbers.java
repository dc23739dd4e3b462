package org.vnemr.emr.registration;

import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Số bệnh án, số thứ tự, mã liên kết: the numbers a registration hands out. The MRN comes from a database sequence
 * and the queue number from one atomic upsert per room and day, so two clerks never get the same number.
 */
public class RegistrationNumbers {

    private static final DateTimeFormatter MA_LK_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss")
            .withZone(org.vnemr.emr.charges.Coverages.VIETNAM);
    private static final DateTimeFormatter QUEUE_DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    public RegistrationNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code BN} + 8 digits. */
    public String nextMrn() {
        Long n = jdbc.queryForObject("SELECT nextval('emr_mrn_seq')", Long.class);
        return "BN" + String.format("%08d", n);
    }

    /** The next queue number of the room on that day, from 1. */
    public int nextQueueNumber(String roomId, LocalDate day) {
        Integer n = jdbc.queryForObject("""
                INSERT INTO emr_queue_counter (room_id, day, last_number) VALUES (?, ?, 1)
                ON CONFLICT (room_id, day) DO UPDATE SET last_number = emr_queue_counter.last_number + 1
                RETURNING last_number""", Integer.class, roomId, day);
        return n;
    }

    /** The queue identifier value {@code <room>-<yyyyMMdd>-<n>} of the contract. */
    public static String queueValue(String roomCode, LocalDate day, int number) {
        return roomCode + "-" + QUEUE_DAY.format(day) + "-" + number;
    }

    /** MA_LK: facility code + yyMMddHHmmss (Vietnam time) + 4 random digits. */
    public static String maLk(String facilityCode, Instant now) {
        return facilityCode + MA_LK_TIME.format(now) + String.format("%04d", RANDOM.nextInt(10_000));
    }
}
