package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.auth.Role;

/**
 * The regulatory clocks of recorded incidents count days in the site's registered time zone and
 * take the incident's facts as filed: deadlines computed here by hand.
 *
 * <p>US, a serious injury, awareness 2026-03-06T07:30Z: Thursday 5 March 23:30 in Los Angeles,
 * Friday 6 March 02:30 in New York. The user facility's 10 work days run from the day of
 * awareness there: from Thursday the 5th, Friday 6, Monday 9 ... Thursday 19 (10th) in Los
 * Angeles, late from Friday 20 March 00:00 PDT (US daylight time began on 8 March) = 07:00Z; from
 * Friday the 6th, Monday 9 ... Friday 20 in New York, late from 21 March 00:00 EDT = 04:00Z.
 *
 * <p>EU (a site in DE, Europe/Berlin, CEST), awareness Wednesday 2026-06-10T09:00Z: MDR Art. 87
 * counts 15 days for a serious deterioration (last day 25 June, late from 2026-06-25T22:00Z), 10
 * for a death or an unanticipated serious deterioration (20 June, late from 2026-06-20T22:00Z) and
 * 2 for a serious public health threat (12 June, late from 2026-06-12T22:00Z).
 */
class SiteClocksApiTest {

    static final String DIGEST = "sha256:" + "d".repeat(64);

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String admin;
    static String integration;
    static String investigator;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        admin = server.admin;
        integration = server.token(Role.INTEGRATION);
        investigator = server.token(Role.INVESTIGATOR);
        created("/v1/parties", "{'id':'acme','kind':'manufacturer','name':'Acme','jurisdiction':'US'}");
        created("/v1/parties", "{'id':'committee','kind':'governance-body','name':'Committee'}");
        created("/v1/parties", "{'id':'pso','kind':'clinician','name':'PSO','role':'patient-safety officer'}");
        created("/v1/ai-systems", "{'id':'sepsis','name':'Sepsis','manufacturer':'acme','medicalDevice':true}");
        created("/v1/ai-systems/sepsis/versions", "{'version':'1.0','artifactDigest':'" + DIGEST + "','releasedAt':'2025-12-01T00:00:00Z',"
                + "'card':{'intendedUse':{'task':'sepsis'},'intendedPopulation':{'ageMin':18},'inputRequirements':{},"
                + "'output':{'kind':'score','operatingThreshold':0.6}}}");
        site("la", "US", "America/Los_Angeles");
        site("ny", "US", "America/New_York");
        site("berlin", "DE", "Europe/Berlin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void site(String id, String jurisdiction, String zone) {
        created("/v1/parties", "{'id':'" + id + "','kind':'deployer','name':'" + id + "','jurisdiction':'" + jurisdiction + "','timeZone':'"
                + zone + "'}");
        created("/v1/authorizations", "{'id':'auth-" + id + "','system':'sepsis','versions':['1.0'],'site':'" + id + "',"
                + "'validFrom':'2026-01-01T00:00:00Z','authorizedBy':{'party':'committee','role':'committee'}}");
    }

    @Test
    void a_us_user_facility_counts_its_ten_work_days_from_its_own_day_of_awareness_around_midnight() {
        JsonNode la = report(incident("inc-la", "la", "2026-03-06T07:30:00Z", "'seriousInjury':true"), "user-facility-serious-injury-to-manufacturer");
        JsonNode ny = report(incident("inc-ny", "ny", "2026-03-06T07:30:00Z", "'seriousInjury':true"), "user-facility-serious-injury-to-manufacturer");

        assertThat(la.get("zone").asText()).isEqualTo("America/Los_Angeles");
        assertThat(la.get("lastDay").asText()).isEqualTo("2026-03-19");
        assertThat(la.get("dueBy").asText()).isEqualTo("2026-03-20T07:00:00Z");
        assertThat(ny.get("zone").asText()).isEqualTo("America/New_York");
        assertThat(ny.get("lastDay").asText()).isEqualTo("2026-03-20");
        assertThat(ny.get("dueBy").asText()).isEqualTo("2026-03-21T04:00:00Z");
    }

    @Test
    void the_mdr_clock_is_15_days_for_a_serious_deterioration_10_for_a_death_or_an_unanticipated_one_2_for_a_public_health_threat() {
        String kind = "serious-incident-to-competent-authority";
        record Row(String facts, String lastDay, String dueBy) {
        }
        List<Row> table = List.of(
                new Row("'seriousInjury':true", "2026-06-25", "2026-06-25T22:00:00Z"),
                new Row("'death':true", "2026-06-20", "2026-06-20T22:00:00Z"),
                new Row("'seriousInjury':true,'unanticipatedDeterioration':true", "2026-06-20", "2026-06-20T22:00:00Z"),
                new Row("'seriousInjury':true,'publicHealthThreat':true", "2026-06-12", "2026-06-12T22:00:00Z"));
        int n = 0;
        for (Row row : table) {
            JsonNode r = report(incident("inc-eu-" + n++, "berlin", "2026-06-10T09:00:00Z", row.facts()), kind);
            assertThat(r.get("zone").asText()).isEqualTo("Europe/Berlin");
            assertThat(r.get("lastDay").asText()).as(row.facts()).isEqualTo(row.lastDay());
            assertThat(r.get("dueBy").asText()).as(row.facts()).isEqualTo(row.dueBy());
        }
    }

