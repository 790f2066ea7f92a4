package io.netvcr.convert;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.InputFormatOption;
import io.netvcr.cli.MacOptions;
import io.netvcr.cli.Output;
import io.netvcr.cli.PacketLimit;
import io.netvcr.cli.Progress;
import io.netvcr.cli.SnapOption;
import io.netvcr.cli.Summary;
import io.netvcr.cli.ToolCommand;
import io.netvcr.cli.ToolException;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import io.netvcr.formats.TraceFormats;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.NvcrLayout;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** netvcr-convert: any supported trace to NetVCR, and NetVCR (or any trace) to pcap/pcapng. */
@Command(
        name = "netvcr-convert",
        header = "Converts packet traces to NetVCR's fixed-record format (.nvcr), and back to pcap or pcapng.",
        description = {
            "Converts packet traces into the NetVCR fixed-record format (.nvcr), or a NetVCR file back to "
                    + "pcap/pcapng. The output type follows the output's extension; '-' as input reads stdin and as output "
                    + "writes NetVCR to stdout, so tools chain. Compressed input (gzip, bzip2, xz, zstd) is recognised by content.",
            "",
            "Several inputs are merged by time, each (input, interface) pair becoming its own interface. An input may "
                    + "name its format libtrace-style (tsh:FILE, legacy-atm:FILE); headerless formats need that or --format, "
                    + "which applies to every input without such a prefix.",
            "",
            "Records that cannot be packets (nothing captured, or all zero: time 0 and zero bytes) are skipped and counted "
                    + "(nonPacketsSkipped); " + io.netvcr.formats.NonPacketSkipper.MAX_CONSECUTIVE
                    + " of them in a row stop the conversion as bad data (65).",
            ""
        },
        footer = {
            "  netvcr-convert capture.pcap.gz capture.nvcr",
            "  netvcr-convert in.pcap.gz - | netvcr-prep - out.nvcr",
            "  netvcr-convert --filter 'udp port 53' --limit 1000 a.erf tsh:b.tsh.gz dns.pcapng",
            "  netvcr-convert --as-replayed prepared.nvcr what-will-be-sent.pcap"
        })
public final class ConvertCommand extends ToolCommand {
    @Mixin
    InputFormatOption inputFormat = new InputFormatOption();

    @Mixin
    SnapOption snapOption = new SnapOption();

    @Option(
            names = "--record-size",
            paramLabel = "BYTES",
            description = "NetVCR record length, a multiple of 64 (default: the smallest that holds --snap).")
    int recordSize;

    @Option(
            names = "--filter",
            paramLabel = "EXPR",
            description = "Keep only packets matching this tcpdump/BPF expression (compiled by libpcap).")
    String filter;

    @Option(
            names = "--time-range",
            paramLabel = "START,END",
            description =
                    "Keep packets with START <= time < END: epoch seconds (1095292801.5) or ISO-8601 with offset; "
                            + "either end may be empty.")
    String timeRange;

    @Option(names = "--skip", paramLabel = "N", description = "Drop the first N selected packets.")
    long skip;

    @Mixin
    PacketLimit limit = new PacketLimit();

    @Option(
            names = "--link-ethernet",
            negatable = true,
            paramLabel = "",
            description =
                    "Give raw-IP records (TSH, ERF IPv4/IPv6) a synthetic Ethernet header so they can be replayed "
                            + "on an Ethernet. Default: on when writing NetVCR, off for pcap/pcapng.")
    Boolean linkEthernet;

    @Mixin
    MacOptions macs = new MacOptions();

    @Option(
            names = "--as-replayed",
            description = "Input is a prepared .nvcr: export the frames the replayer will send "
                    + "(padding, rewrites, checksums), stamped with the first packet's time plus the schedule.")
    boolean asReplayed;

    @Option(
            names = "--keep-payload",
            description =
                    "NetVCR output: also write whole packets to OUTPUT.payload, " + "for netvcr-prep --payload keep.")
    boolean keepPayload;

    @Option(
            names = "--salvage",
            description =
                    "Damaged input (e.g. a capture cut off mid-record): keep every whole record before the damage, "
                            + "warn, and exit 0 instead of failing.")
    boolean salvage;

    @Parameters(
            arity = "2..*",
            paramLabel = "INPUT... OUTPUT",
            hideParamSyntax = true,
            description = "Input traces ([FORMAT:]PATH, - for stdin), then the output: .nvcr, .pcap, .pcapng, or - "
                    + "(NetVCR to stdout).")
    List<String> files;

    /** What --json prints: one key per component, in this order; salvaged only when --salvage kept a damaged input. */
    record Report(
            String input,
            String inputFormat,
            String output,
            String outputType,
            long packets,
            long packetsRead,
            List<String> interfaces,
            long wireBytes,
            long storedBytes,
            long truncated,
            long nonPacketsSkipped,
            long inputBytes,
            long elapsedNs,
            long packetsPerSecond,
            double megabytesPerSecond,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Snap snap,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String salvaged) {}

