package org.vnemr.fhir.search;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vnemr.fhir.testing.TestDatabase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Run by hand to see the plans and timings of typical searches on a few tens of thousands of rows:
 * {@code mvn -o test -pl fhir -Dtest=SearchExplainIT -Dvnemr.search.explain=true}. Prints
 * {@code EXPLAIN ANALYZE} of the page statement and the p50/p95 of 200 runs through the service.
 */
@EnabledIfSystemProperty(named = "vnemr.search.explain", matches = "true")
class SearchExplainIT {

    private static final int PATIENTS = Integer.getInteger("vnemr.search.explain.patients", 20_000);
    private static final int OBSERVATIONS_PER_PATIENT = 5;

    // synthetic Vietnamese names: family, middle and given names cycle at different periods
    private static final String SQL_INSERT_PATIENTS = """
            INSERT INTO "patient" (id, version_id, last_updated, content, sp_name, sp_name_exact, sp_identifier,
                                   sp_gender, sp_birthdate_lo, sp_birthdate_hi)
            SELECT 'p' || i, 1, now() - i * interval '1 minute', '{"resourceType":"Patient","id":"p' || i || '"}',
                   '|' || f || ' ' || m || ' ' || g || '|' || f || '|' || m || ' ' || g || '|',
                   ARRAY[f || ' ' || m || ' ' || g],
                   ARRAY['http://cccd|' || lpad(i::text, 12, '0'), lpad(i::text, 12, '0'), 'http://cccd|'],
                   ARRAY[CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END],
                   date '1950-01-01' + (i % 20000), date '1950-01-01' + (i % 20000) + 1
            FROM generate_series(1, ?) AS i,
                 LATERAL (SELECT (ARRAY['nguyen','tran','le','pham','hoang','vu','dang','bui','do','ho'])[1 + i % 10] AS f,
                                 (ARRAY['van','thi','minh','duc','thu','ngoc','quang'])[1 + i % 7] AS m,
                                 (ARRAY['an','binh','chau','dung','giang','hanh','khanh','lan','mai','nam','oanh',
                                        'phuc','quynh','son','tam','uyen','vinh','xuan','yen'])[1 + i % 19] AS g) AS n
            """;
    private static final String SQL_INSERT_OBSERVATIONS = """
            INSERT INTO "observation" (id, version_id, last_updated, content, sp_code, sp_subject, sp_patient,
                                       sp_date_lo, sp_date_hi, sp_value_quantity, sp_value_quantity_unit)
            SELECT 'o' || i, 1, now(), '{"resourceType":"Observation","id":"o' || i || '"}',
                   ARRAY['http://loinc.org|' || c, c, 'http://loinc.org|'],
                   ARRAY['Patient/p' || (1 + i % ?)], ARRAY['Patient/p' || (1 + i % ?)],
                   timestamptz '2024-01-01' + i * interval '7 minutes', timestamptz '2024-01-01' + i * interval '7 minutes' + interval '1 second',
                   ARRAY[(i % 200)::numeric], ARRAY['http://unitsofmeasure.org|mg|mg']
            FROM generate_series(1, ?) AS i,
                 LATERAL (SELECT (ARRAY['1234-5','8867-4','2339-0','718-7','4548-4','2093-3','8480-6','29463-7'])[1 + i % 8] AS c) AS k
            """;

    @Test
    void explainTypicalSearches() {
        try (HikariDataSource ds = TestDatabase.fresh()) {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            jdbc.update(SQL_INSERT_PATIENTS, PATIENTS);
            int observations = PATIENTS * OBSERVATIONS_PER_PATIENT;
            jdbc.update(SQL_INSERT_OBSERVATIONS, PATIENTS, PATIENTS, observations);
            jdbc.execute("VACUUM ANALYZE"); // also empties the GIN pending lists, as autovacuum would
            SearchService service = new SearchService(SearchCompilerTest.CATALOG, ds);
            SearchCompiler compiler = new SearchCompiler(SearchCompilerTest.CATALOG);
            for (String[] q : List.of(
                    new String[] {"Patient", "name=nguyen van an"},
                    new String[] {"Patient", "name=nguyễn thị&birthdate=ge1990-01-01&_sort=name"},
                    new String[] {"Patient", "identifier=http://cccd|000000001234"},
                    new String[] {"Observation", "patient=Patient/p1234&code=http://loinc.org|8867-4&_sort=-date"},
                    new String[] {"Observation", "subject:Patient.identifier=http://cccd|000000001234&date=ge2024-01-01"},
                    new String[] {"Observation", "subject:Patient.name=nguyen van an&_count=10"},
                    new String[] {"Observation", "date=ge2024-03-01&date=lt2024-03-02&_sort=date"},
                    new String[] {"Patient", "_has:Observation:patient:code=8867-4&name=tran&_count=10"})) {
                Map<String, List<String>> params = SearchService.parseQueryString(q[1].replace("|", "%7C"));
                CompiledSearch compiled = compiler.compile(q[0], params, false);
                Sql sql = service.pageStatement(compiled, null, List.of());
                System.out.println("\n=== " + q[0] + "?" + q[1] + "\n" + sql.text());
                List<String> plan = new ArrayList<>();
                new Jdbc(ds).query(new Sql("EXPLAIN (ANALYZE, BUFFERS) " + sql.text(), sql.args()),
                        (rs, n) -> plan.add(rs.getString(1)));
                plan.forEach(System.out::println);
                for (int i = 0; i < 50; i++) {
                    service.search(q[0], params); // warm up JIT, pool and server-side statement
                }
                long[] micros = new long[200];
                for (int i = 0; i < micros.length; i++) {
                    long start = System.nanoTime();
                    service.search(q[0], params);
                    micros[i] = (System.nanoTime() - start) / 1000;
                }
                Arrays.sort(micros);
                System.out.printf("service.search: p50 %.2f ms, p95 %.2f ms, matches %d%n", micros[100] / 1000.0,
                        micros[190] / 1000.0, service.search(q[0], params).matches().size());
            }
        }
    }
}
