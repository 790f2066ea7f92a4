package io.netvcr.samples;

import io.netvcr.cli.CommonOptions;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** netvcr samples list: the bundled sample traces. */
@Command(
        name = "list",
        header = "Lists the sample traces bundled with NetVCR.",
        description = {"Lists the sample traces bundled with NetVCR; 'extract NAME OUTPUT' writes one to a file.", ""},
        footer = {"  netvcr samples list", "  netvcr samples list --json"})
public final class ListSamplesCommand implements Callable<Integer> {
    @Mixin
    SampleExitCodes exitCodes = new SampleExitCodes();

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (BundledSamples.Sample s : BundledSamples.ALL) {
            rows.add(new Row(s.name(), s.size(), s.description()));
        }
        if (common.json) {
            System.out.println(Summary.json(new Report(rows)));
        } else {
            for (Row r : rows) {
                System.out.printf(
                        java.util.Locale.ROOT, "%-24s %,9d bytes  %s%n", r.name(), r.bytes(), r.description());
            }
        }
        return ExitCodes.OK;
    }

    /** What --json prints: {"samples": [{"name", "bytes", "description"}, ...]}. */
    record Report(List<Row> samples) {}

    /** One bundled trace. */
    record Row(String name, long bytes, String description) {}
}
