package io.netvcr.app;

import io.netvcr.analyze.AnalyzeCommand;
import io.netvcr.cli.HelpCache;
import io.netvcr.cli.ModelCache;
import io.netvcr.cli.ToolMain;
import io.netvcr.convert.ConvertCommand;
import io.netvcr.prep.PrepCommand;
import io.netvcr.replay.ReplayCommand;
import io.netvcr.samples.BundledSamples;
import io.netvcr.samples.SamplesCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The training run for the application class-data archive (bin/netvcr-java --cds-rebuild runs it under
 * -XX:DumpLoadedClassList, then dumps the classes listed): it walks the paths people start most often, so their classes are parsed and
 * verified at package time instead of at every start. Help and version come first; then the bundled sample
 * goes through convert, prep, analyze and a null-sink replay at top speed (no network, no privileges).
 * A failing step does not stop the rest: a smaller archive is still an archive. The same run writes the help
 * pages the launcher prints without building picocli's model (HelpCache), so they belong to the same JVM and jars.
 */
public final class CdsTraining {
    private CdsTraining() {}

    /** The standalone programs next to the umbrella (bin/netvcr-TOOL runs TOOL's main), by command name. */
    static final Map<String, Supplier<Object>> STANDALONE = standalone();

    private static Map<String, Supplier<Object>> standalone() {
        Map<String, Supplier<Object>> tools = new LinkedHashMap<>();
        tools.put("netvcr-convert", ConvertCommand::new);
        tools.put("netvcr-prep", PrepCommand::new);
        tools.put("netvcr-analyze", AnalyzeCommand::new);
        tools.put("netvcr-replay", ReplayCommand::new);
        tools.put("netvcr-demo", DemoCommand::new);
        tools.put("netvcr-samples", SamplesCommand::new);
        return Collections.unmodifiableMap(tools);
    }

    /** Writes the help page of every command (HelpCache) into DIR: the umbrella's and each standalone tool's. */
    static List<String> writeHelpPages(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> written = new ArrayList<>(HelpCache.write(dir, NetvcrMain.commandLine()));
        for (var tool : STANDALONE.entrySet()) {
            written.addAll(HelpCache.write(
                    dir, ToolMain.commandLine(tool.getKey(), tool.getValue().get())));
        }
        return written;
    }

    /**
     * Writes the parsing model of every standalone tool that has one (ModelCache) into DIR, beside the help
     * pages: their runs then parse without reading annotations.
     */
    static List<String> writeModels(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> written = new ArrayList<>();
        for (var tool : STANDALONE.entrySet()) {
            if (ModelCache.write(dir, tool.getKey(), tool.getValue().get())) {
                written.add(tool.getKey());
            }
        }
        return written;
    }

    /** ARGS: [HELP_DIR], where the help pages and parsing models go (none written without it). */
    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            writeHelpPages(Path.of(args[0]));
            writeModels(Path.of(args[0]));
            // the steps below then run as the launcher will, from the models: their classes go into the archive
            System.setProperty(HelpCache.DIR_PROPERTY, args[0]);
        }

        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(sink);
        System.setErr(sink);
        Path work = Files.createTempDirectory("netvcr-cds-");
        int failures = 0;
        try {
            // (the help pages above rendered every command's --help already)
            for (String[] a : new String[][] {{"--help"}, {"--version"}}) {
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
