package org.onus.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onus.recording.ClinicianAction;
import org.onus.recording.Decision;
import org.onus.recording.Outcome;
import org.onus.registry.AiSystem;
import org.onus.registry.AiVersion;
import org.onus.registry.Authorization;
import org.onus.registry.LocalValidation;
import org.onus.registry.Notice;
import org.onus.registry.Party;
import org.onus.validation.Fields;
import org.onus.validation.Violation;

class DemoHospitalTest {

    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    static final long SEED = 20260601L;
    static final Map<String, Function<Fields, ?>> READERS = Map.of(
            DemoRecord.PARTY, Party::read,
            DemoRecord.AI_SYSTEM, AiSystem::read,
            DemoRecord.VERSION, AiVersion::read,
            DemoRecord.LOCAL_VALIDATION, LocalValidation::read,
            DemoRecord.AUTHORIZATION, Authorization::read,
            DemoRecord.NOTICE, Notice::read,
            DemoRecord.NOTICE_RECEIPT, Notice.Receipt::read,
            DemoRecord.DECISION, Decision::read,
            DemoRecord.ACTION, ClinicianAction::read,
            DemoRecord.OUTCOME, Outcome::read);

    static DemoHospital small;
    static List<DemoRecord> records;

    @BeforeAll
    static void generateASmallHospital() {
        small = new DemoHospital(SEED, START, 0.02);
        records = small.records().toList();
    }

