package org.onus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", description = "placeholder")
final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
