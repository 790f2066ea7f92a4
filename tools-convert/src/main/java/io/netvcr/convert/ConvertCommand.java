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
    description = {"Converts a packet trace into the NetVCR fixed-record format (.nvcr), or a NetVCR file back to",
        "pcap/pcapng. The output type follows the output's extension; '-' as input reads stdin and",
        "as output writes NetVCR to stdout, so tools chain in pipelines:",
        "  netvcr-convert in.pcap.gz - | netvcr-prep - out.nvcr",
        "Compressed input (gzip, bzip2, xz, zstd) is recognised by content.",
        ""},
    footer = {"", "Exit codes: 0 ok, 64 usage, 65 bad input data, 66 input missing, 73 cannot create output, 74 I/O error."})
public final class ConvertCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = {"-F", "--format"}, paramLabel = "FORMAT",
        description = "Input format instead of detection by content: ${COMPLETION-CANDIDATES}.",
        completionCandidates = FormatNames.class)
    String format;

    @Option(names = {"-s", "--snap"}, paramLabel = "BYTES",
        description = "Leading bytes of each packet to store in a NetVCR record (default ${DEFAULT-VALUE}: "
            + "Ethernet + 2 VLAN tags + IPv6 + TCP with options).")
    int snap = NvcrLayout.DEFAULT_SNAP;

    @Option(names = "--record-size", paramLabel = "BYTES",
        description = "NetVCR record length, a multiple of 64 (default: the smallest that holds --snap).")
    int recordSize;

    @Option(names = "--salvage",
        description = "Damaged input (e.g. a capture cut off mid-record): keep every whole record before the damage, "
            + "warn, and exit 0 instead of failing.")
    boolean salvage;

    @Parameters(arity = "2", paramLabel = "INPUT OUTPUT",
        description = "Input trace (or - for stdin), then output: .nvcr, .pcap, .pcapng, or - (NetVCR to stdout).")
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
        o.toolVersion = "netvcr " + VersionProvider.version();
        if (format != null && TraceFormats.byName(format).isEmpty()) {
            throw ToolException.usage("unknown --format '" + format + "'; known: " + String.join(", ", TraceFormats.names()));
        }
        try {
            OutputKind.forPath(o.output);
        } catch (IllegalArgumentException e) {
            throw ToolException.usage(e.getMessage());
        }
        long total = -1;
        String in = o.inputs.get(0);
        if (!TraceInput.isStdio(in) && new java.io.File(in).isFile()) {
            total = new java.io.File(in).length();
        }
        ConvertResult r;
        try (Progress progress = Progress.start(common, "convert", total, "MiB", 1 << 20)) {
            r = Converter.convert(o, progress);
        }
        double secs = r.elapsedNs / 1e9;
        Summary s = new Summary()
            .put("input", in).put("inputFormat", r.inputFormat).put("output", o.output).put("outputType", r.outputKind)
            .put("packets", r.packets).put("wireBytes", r.wireBytes).put("storedBytes", r.storedBytes)
            .put("truncated", r.truncated).put("inputBytes", r.inputBytes)
            .put("elapsedNs", r.elapsedNs)
            .put("packetsPerSecond", secs > 0 ? Math.round(r.packets / secs) : 0)
            .put("megabytesPerSecond", secs > 0 ? round1(r.inputBytes / secs / 1e6) : 0);
        if (r.salvageWarning != null) {
            s.put("salvaged", r.salvageWarning);
            System.err.println("netvcr-convert: warning: " + r.salvageWarning);
        }
        String line = String.format(Locale.ROOT,
            "converted %,d packets (%,d wire bytes, %,d truncated records) from %s %s to %s in %.3f s (%,.0f packets/s, %.1f MB/s)",
            r.packets, r.wireBytes, r.truncated, r.inputFormat, in, o.output, secs,
            secs > 0 ? r.packets / secs : 0.0, secs > 0 ? r.inputBytes / secs / 1e6 : 0.0);
        s.print(common, Output.isStdout(o.output) ? System.err : System.out, line);
        return ExitCodes.OK;
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
