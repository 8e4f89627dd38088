package org.onus.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReportRendererTest {

    static final ReportRenderer RENDERER = new ReportRenderer();

    @Test
    void the_html_holds_every_section_of_a_realistic_investigation() {
        String html = RENDERER.html(SampleReport.build());

        assertThat(html).contains("<h1>Sepsis Watch score accepted for a septic patient who died</h1>",
                "1. Incident summary", "2. Primary contributors", "3. Findings by link of the value chain",
                "4. Reconstructed timeline", "5. Regulatory deadlines", "6. Determinations", "7. Verifying the evidence",
                "pt_7Hq2Kx9e", "NCC MERP category I", "2026-11-18 10:00 EST");
        for (String link : List.of("<h3>Design</h3>", "<h3>Data</h3>", "<h3>Deployment</h3>", "<h3>Use</h3>", "<h3>Monitoring</h3>",
                "<h3>Reporting</h3>")) {
            assertThat(html).contains(link);
        }
        assertThat(html).contains("missing: validated performance for patients aged 75 and over; the subgroup definition of the card")
                .contains("<span class=\"implicated\">implicated</span>", "<span class=\"not-implicated\">not implicated</span>",
                        "<span class=\"undetermined\">undetermined</span>")
                .contains("#1842, #20211, #20377")
                .contains("User facility report of a death", "21 CFR 803.10(a)(1)(i), 803.30(a)(1)", "end of Thu 2026-12-03 EST", "before 2026-12-04 00:00 EST")
                .contains("<pre>./onus verify \\\n    --key &#39;onus.local/mercy+8a1f3c2e+ATrP1x1cQ3m1Jk8dXy2vB6nX0f3Qz9sLw4e7a1b2c3d4&#39; \\\n"
                        + "    bundle-INC-2026-0142.json</pre>");
    }

    @Test
    void text_from_records_is_escaped_and_the_document_is_well_formed_xml() throws Exception {
        String html = RENDERER.html(SampleReport.build());

        assertThat(html).contains("R. O&#39;Brien, risk manager", "&quot;lactate &lt; 2 &amp; BP stable&quot;",
                "Patient Safety &amp; AI Governance Committee");
        assertThat(html).doesNotContain("lactate < 2");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void markup_and_control_characters_in_a_narrative_cannot_break_out_of_their_cell() throws Exception {
        InvestigationReport sample = SampleReport.build();
        InvestigationReport hostile = new InvestigationReport(sample.cover(), new InvestigationReport.Summary(
                "</td><script>alert('x')</script>\u0007\uD800 end", "Death", null, "p", null, Instant.EPOCH, "site", null, "s", null, null),
                List.of(), List.of(), List.of(), List.of(), List.of(), sample.verification());

        String html = RENDERER.html(hostile);

        assertThat(html).contains("&lt;/td&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\uFFFD\uFFFD end")
                .doesNotContain("<script>").contains("not recorded")
                .contains("No party was found to have contributed.", "No rule produced a finding on this link.",
                        "The facts of this incident trigger no regulatory report.", "No human determination was entered.");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(RENDERER.pdf(hostile)).startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void the_pdf_parses_with_pdfbox_has_numbered_pages_the_checkpoint_footer_and_the_findings() throws Exception {
        byte[] pdf = RENDERER.pdf(SampleReport.build());
        Path dir = Files.createDirectories(Path.of("target", "reports"));
        Files.write(dir.resolve("sample-investigation.pdf"), pdf);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            for (int p = 0; p < pages; p++) {
                BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(p, 80);
                ImageIO.write(image, "png", dir.resolve("sample-investigation-page-" + (p + 1) + ".png").toFile());
            }
            String text = new PDFTextStripper().getText(doc);
            Files.writeString(dir.resolve("sample-investigation.txt"), text);
            String flat = text.replaceAll("\\s+", " ");

            assertThat(pages).isGreaterThanOrEqualTo(3);
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo(
                    "Sepsis Watch score accepted for a septic patient who died - incident INC-2026-0142");
            assertThat(flat).contains("INVESTIGATION REPORT", "Mercy General Hospital, New York", "Findings by link of the value chain",
                    "ReviewSkippedRule", "not implicated", "undetermined", "User facility report of a death",
                    "Verifying the evidence", "bundle-INC-2026-0142.json", "Page 1 of " + pages, "Page " + pages + " of " + pages,
                    "evidence rests on checkpoint onus.local/mercy at tree size 21140");
            PDFTextStripper last = new PDFTextStripper();
            last.setStartPage(pages);
            last.setEndPage(pages);
            assertThat(last.getText(doc).replaceAll("\\s+", " ")).contains("evidence rests on checkpoint onus.local/mercy",
                    "Page " + pages + " of " + pages);
        }
    }
}
