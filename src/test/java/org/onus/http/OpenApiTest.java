package org.onus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.investigation.clocks.IncidentFactsSource;
import org.onus.investigation.clocks.RegulatoryClocks;
import org.onus.investigation.clocks.RegulatoryReports;
import org.onus.investigation.clocks.WorkCalendars;
import org.onus.ledger.KeyDirectory;
import org.onus.recording.TenantServices;

/**
 * The OpenAPI document against the server: every route {@link HttpApi} registers is documented
 * and every documented route is registered; every operation declares its path parameters, its
 * token and its problem responses; and each record schema names exactly the fields the record's
 * reader accepts, and requires exactly those it requires.
 */
class OpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @TempDir
    static Path dataDir;
    static TestServer server;
    static JsonNode doc;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        HttpResponse<String> r = server.get("/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        doc = TestServer.json(r);
        RecordingFixtures.registerWorld(server, server.admin);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The routes HttpApi registers, read from Javalin's router: "GET /v1/decisions/{id}". */
    static Set<String> servedRoutes() {
        TenantServices.Directory services = new TenantServices.Directory(new KeyDirectory(dataDir, new SecureRandom()),
                server.onus.config().clock(), new SecureRandom());
        Javalin app = HttpApi.create(server.onus.ledger(), server.onus.tokens(), server.onus.metrics(), server.onus.config().clock(),
                server.onus.config().maxEntryBytes(), services, new org.onus.monitoring.Monitoring(server.onus.config().clock()),
                new RegulatoryReports(IncidentFactsSource.NONE, new RegulatoryClocks(WorkCalendars.builtIn()), server.onus.config().clock()));
        Set<String> out = new TreeSet<>();
        app.unsafe.internalRouter.allHttpHandlers().forEach(e -> {
            String method = e.endpoint.method.name().toLowerCase(Locale.ROOT);
            if (METHODS.contains(method)) {
                out.add(method.toUpperCase(Locale.ROOT) + " " + e.endpoint.path);
            }
        });
        return out;
    }

    static Set<String> documentedRoutes() {
        Set<String> out = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        return out;
    }

    @Test
    void the_document_is_served_without_a_token_as_openapi_3_1_json() {
        HttpResponse<String> r = server.get("/openapi.json", null);

        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        assertThat(doc.get("info").get("title").asText()).isEqualTo("Onus API");
        assertThat(doc.get("components").get("securitySchemes").get("bearer").get("scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void every_served_route_is_documented_and_every_documented_route_is_served() {
        Set<String> served = servedRoutes();
        Set<String> documented = documentedRoutes();

        assertThat(served).contains("GET /openapi.json", "POST /v1/decisions:batch", "GET /v1/notice-receipts/{id}/history");
        assertThat(documented).as("documented but not served").isSubsetOf(served);
        assertThat(served).as("served but not documented").isSubsetOf(documented);
    }

    @Test
    void every_operation_declares_its_path_parameters_its_token_and_its_problem_responses() {
        Pattern param = Pattern.compile("\\{([^}]+)}");
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            String route = m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey();
            JsonNode op = m.getValue();
            Set<String> inPath = new TreeSet<>();
            Matcher matcher = param.matcher(p.getKey());
            while (matcher.find()) {
                inPath.add(matcher.group(1));
            }
            Set<String> declared = new TreeSet<>();
            op.path("parameters").forEach(x -> {
                if (x.get("in").asText().equals("path")) {
                    assertThat(x.get("required").asBoolean()).as(route).isTrue();
                    declared.add(x.get("name").asText());
                }
            });
            assertThat(declared).as("path parameters of %s", route).isEqualTo(inPath);

            boolean open = p.getKey().equals("/health") || p.getKey().equals("/openapi.json");
            JsonNode responses = op.get("responses");
            if (!open) {
                assertThat(op.get("security").get(0).has("bearer")).as(route).isTrue();
                assertThat(responses.has("401") && responses.has("403")).as("%s answers 401 and 403", route).isTrue();
            }
            assertThat(responses.fieldNames()).toIterable().as(route).anyMatch(code -> code.startsWith("2"));
            responses.fields().forEachRemaining(r -> {
                if (r.getKey().compareTo("400") >= 0) {
                    JsonNode problem = resolve(r.getValue());
                    assertThat(problem.get("content").has("application/problem+json")).as("%s %s", route, r.getKey()).isTrue();
                }
            });
            if (m.getKey().equals("post")) {
                assertThat(op.get("requestBody").get("content").has("application/json")).as(route).isTrue();
            }
        }));
    }

    @Test
    void every_reference_in_the_document_resolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void each_record_schema_names_exactly_the_fields_its_reader_accepts_and_requires_exactly_those_it_requires() {
        Map<String, String> schemaByPath = Map.ofEntries(
                Map.entry("/v1/parties", "Party"),
                Map.entry("/v1/ai-systems", "AiSystem"),
                Map.entry("/v1/ai-systems/sepsis/versions", "Version"),
                Map.entry("/v1/authorizations", "Authorization"),
                Map.entry("/v1/authorizations/auth-1/revocations", "Revocation"),
                Map.entry("/v1/local-validations", "LocalValidation"),
                Map.entry("/v1/notices", "Notice"),
                Map.entry("/v1/notice-receipts", "NoticeReceipt"),
                Map.entry("/v1/decisions", "Decision"),
                Map.entry("/v1/actions", "ClinicianAction"),
                Map.entry("/v1/outcomes", "Outcome"),
                Map.entry("/v1/tokens", "TokenRequest"),
                Map.entry("/v1/incidents", "Incident"));
        long size = server.defaultLog().size();
        schemaByPath.forEach((path, name) -> {
            JsonNode schema = doc.get("components").get("schemas").get(name);
            assertThat(documentedBodySchema(path)).as("the body of POST %s", path).isEqualTo("#/components/schemas/" + name);
            ObjectNode everyField = JsonNodeFactory.instance.objectNode();
            schema.get("properties").fieldNames().forEachRemaining(f -> {
                if (!(name.equals("Version") && f.equals("system"))) { // the path names the system
                    everyField.putNull(f);
                }
            });
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));

            HttpResponse<String> all = server.post(path, server.admin, everyField.toString());
            HttpResponse<String> none = server.post(path, server.admin, "{}");
            HttpResponse<String> unknown = server.post(path, server.admin, "{\"surelyNotAField\":1}");

            assertThat(all.statusCode()).as(path).isEqualTo(422);
            assertThat(rules(all).keySet()).as("fields of %s that %s documents but the server does not know", path, name)
                    .filteredOn(f -> rules(all).get(f).startsWith("is not a known field")).isEmpty();
            Set<String> requiredByServer = new TreeSet<>();
            rules(none).forEach((field, rule) -> {
                if (!rule.startsWith("is required unless")) { // conditionally required: not "required" in the schema
                    requiredByServer.add(field);
                }
            });
            assertThat(requiredByServer).as("required fields of %s", name).isEqualTo(required);
            assertThat(rules(unknown).get("surelyNotAField")).as(path).startsWith("is not a known field");
        });
        assertThat(server.defaultLog().size()).isEqualTo(size);
    }

    private static String documentedBodySchema(String path) {
        String template = path.replace("/sepsis/", "/{system}/").replace("/auth-1/", "/{id}/");
        return doc.get("paths").get(template).get("post").get("requestBody").get("content").get("application/json")
                .get("schema").get("$ref").asText();
    }

    /** Top-level field name (leading slash dropped) to the rule broken. */
    private static Map<String, String> rules(HttpResponse<String> r) {
        Map<String, String> out = new java.util.TreeMap<>();
        TestServer.json(r).path("errors").forEach(e -> {
            String field = e.get("field").asText().replaceFirst("^/", "");
            out.putIfAbsent(field, e.get("detail").asText());
        });
        return out;
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? doc.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("$ref")) {
                    out.add(f.getValue().asText());
                } else {
                    collectRefs(f.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, out));
        }
    }
}
