package io.netvcr.cli;

import picocli.CommandLine.Command;

/**
 * The parts of {@code @Command} every NetVCR command shares: picocli copies a mixin's command attributes into
 * each command that leaves them unset, so a command names only what is its own (name, header, description,
 * examples, and an exit list when it differs). Mixed in through {@link CommonOptions}; umbrella commands
 * without the common options mix it in directly. The standard exit list is not here but on {@link ToolCommand}:
 * picocli keeps a mixin's exit list over the list in the annotation of a subclass of the class that mixes it in.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeListHeading = ExitCodes.HEADING,
        footerHeading = "%nExamples:%n")
public final class CommandHeader {}
