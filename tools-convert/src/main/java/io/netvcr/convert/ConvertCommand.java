package io.netvcr.convert;

import io.netvcr.cli.CommonOptions;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.Output;
import io.netvcr.cli.Progress;
import io.netvcr.cli.Summary;
import io.netvcr.cli.ToolException;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceFormats;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.NvcrLayout;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** netvcr-convert: any supported trace to NetVCR, and NetVCR (or any trace) to pcap/pcapng. */
@Command(name = "netvcr-convert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Converts packet traces into the NetVCR fixed-record format (.nvcr), or a NetVCR",
        "file back to pcap/pcapng. The output type follows the output's extension;",
        "'-' as input reads stdin and as output writes NetVCR to stdout, so tools chain:",
        "  netvcr-convert in.pcap.gz - | netvcr-prep - out.nvcr",
        "Compressed input (gzip, bzip2, xz, zstd) is recognised by content.",
        "Several inputs are merged by time, each (input, interface) pair becoming its",
        "own interface. An input may name its format libtrace-style (tsh:FILE,",
        "legacy-atm:FILE); headerless formats need that or --format, which applies to",
        "every input without such a prefix.",
        ""},
    footer = {"", "Exit codes: 0 ok, 64 usage, 65 bad input data, 66 input missing, 73 cannot create output,",
        "74 I/O error, 130 stopped by SIGINT, 143 by SIGTERM (unfinished outputs are removed)."})