    @Test
    void later_information_that_the_deterioration_was_unanticipated_moves_the_deadline_to_ten_days() {
        String id = incident("inc-eu-later", "berlin", "2026-06-10T09:00:00Z", "'seriousInjury':true");
        String kind = "serious-incident-to-competent-authority";
        assertThat(report(id, kind).get("lastDay").asText()).isEqualTo("2026-06-25");

        assertThat(server.post("/v1/incidents/" + id + "/information", investigator,
                json("{'unanticipatedDeterioration':true,'reporter':'pso'}")).statusCode()).isEqualTo(201);

        assertThat(report(id, kind).get("lastDay").asText()).isEqualTo("2026-06-20");
    }

    @Test
    void a_time_zone_that_is_not_an_iana_zone_is_422_naming_the_field_and_nothing_is_written() {
        long size = server.defaultLog().size();
        for (String zone : List.of("Mars/Olympus_Mons", "PST", "+02:00", "europe/berlin")) {
            HttpResponse<String> r = server.post("/v1/parties", admin, json("{'id':'bad-site','kind':'deployer','name':'Bad','timeZone':'" + zone + "'}"));
            assertThat(r.statusCode()).as(zone).isEqualTo(422);
            assertThat(r.body()).as(zone).contains("/timeZone").contains("IANA");
        }
        HttpResponse<String> clinician = server.post("/v1/parties", admin, json("{'id':'dr-z','kind':'clinician','name':'Dr Z','timeZone':'Europe/Berlin'}"));
        assertThat(clinician.statusCode()).isEqualTo(422);
        assertThat(clinician.body()).contains("/timeZone").contains("only a deployer");
        assertThat(server.defaultLog().size()).isEqualTo(size);
    }

    @Test
    void an_unanticipated_deterioration_without_a_serious_injury_is_422_and_writes_nothing() {
        long size = server.defaultLog().size();
        HttpResponse<String> r = server.post("/v1/incidents", investigator, json(filing("inc-bad", "berlin", "2026-06-10T09:00:00Z",
                "'unanticipatedDeterioration':true", "none")));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("/unanticipatedDeterioration").contains("seriousInjury");
        assertThat(server.defaultLog().size()).isEqualTo(size);
    }

    /** Files an incident at the site with one decision an hour before awareness; answers its id. */
    static String incident(String id, String site, String awareAt, String facts) {
        String at = java.time.Instant.parse(awareAt).minusSeconds(3600).toString();
        created("/v1/decisions", integration, "{'id':'dec-" + id + "','eventTime':'" + at + "','authorization':'auth-" + site + "',"
                + "'reportedVersion':'1.0','artifactDigest':'" + DIGEST + "','patient':{'id':'MRN-" + id + "','age':50},"
                + "'output':{'kind':'score','score':0.2}}");
        created("/v1/incidents", investigator, filing(id, site, awareAt, facts, "dec-" + id));
        return id;
    }

    static String filing(String id, String site, String awareAt, String facts, String decision) {
        String occurred = java.time.Instant.parse(awareAt).minusSeconds(1800).toString();
        return "{'id':'" + id + "','kind':'harm','occurredAt':'" + occurred + "','awareAt':'" + awareAt + "','site':'" + site + "',"
                + "'patient':{'id':'MRN-" + id + "'},'severity':{'scale':'ahrq-harm','value':'" + (facts.contains("death") ? "death" : "severe-harm")
                + "'}," + facts + ",'decisions':" + (decision.equals("none") ? "[]" : "['" + decision + "']")
                + ",'narrative':'n','reporter':'pso'}";
    }

    static JsonNode report(String incident, String kind) {
        HttpResponse<String> r = server.get("/v1/incidents/" + incident + "/reports", investigator);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode x : TestServer.json(r).get("reports")) {
            if (x.get("kind").asText().equals(kind)) {
                return x;
            }
        }
        throw new AssertionError("no " + kind + " report owed: " + r.body());
    }

    static void created(String path, String singleQuoted) {
        created(path, admin, singleQuoted);
    }

    static void created(String path, String token, String singleQuoted) {
        HttpResponse<String> r = server.post(path, token, json(singleQuoted));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isIn(200, 201);
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
