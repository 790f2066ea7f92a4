package io.netvcr.cli;

import picocli.CommandLine.Command;

/**
 * The parts of {@code @Command} every NetVCR command shares: picocli copies a mixin's command attributes into
 * each command that leaves them unset, so a command names only what is its own (name, header, description,
 * examples, and an exit list when it differs). Mixed in through {@link CommonOptions}; umbrella commands
 * without the common options mix it in directly.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
            ExitCodes.LIST_OK,
            ExitCodes.LIST_USAGE,
            ExitCodes.LIST_DATA,
            ExitCodes.LIST_NO_INPUT,
            ExitCodes.LIST_CANNOT_CREATE,
            ExitCodes.LIST_IO,
            ExitCodes.LIST_INTERRUPTED,
            ExitCodes.LIST_TERMINATED
        },
        footerHeading = "%nExamples:%n")
public final class CommandHeader {}
