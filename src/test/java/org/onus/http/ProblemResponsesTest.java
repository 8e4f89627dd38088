package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.onus.auth.Role;

/**
 * Every refusal is an RFC 9457 problem naming what to fix, and a refused request writes nothing:
 * after each test the log has exactly the entries it had before.
 */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class ProblemResponsesTest {

    private static final long LIMIT = HttpApi.MAX_ENTRY_BYTES;

    @TempDir
    static Path dataDir;
    static TestServer server;
    private long sizeBefore;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        server.append(server.admin, "{\"type\":\"seed\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void rememberSize() {
        sizeBefore = server.defaultLog().size();
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(server.defaultLog().size()).as("entries in the log after a refused request").isEqualTo(sizeBefore);
    }

    @Test
    void a_body_declared_over_one_mebibyte_is_refused_with_413_before_any_of_it_is_read() {
        RawHttp.Response r = RawHttp.declaredLengthOnly(server.onus.port(), "/v1/ledger/entries", server.admin, LIMIT + 1);

        assertRawProblem(r, 413, "payload-too-large", String.valueOf(LIMIT));
        assertThat(r.header("Connection")).isEqualTo("close");
    }

    @Test
    void a_chunked_body_over_the_limit_is_refused_with_413_once_the_limit_is_passed() {
        RawHttp.Response r = RawHttp.chunked(server.onus.port(), "/v1/ledger/entries", server.admin, jsonOfSize(LIMIT + 1));

        assertRawProblem(r, 413, "payload-too-large", String.valueOf(LIMIT));
    }

    @Test
    void a_body_of_exactly_the_limit_is_accepted() {
        HttpResponse<String> r = server.post("/v1/ledger/entries", server.admin, new String(jsonOfSize(LIMIT), StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(201);
        sizeBefore++;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":", "{\"type\":\"a\",}", "not json", "{\"type\":\"a\"} {}", "{\"type\":\"a\",\"type\":\"b\"}", ""})
    void malformed_json_is_refused_with_400(String body) {
        HttpResponse<String> r = server.post("/v1/ledger/entries", server.admin, body);

        assertProblem(r, 400, "malformed-json", "JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"type\"", "42", "null"})
    void json_that_is_not_an_object_is_refused_with_422(String body) {
        HttpResponse<String> r = server.post("/v1/ledger/entries", server.admin, body);

        assertProblem(r, 422, "invalid-body", "must be a JSON object");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                        | is required",
        "{\"type\":null}           | is required",
        "{\"type\":7}              | must be a string, not a number",
        "{\"type\":[\"a\"]}        | must be a string, not an array",
        "{\"type\":\"\"}           | must not be empty",
        "{\"type\":\"   \"}        | must not be empty",
    })
    void an_entry_without_a_non_empty_string_type_is_refused_with_422_naming_type(String body, String rule) {
        HttpResponse<String> r = server.post("/v1/ledger/entries", server.admin, body);

        JsonNode p = assertProblem(r, 422, "invalid-body", "type: " + rule);
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("type");
        assertThat(p.get("errors").get(0).get("in").asText()).isEqualTo("body");
    }

    @Test
    void numbers_that_canonical_json_would_alter_are_refused_with_422_naming_each_field() {
        HttpResponse<String> r = server.post("/v1/ledger/entries", server.admin,
                "{\"type\":\"t\",\"mrn\":12345678901234567890,\"x\":{\"pi\":3.14159265358979323846},\"big\":[1e400]}");

        JsonNode p = assertProblem(r, 422, "invalid-body", "/mrn");
        assertThat(fields(p)).containsExactlyInAnyOrder("/mrn", "/x/pi", "/big/0");
    }

    @Test
    void integers_are_kept_up_to_two_to_the_53_and_a_refused_one_is_named_by_an_escaped_pointer() {
        HttpResponse<String> r = server.post("/v1/ledger/entries", server.admin,
                "{\"type\":\"t\",\"ok\":[9007199254740992,-9007199254740992],\"a/b\":{\"c~d\":[0,9007199254740993]},"
                        + "\"low\":-9223372036854775808,\"lower\":-9223372036854775809}");

        JsonNode p = assertProblem(r, 422, "invalid-body", "beyond +/-2^53");
        assertThat(fields(p)).containsExactlyInAnyOrder("/a~1b/c~0d/1", "/low", "/lower");
    }

    @Test
    void a_body_that_is_not_json_by_content_type_is_refused_with_415() {
        HttpResponse<String> r = server.send(server.request("/v1/ledger/entries")
                .header("Authorization", "Bearer " + server.admin)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"t\"}")));

        assertProblem(r, 415, "unsupported-media-type", "application/json");
    }

    @Test
    void an_unknown_entry_index_is_404() {
        HttpResponse<String> r = server.get("/v1/ledger/entries/" + sizeBefore, server.admin);

        assertProblem(r, 404, "entry-not-found", "no entry " + sizeBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "99999999999999999999999"})
    void an_entry_index_that_is_not_a_non_negative_integer_is_400_naming_index(String index) {
        HttpResponse<String> r = server.get("/v1/ledger/entries/" + index, server.admin);

        JsonNode p = assertProblem(r, 400, "invalid-parameter", "index");
        assertThat(fields(p)).containsExactly("index");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "index=x&size=1           | index | must be a non-negative integer",
        "index=-1&size=1          | index | must be a non-negative integer",
        "index=0&size=abc         | size  | must be a non-negative integer",
        "size=1                   | index | is required",
        "index=0                  | size  | is required",
        "index=0&size=1&size=1    | size  | is given 2 times; give it once",
        "index=1&size=1           | index | must be below size",
        "index=0&size=999999      | size  | must not exceed the log's size",
    })
    void bad_inclusion_proof_parameters_are_400_naming_the_parameter(String query, String param, String rule) {
        HttpResponse<String> r = server.get("/v1/ledger/proofs/inclusion?" + query, server.admin);

        JsonNode p = assertProblem(r, 400, "invalid-parameter", param + ": " + rule);
        assertThat(fields(p)).contains(param);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "from=a&to=1              | from | must be a non-negative integer",
        "from=0&to=-3             | to   | must be a non-negative integer",
        "to=1                     | from | is required",
        "from=2&to=1              | from | must not exceed to",
        "from=0&to=999999         | to   | must not exceed the log's size",
    })
    void bad_consistency_proof_parameters_are_400_naming_the_parameter(String query, String param, String rule) {
        HttpResponse<String> r = server.get("/v1/ledger/proofs/consistency?" + query, server.admin);

        assertProblem(r, 400, "invalid-parameter", param + ": " + rule);
    }

    @Test
    void every_bad_parameter_is_listed_at_once() {
        HttpResponse<String> r = server.get("/v1/ledger/proofs/inclusion?index=x&size=-2", server.admin);

        JsonNode p = assertProblem(r, 400, "invalid-parameter", "index");
        assertThat(fields(p)).containsExactly("index", "size");
    }

    @Test
    void an_unknown_route_is_a_404_problem() {
        HttpResponse<String> r = server.get("/v1/nothing-here", server.admin);

        assertProblem(r, 404, "not-found", "/v1/nothing-here");
    }

    @Test
    void a_wrong_method_is_a_405_problem_listing_the_allowed_ones() {
        HttpResponse<String> r = server.send(server.request("/v1/ledger/checkpoint")
                .header("Authorization", "Bearer " + server.admin).DELETE());

        assertProblem(r, 405, "method-not-allowed", "DELETE");
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void a_token_request_naming_an_unknown_role_and_no_label_is_422_naming_both() {
        HttpResponse<String> r = server.post("/v1/tokens", server.admin, "{\"role\":\"superuser\",\"extra\":1}");

        JsonNode p = assertProblem(r, 422, "invalid-body", "extra");
        assertThat(fields(p)).containsExactly("extra", "role", "label");
    }

    @Test
    void an_admin_of_another_tenant_cannot_issue_a_metrics_token() {
        String otherAdmin = server.token("clinic-b", Role.ADMIN);
        long otherSize = server.log("clinic-b").size();

        HttpResponse<String> r = server.post("/v1/tokens", otherAdmin, "{\"role\":\"metrics\",\"label\":\"scraper\"}");

        assertProblem(r, 422, "invalid-body", "role");
        assertThat(server.log("clinic-b").size()).isEqualTo(otherSize);
    }

    static JsonNode assertProblem(HttpResponse<String> r, int status, String slug, String detailPart) {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode p = TestServer.json(r);
        assertThat(p.get("type").asText()).isEqualTo("https://onus.dev/problems/" + slug);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText()).contains(detailPart);
        return p;
    }

    private static void assertRawProblem(RawHttp.Response r, int status, String slug, String detailPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"type\":\"https://onus.dev/problems/" + slug + "\"").contains(detailPart);
    }

    static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    /** A valid annotation whose JSON is exactly {@code size} bytes. */
    private static byte[] jsonOfSize(long size) {
        String head = "{\"type\":\"big\",\"pad\":\"";
        String tail = "\"}";
        char[] pad = new char[(int) (size - head.length() - tail.length())];
        Arrays.fill(pad, 'a');
        return (head + new String(pad) + tail).getBytes(StandardCharsets.UTF_8);
    }
}
