/**
 * Small, exact statistics for monitoring and for the responsibility rules: intervals for a
 * proportion (Wilson score and Clopper–Pearson exact), the area under the ROC curve with a
 * Hanley–McNeil interval, calibration (Brier score, reliability bins, observed/expected with an
 * exact Poisson interval) and the population stability index.
 *
 * <p>Everything here works from counts, so that callers can keep pre-aggregated histograms and
 * confusion matrices and still get the same figures as from the raw observations. Quantiles of
 * the beta, chi-squared and normal distributions come from Apache Commons Math; the formulas that
 * sit on top of them are written out, each with its reference.
 */
package org.onus.stats;
