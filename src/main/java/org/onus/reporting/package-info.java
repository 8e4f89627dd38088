/**
 * The investigation report: {@link org.onus.reporting.InvestigationReport}, a plain view model,
 * rendered by {@link org.onus.reporting.ReportRenderer} from one template as HTML or as PDF (A4,
 * title page, page numbers, a footer naming the checkpoint the evidence rests on).
 */
package org.onus.reporting;
