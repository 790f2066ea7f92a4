package io.netvcr.samples;

import io.netvcr.cli.DurationConverter;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.Output;
import io.netvcr.cli.Progress;
import io.netvcr.cli.Summary;
import io.netvcr.cli.ToolCommand;
import io.netvcr.cli.ToolException;
import io.netvcr.cli.VersionProvider;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceFormats;
import io.netvcr.formats.TraceWriter;
import io.netvcr.formats.WriteTarget;
import io.netvcr.formats.nvcr.NvcrLayout;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** netvcr samples periodic: the synthetic workload of the paper (fixed interval, or Poisson arrivals). */
@Command(
        name = "periodic",
        header = "Writes the synthetic workload of the paper: UDP frames at a fixed interval, or Poisson arrivals.",
        description = {
            "Writes COUNT Ethernet/IPv4/UDP frames of SIZE bytes, one every DELTA on an absolute time line "
                    + "(or with exponential gaps of mean DELTA with --poisson), 198.18.0.1 -> 198.18.0.2:9, valid checksums, "
                    + "the packet's sequence number (0..COUNT-1, 8 bytes big-endian) at the start of each UDP payload. "
                    + "The output type follows the extension: .pcap (nanosecond), .pcapng, .nvcr, or - (NetVCR on stdout).",
            ""
        },
        exitCodeList = {ExitCodes.LIST_OK, ExitCodes.LIST_USAGE, ExitCodes.LIST_CANNOT_CREATE, ExitCodes.LIST_IO},
        footer = {
            "  netvcr samples periodic --delta 70us --count 1000000 --size 64 periodic.pcap",
            "  netvcr samples periodic --poisson --delta 1ms --count 10000 - | netvcr prep - poisson.nvcr"
        })
public final class PeriodicCommand extends ToolCommand {
    /** 2026-01-01T00:00:00Z: a fixed default start makes the output reproducible byte for byte. */
    static final String DEFAULT_START = "1767225600";

    /** What --json prints, in this order; seed is null for periodic arrivals. */
    record Report(
            String output,
            String outputType,
            String arrivals,
            long deltaNs,
            Long seed,
            long packets,
            int frameSize,
            long wireBytes,
            long firstTimestampNs,
            long spanNs,
            long elapsedNs,
            long packetsPerSecond) {}

    @Option(
            names = {"-d", "--delta"},
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Interval between packets, or mean interval with --poisson (default ${DEFAULT-VALUE}; units ns, us, ms, s).",
            defaultValue = "70us")
    long deltaNs;

    @Option(
            names = {"-n", "--count"},
            paramLabel = "N",
            description = "Number of packets (default ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    long count;

    @Option(
            names = {"-s", "--size"},
            paramLabel = "BYTES",
            description = "Frame size without FCS, " + UdpFrames.MIN_FRAME + ".." + UdpFrames.MAX_FRAME
                    + " (default ${DEFAULT-VALUE}).",
            defaultValue = "64")
    int size;

    @Option(
            names = "--poisson",
            description = "Exponential inter-arrival times with mean --delta instead of a fixed interval.")
    boolean poisson;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Random seed for --poisson (default ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(
            names = "--start",
            paramLabel = "EPOCH_SECONDS",
            description =
                    "Timestamp of the first packet, seconds since the epoch, up to 9 decimals (default ${DEFAULT-VALUE}, 2026-01-01T00:00:00Z).",
            defaultValue = DEFAULT_START)
    String start;

    @Option(
            names = "--snap",
            paramLabel = "BYTES",
            description = "Bytes stored per NetVCR record (default ${DEFAULT-VALUE}); ignored for pcap output.")
    int snap = NvcrLayout.DEFAULT_SNAP;

    @Parameters(
            index = "0",
            paramLabel = "OUTPUT",
            description = "Output file: .pcap, .pcapng, .nvcr, or - for NetVCR on stdout.")
    String output;

    @Override
    public Integer call() throws Exception {
        if (deltaNs <= 0) {
            throw ToolException.usage("--delta must be positive");
        }
        if (count < 0) {
            throw ToolException.usage("--count must not be negative");
        }
        if (size < UdpFrames.MIN_FRAME || size > UdpFrames.MAX_FRAME) {
            throw ToolException.usage(
                    "--size " + size + " is out of range (" + UdpFrames.MIN_FRAME + ".." + UdpFrames.MAX_FRAME + ")");
        }
        if (snap < 0 || snap > NvcrLayout.MAX_RECORD_LENGTH - NvcrLayout.RECORD_HEADER_LENGTH) {
            throw ToolException.usage("--snap " + snap + " is out of range");
        }
        long startNs = parseEpoch(start);
        TraceFormat kind;
        try {
            kind = TraceFormats.forOutput(output);
        } catch (IllegalArgumentException e) {
            throw ToolException.usage(e.getMessage());
        }
        Arrivals arrivals = poisson ? Arrivals.poisson(deltaNs, seed) : Arrivals.periodic(deltaNs);
        WorkloadGenerator generator = new WorkloadGenerator(new UdpFrames(size), arrivals, startNs);
        long t0 = System.nanoTime();
        long span;
        try (Progress progress = Progress.start(common, "generate", count, "packets", 1);
                Output out = Output.open(output);
                TraceWriter writer = writer(kind, out)) {
            span = generator.generate(count, writer, progress);
            writer.finish();
            out.commit();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Summary s = Summary.of(new Report(
                output,
                kind.name(),
                poisson ? "poisson" : "periodic",
                deltaNs,
                poisson ? seed : null,
                count,
                size,
                count * size,
                startNs,
                span,
                Math.round(secs * 1e9),
                secs > 0 ? Math.round(count / secs) : 0));
        String line = String.format(
                Locale.ROOT,
                "generated %,d packets of %d bytes (%s) spanning %.6f s to %s in %.3f s (%,.0f packets/s)",
                count,
                size,
                arrivals.describe(),
                span / 1e9,
                output,
                secs,
                secs > 0 ? count / secs : 0.0);
        s.print(common, Output.isStdout(output) ? System.err : System.out, line);
        return ExitCodes.OK;
    }

    private TraceWriter writer(TraceFormat kind, Output out) throws IOException {
        WriteTarget t = new WriteTarget(out.channel(), out.name(), out.seekable());
        t.linkType = LinkTypes.ETHERNET;
        t.snapLength = snap;
        t.sourceFormat = NvcrLayout.SOURCE_SYNTHETIC;
        t.sourceName = poisson ? "poisson" : "periodic";
        t.toolVersion = "netvcr " + VersionProvider.version();
        return kind.create(t);
    }

    static long parseEpoch(String seconds) {
        try {
            return new BigDecimal(seconds).movePointRight(9).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw ToolException.usage("--start '" + seconds + "' is not epoch seconds with at most 9 decimals");
        }
    }
}
