package org.onus.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.DuplicateKeyException;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.LogVerifier;
import org.onus.ledger.TenantLog;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.store.LedgerStore;
import org.onus.store.TestStores;
import org.onus.validation.InvalidInputException;
import org.onus.validation.Violation;

class RecorderTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final Timeline.Reader INVESTIGATOR = new Timeline.Reader("tok-inv", "investigator", true, null);

    @TempDir
    Path data;
    LedgerStore store;
    Ledger ledger;
    TenantLog log;
    Registry registry;
    Recorder recorder;
    Timeline timeline;

    @BeforeEach
    void open() {
        store = TestStores.open(data);
        ledger = new Ledger(store, new KeyDirectory(data, new SecureRandom()), "onus.local", CLOCK);
        log = ledger.createTenant("default");
        registry = new Registry(log, CLOCK);
        KeyDirectory keys = new KeyDirectory(data, new SecureRandom());
        PatientCrypto crypto = new PatientCrypto("default", keys.secret("default", "pseudonym", 32), keys.secret("default", "master", 32), new SecureRandom());
        recorder = new Recorder(log, registry, new PatientVault(log, crypto), CLOCK);
        timeline = new Timeline(recorder, CLOCK);
        register();
    }

    @AfterEach
    void close() {
        ledger.close();
        store.close();
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    void register() {
        registry.write(RecordKind.PARTY, json("{'id':'acme','kind':'manufacturer','name':'Acme AI'}"), "t", null, null, null);
        registry.write(RecordKind.PARTY, json("{'id':'st-mary','kind':'deployer','name':'St Mary','jurisdiction':'DE',"
                + "'units':[{'id':'ed','name':'Emergency','careSetting':'emergency'},{'id':'icu','name':'ICU','careSetting':'icu'}]}"), "t", null, null, null);
        registry.write(RecordKind.PARTY, json("{'id':'committee','kind':'governance-body','name':'AI committee'}"), "t", null, null, null);
        registry.write(RecordKind.AI_SYSTEM, json("{'id':'sepsis','name':'Sepsis Watch','manufacturer':'acme','medicalDevice':true}"), "t", null, null, null);
        registry.write(RecordKind.PARTY, json("{'id':'dr-lee','kind':'clinician','name':'Dr Lee','role':'emergency physician','affiliation':'st-mary',"
                + "'training':[{'aiSystem':'sepsis','course':'onboarding','completedAt':'2026-01-10T00:00:00Z','expiresAt':'2027-01-10T00:00:00Z'}]}"), "t", null, null, null);
        registry.write(RecordKind.PARTY, json("{'id':'dr-new','kind':'clinician','name':'Dr New','role':'resident','affiliation':'st-mary'}"), "t", null, null, null);
        registry.write(RecordKind.VERSION, json("{'system':'sepsis','version':'1.0','artifactDigest':'" + DIGEST + "','releasedAt':'2026-01-01T00:00:00Z',"
                + "'card':{'intendedUse':{'task':'sepsis risk'},'intendedPopulation':{'ageMin':18,'careSettings':['emergency']},"
                + "'inputRequirements':{'quality':[{'indicator':'completeness','min':0.8}]},"
                + "'output':{'kind':'score','operatingThreshold':0.6},"
                + "'requiredPrecautions':[{'kind':'user-training','description':'vendor onboarding'}]}}"), "t", null, null, null);
        registry.write(RecordKind.AUTHORIZATION, json("{'id':'auth-1','system':'sepsis','versions':['1.0'],'site':'st-mary','units':['ed'],"
                + "'oversight':{'reviewRequired':true,'minimumReviewSeconds':30},'requiredTraining':['onboarding'],"
                + "'validFrom':'2026-02-01T00:00:00Z','authorizedBy':{'party':'committee','role':'committee'}}"), "t", null, null, null);
    }

    static String decision(String id, String extra) {
        return "{'id':'" + id + "','eventTime':'2026-03-01T10:00:00Z','site':'st-mary','unit':'ed','reportedVersion':'1.0',"
                + "'artifactDigest':'" + DIGEST + "','patient':{'id':'MRN-1','age':54,'sex':'female'},"
                + "'input':{'quality':{'completeness':0.95},'payload':'lactate 4.1'},"
                + "'output':{'kind':'score','score':0.82,'recommendation':'start sepsis bundle'},'shownTo':['dr-lee']" + extra + "}";
    }

    JsonNode stored(long index) {
        return org.onus.ledger.Entries.parse(log.entry(index).orElseThrow().bytes()).get("data");
    }

    @Test
    void aDecisionInScopeIsRecordedUnderItsAuthorizationWithNoFlagsAndNoPatientIdInClear() {
        long index = recorder.decision(json(decision("d1", "")), "tok");

        JsonNode d = stored(index);
        assertThat(d.get("authorization").asText()).isEqualTo("auth-1");
        assertThat(d.get("flags")).isEmpty();
        String raw = new String(log.entry(index).orElseThrow().bytes());
        assertThat(raw).doesNotContain("MRN-1").doesNotContain("lactate").doesNotContain("sepsis bundle");
        assertThat(d.get("patient").get("pseudonym").asText()).startsWith("pt-");
        assertThat(d.get("output").get("recommendation").get("sealed").asText()).startsWith("sha256:");
    }

    @Test
    void misuseIsRecordedWithFlagsNotRefused() {
        String misuse = decision("d2", "").replace("'age':54", "'age':15").replace("'unit':'ed'", "'unit':'icu'")
                .replace("'completeness':0.95", "'completeness':0.5").replace("'dr-lee'", "'dr-new'")
                .replace("'artifactDigest':'" + DIGEST, "'artifactDigest':'sha256:" + "b".repeat(64));
        long index = recorder.decision(json(misuse), "tok");

        List<String> codes = new ArrayList<>();
        stored(index).get("flags").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).containsExactlyInAnyOrder(Flag.DIGEST_MISMATCH, Flag.UNIT_NOT_AUTHORIZED, Flag.OUTSIDE_INTENDED_POPULATION,
                Flag.OUTSIDE_AUTHORIZED_POPULATION, Flag.INPUT_BELOW_QUALITY, Flag.SHOWN_TO_UNTRAINED);
    }

    @Test
    void anUnregisteredSystemIsRecordedAndFlagged() {
        long index = recorder.decision(json(decision("d3", ",'system':'homegrown'")), "tok");

        List<String> codes = new ArrayList<>();
        stored(index).get("flags").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).contains(Flag.SYSTEM_NOT_REGISTERED, Flag.NO_AUTHORIZATION);
    }

    @Test
    void theSameDecisionAgainGetsItsOriginalIndexAndAChangedOneIsAConflict() {
        long first = recorder.decision(json(decision("d1", "")), "tok");
        long size = log.size();

        assertThat(recorder.decision(json(decision("d1", "")), "tok")).isEqualTo(first);
        assertThat(log.size()).isEqualTo(size);
        assertThatThrownBy(() -> recorder.decision(json(decision("d1", "").replace("0.82", "0.12")), "tok"))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(log.size()).isEqualTo(size);
    }

    @Test
    void aBatchWithOneBadEventWritesNothingAndNamesTheEventByPosition() {
        List<JsonNode> batch = List.of(json(decision("b1", "")), json(decision("b2", "").replace("'2026-03-01T10:00:00Z'", "'2026-03-01T10:00:00'")),
                json(decision("b3", "").replace("'site':'st-mary'", "'site':'nowhere'")));
        long size = log.size();

        assertThatThrownBy(() -> recorder.decisions(batch, "tok", true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer).containsExactly("/1/eventTime", "/2/site"));
        assertThat(log.size()).isEqualTo(size);
    }

    @Test
    void actionsAndOutcomesFollowTheirDecisionAndUnknownDecisionsAreRefused() {
        recorder.decision(json(decision("d1", "")), "tok");
        long action = recorder.action(json("{'id':'a1','decision':'d1','clinician':'dr-new','kind':'accepted','time':'2026-03-01T10:00:05Z','rationale':'agree'}"), "tok");
        recorder.outcome(json("{'id':'o1','decisions':['d1'],'observedAt':'2026-03-03T00:00:00Z','positive':true}"), "tok");

        assertThat(stored(action).get("flags").get(0).get("code").asText()).isEqualTo(Flag.CLINICIAN_UNTRAINED);
        assertThatThrownBy(() -> recorder.action(json("{'id':'a2','decision':'nope','clinician':'dr-lee','kind':'viewed','time':'2026-03-01T10:00:05Z'}"), "tok"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/decision"));
    }

    @Test
    void aPatientTimelineShowsEventsWithTheCardAndAuthorizationInForceAndTheReadIsLogged() {
        recorder.decision(json(decision("d1", "")), "tok");
        recorder.action(json("{'id':'a1','decision':'d1','clinician':'dr-lee','kind':'viewed','time':'2026-03-01T10:00:05Z'}"), "tok");
        long before = log.size();

        JsonNode t = timeline.patient("MRN-1", Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), INVESTIGATOR);

        assertThat(t.get("events")).hasSize(2);
        JsonNode d = t.get("events").get(0);
        assertThat(d.get("data").get("output").get("recommendation").asText()).isEqualTo("start sepsis bundle");
        assertThat(d.get("inForce").get("authorization").get("record").get("id").asText()).isEqualTo("auth-1");
        assertThat(d.get("inForce").get("version").get("record").get("card")).isNotNull();
        assertThat(log.size()).isEqualTo(before + 1);
        assertThat(log.entry(before).orElseThrow().type()).isEqualTo("access");
    }

    @Test
    void aVendorSeesOnlyItsOwnSystemsAndNoSealedContent() {
        recorder.decision(json(decision("d1", "")), "tok");
        Timeline.Reader otherVendor = new Timeline.Reader("tok-v", "vendor", false, Set.of("other-system"));
        Timeline.Reader acme = new Timeline.Reader("tok-v", "vendor", false, Set.of("sepsis"));
        Instant from = Instant.parse("2026-02-01T00:00:00Z");
        Instant to = Instant.parse("2026-04-01T00:00:00Z");

        assertThat(timeline.deployment("auth-1", from, to, null, 100, otherVendor).get("events")).isEmpty();
        JsonNode seen = timeline.deployment("auth-1", from, to, null, 100, acme).get("events");
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("data").get("output").get("recommendation").get("sealed")).isNotNull();
    }

    @Test
    void erasingAPatientMakesTheirContentUnreadableWhileTheLedgerStillVerifies() {
        recorder.decision(json(decision("d1", "")), "tok");
        log.checkpoint();

        recorder.erasePatient("MRN-1", "tok", "GDPR Art. 17 request");

        JsonNode t = timeline.patient("MRN-1", Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), INVESTIGATOR);
        JsonNode rec = t.get("events").get(0).get("data").get("output").get("recommendation");
        assertThat(rec.get("erased").asBoolean()).isTrue();
        log.checkpoint();
        assertThat(new LogVerifier(store).verify("default", log.publicKey()).ok()).isTrue();
    }

    @Test
    void aCorrectionIsANewEntryPointingAtTheOriginalWhichStaysAndItIsIdempotent() {
        long original = recorder.decision(json(decision("d1", "")), "tok");
        JsonNode fixed = json(decision("d1", "").replace("'age':54", "'age':45"));

        long correction = recorder.correct("decision", "d1", fixed, "age mistyped at the ED desk", "tok");

        JsonNode c = stored(correction);
        assertThat(log.entry(correction).orElseThrow().type()).isEqualTo("decision.correction");
        assertThat(c.get("corrects").asLong()).isEqualTo(original);
        assertThat(c.get("patient").get("age").asInt()).isEqualTo(45);
        assertThat(stored(original).get("patient").get("age").asInt()).isEqualTo(54);
        assertThat(recorder.correct("decision", "d1", fixed, "age mistyped at the ED desk", "tok")).isEqualTo(correction);
        assertThat(recorder.decisionRef("d1")).hasValueSatisfying(r -> assertThat(r.index()).isEqualTo(correction));
    }

    @Test
    void correctingAnEventThatWasNeverRecordedOrWithAnotherIdIsRefused() {
        recorder.decision(json(decision("d1", "")), "tok");

        assertThatThrownBy(() -> recorder.correct("decision", "nope", json(decision("nope", "")), "why", "tok"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nothing to correct");
        assertThatThrownBy(() -> recorder.correct("decision", "d1", json(decision("d2", "")), "why", "tok"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer).containsExactly("/corrected/id"));
        assertThatThrownBy(() -> recorder.correct("decision", "d1", json(decision("d1", "").replace("'age':54", "'age':-4")), "why", "tok"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer).containsExactly("/corrected/patient/age"));
    }

    void registerSecondSystemInTheSameUnit() {
        registry.write(RecordKind.AI_SYSTEM, json("{'id':'triage','name':'Triage AI','manufacturer':'acme','medicalDevice':true}"), "t", null, null, null);
        registry.write(RecordKind.VERSION, json("{'system':'triage','version':'1.0','artifactDigest':'sha256:" + "c".repeat(64) + "','releasedAt':'2026-01-01T00:00:00Z',"
                + "'card':{'intendedUse':{'task':'triage'},'intendedPopulation':{},'output':{'kind':'class'}}}"), "t", null, null, null);
        registry.write(RecordKind.AUTHORIZATION, json("{'id':'auth-triage','system':'triage','versions':['1.0'],'site':'st-mary','units':['ed'],"
                + "'validFrom':'2026-02-01T00:00:00Z','authorizedBy':{'party':'committee','role':'committee'}}"), "t", null, null, null);
    }

    @Test
    void aDecisionNamingNoSystemIsFiledUnderTheAuthorizationOfTheSystemItsDigestIdentifiesNotAnotherMakersInTheSameUnit() {
        registerSecondSystemInTheSameUnit();

        long sepsis = recorder.decision(json(decision("d1", "")), "tok");
        long triage = recorder.decision(json(decision("d2", "").replace(DIGEST, "sha256:" + "c".repeat(64))), "tok");

        assertThat(stored(sepsis).get("authorization").asText()).isEqualTo("auth-1");
        assertThat(stored(sepsis).get("system").asText()).isEqualTo("sepsis");
        assertThat(stored(triage).get("authorization").asText()).isEqualTo("auth-triage");
        assertThat(stored(triage).get("system").asText()).isEqualTo("triage");
    }

    @Test
    void anUnknownDigestInAUnitWithTwoAuthorizedSystemsIsNotGuessedIntoEither() {
        registerSecondSystemInTheSameUnit();

        long index = recorder.decision(json(decision("d3", "").replace(DIGEST, "sha256:" + "f".repeat(64))), "tok");

        JsonNode d = stored(index);
        assertThat(d.get("authorization")).isNull();
        assertThat(d.get("system")).isNull();
        List<String> codes = new ArrayList<>();
        d.get("flags").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).contains(Flag.SYSTEM_NOT_REGISTERED, Flag.NO_AUTHORIZATION);
    }
}