    /** NetVCR output only: how many packets the snap cut into (headers, essential fields) and the snap that keeps them. */
    record Snap(
            long cutsHeaders,
            long cutsEssentials,
            long keepsHeadersAt,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String warning) {}

    public static void main(String[] args) {
        ToolMain.main("netvcr-convert", new ConvertCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        ConvertOptions o = new ConvertOptions();
        o.inputs = files.subList(0, files.size() - 1);
        o.output = files.get(files.size() - 1);
        o.format = inputFormat.name();
        o.asReplayed = asReplayed;
        o.keepPayload = keepPayload;
        if (keepPayload
                && (!(TraceFormats.forOutput(o.output) instanceof io.netvcr.formats.nvcr.NvcrFormat)
                        || "-".equals(o.output))) {
            throw ToolException.usage("--keep-payload needs a .nvcr output that is a regular file, not - (stdout): "
                    + "the sidecar is written beside it as OUTPUT.payload");
        }
        o.reader.salvage = salvage;
        if (snapOption.snap < 0 || snapOption.snap > NvcrLayout.MAX_RECORD_LENGTH - NvcrLayout.RECORD_HEADER_LENGTH) {
            throw ToolException.usage("--snap " + snapOption.snap + " is out of range (0.."
                    + (NvcrLayout.MAX_RECORD_LENGTH - NvcrLayout.RECORD_HEADER_LENGTH) + ")");
        }
        o.snap = snapOption.snap;
        if (recordSize != 0
                && (recordSize % 64 != 0
                        || recordSize < NvcrLayout.recordLengthFor(snapOption.snap)
                        || recordSize > NvcrLayout.MAX_RECORD_LENGTH)) {
            throw ToolException.usage("--record-size " + recordSize + " must be a multiple of 64, at least "
                    + NvcrLayout.recordLengthFor(snapOption.snap) + " for --snap " + snapOption.snap + ", at most "
                    + NvcrLayout.MAX_RECORD_LENGTH);
        }
        o.recordLength = recordSize;
        o.filter = filter;
        o.linkEthernet = linkEthernet;
        if (macs.src != null) {
            o.reader.srcMac = macs.src.bytes();
        }
        if (macs.dst != null) {
            o.reader.dstMac = macs.dst.bytes();
        }
        try {
            if (timeRange != null) {
                o.timeRange = TimeRange.parse(timeRange);
            }
        } catch (IllegalArgumentException e) {
            throw ToolException.usage(e.getMessage());
        }
        if (skip < 0) {
            throw ToolException.usage("--skip must not be negative");
        }
        o.skip = skip;
        o.limit = limit.orElse(-1);
        o.toolVersion = "netvcr " + VersionProvider.version();
        try {
            TraceFormats.forOutput(o.output);
        } catch (IllegalArgumentException e) {
            throw ToolException.usage(e.getMessage());
        }
        long total = 0;
        for (String arg : o.inputs) {
            String path = InputSpec.parse(arg, o.format).path();
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
        Summary s = Summary.of(new Report(
                in,
                r.inputFormat,
                o.output,
                r.outputKind,
                r.packets,
                r.packetsRead,
                r.interfaces,
                r.wireBytes,
                r.storedBytes,
                r.truncated,
                r.nonPacketsSkipped,
                r.inputBytes,
                r.elapsedNs,
                secs > 0 ? Math.round(r.packets / secs) : 0,
                secs > 0 ? round1(r.inputBytes / secs / 1e6) : 0,
                r.outputKind.equals("nvcr")
                        ? new Snap(r.snapCutsHeaders, r.snapCutsEssentials, r.snapForHeaders, r.snapWarning)
                        : null,
                r.salvageWarning));
        if (r.snapWarning != null) {
            System.err.println("netvcr-convert: warning: " + r.snapWarning);
        }
        if (r.salvageWarning != null) {
            System.err.println("netvcr-convert: warning: " + r.salvageWarning);
        }
        String line = String.format(
                        Locale.ROOT,
                        "converted %,d packets%s (%,d wire bytes, %,d truncated records) from %s %s to %s in %.3f s (%,.0f packets/s, %.1f MB/s)",
                        r.packets,
                        r.packetsRead != r.packets ? String.format(Locale.ROOT, " of %,d read", r.packetsRead) : "",
                        r.wireBytes,
                        r.truncated,
                        r.inputFormat,
                        in,
                        o.output,
                        secs,
                        secs > 0 ? r.packets / secs : 0.0,
                        secs > 0 ? r.inputBytes / secs / 1e6 : 0.0)
                + (r.nonPacketsSkipped > 0
                        ? String.format(Locale.ROOT, "; %,d records that carry no packet skipped", r.nonPacketsSkipped)
                        : "");
        s.print(common, Output.isStdout(o.output) ? System.err : System.out, line);
        return ExitCodes.OK;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
