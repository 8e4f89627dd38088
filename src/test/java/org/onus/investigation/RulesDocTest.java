package org.onus.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.onus.investigation.rules.Catalogue;

/** docs/rules.md says what the rule classes say: its catalogue table is the one they render. */
class RulesDocTest {

    @Test
    void the_catalogue_in_docs_rules_md_is_the_one_the_rule_classes_render() throws IOException {
        String doc = Files.readString(Paths.get("docs/rules.md"));
        String rendered = RulesDoc.render(Catalogue.rules(new ExactIntervals()));
        int begin = doc.indexOf(RulesDoc.BEGIN);
        int end = doc.indexOf(RulesDoc.END);
        assertThat(begin).as("docs/rules.md has the begin marker").isNotNegative();
        assertThat(end).as("docs/rules.md has the end marker").isGreaterThan(begin);
        String table = doc.substring(begin + RulesDoc.BEGIN.length(), end).strip() + "\n";
        if (!table.equals(rendered)) {
            Path fresh = Paths.get("target/rules-catalogue.md");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, rendered);
            assertThat(table).as("docs/rules.md is out of date with the rule classes; the table they render is in " + fresh
                    + ": paste it between the markers").isEqualTo(rendered);
        }
    }
}
