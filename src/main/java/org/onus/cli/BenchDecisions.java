package org.onus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The {@code decisions} workload of {@code onus bench}: the registry a hospital would have set up
 * before its EHR starts reporting, and decision events as a sepsis-risk integration would send
 * them.
 *
 * <p>{@link #register} writes, through the registry API and only where missing: a manufacturer,
 * a deployer site with three units, a governance body, two clinicians trained on the system, the
 * AI system with one version and its model card (adults in emergency and intensive care, input
 * quality bounds, user training required), and the authorization of that version in two of the
 * site's units. Running the bench again against the same server reuses them.
 *
 * <p>{@link #write} makes one decision event: a unique id (run, client and sequence), the event
 * time (now), the site and a unit, the reported version and artifact digest, a patient drawn from
 * a pool (so patients repeat, as on a ward, and most events seal under a patient key that already
 * exists), input quality indicators and fields present, a score with a short recommendation text
 * (which Onus seals under the patient's key) and the clinician it was shown to. About one event
 * in twenty is out of scope in some way (a minor, poor input quality, the unauthorized unit) so
 * the flags path is exercised too.
 */
final class BenchDecisions {

    static final String MANUFACTURER = "bench-medtech";
    static final String SITE = "bench-general";
    static final String COMMITTEE = "bench-ai-committee";
    static final String SYSTEM = "bench-sepsis-watch";
    static final String VERSION = "3.2.0";
    static final String DIGEST = "sha256:5e9c1a7d0b3f4e2a8c6d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    static final String AUTHORIZATION = "bench-auth-sepsis-ed-icu";
    static final List<String> CLINICIANS = List.of("bench-dr-okafor", "bench-dr-lindqvist");
    private static final String[] UNITS = {"ed", "icu"};
    private static final String[] RECOMMENDATIONS = {
        "sepsis risk high: draw lactate and blood cultures, start the sepsis bundle",
        "sepsis risk moderate: repeat vitals in 30 minutes and review the lactate",
        "sepsis risk low: continue routine observation",
        "sepsis risk high: consider broad-spectrum antibiotics within the hour",
    };
    private static final String[] SEXES = {"female", "male"};

    private final String run;
    private final int patients;

    BenchDecisions(String run, int patients) {
        this.run = run;
        this.patients = patients;
    }

    /** The registry records, in an order in which each one's references already exist: path to check, path to post, body. */
    private static List<String[]> records() {
        String card = "{'intendedUse':{'task':'sepsis risk in adult emergency and intensive care','indications':['suspected sepsis']},"
                + "'intendedPopulation':{'ageMin':18,'careSettings':['emergency','icu']},"
                + "'inputRequirements':{'requiredFields':['heartRate','respiratoryRate','temperature','lactate'],"
                + "'quality':[{'indicator':'completeness','min':0.8},{'indicator':'timeliness','min':0.5}]},"
                + "'output':{'kind':'score','operatingThreshold':0.6},"
                + "'performance':{'overall':[{'metric':'sensitivity','value':0.86,'ciLow':0.82,'ciHigh':0.9,'n':1200}]},"
                + "'requiredPrecautions':[{'kind':'user-training','description':'vendor onboarding, 45 minutes'}]}";
        String training = "'training':[{'aiSystem':'" + SYSTEM + "','course':'onboarding','completedAt':'2020-01-10T00:00:00Z',"
                + "'expiresAt':'2099-01-10T00:00:00Z'}]";
        return List.of(
                new String[] {"/v1/parties/" + MANUFACTURER, "/v1/parties",
                    "{'id':'" + MANUFACTURER + "','kind':'manufacturer','name':'Bench Medtech GmbH'}"},
                new String[] {"/v1/parties/" + SITE, "/v1/parties",
                    "{'id':'" + SITE + "','kind':'deployer','name':'Bench General Hospital','jurisdiction':'DE','units':["
                            + "{'id':'ed','name':'Emergency Department','careSetting':'emergency'},"
                            + "{'id':'icu','name':'Intensive Care','careSetting':'icu'},"
                            + "{'id':'ward-4','name':'Ward 4 (internal medicine)','careSetting':'inpatient'}]}"},
                new String[] {"/v1/parties/" + COMMITTEE, "/v1/parties",
                    "{'id':'" + COMMITTEE + "','kind':'governance-body','name':'Bench General AI governance committee'}"},
                new String[] {"/v1/ai-systems/" + SYSTEM, "/v1/ai-systems",
                    "{'id':'" + SYSTEM + "','name':'Sepsis Watch','manufacturer':'" + MANUFACTURER + "','medicalDevice':true}"},
                new String[] {"/v1/parties/" + CLINICIANS.get(0), "/v1/parties",
                    "{'id':'" + CLINICIANS.get(0) + "','kind':'clinician','name':'Dr A. Okafor','role':'emergency physician',"
                            + "'affiliation':'" + SITE + "'," + training + "}"},
                new String[] {"/v1/parties/" + CLINICIANS.get(1), "/v1/parties",
                    "{'id':'" + CLINICIANS.get(1) + "','kind':'clinician','name':'Dr M. Lindqvist','role':'intensivist',"
                            + "'affiliation':'" + SITE + "'," + training + "}"},
                new String[] {"/v1/ai-systems/" + SYSTEM + "/versions/" + VERSION, "/v1/ai-systems/" + SYSTEM + "/versions",
                    "{'version':'" + VERSION + "','artifactDigest':'" + DIGEST + "','releasedAt':'2020-01-01T00:00:00Z','card':" + card + "}"},
                new String[] {"/v1/authorizations/" + AUTHORIZATION, "/v1/authorizations",
                    "{'id':'" + AUTHORIZATION + "','system':'" + SYSTEM + "','versions':['" + VERSION + "'],'site':'" + SITE + "',"
                            + "'units':['ed','icu'],'population':{'ageMin':18},"
                            + "'oversight':{'reviewRequired':true,'minimumReviewSeconds':30},'requiredTraining':['onboarding'],"
                            + "'validFrom':'2020-02-01T00:00:00Z',"
                            + "'authorizedBy':{'party':'" + COMMITTEE + "','role':'AI governance committee','decisionRef':'minutes 2020-01-15'}}"});
    }

    /**
     * Registers what is missing of {@link #records} through the API. Returns null on success,
     * else what went wrong (the token is not an admin's, the server refused a record, ...).
     */
    static String register(URI base, String token, PrintWriter out) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        int written = 0;
        for (String[] r : records()) {
            try {
                HttpResponse<String> seen = http.send(request(base, r[0], token).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (seen.statusCode() == 200) {
                    continue;
                }
                if (seen.statusCode() == 401 || seen.statusCode() == 403) {
                    return "the token may not read the registry (" + seen.statusCode() + "); the decisions workload needs an admin token: "
                            + seen.body();
                }
                HttpResponse<String> made = http.send(request(base, r[1], token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(r[2].replace('\'', '"'))).build(), HttpResponse.BodyHandlers.ofString());
                if (made.statusCode() == 401 || made.statusCode() == 403) {
                    return "the token may not write the registry (" + made.statusCode() + "); the decisions workload needs an admin token: "
                            + made.body();
                }
                if (made.statusCode() != 201) {
                    return "POST " + r[1] + " answered " + made.statusCode() + ": " + made.body();
                }
                written++;
            } catch (IOException e) {
                return "registering " + r[0] + " failed: " + e;
            }
        }
        out.printf(Locale.ROOT, "onus bench: registry ready (%d records written, %d already there): site %s, system %s %s, authorization %s%n",
                written, records().size() - written, SITE, SYSTEM, VERSION, AUTHORIZATION);
        out.flush();
        return null;
    }

    private static HttpRequest.Builder request(URI base, String path, String token) {
        String[] parts = path.split("/");
        StringBuilder encoded = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            encoded.append('/').append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8));
        }
        return HttpRequest.newBuilder(base.resolve(encoded.toString())).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    /** Appends one decision event of client {@code client}, number {@code seq}, to {@code b}. */
    void write(StringBuilder b, int client, long seq, SplittableRandom random, String eventTime) {
        int patient = random.nextInt(patients);
        boolean odd = random.nextInt(20) == 0; // one in twenty is out of scope somehow
        int oddity = odd ? random.nextInt(3) : -1;
        int age = oddity == 0 ? 16 : 18 + random.nextInt(75);
        String unit = oddity == 2 ? "ward-4" : UNITS[patient & 1];
        int completeness = oddity == 1 ? 55 + random.nextInt(20) : 80 + random.nextInt(21); // hundredths
        int score = random.nextInt(1000); // thousandths
        b.append("{\"id\":\"bench-").append(run).append("-c").append(client).append('-').append(seq)
                .append("\",\"eventTime\":\"").append(eventTime)
                .append("\",\"site\":\"").append(SITE).append("\",\"unit\":\"").append(unit)
                .append("\",\"reportedVersion\":\"").append(VERSION).append("\",\"artifactDigest\":\"").append(DIGEST)
                .append("\",\"patient\":{\"id\":\"MRN-").append(1_000_000 + patient)
                .append("\",\"age\":").append(age).append(",\"sex\":\"").append(SEXES[(patient >> 1) & 1])
                .append("\"},\"input\":{\"modality\":\"ehr-vitals\",\"quality\":{\"completeness\":");
        fraction(b, completeness, 100);
        b.append(",\"timeliness\":");
        fraction(b, 50 + random.nextInt(50), 100);
        b.append("},\"fieldsPresent\":[\"heartRate\",\"respiratoryRate\",\"temperature\",\"lactate\"]}")
                .append(",\"output\":{\"kind\":\"score\",\"score\":");
        fraction(b, score, 1000);
        b.append(",\"recommendation\":\"").append(RECOMMENDATIONS[score >= 600 ? (seq & 1) == 0 ? 0 : 3 : score >= 300 ? 1 : 2])
                .append("\"},\"shownTo\":[\"").append(CLINICIANS.get(patient % CLINICIANS.size())).append("\"]}");
    }

    /** {@code n / scale} (scale 100 or 1000, 0 <= n <= scale) as a short decimal, as a device would send it: 0.82, not 0.8200000000000001. */
    static void fraction(StringBuilder b, int n, int scale) {
        if (n >= scale) {
            b.append("1.0");
            return;
        }
        String digits = Integer.toString(scale + n).substring(1); // 82 of 100 -> "082" -> "82"; 5 of 1000 -> "005"
        b.append("0.").append(digits);
    }

    /** The event time of events sent now: the client's clock, to the millisecond. */
    static String now() {
        return Instant.ofEpochMilli(System.currentTimeMillis()).toString();
    }
}
