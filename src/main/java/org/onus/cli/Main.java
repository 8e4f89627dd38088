package org.onus.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code onus} command line: one entry point, one subcommand per job. */
@Command(name = "onus", mixinStandardHelpOptions = true, version = "onus 0.1.0",
        description = "Flight recorder and accident investigator for AI used in clinical care.",
        subcommands = {ServeCommand.class, DemoCommand.class, VerifyCommand.class, MigrateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and for {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
