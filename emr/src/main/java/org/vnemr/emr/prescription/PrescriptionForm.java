package org.vnemr.emr.prescription;

import java.util.ArrayList;
import java.util.List;

/**
 * What the prescription form posts, exactly as typed (text, so a refused value is shown back unchanged). Fields are
 * named {@code lines[i].dose} …; {@code add} / {@code removeLine} are the htmx actions that add a drug from the search
 * results or drop a line, re-rendering the form without saving.
 */
public class PrescriptionForm {

    private String type = PrescriptionType.ORDINARY.code();
    private List<LineForm> lines = new ArrayList<>();
    private String advice;
    private boolean acknowledge;
    private String add;
    private Integer removeLine;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public List<LineForm> getLines() {
        return lines;
    }

    public void setLines(List<LineForm> lines) {
        this.lines = lines;
    }

    public String getAdvice() {
        return advice;
    }

    public void setAdvice(String advice) {
        this.advice = advice;
    }

    public boolean isAcknowledge() {
        return acknowledge;
    }

    public void setAcknowledge(boolean acknowledge) {
        this.acknowledge = acknowledge;
    }

    public String getAdd() {
        return add;
    }

    public void setAdd(String add) {
        this.add = add;
    }

    public Integer getRemoveLine() {
        return removeLine;
    }

    public void setRemoveLine(Integer removeLine) {
        this.removeLine = removeLine;
    }

    /** One drug line as typed. Either {@code timesPerDay} or the amounts per time of day are used. */
    public static class LineForm {
        private String drug;
        private String dose;
        private String timesPerDay;
        private String morning;
        private String noon;
        private String afternoon;
        private String evening;
        private String days;
        private String route;
        private String note;
        private String quantity;
        private String overrideReason;

        public String getDrug() {
            return drug;
        }

        public void setDrug(String drug) {
            this.drug = drug;
        }

        public String getDose() {
            return dose;
        }

        public void setDose(String dose) {
            this.dose = dose;
        }

        public String getTimesPerDay() {
            return timesPerDay;
        }

        public void setTimesPerDay(String timesPerDay) {
            this.timesPerDay = timesPerDay;
        }

        public String getMorning() {
            return morning;
        }

        public void setMorning(String morning) {
            this.morning = morning;
        }

        public String getNoon() {
            return noon;
        }

        public void setNoon(String noon) {
            this.noon = noon;
        }

        public String getAfternoon() {
            return afternoon;
        }

        public void setAfternoon(String afternoon) {
            this.afternoon = afternoon;
        }

        public String getEvening() {
            return evening;
        }

        public void setEvening(String evening) {
            this.evening = evening;
        }

        public String getDays() {
            return days;
        }

        public void setDays(String days) {
            this.days = days;
        }

        public String getRoute() {
            return route;
        }

        public void setRoute(String route) {
            this.route = route;
        }

        public String getNote() {
            return note;
        }

        public void setNote(String note) {
            this.note = note;
        }

        public String getQuantity() {
            return quantity;
        }

        public void setQuantity(String quantity) {
            this.quantity = quantity;
        }

        public String getOverrideReason() {
            return overrideReason;
        }

        public void setOverrideReason(String overrideReason) {
            this.overrideReason = overrideReason;
        }
    }
}
