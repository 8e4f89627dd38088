package org.onus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape DESIGN.md gives Onus, checked on the compiled main classes (tests may reach into
 * anything). Rules name packages that may not exist yet ({@code web}, {@code fhir},
 * {@code monitoring}, ...) so that they hold the moment those packages appear.
 *
 * <p>The rules are run from {@code @ArchTest} methods rather than fields because Surefire 3.5.3
 * silently skips {@code @ArchTest} fields (TNG/ArchUnit#1442).
 *
 * <p>{@code org.onus.Onus} and {@code org.onus.cli} are the wiring: they may depend on every
 * feature, and no feature may depend on them.
 */
@AnalyzeClasses(packages = "org.onus", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOMAIN = {"org.onus.ledger..", "org.onus.registry..", "org.onus.recording..",
        "org.onus.monitoring..", "org.onus.investigation..", "org.onus.reporting..", "org.onus.stats.."};

    private static final String[] HTTP_AND_WEB = {"org.onus.http..", "org.onus.web..", "org.onus.fhir..",
        "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "javax.servlet.."};

    /** org.onus.Onus and its nested classes. */
    private static final String WIRING = "org\\.onus\\.Onus(\\$.*)?";

    private static final String[] SQL = {"java.sql..", "javax.sql..", "org.sqlite..", "org.postgresql..", "com.zaxxer.hikari.."};

    static final ArchRule THE_LEDGER_KNOWS_NOTHING_OF_HTTP_OR_SQL = noClasses()
            .that().resideInAPackage("org.onus.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(HTTP_AND_WEB, SQL))
            .because("the ledger sits behind the store interface and under every way of calling it");

    @ArchTest
    static void theLedgerKnowsNothingOfHttpOrSql(JavaClasses classes) {
        THE_LEDGER_KNOWS_NOTHING_OF_HTTP_OR_SQL.check(classes);
    }

    static final ArchRule ONLY_THE_STORE_KNOWS_IT_IS_SQL = noClasses()
            .that().resideOutsideOfPackage("org.onus.store..")
            .should().dependOnClassesThat().resideInAnyPackage(SQL)
            .because("a PostgreSQL store must drop in behind LedgerStore without touching anything else");

    @ArchTest
    static void onlyTheStoreKnowsItIsSql(JavaClasses classes) {
        ONLY_THE_STORE_KNOWS_IT_IS_SQL.check(classes);
    }

    static final ArchRule THE_DOMAIN_AND_ITS_RULES_IMPORT_NOTHING_FROM_HTTP_SQL_OR_THE_WEB = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(concat(HTTP_AND_WEB, SQL))
            .allowEmptyShould(true)
            .because("STYLE.md habit 3: the domain and the rules are plain Java");

    @ArchTest
    static void theDomainAndItsRulesImportNothingFromHttpSqlOrTheWeb(JavaClasses classes) {
        THE_DOMAIN_AND_ITS_RULES_IMPORT_NOTHING_FROM_HTTP_SQL_OR_THE_WEB.check(classes);
    }

    static final ArchRule FEATURE_PACKAGES_HAVE_NO_CYCLES = slices()
            .matching("org.onus.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static void featurePackagesHaveNoCycles(JavaClasses classes) {
        FEATURE_PACKAGES_HAVE_NO_CYCLES.check(classes);
    }

    static final ArchRule NO_FEATURE_DEPENDS_ON_THE_WIRING = noClasses()
            .that().resideOutsideOfPackage("org.onus.cli..")
            .and().haveNameNotMatching(WIRING)
            .should().dependOnClassesThat().resideInAPackage("org.onus.cli..")
            .orShould().dependOnClassesThat().haveNameMatching(WIRING)
            .allowEmptyShould(true)
            .because("only org.onus.Onus and the command line wire the features together");

    @ArchTest
    static void noFeatureDependsOnTheWiring(JavaClasses classes) {
        NO_FEATURE_DEPENDS_ON_THE_WIRING.check(classes);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
