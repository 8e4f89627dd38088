package org.onus.monitoring;

import java.util.Map;
import org.onus.registry.Authorization;

/**
 * The monitoring thresholds in force for a deployment: the authorization's own
 * ({@link Authorization#THRESHOLDS}), and where it sets none, these defaults. A rule whose
 * threshold is null is not evaluated; the comparison with the card's claims always is.
 *
 * @param alertLevel two-sided confidence level of the intervals alerts rest on (0.99: each
 *     one-sided test errs at most 0.5% of the time, which keeps false alarms rare although the
 *     rules are evaluated again and again over overlapping windows and many subgroups)
 * @param minimumCases fewest cases behind a figure shown as a number (fewer: "too few"), and
 *     behind a slice's figure an alert rule judges
 * @param minimumCasesWhole fewest cases behind the whole deployment's figure an alert rule judges
 * @param minimumDriftCases fewest observations in the window before PSI is judged
 * @param alertResponseHours how long the addressees have to respond (the authorization's
 *     oversight.alertResponseHours when it states one)
 */
record Thresholds(Double overrideRateMax, Double outOfScopeShareMax, Double psiMax, Double medianReviewSecondsMin,
                  Double sensitivityFloor, Double specificityFloor, int windowDays, double alertLevel, int minimumCases,
                  int minimumCasesWhole, int minimumDriftCases, double alertResponseHours) {

    /**
     * Defaults: a 7-day window, PSI above 0.2, intervals at 99%, 30 cases for a figure (10 for the
     * whole deployment's alert rules), 200 inputs for drift, 72 h to respond.
     */
    static final Thresholds DEFAULTS = new Thresholds(null, null, 0.2, null, null, null, 7, 0.99, 30, 10, 200, 72);

    Thresholds over(Authorization a) {
        if (a == null) {
            return this;
        }
        Map<String, Double> t = a.monitoringThresholds();
        Double window = t.get("windowDays");
        Double response = a.oversight() == null ? null : a.oversight().alertResponseHours();
        return new Thresholds(t.getOrDefault("overrideRateMax", overrideRateMax),
                t.getOrDefault("outOfScopeShareMax", outOfScopeShareMax), t.getOrDefault("psiMax", psiMax),
                t.getOrDefault("medianReviewSecondsMin", medianReviewSecondsMin),
                t.getOrDefault("sensitivityFloor", sensitivityFloor), t.getOrDefault("specificityFloor", specificityFloor),
                window == null ? windowDays : Math.max(1, (int) Math.round(window)), alertLevel, minimumCases, minimumCasesWhole,
                minimumDriftCases,
                response == null ? alertResponseHours : response);
    }
}
