package org.onus.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.onus.ledger.KeyDirectory;
import org.onus.ledger.Ledger;
import org.onus.ledger.TenantLog;
import org.onus.recording.PatientCrypto;
import org.onus.recording.PatientVault;
import org.onus.recording.Recorder;
import org.onus.registry.RecordKind;
import org.onus.registry.Registry;
import org.onus.store.SqliteStore;

/**
 * A throw-away embedded tenant with one scored product, its card (claims overall and for one
 * subgroup, an input baseline of three features) and one authorization with monitoring
 * thresholds: what the monitoring benchmarks run against.
 */
final class BenchHospital implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DIGEST = "sha256:" + "c".repeat(64);
    static final String AUTHORIZATION = "auth-bench";

    final Path dir;
    final SqliteStore store;
    final Ledger ledger;
    final TenantLog log;
    final Registry registry;

    BenchHospital(String prefix) {
        try {
            this.dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.store = SqliteStore.open(dir);
        this.ledger = new Ledger(store, new KeyDirectory(dir, new SecureRandom()), "onus.bench", Clock.systemUTC());
        this.log = ledger.createTenant("bench");
        this.registry = new Registry(log, Clock.systemUTC());
        Instant past = Instant.parse("2020-01-01T00:00:00Z");
        write(RecordKind.PARTY, "{'id':'acme','kind':'manufacturer','name':'Acme Imaging'}", past);
        write(RecordKind.PARTY, "{'id':'committee','kind':'governance-body','name':'AI committee'}", past);
        write(RecordKind.PARTY, "{'id':'general','kind':'deployer','name':'General Hospital','jurisdiction':'DE',"
                + "'units':[{'id':'screening','name':'Screening','careSetting':'screening'},{'id':'mobile','name':'Mobile','careSetting':'screening'}]}", past);
        write(RecordKind.AI_SYSTEM, "{'id':'mammo','name':'Mammo Detect','manufacturer':'acme','medicalDevice':true}", past);
        write(RecordKind.VERSION, "{'system':'mammo','version':'1.0','artifactDigest':'" + DIGEST + "','releasedAt':'2020-01-01T00:00:00Z',"
                + "'card':{'intendedUse':{'task':'screening'},'intendedPopulation':{'ageMin':18,'ageMax':79,'sexes':['female']},"
                + "'inputRequirements':{'quality':[{'indicator':'snrDb','min':28}]},'output':{'kind':'score','operatingThreshold':0.5},"
                + "'performance':{'overall':[{'metric':'sensitivity','value':0.90,'ciLow':0.87,'n':1000},"
                + "{'metric':'specificity','value':0.90,'ciLow':0.885,'n':5000}],"
                + "'subgroups':[{'name':'age 70-79','population':{'ageMin':70,'ageMax':79},'claims':[{'metric':'sensitivity','value':0.9,'ciLow':0.85}]}]},"
                + "'inputBaseline':{'age':{'edges':[18,40,60,70,80],'shares':[0.35,0.33,0.16,0.16]},"
                + "'quality.snrDb':{'edges':[20,30,35,40,45,60],'shares':[0.0004,0.05,0.45,0.45,0.0496]},"
                + "'attributes.breastDensity':{'categories':{'a':0.1,'b':0.4,'c':0.4,'d':0.1}}}}}", past);
        write(RecordKind.AUTHORIZATION, "{'id':'" + AUTHORIZATION + "','system':'mammo','versions':['1.0'],'site':'general',"
                + "'units':['screening','mobile'],'oversight':{'reviewRequired':true,'minimumReviewSeconds':10,'alertResponseHours':48},"
                + "'monitoringThresholds':{'overrideRateMax':0.2,'outOfScopeShareMax':0.05,'psiMax':0.2,'medianReviewSecondsMin':20,"
                + "'windowDays':7},'validFrom':'2020-01-01T00:00:00Z',"
                + "'authorizedBy':{'party':'committee','role':'AI governance committee'}}", past);
    }

    private void write(RecordKind kind, String json, Instant at) {
        try {
            registry.write(kind, JSON.readTree(json.replace('\'', '"')), "bench", at, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Recorder recorder() {
        KeyDirectory keys = new KeyDirectory(dir, new SecureRandom());
        PatientCrypto crypto = new PatientCrypto("bench", keys.secret("bench", "pseudonym-secret", 32),
                keys.secret("bench", "master-key", 32), new SecureRandom());
        return new Recorder(log, registry, new PatientVault(log, crypto), Clock.systemUTC());
    }

    @Override
    public void close() {
        ledger.close();
        store.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
