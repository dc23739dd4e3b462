package org.vnemr.emr.inpatient;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Biểu đồ mạch – nhiệt độ as on the paper chart: temperature 35–41 °C and pulse 40–160 /min on one grid (36 °C at
 * the height of 60 /min, each °C = 20 /min), one column per day of the stay. Computed on the server and drawn as
 * inline SVG by the template, so the chart prints and needs no script.
 */
public final class VitalChart {

    /** A reading on the chart. {@code kind} is {@code t} (temperature) or {@code p} (pulse). */
    public record Dot(double x, double y, String kind, String label) {
    }

    public record Tick(double position, String label) {
    }

    /** One reading in time. */
    record Reading(LocalDateTime at, double value) {
    }

    public static final int WIDTH = 720;
    public static final int HEIGHT = 260;
    static final int LEFT = 50;
    static final int RIGHT = 50;
    static final int TOP = 10;
    static final int BOTTOM = 30;

    private final String temperaturePoints;
    private final String pulsePoints;
    private final List<Dot> dots = new ArrayList<>();
    private final List<Tick> days = new ArrayList<>();
    private final List<Tick> temperatureLines = new ArrayList<>();
    private final List<Tick> pulseLines = new ArrayList<>();

    VitalChart(LocalDate first, LocalDate last, List<Reading> temperatures, List<Reading> pulses) {
        long dayCount = Math.max(1, ChronoUnit.DAYS.between(first, last) + 1);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double dayWidth = plotWidth / dayCount;
        for (int d = 0; d < dayCount; d++) {
            days.add(new Tick(LEFT + d * dayWidth, Fhir.DAY.format(first.plusDays(d)).substring(0, 5)));
        }
        for (int t = 35; t <= 41; t++) {
            double y = y((t - 35) / 6.0);
            temperatureLines.add(new Tick(y, t + "°"));
            pulseLines.add(new Tick(y, String.valueOf(40 + (t - 35) * 20)));
        }
        temperaturePoints = points(first, dayWidth, temperatures, 35, 6, "t");
        pulsePoints = points(first, dayWidth, pulses, 40, 120, "p");
    }

    private String points(LocalDate first, double dayWidth, List<Reading> readings, double base, double span,
                          String kind) {
        StringBuilder points = new StringBuilder();
        for (Reading r : readings) {
            double minutes = ChronoUnit.MINUTES.between(first.atStartOfDay(), r.at());
            double x = LEFT + minutes / 1440.0 * dayWidth;
            double fraction = Math.max(0, Math.min(1, (r.value() - base) / span));
            double y = y(fraction);
            points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
            String value = r.value() == Math.rint(r.value()) ? String.valueOf((long) r.value())
                    : String.valueOf(r.value());
            dots.add(new Dot(Math.round(x * 10) / 10.0, Math.round(y * 10) / 10.0, kind,
                    Fhir.DAY_TIME.format(r.at()) + ": " + value));
        }
        return points.toString().trim();
    }

    private static double y(double fraction) {
        return Math.round((TOP + (1 - fraction) * (HEIGHT - TOP - BOTTOM)) * 10) / 10.0;
    }

    public int getWidth() {
        return WIDTH;
    }

    public int getHeight() {
        return HEIGHT;
    }

    public int getLeft() {
        return LEFT;
    }

    public int getPlotRight() {
        return WIDTH - RIGHT;
    }

    public int getPlotBottom() {
        return HEIGHT - BOTTOM;
    }

    public String getTemperaturePoints() {
        return temperaturePoints;
    }

    public String getPulsePoints() {
        return pulsePoints;
    }

    public List<Dot> getDots() {
        return dots;
    }

    public List<Tick> getDays() {
        return days;
    }

    public List<Tick> getTemperatureLines() {
        return temperatureLines;
    }

    public List<Tick> getPulseLines() {
        return pulseLines;
    }
}
