package io.netvcr.samples;

import io.netvcr.cli.ExitCodes;
import picocli.CommandLine.Command;

/**
 * The exit list of {@code netvcr samples} and its list and extract commands, declared once: extract's "no such
 * sample" (66) takes the place of the standard list's bad data and missing input. Mixed in beside
 * CommonOptions rather than through {@link io.netvcr.cli.ToolCommand}: picocli takes a mixin's exit list only
 * where no annotation above it has named one, and ToolCommand's names the standard list.
 */
@Command(
        exitCodeList = {
            ExitCodes.LIST_OK,
            ExitCodes.LIST_USAGE,
            " 66:no such sample",
            ExitCodes.LIST_CANNOT_CREATE,
            ExitCodes.LIST_IO
        })
public final class SampleExitCodes {}
