package org.vnemr.fhir.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.vnemr.fhir.schema.SearchParamCatalog;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SearchCompilerTest {

    static final SearchParamCatalog CATALOG = new SearchParamCatalog(FhirContext.forR4Cached());
    private final SearchCompiler compiler = new SearchCompiler(CATALOG);

    private CompiledSearch compile(String type, String query) {
        return compiler.compile(type, SearchService.parseQueryString(query), false);
    }

    /** The VNEMR code carried by a refused search. */
    static String errorCode(ThrowingCallable call) {
        BaseServerResponseException e = catchThrowableOfType(BaseServerResponseException.class, call);
        assertThat(e).as("expected a refused search").isNotNull();
        assertThat(e.getStatusCode()).isEqualTo(400);
        var outcome = (org.hl7.fhir.r4.model.OperationOutcome) e.getOperationOutcome();
        return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    @Test
    void compile_stringDefaultIsStartsWithOnTheFoldedColumn() {
        Sql where = compile("Patient", "name=Nguy%E1%BB%85n").where();
        assertThat(where.text()).isEqualTo("r.sp_name LIKE ?");
        assertThat(where.args()).containsExactly("%|nguyen%");
    }

    @Test
    void compile_stringEscapesLikeWildcards() {
        Sql where = compile("Patient", "name:contains=50%25_a%5C").where();
        assertThat(where.args()).containsExactly("%50\\%\\_a\\\\%");
    }

    @Test
    void compile_commaValuesAreOrRepeatedParametersAreAnd() {
        Sql where = compile("Patient", "name=an,binh&name=nguyen").where();
        assertThat(where.text()).isEqualTo("((((r.sp_name LIKE ?) OR (r.sp_name LIKE ?))) AND (r.sp_name LIKE ?))");
    }

    @Test
    void compile_tokenUsesArrayOverlapWithStoredTokenForms() {
        Sql where = compile("Observation", "code=http://loinc.org%7C1234-5,%7C99,abc").where();
        assertThat(where.text()).isEqualTo("r.sp_code && ?");
        assertThat((String[]) where.args().get(0)).containsExactly("http://loinc.org|1234-5", "|99", "abc");
    }

    @Test
    void compile_dateEqIsContainmentOfStoredRangeInTheDay() {
        Sql where = compile("Encounter", "date=2024-03-05").where();
        assertThat(where.text()).isEqualTo("(r.sp_date_lo >= ? AND r.sp_date_hi <= ?)");
        // the day in the facility zone (UTC+7)
        assertThat(where.args()).containsExactly(OffsetDateTime.parse("2024-03-04T17:00Z"),
                OffsetDateTime.parse("2024-03-05T17:00Z"));
    }

    @Test
    void compile_numberEqUsesImplicitPrecision() {
        Sql where = compile("RiskAssessment", "probability=5.4").where();
        assertThat(where.text()).contains("unnest(r.sp_probability)");
        assertThat(where.args()).containsExactly(new BigDecimal("5.35"), new BigDecimal("5.45"));
    }

    @Test
    void compile_chainIsASubSelectArray() {
        Sql where = compile("Observation", "subject:Patient.name=an").where();
        assertThat(where.text()).isEqualTo("r.sp_subject && (ARRAY(SELECT ? || c.id FROM \"patient\" c "
                + "WHERE NOT c.deleted AND c.sp_name LIKE ?))");
        assertThat(where.args()).containsExactly("Patient/", "%|an%");
    }

    @Test
    void compile_hasIsASemiJoinOnTheReferencingTable() {
        Sql where = compile("Patient", "_has:Observation:patient:code=1234-5").where();
        assertThat(where.text()).startsWith("r.id IN (SELECT substr(x, ?) FROM \"observation\" h");
        assertThat(where.args()).hasSize(3);
    }

    @Test
    void compile_fencesOnlyCriteriaThePlannerEstimatesBadly() {
        assertThat(compile("Patient", "identifier=x").fenced()).isTrue();
        assertThat(compile("Patient", "name=x").fenced()).isTrue();
        assertThat(compile("Observation", "subject:Patient.name=an").fenced()).isTrue();
        assertThat(compile("Encounter", "date=2024&_id=a&_sort=-date").fenced()).isFalse();
        assertThat(compile("Patient", "_count=5&_sort=-_lastUpdated").fenced()).isFalse();
    }

    @Test
    void compile_injectionAttemptStaysABoundValue() {
        String attack = "x'); DROP TABLE \"patient\"; --";
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("name", List.of(attack));
        params.put("identifier", List.of(attack));
        Sql where = compiler.compile("Patient", params, false).where();
        assertThat(where.text()).doesNotContain("DROP").doesNotContain("'");
    }

    @Test
    void compile_refusesUnknownParameterUnlessLenient() {
        assertThat(errorCode(() -> compile("Patient", "shoe-size=42"))).isEqualTo("VNEMR-1200");
        CompiledSearch lenient = compiler.compile("Patient", SearchService.parseQueryString("shoe-size=42&name=a"), true);
        assertThat(lenient.normalised()).containsOnlyKeys("name");
    }

    @Test
    void compile_refusesMalformedValues() {
        assertThat(errorCode(() -> compile("Encounter", "date=2024-13-45"))).isEqualTo("VNEMR-1202");
        assertThat(errorCode(() -> compile("RiskAssessment", "probability=abc1"))).isEqualTo("VNEMR-1204");
        assertThat(errorCode(() -> compile("RiskAssessment", "probability=1.2.3"))).isEqualTo("VNEMR-1203");
        assertThat(errorCode(() -> compile("Encounter", "date=xx2024"))).isEqualTo("VNEMR-1204");
        assertThat(errorCode(() -> compile("Patient", "name:fuzzy=an"))).isEqualTo("VNEMR-1201");
        assertThat(errorCode(() -> compile("Observation", "code-value-quantity=x"))).isEqualTo("VNEMR-1205");
        assertThat(errorCode(() -> compile("Patient", "_count=-1"))).isEqualTo("VNEMR-1208");
        assertThat(errorCode(() -> compile("Patient", "_sort=shoe"))).isEqualTo("VNEMR-1209");
        assertThat(errorCode(() -> compile("Patient", "_include=Patient:name"))).isEqualTo("VNEMR-1210");
        assertThat(errorCode(() -> compile("Observation", "subject.organization.name=x"))).isEqualTo("VNEMR-1211");
        assertThat(errorCode(() -> compile("Patient", "_has:Observation:patient:_has:x=1"))).isEqualTo("VNEMR-1212");
        assertThat(errorCode(() -> compile("Patient", "_total=maybe"))).isEqualTo("VNEMR-1213");
        assertThat(errorCode(() -> compile("Nonsense", "name=a"))).isEqualTo("VNEMR-1214");
        assertThat(errorCode(() -> compile("Observation", "subject=a%20b"))).isEqualTo("VNEMR-1215");
        assertThat(errorCode(() -> compile("Observation", "value-quantity=5%7Cx"))).isEqualTo("VNEMR-1216");
        assertThat(errorCode(() -> compile("Patient", "_text=x"))).isEqualTo("VNEMR-1205");
    }

    @Test
    void compile_refusalNamesTheParameterInBothLanguages() {
        var e = catchThrowableOfType(BaseServerResponseException.class, () -> compile("Patient", "shoe-size=42"));
        var issue = ((org.hl7.fhir.r4.model.OperationOutcome) e.getOperationOutcome()).getIssueFirstRep();
        assertThat(issue.getDiagnostics()).contains("shoe-size").contains("Patient");
        assertThat(issue.getDetails().getText()).contains("shoe-size").contains("Tham số tìm kiếm");
    }

    @Test
    void parseQueryString_decodesEscapesAndKeepsRepeatedNames() {
        Map<String, List<String>> params = SearchService.parseQueryString("?identifier=a%7Cb&name=x&name=y+z&_has");
        assertThat(params).containsEntry("identifier", List.of("a|b")).containsEntry("name", List.of("x", "y z"))
                .containsEntry("_has", List.of(""));
    }

    @Test
    void compile_messagesExistInBothLanguages() {
        for (int code = 1200; code <= 1217; code++) {
            String key = "VNEMR-" + code;
            assertThat(org.vnemr.fhir.error.Messages.allVietnamese()).containsKey(key);
            assertThat(org.vnemr.fhir.error.Messages.allEnglish()).containsKey(key);
        }
    }

    @Test
    void compile_passThroughParametersAreIgnored() {
        CompiledSearch search = compile("Patient", "_elements=id&_format=json&_pretty=true&_summary=true");
        assertThat(search.where()).isEqualTo(Sql.TRUE);
    }
}
