package org.onus.reporting;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Renders an {@link InvestigationReport} as HTML or PDF, from one template: the PDF is the HTML
 * laid out on A4 pages by openhtmltopdf (on Apache PDFBox), with the CSS paged-media rules of
 * the template giving the title page, the running footer with the checkpoint the evidence rests
 * on, and page numbers.
 *
 * <p>This is the seam for {@code GET /v1/incidents/{id}/report}: the route builds the view model
 * from the investigation's result and answers {@link #html} for {@code Accept: text/html} or
 * {@link #pdf} for {@code application/pdf}. Rendering reads nothing and writes nothing; it is
 * safe to call from many threads.
 */
public final class ReportRenderer {

    public static final String HTML_MEDIA_TYPE = "text/html; charset=utf-8";
    public static final String PDF_MEDIA_TYPE = "application/pdf";

    /** The report as a standalone XHTML document. */
    public String html(InvestigationReport report) {
        return ReportTemplate.render(report);
    }

    /** The report as PDF, written to {@code out} (not closed). */
    public void pdf(InvestigationReport report, OutputStream out) {
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html(report), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the report could not be written as PDF", e);
        }
    }

    public byte[] pdf(InvestigationReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        pdf(report, out);
        return out.toByteArray();
    }
}
