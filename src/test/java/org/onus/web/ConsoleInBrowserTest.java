package org.onus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onus.auth.Role;
import org.onus.ledger.BundleVerification;
import org.onus.ledger.EvidenceBundle;
import org.onus.ledger.NoteKey;

/** The console in a real headless Chromium, against a server holding the demo hospital. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleInBrowserTest {

    DemoConsole demo;
    Browser browser;

    @BeforeAll
    void start() {
        demo = DemoConsole.get();
        browser = new Browser(1280, 900);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void an_investigator_signs_in_and_sees_every_deployment_s_health_and_the_incidents_on_the_overview() {
        browser.signIn(demo.url(""), demo.tokens.get(Role.INVESTIGATOR));

        assertThat(browser.find("h1").getText()).isEqualTo("Overview");
        assertThat(browser.find("#headline").getText()).contains("deployments need action", "incidents with an overdue report",
                "alerts awaiting resolution");
        assertThat(browser.all("#deployments tbody tr")).hasSize(8);
        assertThat(browser.find("#deployments").getText()).contains("auth-lakeshore-srs", "Sentinel", "Overridden");
        assertThat(browser.all("#deployments .badge.act")).isNotEmpty();
        assertThat(browser.all("#incidents tbody tr")).hasSize(demo.incidents.size());
        assertThat(browser.find("header").getText()).contains("Signed in as investigator");
        browser.screenshot("01-overview");
    }

    @Test
    void a_deployment_shows_its_authorization_its_charts_over_time_and_its_alerts() {
        browser.signIn(demo.url(""), demo.tokens.get(Role.GOVERNANCE));
        browser.click("#deployments a[href='/deployments/auth-koeln-lumina']");

        assertThat(browser.find("h1").getText()).isEqualTo("Deployment auth-koeln-lumina");
        assertThat(browser.find("#authorized-by").getText()).contains("Authorized by");
        assertThat(browser.find("#oversight").getText()).contains("Review before acting");
        assertThat(browser.all("#chart-volume rect.bar")).hasSizeGreaterThanOrEqualTo(12);
        assertThat(browser.all("#chart-actions polyline.line")).isNotEmpty();
        assertThat(browser.all("#chart-review-time polygon.band")).isNotEmpty();
        assertThat(browser.all("#chart-performance-specificity line.claim")).hasSize(1);
        assertThat(browser.all("#chart-performance-specificity polygon.band")).isNotEmpty();
        assertThat(browser.all("#chart-subgroups-specificity circle.observed")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.all("#chart-drift rect.bar")).isNotEmpty();
        assertThat(browser.all("#chart-drift line.threshold")).hasSize(1);
        assertThat(browser.all("#alerts article.alert")).isNotEmpty();
        browser.screenshot("02-deployment");
    }

    @Test
    void an_ai_system_s_card_reads_like_a_label_with_its_versions_and_the_authorizations_using_it() {
        browser.signIn(demo.url(""), demo.tokens.get(Role.AUDITOR));
        browser.open(demo.url("/systems/lumina-mammo"));

        assertThat(browser.find("h1").getText()).isEqualTo("LuminaMammo Detect");
        assertThat(browser.all("article.label")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.find("article.label").getText()).contains("Intended use", "Intended population", "Inputs",
                "Validated performance", "Known limitations", "sha256:");
        assertThat(browser.find("#authorizations").getText()).contains("auth-koeln-lumina", "auth-lakeshore-lumina");
        browser.screenshot("03-system");
    }

    @Test
    void an_investigator_follows_an_incident_from_the_overview_to_its_findings_and_their_evidence() {
        String incident = demo.incident("robot-thermal-injury-notice-late");
        browser.signIn(demo.url(""), demo.tokens.get(Role.INVESTIGATOR));
        browser.click("#incidents a[href='/incidents/" + incident + "']");

        assertThat(browser.find("h1").getText()).isEqualTo("Incident " + incident);
        assertThat(browser.find("#link-design").getText()).contains("DESIGN-DEVICE-MALFUNCTION", "implicated", "mfr-surgenix");
        assertThat(browser.find("#link-monitoring").getText()).contains("MONITOR-NOTICE-NOT-APPLIED", "site-lakeshore");
        assertThat(browser.all("#timeline li")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.find("#timeline").getText()).containsIgnoringCase("decision");
        assertThat(browser.all("#deadlines tbody tr")).isNotEmpty();
        assertThat(browser.find("#deadlines").getText()).containsAnyOf("left", "overdue");
        browser.screenshot("04-incident");

        browser.click("#link-design .evidence a");
        assertThat(browser.find("h1").getText()).startsWith("Entry ");
        assertThat(browser.find("#entry").getText()).contains("Leaf hash");
        browser.screenshot("05-evidence-entry");
    }

    @Test
    void a_vendor_opens_its_product_s_incident_from_the_overview_and_sees_only_its_product_s_findings() {
        String incident = demo.incident("mammo-missed-cancer-drift");
        browser.signIn(demo.url(""), demo.tokens.get(Role.VENDOR));
        browser.click("#incidents a[href='/incidents/" + incident + "']");

        assertThat(browser.find("h1").getText()).isEqualTo("Incident " + incident);
        assertThat(browser.find("#summary").getText()).contains("pseudonym");
        assertThat(browser.all("a[href^='/patients/']")).isEmpty();
        assertThat(browser.all("#download-bundle")).hasSize(1);
        assertThat(browser.find("main").getText()).doesNotContain("mfr-surgenix", "Sentinel");
        browser.screenshot("08-vendor-incident");
    }

    @Test
    void the_incident_s_evidence_bundle_downloads_from_its_page_and_verifies_against_the_published_key() throws Exception {
        String incident = demo.incident("scribe-wrong-dose-signed-unreviewed");
        Path file = Browser.DOWNLOADS.resolve("onus-incident-" + incident + "-bundle.json");
        Files.deleteIfExists(file);
        browser.signIn(demo.url(""), demo.tokens.get(Role.INVESTIGATOR));
        browser.open(demo.url("/incidents/" + incident));

        browser.find("#download-bundle").click();

        Path downloaded = awaitFile(file);
        BundleVerification verified = EvidenceBundle.verify(EvidenceBundle.read(downloaded),
                Optional.of(NoteKey.parseVerifier(demo.log.verifierKey())));
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.ok()).isTrue();
        assertThat(verified.keyPinned()).isTrue();
        assertThat(verified.entriesVerified()).isGreaterThan(1);
    }

    @Test
    void the_incident_s_pdf_report_downloads_from_its_page() throws Exception {
        String incident = demo.incident("srs-correct-alert-overridden");
        Path file = Browser.DOWNLOADS.resolve("onus-incident-" + incident + "-report.pdf");
        Files.deleteIfExists(file);
        browser.signIn(demo.url(""), demo.tokens.get(Role.INVESTIGATOR));
        browser.open(demo.url("/incidents/" + incident));

        browser.find("#download-report").click();

        byte[] pdf = Files.readAllBytes(awaitFile(file));
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void the_patient_timeline_is_reached_from_an_incident_and_its_viewing_is_logged() {
        String incident = demo.incident("srs-adolescent-wider-authorization");
        browser.signIn(demo.url(""), demo.tokens.get(Role.INVESTIGATOR));
        browser.open(demo.url("/incidents/" + incident));
        long before = demo.log.size();

        browser.click("a[href^='/patients/']");

        assertThat(browser.find("h1").getText()).startsWith("Patient ");
        assertThat(browser.all("#patient-timeline li")).isNotEmpty();
        assertThat(browser.find("#patient-timeline").getText()).containsIgnoringCase("decision");
        assertThat(accessEntriesSince(before, "patient-timeline")).isEqualTo(1);
        browser.screenshot("06-patient");
    }

    @Test
    void the_ledger_page_shows_the_latest_checkpoint_the_verifier_key_and_how_to_verify_a_bundle() {
        browser.signIn(demo.url(""), demo.tokens.get(Role.AUDITOR));
        browser.click("nav a[href='/ledger']");

        assertThat(browser.find("#checkpoint").getText()).contains("onus.local/default");
        assertThat(browser.find("#verifier-key").getText()).isEqualTo(demo.log.verifierKey());
        assertThat(browser.find("#how-to-verify").getText()).contains("./onus verify --key");
        browser.screenshot("07-ledger");
    }

    private long accessEntriesSince(long from, String query) {
        long n = 0;
        for (long i = from; i < demo.log.size(); i++) {
            var e = demo.log.entry(i).orElseThrow();
            if (e.type().equals("access") && org.onus.ledger.Entries.parse(e.bytes()).path("data").path("query").asText().equals(query)) {
                n++;
            }
        }
        return n;
    }

    private static Path awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && file.toFile().length() > 0) {
                return file;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the browser did not save " + file + " within 20 s");
    }
}
