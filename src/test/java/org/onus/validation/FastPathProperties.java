package org.onus.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written scans that stand in for a pattern or a formatter on the ingest path accept exactly what those accept. */
class FastPathProperties {

    @Property(tries = 3000)
    void rfc3339ScanAgreesWithOffsetDateTime(@ForAll("dateTimes") String s) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            expected = null;
        }
        Instant fast = Rfc3339.common(s);
        if (fast != null) {
            assertThat(fast).as(s).isEqualTo(expected);
        }
        Instant parsed;
        try {
            parsed = Rfc3339.parse(s);
        } catch (DateTimeParseException e) {
            parsed = null;
        }
        assertThat(parsed).as(s).isEqualTo(expected);
    }

    @net.jqwik.api.Example
    void theCommonFormsTakeTheScan() {
        assertThat(Rfc3339.common("2026-03-01T08:15:00Z")).isEqualTo(Instant.parse("2026-03-01T08:15:00Z"));
        assertThat(Rfc3339.common("2026-03-01T08:15:00.125+01:00")).isEqualTo(Instant.parse("2026-03-01T07:15:00.125Z"));
        assertThat(Rfc3339.common("2026-03-01T08:15:00")).isNull();
    }

    @Property(tries = 3000)
    void idScanAgreesWithThePattern(@ForAll("ids") String s) {
        assertThat(Fields.isId(s)).as(s).isEqualTo(Fields.ID.matcher(s).matches());
    }

    @Property(tries = 2000)
    void digestScanAgreesWithThePattern(@ForAll("digests") String s) {
        assertThat(Fields.isSha256(s)).as(s).isEqualTo(Fields.SHA256.matcher(s).matches());
    }

    @Provide
    Arbitrary<String> dateTimes() {
        Arbitrary<String> wellFormed = Combinators.combine(
                Arbitraries.longs().between(-62_000_000_000L, 253_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(-18 * 4, 18 * 4),
                Arbitraries.integers().between(0, 9)).as((sec, nanos, quarter, digits) -> {
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarter * 900);
                    String base = OffsetDateTime.ofInstant(Instant.ofEpochSecond(sec), offset).toString();
                    String fraction = digits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, digits);
                    // toString drops ":00" seconds; put them back so the common form is exercised
                    int t = base.indexOf('T');
                    String date = base.substring(0, t + 6);
                    String rest = base.substring(t + 6);
                    String seconds = rest.startsWith(":") ? rest.substring(0, 3) : ":00";
                    String zone = rest.startsWith(":") ? rest.substring(3).replaceFirst("^\\.\\d+", "") : rest;
                    return date + seconds + fraction + zone;
                });
        Arbitrary<String> mutated = wellFormed.flatMap(s -> Arbitraries.integers().between(0, s.length() - 1)
                .flatMap(i -> Arbitraries.of('0', '9', '3', '-', ':', 'T', 't', 'Z', 'z', '.', '+', ' ', 'x', '6')
                        .map(c -> s.substring(0, i) + c + s.substring(i + 1))));
        Arbitrary<String> edges = Arbitraries.of("2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-04-31T10:00:00Z",
                "2026-01-01T24:00:00Z", "2026-01-01T23:59:60Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z",
                "2026-01-01T00:00:00+18:00", "2026-01-01T00:00:00-18:00", "2026-01-01T00:00:00+18:01", "2026-01-01T00:00:00+0100",
                "2026-01-01T00:00:00", "2026-01-01t00:00:00z", "0000-01-01T00:00:00Z", "+12026-01-01T00:00:00Z",
                "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-01T00:00Z", "2026-01-01T00:00:00+01:00:30");
        return Arbitraries.oneOf(wellFormed, mutated, edges);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("aZ09._:@/-").ofMinLength(0).ofMaxLength(130),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.strings().withChars("a").ofMinLength(126).ofMaxLength(130));
    }

    @Provide
    Arbitrary<String> digests() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(62).ofMaxLength(66).map(h -> "sha256:" + h),
                Arbitraries.strings().withChars("0123456789abcdefABG").ofLength(64).map(h -> "sha256:" + h),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha265:" + h));
    }
}
