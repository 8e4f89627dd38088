package org.onus.investigation;

import java.util.List;

/**
 * The rule catalogue as Markdown, from the rule classes themselves: what docs/rules.md holds
 * between its {@code catalogue} markers, and what a test holds that file to.
 */
public final class RulesDoc {

    public static final String BEGIN = "<!-- catalogue:begin (generated from the rule classes; RulesDocTest keeps it true) -->";
    public static final String END = "<!-- catalogue:end -->";

    private RulesDoc() {
    }

    public static String render(List<Rule> rules) {
        StringBuilder out = new StringBuilder();
        out.append("| id | link | statement | parties | basis | undetermined when |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Rule r : rules) {
            out.append("| `").append(r.id()).append("` | ").append(r.link().wireName()).append(" | ").append(cell(r.statement()))
                    .append(" | ").append(cell(r.parties())).append(" | ").append(cell(r.basis())).append(" | ")
                    .append(cell(r.undeterminedWhen())).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
