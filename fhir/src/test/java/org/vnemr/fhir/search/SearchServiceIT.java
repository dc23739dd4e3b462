package org.vnemr.fhir.search;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.store.StoredResource;
import org.vnemr.fhir.testing.TestDatabase;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vnemr.fhir.search.SearchCompilerTest.errorCode;

/** Search against a real PostgreSQL store, one small clinical data set written straight into the tables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServiceIT {

    private static final String GENDER = "http://hl7.org/fhir/administrative-gender";
    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";

    private HikariDataSource dataSource;
    private SearchService search;
    /** An encounter a few days ago, for ap whose reach depends on the distance from now. */
    private final String recentDay = LocalDate.now(org.vnemr.fhir.index.DateRange.FACILITY_ZONE).minusDays(5).toString();

    @BeforeAll
    void createStore() {
        dataSource = TestDatabase.fresh();
        search = new SearchService(SearchCompilerTest.CATALOG, dataSource);
        SearchFixture f = new SearchFixture(dataSource);

        f.row("Patient", "p1").string("sp_name", "|nguyen van an|", "Nguyễn Văn Ân")
                .string("sp_family", "|nguyen|", "Nguyễn")
                .tokens("sp_gender", "male", GENDER + "|male", GENDER + "|")
                .tokens("sp_identifier", "http://cccd|001", "001", "http://cccd|").text("sp_identifier_text", "|can cuoc|")
                .date("sp_birthdate", "1990-01-01").lastUpdated("2025-01-01T00:00:00Z")
                .tokens("mt_tag", "http://tag|vip", "vip", "http://tag|")
                .tokens("mt_profile", "http://vnemr.org/fhir/StructureDefinition/vn-patient")
                .tokens("mt_source", "http://his.bvx/#abc")
                .tokens("sp_general_practitioner", "Practitioner/dr1").save();
        f.row("Patient", "p2").string("sp_name", "|do thi dao|", "Đỗ Thị Đào")
                .tokens("sp_gender", "female", GENDER + "|female", GENDER + "|")
                .date("sp_birthdate", "1985-06").lastUpdated("2025-02-01T00:00:00Z").save();
        f.row("Patient", "p3").string("sp_name", "|tran minh|", "Trần Minh")
                .date("sp_birthdate", "2000-12-31").lastUpdated("2025-03-01T00:00:00Z").save();
        // deleted: the contract says NULL columns, but even stale columns must never be found
        f.row("Patient", "p4").string("sp_name", "|nguyen van an|", "Nguyễn Văn Ân").deleted().save();
        f.row("Patient", "p5").string("sp_name", "|nguyen thi binh|", "Nguyễn Thị Bình")
                .tokens("sp_gender", "female", GENDER + "|female", GENDER + "|")
                .lastUpdated("2025-04-01T00:00:00Z").save();
        f.row("Practitioner", "dr1").string("sp_name", "|le bac si|", "Lê Bác Sĩ").save();

        f.row("Encounter", "e1").date("sp_date", "2024-01-10").tokens("sp_subject", "Patient/p1")
                .tokens("sp_patient", "Patient/p1").save();
        f.row("Encounter", "e2").date("sp_date", "2024-03-05T10:00").tokens("sp_subject", "Patient/p2")
                .tokens("sp_patient", "Patient/p2").save();
        f.row("Encounter", "e3").date("sp_date", "2024-06-01", "2024-06-30").tokens("sp_subject", "Patient/p1")
                .tokens("sp_patient", "Patient/p1").save();
        f.row("Encounter", "e4").tokens("sp_subject", "Patient/p3").tokens("sp_patient", "Patient/p3").save();
        f.row("Encounter", "e5").date("sp_date", recentDay).tokens("sp_subject", "Patient/p5").save();

        f.row("Observation", "o1").tokens("sp_code", LOINC + "|1234-5", "1234-5", LOINC + "|").text("sp_code_text", "|glucose|")
                .tokens("sp_subject", "Patient/p1").tokens("sp_subject_ident", "http://cccd|001", "001", "http://cccd|")
                .tokens("sp_patient", "Patient/p1").tokens("sp_encounter", "Encounter/e1")
                .tokens("sp_performer", "Practitioner/dr1")
                .numbers("sp_value_quantity", "5.4").tokens("sp_value_quantity_unit", UCUM + "|mmol/L|mmol/L").save();
        f.row("Observation", "o2").tokens("sp_code", LOINC + "|8867-4", "8867-4", LOINC + "|").text("sp_code_text", "|heart rate|")
                .tokens("sp_subject", "Patient/p2").tokens("sp_patient", "Patient/p2")
                .numbers("sp_value_quantity", "100").tokens("sp_value_quantity_unit", UCUM + "|/min|beats/min").save();
        f.row("Observation", "o3").tokens("sp_code", LOINC + "|1234-5", "1234-5", LOINC + "|")
                .tokens("sp_subject", "Patient/p1").tokens("sp_patient", "Patient/p1")
                .tokens("sp_has_member", "Observation/o1").save();
        f.row("Observation", "o4").tokens("sp_code", LOINC + "|1234-5", "1234-5", LOINC + "|")
                .tokens("sp_subject", "Group/g1")
                .numbers("sp_value_quantity", "5.44").tokens("sp_value_quantity_unit", "|mg|mg").save();

        f.row("RiskAssessment", "ra1").numbers("sp_probability", "0.25").save();
        f.row("RiskAssessment", "ra2").numbers("sp_probability", "0.8").save();
        f.row("RiskAssessment", "ra3").numbers("sp_probability", "5.4").save();
        f.row("RiskAssessment", "ra4").numbers("sp_probability", "100").save();

        // a chain of places, each part of the next, to bound :iterate
        for (int i = 1; i <= 5; i++) {
            f.row("Location", "l" + i).tokens("sp_partof", "Location/l" + (i + 1)).save();
        }

        f.row("ValueSet", "vs1").tokens("sp_url", "http://vnemr.org/fhir/ValueSet/a").save();
        f.row("ValueSet", "vs2").tokens("sp_url", "http://vnemr.org/fhir/ValueSet/b").save();
        f.row("ValueSet", "vs3").tokens("sp_url", "http://other.org/x").save();
    }

    @AfterAll
    void closeStore() {
        dataSource.close();
    }

    private SearchResult run(String type, String query) {
        return search.search(type, SearchService.parseQueryString(query));
    }

    /** Match ids in result order. */
    private List<String> ids(String type, String query) {
        return run(type, query).matches().stream().map(StoredResource::id).toList();
    }

    private static List<String> ids(List<StoredResource> resources) {
        return resources.stream().map(StoredResource::typeAndId).toList();
    }

    // ---------------------------------------------------------------- string

    @Test
    void search_findsPatientByNameWithoutDiacritics() {
        assertThat(ids("Patient", "name=nguyen van an")).containsExactly("p1");
        assertThat(ids("Patient", "name=nguyen")).containsExactlyInAnyOrder("p1", "p5");
    }

    @Test
    void search_nameQueryInNfdOrNfcFindsTheSamePatient() {
        String nfd = Normalizer.normalize("Nguyễn Văn Ân", Normalizer.Form.NFD);
        String nfc = Normalizer.normalize("Nguyễn Văn Ân", Normalizer.Form.NFC);
        assertThat(search.search("Patient", Map.of("name", List.of(nfd))).matches()).extracting(StoredResource::id)
                .containsExactly("p1");
        assertThat(search.search("Patient", Map.of("name", List.of(nfc))).matches()).extracting(StoredResource::id)
                .containsExactly("p1");
    }

    @Test
    void search_dStrokeMatchesPlainD() {
        assertThat(ids("Patient", "name=đỗ")).containsExactly("p2");
        assertThat(ids("Patient", "name=ĐỖ THỊ")).containsExactly("p2");
        assertThat(ids("Patient", "name=do thi")).containsExactly("p2");
    }

    @Test
    void search_stringDefaultIsStartsWithOfAValue() {
        assertThat(ids("Patient", "name=dao")).isEmpty();
        assertThat(ids("Patient", "name:contains=dao")).containsExactly("p2");
        assertThat(ids("Patient", "name:contains=VAN")).containsExactly("p1");
    }

    @Test
    void search_exactComparesTheOriginalInNfc() {
        assertThat(ids("Patient", "name:exact=Nguyễn Văn Ân")).containsExactly("p1");
        String nfd = Normalizer.normalize("Nguyễn Văn Ân", Normalizer.Form.NFD);
        assertThat(search.search("Patient", Map.of("name:exact", List.of(nfd))).matches()).hasSize(1);
        assertThat(ids("Patient", "name:exact=nguyen van an")).isEmpty();
    }

    @Test
    void search_missingFindsResourcesWithoutTheValue() {
        assertThat(ids("Patient", "family:missing=true")).containsExactlyInAnyOrder("p2", "p3", "p5");
        assertThat(ids("Patient", "family:missing=false")).containsExactly("p1");
        assertThat(ids("Patient", "gender:missing=true")).containsExactly("p3");
    }

    @Test
    void search_deletedResourcesAreNeverFound() {
        assertThat(ids("Patient", "_id=p4")).isEmpty();
        assertThat(ids("Patient", "name=nguyen van an")).doesNotContain("p4");
    }

    // ---------------------------------------------------------------- token

    @Test
    void search_tokenByCodeSystemAndCodeOrSystemOnly() {
        assertThat(ids("Patient", "gender=male")).containsExactly("p1");
        assertThat(ids("Patient", "gender=" + GENDER + "|female")).containsExactlyInAnyOrder("p2", "p5");
        assertThat(ids("Patient", "identifier=http://cccd|")).containsExactly("p1");
        assertThat(ids("Patient", "identifier=http://other|001")).isEmpty();
        assertThat(ids("Patient", "gender=male,female")).containsExactlyInAnyOrder("p1", "p2", "p5");
    }

    @Test
    void search_tokenNotAlsoFindsResourcesWithoutValue() {
        assertThat(ids("Patient", "gender:not=male")).containsExactlyInAnyOrder("p2", "p3", "p5");
    }

    @Test
    void search_tokenTextSearchesTheDisplayText() {
        assertThat(ids("Observation", "code:text=gluc")).containsExactly("o1");
        assertThat(ids("Patient", "identifier:text=can cuoc")).containsExactly("p1");
    }

    @Test
    void search_metaParameters() {
        assertThat(ids("Patient", "_id=p1,p2")).containsExactlyInAnyOrder("p1", "p2");
        assertThat(ids("Patient", "_tag=vip")).containsExactly("p1");
        assertThat(ids("Patient", "_tag=http://tag|vip")).containsExactly("p1");
        assertThat(ids("Patient", "_tag:not=vip")).containsExactlyInAnyOrder("p2", "p3", "p5");
        assertThat(ids("Patient", "_profile=http://vnemr.org/fhir/StructureDefinition/vn-patient")).containsExactly("p1");
        assertThat(ids("Patient", "_source=http://his.bvx/#abc")).containsExactly("p1");
        assertThat(ids("Patient", "_security:missing=false")).isEmpty();
    }

    // ---------------------------------------------------------------- date

    @Test
    void search_dateEqFindsEncountersWithinTheDayMonthOrYear() {
        assertThat(ids("Encounter", "date=2024-03-05")).containsExactly("e2");
        assertThat(ids("Encounter", "date=2024-06")).containsExactly("e3");
        assertThat(ids("Encounter", "date=2024")).containsExactlyInAnyOrder("e1", "e2", "e3");
        assertThat(ids("Encounter", "date=2024-06-15")).isEmpty();
    }

    @Test
    void search_dateGtFindsOnlyLaterEncounters() {
        assertThat(ids("Encounter", "date=gt2024-03-05")).containsExactlyInAnyOrder("e3", "e5");
        assertThat(ids("Encounter", "date=ge2024-03-05")).containsExactlyInAnyOrder("e2", "e3", "e5");
    }

    @Test
    void search_dateLtFindsOnlyEarlierEncounters() {
        assertThat(ids("Encounter", "date=lt2024-03-05")).containsExactly("e1");
        assertThat(ids("Encounter", "date=le2024-03-05")).containsExactlyInAnyOrder("e1", "e2");
    }

    @Test
    void search_dateStartsAfterEndsBeforeAndNotEqual() {
        assertThat(ids("Encounter", "date=sa2024-01-10")).containsExactlyInAnyOrder("e2", "e3", "e5");
        assertThat(ids("Encounter", "date=eb2024-03-05")).containsExactly("e1");
        assertThat(ids("Encounter", "date=ne2024-03-05")).containsExactlyInAnyOrder("e1", "e3", "e5");
        // a range only partly inside the day is not "eq" but overlaps for gt and lt
        assertThat(ids("Encounter", "date=2024-06-15")).isEmpty();
        assertThat(ids("Encounter", "date=gt2024-06-15&date=lt2024-06-15")).containsExactly("e3");
    }

    @Test
    void search_dateApproximatelyReachesTenPercentOfTheDistanceFromNow() {
        String twoDaysOff = LocalDate.parse(recentDay).minusDays(1).toString();
        assertThat(ids("Encounter", "date=ap" + twoDaysOff)).containsExactly("e5");
        assertThat(ids("Encounter", "date=ap2024-03-05")).contains("e2").doesNotContain("e5");
    }

    @Test
    void search_dateRangeByTwoParameters() {
        assertThat(ids("Encounter", "date=ge2024-01-01&date=lt2024-04-01")).containsExactlyInAnyOrder("e1", "e2");
    }

    @Test
    void search_lastUpdatedComparesTheInstant() {
        assertThat(ids("Patient", "_lastUpdated=ge2025-02-01")).containsExactlyInAnyOrder("p2", "p3", "p5");
        assertThat(ids("Patient", "_lastUpdated=lt2025-02")).containsExactly("p1");
        assertThat(ids("Patient", "_lastUpdated=2025-02-01")).containsExactly("p2");
        assertThat(ids("Patient", "_lastUpdated=gt2025-03-01T07:00:00%2B07:00")).containsExactly("p5");
    }

    @Test
    void search_birthdateInTheFacilityZone() {
        assertThat(ids("Patient", "birthdate=1990-01-01")).containsExactly("p1");
        assertThat(ids("Patient", "birthdate=1985")).containsExactly("p2");
        assertThat(ids("Patient", "birthdate=1985-06-15")).isEmpty();
    }

    // ---------------------------------------------------------------- number and quantity

    @Test
    void search_numberEqHonoursImplicitPrecision() {
        assertThat(ids("RiskAssessment", "probability=5.4")).containsExactly("ra3");
        assertThat(ids("RiskAssessment", "probability=0.25")).containsExactly("ra1");
        assertThat(ids("RiskAssessment", "probability=100")).containsExactly("ra4");
        assertThat(ids("RiskAssessment", "probability=1e2")).containsExactly("ra4");
        // 0.3 stands for [0.25, 0.35), which holds 0.25
        assertThat(ids("RiskAssessment", "probability=0.3")).containsExactly("ra1");
        assertThat(ids("RiskAssessment", "probability=0.4")).isEmpty();
    }

    @Test
    void search_numberPrefixes() {
        assertThat(ids("RiskAssessment", "probability=gt0.5")).containsExactlyInAnyOrder("ra2", "ra3", "ra4");
        assertThat(ids("RiskAssessment", "probability=le0.8")).containsExactlyInAnyOrder("ra1", "ra2");
        assertThat(ids("RiskAssessment", "probability=lt0.8")).containsExactly("ra1");
        assertThat(ids("RiskAssessment", "probability=ge5.4")).containsExactlyInAnyOrder("ra3", "ra4");
        assertThat(ids("RiskAssessment", "probability=ne0.8")).containsExactlyInAnyOrder("ra1", "ra3", "ra4");
        assertThat(ids("RiskAssessment", "probability=ap95")).containsExactly("ra4");
        assertThat(ids("RiskAssessment", "probability=ap0.75")).containsExactly("ra2");
        assertThat(ids("RiskAssessment", "probability=sa5&probability=eb101")).containsExactly("ra3", "ra4");
    }

    @Test
    void search_quantityWithAndWithoutUnits() {
        assertThat(ids("Observation", "value-quantity=5.4")).containsExactlyInAnyOrder("o1", "o4");
        assertThat(ids("Observation", "value-quantity=5.4|" + UCUM + "|mmol/L")).containsExactly("o1");
        assertThat(ids("Observation", "value-quantity=5.4||mg")).containsExactly("o4");
        assertThat(ids("Observation", "value-quantity=5.4|" + UCUM + "|mg")).isEmpty();
        assertThat(ids("Observation", "value-quantity=gt50")).containsExactly("o2");
        assertThat(ids("Observation", "value-quantity=ap95||beats/min")).containsExactly("o2");
        assertThat(ids("Observation", "value-quantity=ne5.4")).containsExactly("o2");
        assertThat(ids("Observation", "value-quantity:missing=true")).containsExactly("o3");
    }

    // ---------------------------------------------------------------- reference

    @Test
    void search_referenceAsIdTypedIdOrAbsoluteUrl() {
        assertThat(ids("Observation", "subject=Patient/p1")).containsExactlyInAnyOrder("o1", "o3");
        assertThat(ids("Observation", "subject=p1")).containsExactlyInAnyOrder("o1", "o3");
        assertThat(ids("Observation", "subject:Patient=p1")).containsExactlyInAnyOrder("o1", "o3");
        assertThat(ids("Observation", "subject=http://example.org/fhir/Patient/p1")).containsExactlyInAnyOrder("o1", "o3");
        assertThat(ids("Observation", "subject:Group=p1")).isEmpty();
        assertThat(ids("Observation", "subject:identifier=http://cccd|001")).containsExactly("o1");
        assertThat(ids("Observation", "patient:missing=true")).containsExactly("o4");
    }

    // ---------------------------------------------------------------- uri

    @Test
    void search_uriExactBelowAndAbove() {
        assertThat(ids("ValueSet", "url=http://vnemr.org/fhir/ValueSet/a")).containsExactly("vs1");
        assertThat(ids("ValueSet", "url:below=http://vnemr.org/fhir")).containsExactlyInAnyOrder("vs1", "vs2");
        assertThat(ids("ValueSet", "url:above=http://vnemr.org/fhir/ValueSet/a/v2")).containsExactly("vs1");
        assertThat(ids("ValueSet", "url=http://vnemr.org/fhir")).isEmpty();
    }

    // ---------------------------------------------------------------- chains and _has

    @Test
    void search_chainedParameterFindsObservationsOfMatchingPatients() {
        assertThat(ids("Observation", "subject:Patient.name=nguyen")).containsExactlyInAnyOrder("o1", "o3");
        assertThat(ids("Observation", "patient.identifier=http://cccd|001")).containsExactlyInAnyOrder("o1", "o3");
        assertThat(ids("Observation", "subject.name=do")).containsExactly("o2");
        assertThat(ids("Encounter", "subject:Patient.gender=female")).containsExactlyInAnyOrder("e2", "e5");
    }

    @Test
    void search_hasFindsPatientsReferencedByMatchingObservations() {
        assertThat(ids("Patient", "_has:Observation:patient:code=1234-5")).containsExactly("p1");
        assertThat(ids("Patient", "_has:Observation:patient:code=8867-4")).containsExactly("p2");
        assertThat(ids("Patient", "_has:Encounter:subject:date=2024-03-05")).containsExactly("p2");
        assertThat(ids("Patient", "_has:Observation:patient:code=0000-0")).isEmpty();
    }

    // ---------------------------------------------------------------- includes

    @Test
    void search_includeAddsReferencedPatientOnce() {
        SearchResult result = run("Observation", "code=1234-5&_include=Observation:patient");
        assertThat(result.matches()).extracting(StoredResource::id).containsExactlyInAnyOrder("o1", "o3", "o4");
        assertThat(ids(result.included())).containsExactly("Patient/p1");
    }

    @Test
    void search_includeWithTargetTypeAndSeveralParameters() {
        SearchResult result = run("Observation", "_id=o1&_include=Observation:subject:Patient&_include=Observation:performer");
        assertThat(ids(result.included())).containsExactlyInAnyOrder("Patient/p1", "Practitioner/dr1");
        assertThat(ids(run("Observation", "_id=o1&_include=Observation:subject:Group").included())).isEmpty();
    }

    @Test
    void search_includeWildcardFollowsEveryReference() {
        assertThat(ids(run("Observation", "_id=o1&_include=*").included()))
                .containsExactlyInAnyOrder("Patient/p1", "Encounter/e1", "Practitioner/dr1");
    }

    @Test
    void search_includeIterateFollowsIncludedResources() {
        assertThat(ids(run("Observation", "_id=o3&_include=Observation:has-member").included()))
                .containsExactly("Observation/o1");
        assertThat(ids(run("Observation", "_id=o3&_include=Observation:has-member&_include:iterate=Observation:encounter")
                .included())).containsExactlyInAnyOrder("Observation/o1", "Encounter/e1");
    }

    @Test
    void search_includeIterateStopsAfterThreeLevels() {
        assertThat(ids(run("Location", "_id=l1&_include=Location:partof").included())).containsExactly("Location/l2");
        assertThat(ids(run("Location", "_id=l1&_include:iterate=Location:partof").included()))
                .containsExactly("Location/l2", "Location/l3", "Location/l4");
    }

    @Test
    void search_includedNeverRepeatsAMatch() {
        assertThat(run("Observation", "_id=o1,o3&_include=Observation:has-member").included()).isEmpty();
    }

    @Test
    void search_revincludeAddsObservationsOfThePatient() {
        assertThat(ids(run("Patient", "_id=p1&_revinclude=Observation:patient").included()))
                .containsExactlyInAnyOrder("Observation/o1", "Observation/o3");
        assertThat(ids(run("Patient", "_id=p1&_revinclude=Observation:patient&_include:iterate=Observation:encounter")
                .included())).containsExactlyInAnyOrder("Observation/o1", "Observation/o3", "Encounter/e1");
    }

    // ---------------------------------------------------------------- sort and paging

    @Test
    void search_sortByFoldedNameAndByLastUpdatedDescending() {
        assertThat(ids("Patient", "_sort=name")).containsExactly("p2", "p5", "p1", "p3");
        assertThat(ids("Patient", "_sort=-_lastUpdated")).containsExactly("p5", "p3", "p2", "p1");
    }

    @Test
    void search_sortByNumberAndTokenKeys() {
        assertThat(ids("RiskAssessment", "_sort=-probability")).containsExactly("ra4", "ra3", "ra2", "ra1");
        assertThat(ids("RiskAssessment", "_sort=probability&_count=2")).containsExactly("ra1", "ra2");
        assertThat(ids("Patient", "_sort=gender")).containsExactly("p2", "p5", "p1", "p3");
    }

    @Test
    void search_pagesThroughAllPatientsWithMissingSortValues() {
        List<String> seen = new ArrayList<>();
        SearchResult page = run("Patient", "_sort=-birthdate,name&_count=1");
        int pages = 1;
        while (true) {
            page.matches().forEach(r -> seen.add(r.id()));
            if (page.nextCursor() == null) {
                break;
            }
            page = search.search("Patient", page.nextParams());
            pages++;
        }
        // descending puts patients without birth date first (PostgreSQL sorts NULL as largest)
        assertThat(seen).containsExactly("p5", "p3", "p1", "p2");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void search_keysetPagingReturnsEveryRowOnceInSortOrder() {
        SearchFixture f = new SearchFixture(dataSource);
        List<String> expectedAscending = new ArrayList<>();
        for (int i = 0; i < 53; i++) {
            String id = "b" + String.format("%02d", i);
            SearchFixture.Row row = f.row("Basic", id).tokens("sp_code", "paging");
            if (i % 7 != 0) {
                // several rows share a day, so the id must break ties
                row.date("sp_created", "2024-01-" + String.format("%02d", 1 + i % 5));
            }
            row.save();
        }
        for (int day = 1; day <= 5; day++) {
            for (int i = 0; i < 53; i++) {
                if (i % 7 != 0 && 1 + i % 5 == day) {
                    expectedAscending.add("b" + String.format("%02d", i));
                }
            }
        }
        for (int i = 0; i < 53; i += 7) {
            expectedAscending.add("b" + String.format("%02d", i));
        }
        assertThat(pageAll("Basic", "code=paging&_sort=created&_count=10")).containsExactlyElementsOf(expectedAscending);
        List<String> descending = pageAll("Basic", "code=paging&_sort=-created,_id&_count=7");
        assertThat(descending).hasSize(53).doesNotHaveDuplicates();
        assertThat(descending.subList(0, 8)).allMatch(id -> Integer.parseInt(id.substring(1)) % 7 == 0);

        SearchResult firstPage = run("Basic", "code=paging");
        assertThat(firstPage.matches()).hasSize(SearchCompiler.DEFAULT_COUNT);
        assertThat(firstPage.nextCursor()).isNotNull();
        assertThat(firstPage.total()).isNull();
        assertThat(run("Basic", "code=paging&_total=accurate&_count=5").total()).isEqualTo(53);
    }

    private List<String> pageAll(String type, String query) {
        List<String> seen = new ArrayList<>();
        SearchResult page = run(type, query);
        while (true) {
            page.matches().forEach(r -> seen.add(r.id()));
            if (page.nextCursor() == null) {
                return seen;
            }
            page = search.search(type, page.nextParams());
        }
    }

    @Test
    void search_tamperedOrForeignCursorIsRefused() {
        SearchResult first = run("Patient", "_sort=name&_count=1");
        String cursor = first.nextCursor();
        char last = cursor.charAt(3);
        String tampered = cursor.substring(0, 3) + (last == 'A' ? 'B' : 'A') + cursor.substring(4);
        assertThat(errorCode(() -> search.search("Patient", Map.of("_sort", List.of("name"), "_cursor", List.of(tampered)))))
                .isEqualTo("VNEMR-1207");
        assertThat(errorCode(() -> search.search("Patient", Map.of("_sort", List.of("-name"), "_cursor", List.of(cursor)))))
                .isEqualTo("VNEMR-1207");
        assertThat(errorCode(() -> search.search("Patient", Map.of("_cursor", List.of("garbage")))))
                .isEqualTo("VNEMR-1207");
    }

    // ---------------------------------------------------------------- totals and counts

    @Test
    void search_totalOnlyWhenAsked() {
        assertThat(run("Patient", "name=nguyen").total()).isNull();
        assertThat(run("Patient", "name=nguyen&_total=accurate").total()).isEqualTo(2);
        assertThat(run("Patient", "name=nguyen&_total=estimate").total()).isNotNull().isNotNegative();
        SearchResult countOnly = run("Patient", "name=nguyen&_count=0");
        assertThat(countOnly.matches()).isEmpty();
        assertThat(countOnly.total()).isEqualTo(2);
        SearchResult summary = run("Patient", "_summary=count");
        assertThat(summary.matches()).isEmpty();
        assertThat(summary.total()).isEqualTo(4);
    }

    @Test
    void countAndMatchIds_serveConditionalOperations() {
        assertThat(search.count("Patient", SearchService.parseQueryString("name=nguyen&_count=1"))).isEqualTo(2);
        assertThat(search.matchIds("Patient", SearchService.parseQueryString("identifier=http%3A%2F%2Fcccd%7C001"), 2))
                .containsExactly("p1");
        assertThat(search.matchIds("Patient", SearchService.parseQueryString("name=nguyen"), 1)).hasSize(1);
    }

    @Test
    void search_selfParamsAreNormalised() {
        SearchResult result = search.search("Patient", SearchService.parseQueryString("name=nguyen&shoe=1&_count=5"), true);
        assertThat(result.params()).containsOnlyKeys("_count", "name");
        assertThat(result.matches()).hasSize(2);
    }

    // ---------------------------------------------------------------- refusals and injection

    @Test
    void search_unknownParameterIsRefusedNamingIt() {
        assertThat(errorCode(() -> run("Patient", "shoe-size=42"))).isEqualTo("VNEMR-1200");
        assertThat(errorCode(() -> run("Encounter", "date=yesterday"))).isEqualTo("VNEMR-1204");
        assertThat(errorCode(() -> run("Encounter", "date=2024-02-30"))).isEqualTo("VNEMR-1202");
    }

    @Test
    void search_sqlInjectionInValuesIsHarmless() {
        String attack = "x'); DROP TABLE \"patient\"; --";
        assertThat(search.search("Patient", Map.of("name", List.of(attack))).matches()).isEmpty();
        assertThat(search.search("Patient", Map.of("identifier", List.of(attack + "|" + attack))).matches()).isEmpty();
        assertThat(search.search("Patient", Map.of("name:contains", List.of("%' OR '1'='1"))).matches()).isEmpty();
        assertThat(search.search("Patient", Map.of("name", List.of("%"))).matches()).isEmpty();
        assertThat(errorCode(() -> search.search("Observation", Map.of("subject", List.of("Patient/p1' OR 1=1--")))))
                .isEqualTo("VNEMR-1215");
        assertThat(search.search("Observation", Map.of("code", List.of("1234-5' OR '1'='1"))).matches()).isEmpty();
        assertThat(errorCode(() -> search.search("Patient", Map.of("_sort", List.of("name;DROP TABLE patient")))))
                .isEqualTo("VNEMR-1209");
        assertThat(errorCode(() -> search.search("Observation", Map.of("subject:Patient.name);DROP", List.of("x")))))
                .startsWith("VNEMR-12");
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM \"patient\"", Integer.class))
                .isEqualTo(5);
    }
}
