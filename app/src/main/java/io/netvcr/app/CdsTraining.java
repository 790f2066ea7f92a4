package io.netvcr.app;

import io.netvcr.analyze.AnalyzeCommand;
import io.netvcr.cli.ToolMain;
import io.netvcr.convert.ConvertCommand;
import io.netvcr.prep.PrepCommand;
import io.netvcr.replay.ReplayCommand;
import io.netvcr.samples.BundledSamples;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run for the application class-data archive (bin/netvcr-java --cds-rebuild runs it under
 * -XX:ArchiveClassesAtExit): it walks the paths people start most often, so their classes are parsed and
 * verified at package time instead of at every start. Help and version come first; then the bundled sample
 * goes through convert, prep, analyze and a null-sink replay at top speed (no network, no privileges).
 * A failing step does not stop the rest: a smaller archive is still an archive.
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(sink);
        System.setErr(sink);
        Path work = Files.createTempDirectory("netvcr-cds-");
        int failures = 0;
        try {
            for (String[] a : new String[][] {
                {"--help"},
                {"--version"},
                {"convert", "--help"},
                {"prep", "--help"},
                {"analyze", "--help"},
                {"replay", "--help"},
                {"samples", "--help"},
                {"demo", "--help"}
            }) {
                failures += NetvcrMain.commandLine().execute(a) == 0 ? 0 : 1;
            }
            Path pcap = work.resolve("sample.pcap");
            try (InputStream in = BundledSamples.ALL.get(0).open()) {
                Files.copy(in, pcap, StandardCopyOption.REPLACE_EXISTING);
            }
            String nvcr = work.resolve("sample.nvcr").toString();
            String prepared = work.resolve("prepared.nvcr").toString();
            failures += step("netvcr-analyze", new AnalyzeCommand(), "--json", pcap.toString());
            failures += step("netvcr-convert", new ConvertCommand(), "--json", pcap.toString(), nvcr);
            failures += step("netvcr-prep", new PrepCommand(), "--json", nvcr, prepared);
            failures += step("netvcr-analyze", new AnalyzeCommand(), prepared);
            failures += step("netvcr-replay", new ReplayCommand(), "--json", "--sink", "null", "--topspeed", prepared);
            failures += step(
                    "netvcr-convert",
                    new ConvertCommand(),
                    prepared,
                    work.resolve("back.pcap").toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (failures > 0) {
            System.err.println(
                    "netvcr: class-data training: " + failures + " step(s) failed; archive made from the rest");
        }
    }

    private static int step(String tool, Object command, String... args) {
        try {
            return ToolMain.run(tool, command, args) == 0 ? 0 : 1;
        } catch (Throwable t) {
            // classes loaded up to the failure still go into the archive
            return 1;
        }
    }
}
