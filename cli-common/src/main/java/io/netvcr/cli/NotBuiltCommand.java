package io.netvcr.cli;

import java.util.concurrent.Callable;

/** Base for a tool that exists as a command but whose work is not implemented yet: says so, exit 64. */
public abstract class NotBuiltCommand implements Callable<Integer> {
    protected abstract String toolName();

    @Override
    public Integer call() {
        System.err.println(toolName() + ": not built yet in NetVCR " + VersionProvider.version()
            + " (see the project's open issues); nothing was done.");
        return ExitCodes.USAGE;
    }
}
