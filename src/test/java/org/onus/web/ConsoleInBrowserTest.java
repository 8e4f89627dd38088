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
}