public final class ConvertCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = {"-F", "--format"}, paramLabel = "FORMAT",
        description = "Input format instead of detection by content: ${COMPLETION-CANDIDATES}.",
        completionCandidates = FormatNames.class)
    String format;

    @Option(names = {"-s", "--snap"}, paramLabel = "BYTES",
        description = "Leading bytes of each packet to store in a NetVCR record (default ${DEFAULT-VALUE}: "
            + "Ethernet + 2 VLAN tags + IPv6 + TCP with options). A warning says when it cuts the IP/transport "
            + "headers of the trace's own packets; netvcr-prep sends at most snap - headers bytes of real payload.")
    int snap = NvcrLayout.DEFAULT_SNAP;

    @Option(names = "--record-size", paramLabel = "BYTES",
        description = "NetVCR record length, a multiple of 64 (default: the smallest that holds --snap).")
    int recordSize;

    @Option(names = "--filter", paramLabel = "EXPR",
        description = "Keep only packets matching this tcpdump/BPF expression (compiled by libpcap).")
    String filter;

    @Option(names = "--time-range", paramLabel = "START,END",
        description = "Keep packets with START <= time < END: epoch seconds (1095292801.5) or ISO-8601 with offset; "
            + "either end may be empty.")
    String timeRange;

    @Option(names = "--skip", paramLabel = "N", description = "Drop the first N selected packets.")
    long skip;

    @Option(names = "--limit", paramLabel = "N", description = "Write at most N packets.")
    long limit = -1;

    @Option(names = "--link-ethernet", negatable = true, paramLabel = "",
        description = "Give raw-IP records (TSH, ERF IPv4/IPv6) a synthetic Ethernet header so they can be replayed "
            + "on an Ethernet. Default: on when writing NetVCR, off for pcap/pcapng.")
    Boolean linkEthernet;

    @Option(names = "--src-mac", paramLabel = "MAC", description = "Source MAC of the synthetic Ethernet header "
        + "(default 02:00:00:00:00:01).")
    String srcMac;

    @Option(names = "--dst-mac", paramLabel = "MAC", description = "Destination MAC of the synthetic Ethernet header "
        + "(default 02:00:00:00:00:02).")
    String dstMac;

    @Option(names = "--as-replayed", description = "Input is a prepared .nvcr: export the frames the replayer will send "
        + "(padding, rewrites, checksums), stamped with the first packet's time plus the schedule.")
    boolean asReplayed;

    @Option(names = "--keep-payload", description = "NetVCR output: also write whole packets to OUTPUT.payload, "
        + "for netvcr-prep --payload keep.")
    boolean keepPayload;

    @Option(names = "--salvage",
        description = "Damaged input (e.g. a capture cut off mid-record): keep every whole record before the damage, "
            + "warn, and exit 0 instead of failing.")
    boolean salvage;

    @Parameters(arity = "2..*", paramLabel = "INPUT... OUTPUT", hideParamSyntax = true,
        description = "Input traces ([FORMAT:]PATH, - for stdin), then the output: .nvcr, .pcap, .pcapng, or - "
            + "(NetVCR to stdout).")
    List<String> files;

    /** Lists format names for --help. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TraceFormats.names().iterator();
        }
    }

    public static void main(String[] args) {
        ToolMain.main("netvcr-convert", new ConvertCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        ConvertOptions o = new ConvertOptions();
        o.inputs = files.subList(0, files.size() - 1);
        o.output = files.get(files.size() - 1);
        o.format = format;
        o.asReplayed = asReplayed;
        o.keepPayload = keepPayload;
        if (keepPayload && (OutputKind.forPath(o.output) != OutputKind.NVCR || "-".equals(o.output))) {
            throw ToolException.usage("--keep-payload needs a .nvcr output file (the sidecar is OUTPUT.payload)");
        }
        o.reader.salvage = salvage;
        if (snap < 0 || snap > NvcrLayout.MAX_RECORD_LENGTH - NvcrLayout.RECORD_HEADER_LENGTH) {
            throw ToolException.usage("--snap " + snap + " is out of range (0.."
                + (NvcrLayout.MAX_RECORD_LENGTH - NvcrLayout.RECORD_HEADER_LENGTH) + ")");
        }
        o.snap = snap;
        if (recordSize != 0 && (recordSize % 64 != 0 || recordSize < NvcrLayout.recordLengthFor(snap)
            || recordSize > NvcrLayout.MAX_RECORD_LENGTH)) {
            throw ToolException.usage("--record-size " + recordSize + " must be a multiple of 64, at least "
                + NvcrLayout.recordLengthFor(snap) + " for --snap " + snap + ", at most " + NvcrLayout.MAX_RECORD_LENGTH);
        }
        o.recordLength = recordSize;
        o.filter = filter;
        o.linkEthernet = linkEthernet;
        try {
            if (timeRange != null) {
                o.timeRange = TimeRange.parse(timeRange);
            }
            if (srcMac != null) {
                o.reader.srcMac = mac("--src-mac", srcMac);
            }
            if (dstMac != null) {
                o.reader.dstMac = mac("--dst-mac", dstMac);
            }
        } catch (IllegalArgumentException e) {
            throw ToolException.usage(e.getMessage());
        }
        if (skip < 0) {
            throw ToolException.usage("--skip must not be negative");
        }
        o.skip = skip;
        o.limit = limit;
        o.toolVersion = "netvcr " + VersionProvider.version();
        if (format != null && TraceFormats.byName(format).isEmpty()) {
            throw ToolException.usage("unknown --format '" + format + "'; known: " + String.join(", ", TraceFormats.names()));
        }
        try {
            OutputKind.forPath(o.output);
        } catch (IllegalArgumentException e) {
            throw ToolException.usage(e.getMessage());
        }
        long total = 0;
        for (String arg : o.inputs) {
            String path = InputSpec.parse(arg, format).path();
            if (TraceInput.isStdio(path) || !new java.io.File(path).isFile()) {
                total = -1;
                break;
            }
            total += new java.io.File(path).length();
        }
        String in = String.join(" ", o.inputs);
        ConvertResult r;
        try (Progress progress = Progress.start(common, "convert", total, "MiB", 1 << 20)) {
            r = Converter.convert(o, progress);
        }
        double secs = r.elapsedNs / 1e9;
        Summary s = new Summary()
            .put("input", in).put("inputFormat", r.inputFormat).put("output", o.output).put("outputType", r.outputKind)
            .put("packets", r.packets).put("packetsRead", r.packetsRead).put("interfaces", r.interfaces)
            .put("wireBytes", r.wireBytes).put("storedBytes", r.storedBytes)
            .put("truncated", r.truncated).put("inputBytes", r.inputBytes)
            .put("elapsedNs", r.elapsedNs)
            .put("packetsPerSecond", secs > 0 ? Math.round(r.packets / secs) : 0)
            .put("megabytesPerSecond", secs > 0 ? round1(r.inputBytes / secs / 1e6) : 0);
        if (r.outputKind.equals("nvcr")) {
            s.putPath("snap.cutsHeaders", r.snapCutsHeaders).putPath("snap.cutsEssentials", r.snapCutsEssentials)
                .putPath("snap.keepsHeadersAt", r.snapForHeaders);
        }
        if (r.snapWarning != null) {
            s.putPath("snap.warning", r.snapWarning);
            System.err.println("netvcr-convert: warning: " + r.snapWarning);
        }
        if (r.salvageWarning != null) {
            s.put("salvaged", r.salvageWarning);
            System.err.println("netvcr-convert: warning: " + r.salvageWarning);
        }
        String line = String.format(Locale.ROOT,
            "converted %,d packets%s (%,d wire bytes, %,d truncated records) from %s %s to %s in %.3f s (%,.0f packets/s, %.1f MB/s)",
            r.packets, r.packetsRead != r.packets ? String.format(Locale.ROOT, " of %,d read", r.packetsRead) : "", r.wireBytes, r.truncated, r.inputFormat, in, o.output, secs,
            secs > 0 ? r.packets / secs : 0.0, secs > 0 ? r.inputBytes / secs / 1e6 : 0.0);
        s.print(common, Output.isStdout(o.output) ? System.err : System.out, line);
        return ExitCodes.OK;
    }

    /** aa:bb:cc:dd:ee:ff (or with '-') to 6 bytes. */
    static byte[] mac(String option, String text) {
        String[] parts = text.split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException(option + " '" + text + "': expected six hex bytes like 02:00:00:00:00:01");
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            try {
                int v = Integer.parseInt(parts[i], 16);
                if (v < 0 || v > 255 || parts[i].length() > 2) {
                    throw new NumberFormatException();
                }
                b[i] = (byte) v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " '" + text + "': '" + parts[i] + "' is not a hex byte");
            }
        }
        return b;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Formats known to this build, for help texts elsewhere. */
    public static String formatTable() {
        StringBuilder b = new StringBuilder();
        for (TraceFormat f : TraceFormats.all()) {
            b.append(String.format(Locale.ROOT, "  %-12s %s%n", f.name(), f.description()));
        }
        return b.toString();
    }
}