    @Test
    void everyBodyPassesItsReaderWithoutAViolation() {
        Clock clock = Clock.fixed(small.end().plusSeconds(60), ZoneOffset.UTC);
        List<String> problems = new ArrayList<>();
        for (DemoRecord r : records) {
            Fields.Errors errors = new Fields.Errors(clock);
            Fields f = Fields.of(r.body(), "", errors);
            READERS.get(r.kind()).apply(f);
            for (Violation v : errors.list()) {
                problems.add(r.kind() + " " + r.id() + ": " + v);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(records).extracting(DemoRecord::kind).containsAll(DemoRecord.KINDS);
    }

    @Test
    void everyReferencePointsToAnEarlierRecord() {
        Set<String> parties = new HashSet<>();
        Map<String, Set<String>> units = new HashMap<>();
        Set<String> systems = new HashSet<>();
        Set<String> versions = new HashSet<>();
        Set<String> validations = new HashSet<>();
        Set<String> notices = new HashSet<>();
        Map<String, Instant> decisions = new HashMap<>();
        Set<String> unregistered = new HashSet<>(small.summary().problem("unregistered-version").decisions());
        List<String> dangling = new ArrayList<>();
        for (DemoRecord r : records) {
            JsonNode b = r.body();
            java.util.function.BiConsumer<Boolean, String> need = (ok, what) -> {
                if (!ok) {
                    dangling.add(r.kind() + " " + r.id() + " -> " + what);
                }
            };
            switch (r.kind()) {
                case DemoRecord.PARTY -> {
                    parties.add(r.id());
                    if (b.has("affiliation")) {
                        need.accept(parties.contains(b.get("affiliation").asText()), "affiliation");
                    }
                    b.path("training").forEach(t -> need.accept(systems.contains(t.get("aiSystem").asText()), "training system"));
                    Set<String> us = new HashSet<>();
                    b.path("units").forEach(u -> us.add(u.get("id").asText()));
                    if (!us.isEmpty()) {
                        units.put(r.id(), us);
                    }
                }
                case DemoRecord.AI_SYSTEM -> {
                    need.accept(parties.contains(b.get("manufacturer").asText()), "manufacturer");
                    systems.add(r.id());
                }
                case DemoRecord.VERSION -> {
                    need.accept(systems.contains(b.get("system").asText()), "system");
                    versions.add(r.id());
                }
                case DemoRecord.LOCAL_VALIDATION -> {
                    need.accept(parties.contains(b.get("site").asText()), "site");
                    need.accept(versions.contains(b.get("system").asText() + "@" + b.get("version").asText()), "version");
                    validations.add(r.id());
                }
                case DemoRecord.AUTHORIZATION -> {
                    String system = b.get("system").asText();
                    b.get("versions").forEach(v -> need.accept(versions.contains(system + "@" + v.asText()), "version " + v));
                    Set<String> siteUnits = units.getOrDefault(b.get("site").asText(), Set.of());
                    b.get("units").forEach(u -> need.accept(siteUnits.contains(u.asText()), "unit " + u));
                    need.accept(parties.contains(b.at("/authorizedBy/party").asText()), "authorizedBy");
                    if (b.has("localValidation")) {
                        need.accept(validations.contains(b.get("localValidation").asText()), "local validation");
                    }
                }
                case DemoRecord.NOTICE -> {
                    need.accept(parties.contains(b.get("manufacturer").asText()), "manufacturer");
                    b.get("versions").forEach(v -> need.accept(versions.contains(b.get("system").asText() + "@" + v.asText()), "version"));
                    notices.add(r.id());
                }
                case DemoRecord.NOTICE_RECEIPT -> {
                    need.accept(notices.contains(b.get("notice").asText()), "notice");
                    need.accept(parties.contains(b.get("deployer").asText()), "deployer");
                }
                case DemoRecord.DECISION -> {
                    need.accept(units.getOrDefault(b.get("site").asText(), Set.of()).contains(b.get("unit").asText()), "unit");
                    need.accept(systems.contains(b.get("system").asText()), "system");
                    need.accept(unregistered.contains(r.id())
                            || versions.contains(b.get("system").asText() + "@" + b.get("reportedVersion").asText()), "version");
                    b.path("shownTo").forEach(c -> need.accept(parties.contains(c.asText()), "shownTo"));
                    need.accept(decisions.put(r.id(), time(b.get("eventTime"))) == null, "unique id");
                }
                case DemoRecord.ACTION -> {
                    Instant d = decisions.get(b.get("decision").asText());
                    need.accept(d != null && time(b.get("time")).isAfter(d), "decision before it");
                    need.accept(parties.contains(b.get("clinician").asText()), "clinician");
                }
                case DemoRecord.OUTCOME -> b.get("decisions").forEach(x -> {
                    Instant d = decisions.get(x.asText());
                    need.accept(d != null && time(b.get("observedAt")).isAfter(d), "decision before it");
                });
                default -> throw new AssertionError(r.kind());
            }
        }
        assertThat(dangling).isEmpty();
    }

    @Test
    void eventsComeInEventTimeOrderInsideTheWindow() {
        Instant last = Instant.MIN;
        for (DemoRecord r : records) {
            assertThat(r.at()).isAfterOrEqualTo(last);
            assertThat(r.at()).isBetween(small.start(), small.end());
            last = r.at();
            Instant own = switch (r.kind()) {
                case DemoRecord.DECISION -> time(r.body().get("eventTime"));
                case DemoRecord.ACTION -> time(r.body().get("time"));
                case DemoRecord.OUTCOME -> time(r.body().get("observedAt"));
                default -> r.at();
            };
            assertThat(own).isEqualTo(r.at());
        }
    }

    @Test
    void theSameSeedGivesTheSameHospitalAndAnotherSeedAnother() throws Exception {
        assertThat(digest(new DemoHospital(SEED, START, 0.02))).isEqualTo(digest(small));
        assertThat(digest(new DemoHospital(SEED + 1, START, 0.02))).isNotEqualTo(digest(small));
        assertThat(new DemoHospital(SEED, START, 0.02).summary()).isEqualTo(small.summary());
    }

    @Test
    void theSummaryCountsWhatTheStreamHolds() {
        Map<String, Long> counted = new HashMap<>();
        records.forEach(r -> counted.merge(r.kind(), 1L, Long::sum));
        assertThat(small.summary().counts()).containsAllEntriesOf(counted);
        assertThat(small.summary().counts().get(DemoRecord.DECISION)).isBetween(1_500L, 3_500L);
    }

    static Instant time(JsonNode n) {
        return OffsetDateTime.parse(n.asText()).toInstant();
    }

    static String digest(DemoHospital h) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (DemoRecord r : h) {
            md.update((r.kind() + r.at() + r.body()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    static ObjectNode body(String kind, String id) {
        return records.stream().filter(r -> r.kind().equals(kind) && r.id().equals(id)).findFirst().orElseThrow().body();
    }
}
