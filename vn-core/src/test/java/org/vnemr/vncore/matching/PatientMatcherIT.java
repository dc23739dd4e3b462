package org.vnemr.vncore.matching;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.store.WriteOptions;
import org.vnemr.fhir.store.WriteRequest;
import org.vnemr.fhir.store.WriteService;
import org.vnemr.fhir.testing.FhirTestServer;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matching over a real database of a few hundred generated patients with planted re-registrations: every one
 * is found, and a match is certain only when an identifier is shared.
 */
class PatientMatcherIT {

    static FhirTestServer server;
    static PatientMatcher matcher;
    static WriteService writes;
    static List<SyntheticPatients.Person> people;

    @BeforeAll
    static void start() {
        server = FhirTestServer.startWith(List.of(PatientMatchingConfiguration.class));
        matcher = server.bean(PatientMatcher.class);
        writes = server.bean(WriteService.class);
        people = new SyntheticPatients(7).many("p", 400);
        List<WriteRequest> creates = new ArrayList<>();
        for (SyntheticPatients.Person person : people) {
            creates.add(WriteRequest.update("Patient", person.id(), person.patient().json(), null));
        }
        writes.executeAll(creates, new WriteOptions(true, false));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<PatientMatch> match(TestPatients candidate) {
        return matcher.match(candidate.json(), false, 10);
    }

    private static SyntheticPatients.Person withCccd() {
        return people.stream().filter(p -> p.cccd() != null).findFirst().orElseThrow();
    }

    @Test
    void sameCccd_typedWithSpaces_isTheCertainTopMatch() {
        SyntheticPatients.Person original = withCccd();
        String spaced = original.cccd().substring(0, 4) + " " + original.cccd().substring(4, 8) + " "
                + original.cccd().substring(8);
        List<PatientMatch> matches = match(TestPatients.patient().name(original.name()).cccd(spaced));

        assertThat(matches.get(0).patientId()).isEqualTo(original.id());
        assertThat(matches.get(0).score().grade()).isEqualTo(MatchGrade.CERTAIN);
    }

    @Test
    void bhxhNumberOfALegacyCard_findsTheCardHolder() {
        SyntheticPatients.Person original = people.stream()
                .filter(p -> p.bhyt() != null && p.bhyt().startsWith("HT")).findFirst().orElseThrow();
        List<PatientMatch> matches = match(TestPatients.patient().name(original.name())
                .bhyt(original.bhyt().substring(5)));

        assertThat(matches.get(0).patientId()).isEqualTo(original.id());
        assertThat(matches.get(0).score().grade()).isEqualTo(MatchGrade.CERTAIN);
    }

    @Test
    void nameWithoutDiacritics_andSwappedDate_isFoundButNotCertain() {
        SyntheticPatients.Person original = people.stream()
                .filter(p -> LocalDate.parse(p.birthDate()).getDayOfMonth() <= 12
                        && LocalDate.parse(p.birthDate()).getDayOfMonth() != LocalDate.parse(p.birthDate()).getMonthValue())
                .findFirst().orElseThrow();
        LocalDate born = LocalDate.parse(original.birthDate());
        String plain = Normalizer.normalize(original.name(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('Đ', 'D').replace('đ', 'd').toUpperCase();
        List<PatientMatch> matches = match(TestPatients.patient().name(plain)
                .born(LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue()).toString())
                .sex(original.sex()).ward(original.ward(), original.province()));

        assertThat(matches).extracting(PatientMatch::patientId).contains(original.id());
        PatientMatch found = matches.stream().filter(m -> m.patientId().equals(original.id())).findFirst().orElseThrow();
        assertThat(found.score().grade()).isIn(MatchGrade.PROBABLE, MatchGrade.POSSIBLE);
        assertThat(found.score().components()).anyMatch(c -> c.comparison().equals("day-month-swapped"));
    }

    @Test
    void missingMiddleName_andYearOnly_isFound() {
        SyntheticPatients.Person original = people.stream().filter(p -> p.name().split(" ").length == 3)
                .findFirst().orElseThrow();
        String[] words = original.name().split(" ");
        List<PatientMatch> matches = match(TestPatients.patient().name(words[0] + " " + words[2])
                .born(original.birthDate().substring(0, 4)).sex(original.sex()).ward(original.ward(), original.province()));

        assertThat(matches).extracting(PatientMatch::patientId).contains(original.id());
    }

    @Test
    void typoInName_withTheSameBirthDate_isFound() {
        SyntheticPatients.Person original = people.get(10);
        String typo = original.name().substring(0, original.name().length() - 1)
                + (original.name().endsWith("a") ? "o" : "a");
        List<PatientMatch> matches = match(TestPatients.patient().name(typo).born(original.birthDate())
                .sex(original.sex()).ward(original.ward(), original.province()));

        assertThat(matches).extracting(PatientMatch::patientId).contains(original.id());
    }

    @Test
    void everyCertainMatch_sharesAnIdentifier_acrossTheWholeRegister() {
        Set<String> certainWithoutSharedIdentifier = new HashSet<>();
        int found = 0;
        for (SyntheticPatients.Person person : people) {
            // the person as a new registration: same demographics, no id, identifiers as given
            ObjectNode candidate = person.patient().json();
            candidate.remove("id");
            PatientFacts wanted = PatientFacts.of(candidate);
            for (PatientMatch m : matcher.match(candidate, false, 10)) {
                found++;
                if (m.score().grade() == MatchGrade.CERTAIN) {
                    Set<String> shared = new HashSet<>(PatientFacts.of(
                            org.vnemr.fhir.store.FhirJson.parseResource(m.json())).identifierKeys());
                    shared.retainAll(wanted.identifierKeys());
                    if (shared.isEmpty()) {
                        certainWithoutSharedIdentifier.add(person.id() + "→" + m.patientId());
                    }
                }
            }
            List<PatientMatch> self = matcher.match(candidate, false, 1);
            assertThat(self).as("the register finds %s itself first", person.id())
                    .extracting(PatientMatch::patientId).containsExactly(person.id());
        }
        assertThat(certainWithoutSharedIdentifier).isEmpty();
        assertThat(found).isGreaterThanOrEqualTo(people.size());
    }

    @Test
    void onlyCertainMatches_leavesOutDemographicMatches() {
        SyntheticPatients.Person original = people.get(20);
        TestPatients sameDemographics = TestPatients.patient().name(original.name()).born(original.birthDate())
                .sex(original.sex());

        assertThat(matcher.match(sameDemographics.json(), false, 10)).extracting(PatientMatch::patientId)
                .contains(original.id());
        assertThat(matcher.match(sameDemographics.json(), true, 10)).isEmpty();
    }

    @Test
    void unknownPerson_hasNoMatch() {
        assertThat(match(TestPatients.patient().name("Tôn Nữ Diễm Kiều").born("1931-02-29".replace("29", "28"))
                .cccd("096131999999"))).isEmpty();
    }

    @Test
    void keysFollowUpdatesAndDeletes() {
        TestPatients before = TestPatients.patient().id("moving-1").name("Kha Thị Lụa").born("1977-07-07")
                .sex("female");
        writes.execute(WriteRequest.update("Patient", "moving-1", before.json(), null), new WriteOptions(true, false));
        assertThat(match(TestPatients.patient().name("Kha Thị Lụa").born("1977-07-07").sex("female")))
                .extracting(PatientMatch::patientId).contains("moving-1");

        TestPatients renamed = TestPatients.patient().id("moving-1").name("Kha Thị Xuyến").born("1977-07-07")
                .sex("female").cccd("096177000111");
        writes.execute(WriteRequest.update("Patient", "moving-1", renamed.json(), null), new WriteOptions(true, false));
        assertThat(match(TestPatients.patient().name("Lưu Văn Khải").cccd("096177000111")))
                .extracting(PatientMatch::patientId).containsExactly("moving-1");

        writes.execute(WriteRequest.delete("Patient", "moving-1", null), new WriteOptions(true, false));
        assertThat(match(TestPatients.patient().name("Kha Thị Xuyến").cccd("096177000111"))).isEmpty();
    }
}
