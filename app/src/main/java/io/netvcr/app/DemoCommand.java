package io.netvcr.app;

import io.netvcr.analyze.Compare;
import io.netvcr.analyze.Fidelity;
import io.netvcr.cli.DirectoryConverter;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.Progress;
import io.netvcr.cli.Summary;
import io.netvcr.cli.ToolCommand;
import io.netvcr.cli.ToolException;
import io.netvcr.cli.ToolMain;
import io.netvcr.convert.ConvertCommand;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.prep.PrepCommand;
import io.netvcr.replay.ReplayOptions;
import io.netvcr.replay.ReplayReport;
import io.netvcr.replay.ReplayResult;
import io.netvcr.replay.StopSignal;
import io.netvcr.replay.TimerOption;
import io.netvcr.replay.os.TcpdumpCapture;
import io.netvcr.replay.os.VethNamespaces;
import io.netvcr.samples.WorkloadGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * netvcr demo: the whole pipeline on the bundled sample. Convert, prepare, then (as root) replay onto a veth
 * pair between two private network namespaces while tcpdump captures the far end, and show the sender's report
 * next to what the receiver saw. Without root it replays into a pcap file instead and says why.
 */
@Command(
        name = "netvcr-demo",
        header =
                "Runs the whole pipeline on the bundled sample: convert, prep, replay, and the fidelity of the replay.",
        description = {
            "Converts and prepares the bundled sample trace, then replays it: as root onto a veth pair between two "
                    + "private network namespaces (made and removed by the demo) while tcpdump captures the other end, printing the "
                    + "replay report next to the fidelity seen by the receiver; otherwise into a pcap file, saying why.",
            ""
        },
        exitCodeList = {
            ExitCodes.LIST_OK,
            " 64:usage error (or a pipeline tool is not built)",
            " 66:the sample trace is missing",
            " 70:the demo's set-up failed",
            ExitCodes.LIST_IO
        },
        footer = {
            "  netvcr demo",
            "  sudo netvcr demo --timer spin --keep demo-files/",
            "  netvcr demo --trace capture.pcap.gz"
        })
public final class DemoCommand extends ToolCommand {
    static final String SAMPLE = "samples/traces/netvcr-sample.pcap";
    /** Where the release archive keeps the sample (netvcr-VERSION/share/netvcr/samples/). */
    static final String INSTALLED_SAMPLE = "share/netvcr/samples/netvcr-sample.pcap";

    @Option(
            names = "--trace",
            paramLabel = "FILE",
            description =
                    "Use this trace instead of the bundled sample (any format netvcr-convert reads, or a prepared .nvcr).")
    String trace;

    @Mixin
    TimerOption timer = new TimerOption();

    @Option(names = "--no-namespaces", description = "Replay into a pcap file even when running as root.")
    boolean noNamespaces;

    @Option(
            names = "--keep",
            paramLabel = "DIR",
            converter = DirectoryConverter.class,
            description = "Keep the intermediate files (converted, prepared, captured) in DIR.")
    String keep;

