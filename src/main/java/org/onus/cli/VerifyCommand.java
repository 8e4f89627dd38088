package org.onus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "verify", description = "placeholder")
final class VerifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
