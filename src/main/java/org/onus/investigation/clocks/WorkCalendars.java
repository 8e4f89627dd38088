package org.onus.investigation.clocks;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The holiday calendar of each jurisdiction whose clocks count work days. Onus ships the US
 * federal calendar ({@code US.holidays} beside this class); an installation replaces or adds
 * calendars with files {@code <CODE>.holidays} in a directory ({@code <data>/holidays/}, read at
 * start). A jurisdiction without a calendar counts Monday to Friday as work days, and
 * {@link #has} lets the clocks say so.
 */
public final class WorkCalendars {

    /** The calendars Onus ships, by jurisdiction code. */
    static final List<String> BUILT_IN = List.of("US");
    public static final String SUFFIX = ".holidays";

    private final Map<String, HolidayCalendar> calendars;

    private WorkCalendars(Map<String, HolidayCalendar> calendars) {
        this.calendars = Map.copyOf(calendars);
    }

    /** The shipped calendars only. */
    public static WorkCalendars builtIn() {
        Map<String, HolidayCalendar> out = new HashMap<>();
        for (String code : BUILT_IN) {
            String resource = code + SUFFIX;
            try (InputStream in = WorkCalendars.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in holiday calendar " + resource + " is missing from the build");
                }
                out.put(code, HolidayCalendar.parse(code, new InputStreamReader(in, StandardCharsets.UTF_8), resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new WorkCalendars(out);
    }

    /**
     * The shipped calendars, each replaced by a file {@code <CODE>.holidays} in {@code dir} if
     * there is one, plus any other calendars found there. A missing directory is no error; a
     * malformed file is, naming the file and line.
     */
    public static WorkCalendars load(Path dir) {
        Map<String, HolidayCalendar> out = new HashMap<>(builtIn().calendars);
        if (dir == null || !Files.isDirectory(dir)) {
            return new WorkCalendars(out);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String code = name.substring(0, name.length() - SUFFIX.length());
                if (!code.matches("[A-Z]{2}")) {
                    throw new IllegalArgumentException("holiday calendar " + f + ": the file name must be an ISO 3166-1 alpha-2 "
                            + "code in capitals followed by " + SUFFIX + ", e.g. US" + SUFFIX);
                }
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    out.put(code, HolidayCalendar.parse(code, r, f.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the holiday calendars in " + dir, e);
        }
        return new WorkCalendars(out);
    }

    /** Calendars given as text, by jurisdiction code: for tests and embedding. */
    public static WorkCalendars of(Map<String, String> textByCode) {
        Map<String, HolidayCalendar> out = new HashMap<>();
        textByCode.forEach((code, text) -> out.put(code, HolidayCalendar.parse(code, new StringReader(text), code + SUFFIX)));
        return new WorkCalendars(out);
    }

    public boolean has(String jurisdiction) {
        return calendars.containsKey(jurisdiction);
    }

    /** The jurisdiction's calendar, or weekends only when there is none. */
    public HolidayCalendar of(String jurisdiction) {
        HolidayCalendar c = calendars.get(jurisdiction);
        return c != null ? c : HolidayCalendar.weekendsOnly(jurisdiction);
    }
}