    public static void main(String[] args) {
        ToolMain.main("netvcr-demo", new DemoCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrintStream say =
                common.json || common.quiet ? new PrintStream(java.io.OutputStream.nullOutputStream()) : System.out;
        Path work = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("netvcr-demo-");
        try {
            Path prepared = prepare(locateTrace(say), work, say);
            String noVeth = noNamespaces ? "--no-namespaces given" : vethUnavailable();
            Summary s = noVeth == null ? onVeth(prepared, work, say) : toPcap(prepared, work, noVeth, say);
            if (common.json) {
                System.out.println(s.toJson());
            }
            return ((Number) s.get("exitCode")).intValue();
        } finally {
            if (keep == null) {
                deleteTree(work);
            }
        }
    }

    private Path locateTrace(PrintStream say) throws IOException {
        if (trace != null) {
            if (!Files.exists(Path.of(trace))) {
                throw new java.nio.file.NoSuchFileException(trace);
            }
            return Path.of(trace);
        }
        for (Path root : candidateRoots()) {
            for (String relative : new String[] {SAMPLE, INSTALLED_SAMPLE}) {
                Path p = root.resolve(relative);
                if (Files.isRegularFile(p)) {
                    say.println("Sample: " + p);
                    return p;
                }
            }
        }
        Path gen = Files.createTempFile("netvcr-demo-synthetic-", ".pcap");
        gen.toFile().deleteOnExit();
        WorkloadGenerator.writePeriodicPcap(gen, 2000, 500_000, 64, WorkloadGenerator.DEFAULT_START_NS);
        say.println("Sample: the bundled " + SAMPLE + " is not in this build; using a generated periodic trace instead "
                + "(2,000 UDP frames in 198.18.0.0/15, one every 500 us)");
        return gen;
    }

    /** The project checkout: from -Dnetvcr.project.root, the working directory, or where this jar lives (app/target). */
    private static Path[] candidateRoots() {
        java.util.List<Path> roots = new java.util.ArrayList<>();
        String prop = System.getProperty("netvcr.project.root");
        if (prop != null) {
            roots.add(Path.of(prop));
        }
        roots.add(Path.of("").toAbsolutePath());
        try {
            Path code = Path.of(DemoCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                roots.add(p);
            }
        } catch (Exception e) {
            // no code source: the other candidates remain
        }
        return roots.toArray(new Path[0]);
    }

    private Path prepare(Path input, Path work, PrintStream say) throws IOException {
        if (isPreparedNvcr(input)) {
            say.println("Trace is already prepared: " + input);
            return input;
        }
        Path converted = work.resolve("sample.nvcr");
        Path prepared = work.resolve("sample.prepared.nvcr");
        say.println("$ netvcr convert " + input + " " + converted);
        int c = ToolMain.run(
                "netvcr-convert", new ConvertCommand(), new String[] {"-q", input.toString(), converted.toString()});
        if (c != 0) {
            throw new ToolException(c, "demo stopped: netvcr-convert failed (exit " + c + ")");
        }
        say.println("$ netvcr prep " + converted + " " + prepared);
        int p = ToolMain.run(
                "netvcr-prep", new PrepCommand(), new String[] {"-q", converted.toString(), prepared.toString()});
        if (p != 0 || !Files.exists(prepared)) {
            throw new ToolException(
                    p == 0 ? ExitCodes.SOFTWARE : p, "demo stopped: netvcr-prep failed (exit " + p + ")");
        }
        return prepared;
    }

    private static boolean isPreparedNvcr(Path p) {
        try {
            NvcrHeader h = NvcrFile.readHeader(p);
            return h.isPrepared();
        } catch (IOException e) {
            return false;
        }
    }

    private static String vethUnavailable() {
        String why = VethNamespaces.unavailableReason();
        return why != null ? why : TcpdumpCapture.unavailableReason();
    }

    private Summary onVeth(Path prepared, Path work, PrintStream say) throws Exception {
        Path capture = work.resolve("received.pcap");
        ReplayResult result;
        try (VethNamespaces veth = VethNamespaces.create("nvcr-demo")) {
            say.println("Wire: veth pair " + veth.interfaceA() + " (netns " + veth.namespaceA() + ") -> "
                    + veth.interfaceB() + " (netns " + veth.namespaceB()
                    + "), tcpdump --time-stamp-precision=nano on the far end");
            try (TcpdumpCapture tcpdump = TcpdumpCapture.start(veth.namespaceB(), veth.interfaceB(), capture)) {
                result = replay(options(prepared).netns(veth.namespaceA()).interfaceName(veth.interfaceA()));
                tcpdump.awaitFileSize(Long.MAX_VALUE, 2_000, 30_000);
                tcpdump.stop();
            }
        }
        Summary s = report(
                prepared,
                capture,
                result,
                "Receiver (tcpdump on the other end of the veth pair)",
                "arrived",
                "receiver",
                say);
        s.put("mode", "veth");
        return s;
    }

    /** The sender's report next to what the capture (or pcap sink) holds, matched against the prepared trace. */
    private static Summary report(
            Path prepared, Path seen, ReplayResult result, String heading, String verb, String key, PrintStream say)
            throws Exception {
        Fidelity fid = Compare.run(prepared.toString(), seen.toString(), new Compare.Settings(), Progress.none());
        say.println();
        say.println("== Sender (netvcr replay) ==");
        say.print(ReplayReport.text(result));
        say.println();
        say.println("== " + heading + " ==");
        say.print(fidelityText(fid, verb));
        Summary s = ReplayReport.summary(result);
        s.put(key, fid.report(null));
        return s;
    }

    private Summary toPcap(Path prepared, Path work, String why, PrintStream say) throws Exception {
        Path out = work.resolve("replayed.pcap");
        say.println("Wire: none (" + why + "); replaying into " + out + " instead - run as root for the veth demo");
        ReplayResult result = replay(options(prepared).sink("pcap:" + out));
        Summary s = report(
                prepared,
                out,
                result,
                "Written frames (pcap sink, stamped with send times; no receiver without a wire)",
                "written",
                "written",
                say);
        s.put("mode", "pcap");
        s.put("why", why);
        return s;
    }

    /** The receiver's side in two lines, from netvcr-analyze's comparison (frames matched by content). */
    private static String fidelityText(Fidelity f, String verb) {
        return String.format(
                java.util.Locale.ROOT,
                "Frames: %s of %s %s (%s missing, %s reordered, %s duplicated, %s unexpected)%n"
                        + "Timing error seen there (capture time - first capture time - scheduled offset): %s%n",
                f.accounting().matched(),
                f.accounting().originalPackets(),
                verb,
                f.accounting().missing(),
                f.accounting().reordered(),
                f.accounting().duplicated(),
                f.accounting().extra(),
                f.epsilon().brief("us", 1e3));
    }

    private ReplayOptions.Builder options(Path prepared) {
        return ReplayOptions.builder(prepared.toString()).timer(timer.timer());
    }

    private static ReplayResult replay(ReplayOptions.Builder o) throws Exception {
        try (StopSignal stop = StopSignal.install()) {
            return io.netvcr.replay.ReplayCommand.replay(o, stop);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
