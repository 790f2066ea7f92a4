package io.netvcr.samples;

import io.netvcr.cli.CommonOptions;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.Output;
import io.netvcr.cli.Summary;
import io.netvcr.cli.ToolException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** netvcr samples extract: copies a bundled sample trace out of the jar. */
@Command(
        name = "extract",
        header = "Writes a bundled sample trace to a file or to stdout.",
        description = {"Writes a bundled sample trace (see 'list') to OUTPUT, or to stdout with '-'.", ""},
        footer = {
            "  netvcr samples extract netvcr-sample.pcap sample.pcap",
            "  netvcr samples extract netvcr-sample.pcap - | netvcr convert - sample.nvcr"
        })
public final class ExtractSampleCommand implements Callable<Integer> {
    @Mixin
    SampleExitCodes exitCodes = new SampleExitCodes();

    @Mixin
    CommonOptions common = new CommonOptions();

    /** What --json prints. */
    record Report(String sample, String output, long bytes) {}

    @Parameters(index = "0", paramLabel = "NAME", description = "Sample name, as 'list' prints it.")
    String name;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "Output file, or - for stdout.")
    String output;

    @Override
    public Integer call() throws Exception {
        BundledSamples.Sample sample = BundledSamples.byName(name)
                .orElseThrow(() ->
                        new ToolException(ExitCodes.NO_INPUT, "no bundled sample named '" + name + "'; try 'list'"));
        long bytes;
        try (InputStream in = sample.open();
                Output out = Output.open(output)) {
            OutputStream os = Channels.newOutputStream(out.channel());
            bytes = in.transferTo(os);
            os.flush();
            out.commit();
        }
        Summary.of(new Report(name, output, bytes))
                .print(
                        common,
                        Output.isStdout(output) ? System.err : System.out,
                        "extracted " + name + " (" + bytes + " bytes) to " + output);
        return ExitCodes.OK;
    }
}
