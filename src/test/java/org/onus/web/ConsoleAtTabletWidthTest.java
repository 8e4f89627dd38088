package org.onus.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onus.auth.Role;
import org.openqa.selenium.Keys;

/** The console at tablet width (768 px) and from the keyboard, with the accessibility basics every page needs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAtTabletWidthTest {

    DemoConsole demo;
    Browser browser;

    @BeforeAll
    void start() {
        demo = DemoConsole.get();
        browser = new Browser(768, 1024);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void signing_in_needs_only_the_keyboard() {
        browser.open(demo.url("/sign-in"));
        browser.driver.manage().deleteAllCookies();
        browser.open(demo.url("/sign-in"));

        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("token");
        assertThat(browser.find("label[for=token]").getText()).isEqualTo("Token");
        browser.driver.switchTo().activeElement().sendKeys(demo.tokens.get(Role.INVESTIGATOR) + Keys.ENTER);

        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().equals(demo.url("/")));
        assertThat(browser.find("h1").getText()).isEqualTo("Overview");
    }

    @Test
    void every_page_fits_a_tablet_s_width_has_one_main_heading_and_labels_its_charts() {
        browser.signIn(demo.url(""), demo.tokens.get(Role.INVESTIGATOR));
        String incident = demo.incident("robot-thermal-injury-notice-late");
        String[][] pages = {{"/", "tablet-overview"}, {"/deployments/auth-lakeshore-srs", "tablet-deployment"},
            {"/systems/sentinel-srs", "tablet-system"}, {"/incidents/" + incident, "tablet-incident"}, {"/ledger", "tablet-ledger"}};
        for (String[] page : pages) {
            browser.open(demo.url(page[0]));

            Number overflow = (Number) browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as(page[0] + " scrolls sideways by").isLessThanOrEqualTo(0);
            assertThat(browser.all("h1")).as(page[0] + " main headings").hasSize(1);
            assertThat(browser.all("main")).hasSize(1);
            assertThat(browser.all("svg:not([role=img]), svg[role=img]:not([aria-labelledby])")).as(page[0] + " unlabelled charts").isEmpty();
            assertThat(browser.all("textarea:not([id]), input:not([type=hidden]):not([id])")).as(page[0] + " unlabelled fields").isEmpty();
            browser.screenshot(page[1]);
        }
    }
}
