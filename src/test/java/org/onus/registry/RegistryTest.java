package org.onus.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.TenantLog;
import org.onus.store.LedgerStore;
import org.onus.store.TestStores;
import org.onus.validation.InvalidInputException;
import org.onus.validation.Violation;

class RegistryTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;
    LedgerStore store;
    Ledger ledger;
    TenantLog log;
    Registry registry;

    @BeforeEach
    void open() {
        store = TestStores.open(data);
        ledger = new Ledger(store, new KeyDirectory(data, new SecureRandom()), "onus.local", CLOCK);
        log = ledger.createTenant("default");
        registry = new Registry(log, CLOCK);
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

    static final String CARD = "{'intendedUse':{'task':'sepsis risk','indications':['suspected sepsis']},"
            + "'intendedPopulation':{'ageMin':18,'careSettings':['emergency','inpatient']},"
            + "'output':{'kind':'score','operatingThreshold':0.6},"
            + "'performance':{'overall':[{'metric':'sensitivity','value':0.85,'ciLow':0.8,'ciHigh':0.89,'n':400}]},"
            + "'knownLimitations':[{'failureMode':'neutropenia','description':'not validated in neutropenic patients'}]}";

    void registerBasics() {
        registry.write(RecordKind.PARTY, json("{'id':'acme','kind':'manufacturer','name':'Acme AI'}"), "t", null, null, null);
        registry.write(RecordKind.PARTY, json("{'id':'st-mary','kind':'deployer','name':'St Mary','jurisdiction':'DE',"
                + "'units':[{'id':'ed','name':'Emergency','careSetting':'emergency'},{'id':'icu','name':'ICU','careSetting':'inpatient'}]}"), "t", null, null, null);
        registry.write(RecordKind.PARTY, json("{'id':'committee','kind':'governance-body','name':'AI committee'}"), "t", null, null, null);
        registry.write(RecordKind.AI_SYSTEM, json("{'id':'sepsis','name':'Sepsis Watch','manufacturer':'acme','medicalDevice':true}"), "t", null, null, null);
        registry.write(RecordKind.VERSION, json("{'system':'sepsis','version':'1.0','artifactDigest':'sha256:" + "a".repeat(64)
                + "','releasedAt':'2026-01-01T00:00:00Z','card':" + CARD + "}"), "t", null, null, null);
    }

    String authorization(String units, String population) {
        return "{'id':'auth-1','system':'sepsis','versions':['1.0'],'site':'st-mary','units':" + units + ","
                + "'population':" + population + ",'oversight':{'reviewRequired':true,'minimumReviewSeconds':30},"
                + "'validFrom':'2026-02-01T00:00:00Z','validUntil':'2027-02-01T00:00:00Z',"
                + "'authorizedBy':{'party':'committee','role':'AI governance committee','decisionRef':'minutes 2026-01-15'}}";
    }

    @Test
    void anAuthorizationIsInForceFromItsStartAndAnAmendmentFromItsOwnTime() {
        registerBasics();
        long first = registry.write(RecordKind.AUTHORIZATION, json(authorization("['ed']", "{'ageMin':18}")), "t", null, null, null).index();
        long amended = registry.write(RecordKind.AUTHORIZATION, json(authorization("['ed','icu']", "{'ageMin':18}")), "t",
                Instant.parse("2026-04-01T00:00:00Z"), null, null).index();

        assertThat(registry.asOf(RecordKind.AUTHORIZATION, "auth-1", Instant.parse("2026-01-15T00:00:00Z"), CLOCK.instant())).isEmpty();
        assertThat(registry.asOf(RecordKind.AUTHORIZATION, "auth-1", Instant.parse("2026-03-01T00:00:00Z"), CLOCK.instant()))
                .hasValueSatisfying(r -> assertThat(r.index()).isEqualTo(first));
        assertThat(registry.current(RecordKind.AUTHORIZATION, "auth-1", Instant.parse("2026-05-01T00:00:00Z"), Authorization.class))
                .hasValueSatisfying(a -> assertThat(a.units()).containsExactly("ed", "icu"));
        assertThat(registry.history(RecordKind.AUTHORIZATION, "auth-1")).extracting(Revision::index).containsExactly(first, amended);
    }

    @Test
    void anAuthorizationWiderThanTheCardIsAcceptedAndTheWideningRecorded() {
        registerBasics();
        registry.write(RecordKind.AUTHORIZATION, json(authorization("[]", "{'ageMin':0}")), "t", null, null, null);

        Authorization a = registry.current(RecordKind.AUTHORIZATION, "auth-1", Instant.parse("2026-03-01T00:00:00Z"), Authorization.class).orElseThrow();
        assertThat(a.widensCard()).containsExactly("version 1.0: ages below 18 (card: 18-)");
    }

    @Test
    void aRevocationEndsTheAuthorizationFromItsEffectiveTime() {
        registerBasics();
        registry.write(RecordKind.AUTHORIZATION, json(authorization("['ed']", "{'ageMin':18}")), "t", null, null, null);
        registry.revoke(RecordKind.AUTHORIZATION, "auth-1", "t", Instant.parse("2026-04-01T00:00:00Z"), "vendor recall");

        assertThat(registry.current(RecordKind.AUTHORIZATION, "auth-1", Instant.parse("2026-03-31T00:00:00Z"), Authorization.class)).isPresent();
        assertThat(registry.current(RecordKind.AUTHORIZATION, "auth-1", Instant.parse("2026-04-02T00:00:00Z"), Authorization.class)).isEmpty();
        assertThat(registry.asOf(RecordKind.AUTHORIZATION, "auth-1", Instant.parse("2026-04-02T00:00:00Z"), CLOCK.instant()))
                .hasValueSatisfying(r -> assertThat(r.revoked()).isTrue());
    }

    @Test
    void aCorrectionReplacesTheRevisionItCorrectsButBothStayInTheLedger() {
        registerBasics();
        long wrong = registry.write(RecordKind.AUTHORIZATION, json(authorization("['icu']", "{'ageMin':18}")), "t", null, null, null).index();
        long fixed = registry.write(RecordKind.AUTHORIZATION, json(authorization("['ed']", "{'ageMin':18}")), "t",
                Instant.parse("2026-02-01T00:00:00Z"), wrong, "typo in units").index();

        assertThat(registry.asOf(RecordKind.AUTHORIZATION, "auth-1", Instant.parse("2026-03-01T00:00:00Z"), CLOCK.instant()))
                .hasValueSatisfying(r -> assertThat(r.index()).isEqualTo(fixed));
        assertThat(log.entry(wrong)).isPresent();
    }

    @Test
    void unknownReferencesAreRefusedNamingTheFieldAndNothingIsWritten() {
        registerBasics();
        long before = log.size();

        assertThatThrownBy(() -> registry.write(RecordKind.AUTHORIZATION,
                json(authorization("['ward-9']", "{}").replace("'1.0'", "'9.9'")), "t", null, null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer).containsExactlyInAnyOrder("/versions/0", "/units/0"));
        assertThat(log.size()).isEqualTo(before);
    }

    @Test
    void malformedRecordsAreRefusedWithEveryBrokenRule() {
        assertThatThrownBy(() -> registry.write(RecordKind.PARTY,
                json("{'id':'x','kind':'hospital','nmae':'typo','jurisdiction':'Germany'}"), "t", null, null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer).containsExactlyInAnyOrder("/kind", "/name", "/nmae", "/jurisdiction"));
        assertThat(log.size()).isZero();
    }

    @Test
    void theRegistryIsRebuiltFromTheLedgerAfterARestart() {
        registerBasics();
        registry.write(RecordKind.AUTHORIZATION, json(authorization("['ed']", "{'ageMin':18}")), "t", null, null, null);

        Registry reopened = new Registry(log, CLOCK);

        assertThat(reopened.ids(RecordKind.PARTY)).containsExactly("acme", "committee", "st-mary");
        assertThat(reopened.current(RecordKind.VERSION, "sepsis@1.0", Instant.parse("2026-03-01T00:00:00Z"), AiVersion.class))
                .hasValueSatisfying(v -> assertThat(v.card().knownLimitations()).extracting(ModelCard.Limitation::failureMode).containsExactly("neutropenia"));
        assertThat(reopened.versionsWithDigest("sha256:" + "a".repeat(64), Instant.parse("2026-03-01T00:00:00Z"))).hasSize(1);
    }
}
