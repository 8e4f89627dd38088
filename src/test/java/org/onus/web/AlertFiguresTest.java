package org.onus.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule's alert figures, as the monitor writes them, read in words and in their own units. */
class AlertFiguresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "every decision faster than the minimum review | {\"metric\":\"shareFasterThanMinimum\",\"observed\":1.0,\"x\":47,\"n\":47,"
            + "\"ci\":{\"lower\":0.894,\"upper\":1.0,\"level\":0.99},\"medianReviewSeconds\":4.0,\"threshold\":30.0}"
            + " | all 47 decisions decided faster than the 30 s minimum review (median 4 s), 99% interval of the share 0.894–1",
        "most decisions faster than the minimum review | {\"metric\":\"shareFasterThanMinimum\",\"observed\":0.9,\"x\":45,\"n\":50,"
            + "\"ci\":{\"lower\":0.74,\"upper\":0.97,\"level\":0.99},\"threshold\":30.0}"
            + " | 45 of 50 decisions decided faster than the 30 s minimum review, 99% interval of the share 0.74–0.97",
        "input drift | {\"metric\":\"psi\",\"feature\":\"breastDensity\",\"version\":\"3.2.0\",\"observed\":1.8,\"n\":900,\"threshold\":0.2}"
            + " | PSI 1.8 against 0.2 for breastDensity (version 3.2.0), over 900 cases",
        "performance below the card's claim | {\"metric\":\"specificity\",\"observed\":0.69,\"x\":690,\"n\":1000,"
            + "\"ci\":{\"lower\":0.651,\"upper\":0.727,\"level\":0.99},\"claim\":{\"value\":0.912}}"
            + " | specificity 0.69 (690 of 1000), 99% interval 0.651–0.727, against the claim 0.912",
        "performance below the authorization's floor | {\"metric\":\"sensitivity\",\"observed\":0.71,\"x\":71,\"n\":100,"
            + "\"ci\":{\"lower\":0.58,\"upper\":0.82,\"level\":0.99},\"threshold\":0.85}"
            + " | sensitivity 0.71 (71 of 100), 99% interval 0.58–0.82, against the floor 0.85",
        "override rate above its maximum | {\"metric\":\"overrideRate\",\"observed\":0.42,\"x\":42,\"n\":100,"
            + "\"ci\":{\"lower\":0.31,\"upper\":0.54,\"level\":0.99},\"threshold\":0.3}"
            + " | override rate 0.42 (42 of 100), 99% interval 0.31–0.54, against the maximum 0.3",
    })
    void an_alert_s_figures_read_in_words_with_each_figure_in_its_own_unit(String rule, String figures, String words) throws Exception {
        assertThat(AlertFigures.describe(JSON.readTree(figures))).isEqualTo(words);
    }
}
