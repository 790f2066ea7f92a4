package io.netvcr.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A NetVCR command: extending this is how a command gets {@link CommonOptions} (and with them
 * {@link CommandHeader}), first in its option list, and the standard exit list. A command whose exits differ names
 * its list in its own {@code @Command}, which replaces this one. A mixed-in list would not: picocli takes a mixin's
 * list only where no annotation has named one, so commands that share a list through a mixin (netvcr samples
 * list and extract) mix in CommonOptions themselves instead of extending this.
 */
@Command(
        exitCodeList = {
            ExitCodes.LIST_OK,
            ExitCodes.LIST_USAGE,
            ExitCodes.LIST_DATA,
            ExitCodes.LIST_NO_INPUT,
            ExitCodes.LIST_CANNOT_CREATE,
            ExitCodes.LIST_IO,
            ExitCodes.LIST_INTERRUPTED,
            ExitCodes.LIST_TERMINATED
        })
public abstract class ToolCommand implements Callable<Integer> {
    @Mixin
    public CommonOptions common = new CommonOptions();
}
