package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.onus.Onus;
import org.onus.auth.IssuedToken;
import org.onus.auth.Role;

/**
 * A small hospital registered over HTTP, and the bodies the registry, recording, roles, privacy
 * and OpenAPI tests post. Single quotes in the bodies stand for double quotes, to keep them legible.
 *
 * <p>The world: manufacturers {@code acme} (makes {@code sepsis}) and {@code other-maker} (makes
 * {@code triage}); site {@code st-mary} with units {@code ed} (emergency) and {@code icu}; the
 * governance body {@code committee}; clinicians {@code dr-lee} (trained on sepsis) and
 * {@code dr-new} (untrained). {@code sepsis 1.0}'s card is for adults in emergency care and
 * requires user training; {@code auth-1} authorizes it in {@code ed} from 2026-02-01, and
 * {@code auth-2} authorizes {@code triage 2.0} in {@code icu}.
 */
final class RecordingFixtures {

    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);
    static final String CARD = "{'intendedUse':{'task':'sepsis risk','indications':['suspected sepsis']},"
            + "'intendedPopulation':{'ageMin':18,'careSettings':['emergency']},"
            + "'inputRequirements':{'quality':[{'indicator':'completeness','min':0.8}]},"
            + "'output':{'kind':'score','operatingThreshold':0.6},"
            + "'performance':{'overall':[{'metric':'sensitivity','value':0.85,'ciLow':0.8,'ciHigh':0.89,'n':400}]},"
            + "'requiredPrecautions':[{'kind':'user-training','description':'vendor onboarding'}]}";

    private RecordingFixtures() {
    }

    /** Single quotes to double quotes. */
    static String q(String s) {
        return s.replace('\'', '"');
    }

    static HttpResponse<String> post(TestServer s, String path, String token, String body) {
        return s.post(path, token, q(body));
    }

    static HttpResponse<String> delete(TestServer s, String path, String token) {
        HttpRequest.Builder b = s.request(path).DELETE();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return s.send(b);
    }

    /** Posts and insists on 201; returns the answer. */
    static JsonNode created(TestServer s, String path, String token, String body) {
        HttpResponse<String> r = post(s, path, token, body);
        assertThat(r.statusCode()).as("POST %s: %s", path, r.body()).isEqualTo(201);
        return TestServer.json(r);
    }

    static JsonNode ok(TestServer s, String path, String token) {
        HttpResponse<String> r = s.get(path, token);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    /** A token whose id is known, so that tests can name the reader in access entries. */
    static IssuedToken issue(TestServer s, String tenant, Role role) {
        s.onus.ledger().createTenant(tenant);
        return s.onus.tokens().issue(tenant, role, "test " + role.wireName(), "test");
    }

    static IssuedToken issue(TestServer s, Role role) {
        return issue(s, Onus.DEFAULT_TENANT, role);
    }

    static long logSize(TestServer s) {
        return s.defaultLog().size();
    }

    /** Registers the world described in the class comment through the API. */
    static void registerWorld(TestServer s, String token) {
        created(s, "/v1/parties", token, "{'id':'acme','kind':'manufacturer','name':'Acme AI'}");
        created(s, "/v1/parties", token, "{'id':'other-maker','kind':'manufacturer','name':'Other Maker'}");
        created(s, "/v1/parties", token, "{'id':'st-mary','kind':'deployer','name':'St Mary','jurisdiction':'DE',"
                + "'units':[{'id':'ed','name':'Emergency','careSetting':'emergency'},{'id':'icu','name':'ICU','careSetting':'icu'}]}");
        created(s, "/v1/parties", token, "{'id':'committee','kind':'governance-body','name':'AI committee'}");
        created(s, "/v1/ai-systems", token, "{'id':'sepsis','name':'Sepsis Watch','manufacturer':'acme','medicalDevice':true}");
        created(s, "/v1/ai-systems", token, "{'id':'triage','name':'Triage Helper','manufacturer':'other-maker','medicalDevice':false}");
        created(s, "/v1/parties", token, "{'id':'dr-lee','kind':'clinician','name':'Dr Lee','role':'emergency physician','affiliation':'st-mary',"
                + "'training':[{'aiSystem':'sepsis','course':'onboarding','completedAt':'2026-01-10T00:00:00Z','expiresAt':'2027-01-10T00:00:00Z'}]}");
        created(s, "/v1/parties", token, "{'id':'dr-new','kind':'clinician','name':'Dr New','role':'resident','affiliation':'st-mary'}");
        created(s, "/v1/ai-systems/sepsis/versions", token, "{'version':'1.0','artifactDigest':'" + DIGEST
                + "','releasedAt':'2026-01-01T00:00:00Z','card':" + CARD + "}");
        created(s, "/v1/ai-systems/triage/versions", token, "{'version':'2.0','artifactDigest':'" + OTHER_DIGEST
                + "','releasedAt':'2026-01-01T00:00:00Z','card':{'intendedUse':{'task':'triage'},'intendedPopulation':{},"
                + "'output':{'kind':'class','classes':['urgent','routine']}}}");
        created(s, "/v1/authorizations", token, authorization("auth-1", "['ed']", "{'ageMin':18}"));
        created(s, "/v1/authorizations", token, "{'id':'auth-2','system':'triage','versions':['2.0'],'site':'st-mary','units':['icu'],"
                + "'validFrom':'2026-02-01T00:00:00Z','authorizedBy':{'party':'committee','role':'committee'}}");
    }

    static String authorization(String id, String units, String population) {
        return "{'id':'" + id + "','system':'sepsis','versions':['1.0'],'site':'st-mary','units':" + units + ","
                + "'population':" + population + ",'oversight':{'reviewRequired':true,'minimumReviewSeconds':30},"
                + "'requiredTraining':['onboarding'],"
                + "'validFrom':'2026-02-01T00:00:00Z','validUntil':'2027-02-01T00:00:00Z',"
                + "'authorizedBy':{'party':'committee','role':'AI governance committee','decisionRef':'minutes 2026-01-15'}}";
    }

    /** An in-scope decision of patient {@code patient} at {@code time}, shown to the trained dr-lee. */
    static String decision(String id, String patient, String time) {
        return "{'id':'" + id + "','eventTime':'" + time + "','site':'st-mary','unit':'ed','reportedVersion':'1.0',"
                + "'artifactDigest':'" + DIGEST + "','patient':{'id':'" + patient + "','age':54,'sex':'female'},"
                + "'input':{'quality':{'completeness':0.95},'payload':'lactate 4.1 mmol/l'},"
                + "'output':{'kind':'score','score':0.82,'recommendation':'start the sepsis bundle now'},'shownTo':['dr-lee']}";
    }

    static String decision(String id) {
        return decision(id, "MRN-1", "2026-03-01T10:00:00Z");
    }

    static String action(String id, String decision, String clinician) {
        return "{'id':'" + id + "','decision':'" + decision + "','clinician':'" + clinician + "','kind':'accepted',"
                + "'time':'2026-03-01T10:00:45Z','rationale':'lactate high, agree with bundle'}";
    }

    static String outcome(String id, String decision) {
        return "{'id':'" + id + "','decisions':['" + decision + "'],'observedAt':'2026-03-03T00:00:00Z','positive':true,"
                + "'narrative':'blood cultures grew E. coli'}";
    }

    /** {@code {"<field>":[items...]}}. */
    static String batch(String field, List<String> items) {
        return "{'" + field + "':[" + String.join(",", items) + "]}";
    }

    /** The {@code field}s of a problem's {@code errors}. */
    static List<String> errorFields(HttpResponse<String> r) {
        List<String> out = new ArrayList<>();
        TestServer.json(r).path("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    static String problemType(HttpResponse<String> r) {
        return TestServer.json(r).path("type").asText();
    }

    /** The codes of the flags on a stored decision entry, read through the ledger API. */
    static List<String> storedFlags(TestServer s, String token, long index) {
        List<String> codes = new ArrayList<>();
        ok(s, "/v1/ledger/entries/" + index, token).get("json").get("data").get("flags").forEach(f -> codes.add(f.get("code").asText()));
        return codes;
    }
}
