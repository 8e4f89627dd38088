package org.onus.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onus.auth.Role;

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
}
