package org.vnemr.emr.inpatient;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart puts readings where the paper chart would: by time across the days, 37 °C level with 80 /min. */
class VitalChartTest {

    @Test
    void aReadingAtNoonOfTheFirstDay_sitsInTheMiddleOfItsColumnAtItsLevel() {
        LocalDate first = LocalDate.of(2026, 11, 24);
        VitalChart chart = new VitalChart(first, first.plusDays(1),
                List.of(new VitalChart.Reading(first.atTime(12, 0), 37.0)),
                List.of(new VitalChart.Reading(first.atTime(12, 0), 80)));
        assertThat(chart.getDays()).extracting(VitalChart.Tick::label).containsExactly("24/11", "25/11");
        double columnWidth = (VitalChart.WIDTH - VitalChart.LEFT - VitalChart.RIGHT) / 2.0;
        VitalChart.Dot temperature = chart.getDots().get(0);
        VitalChart.Dot pulse = chart.getDots().get(1);
        assertThat(temperature.x()).isCloseTo(VitalChart.LEFT + columnWidth / 2, org.assertj.core.data.Offset.offset(0.2));
        double line37 = chart.getTemperatureLines().stream().filter(t -> t.label().equals("37°")).findFirst()
                .orElseThrow().position();
        assertThat(temperature.y()).isEqualTo(line37);
        assertThat(pulse.y()).isEqualTo(line37);
        assertThat(temperature.label()).isEqualTo("24/11/2026 12:00: 37");
    }

    @Test
    void readingsOffTheScale_areDrawnAtItsEdge() {
        LocalDate first = LocalDate.of(2026, 11, 24);
        VitalChart chart = new VitalChart(first, first, List.of(new VitalChart.Reading(first.atTime(6, 0), 43.5)),
                List.of());
        assertThat(chart.getDots().get(0).y()).isEqualTo(chart.getTemperatureLines().get(6).position());
        assertThat(chart.getDots().get(0).label()).endsWith("43.5");
    }
}
