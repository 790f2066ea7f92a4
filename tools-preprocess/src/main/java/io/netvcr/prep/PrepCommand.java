package io.netvcr.prep;

import io.netvcr.cli.DurationConverter;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.InputFormatOption;
import io.netvcr.cli.MacOptions;
import io.netvcr.cli.OptionWords;
import io.netvcr.cli.Output;
import io.netvcr.cli.Progress;
import io.netvcr.cli.SnapOption;
import io.netvcr.cli.Summary;
import io.netvcr.cli.ToolCommand;
import io.netvcr.cli.ToolException;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import io.netvcr.formats.TraceInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** netvcr-prep: a converted trace into a prepared one (schedule, padded frames with checksums, rewrites). */
@Command(
        name = "netvcr-prep",
        header =
                "Prepares a trace for replay: send schedule, padded frames with precomputed checksums, header rewrites.",
        description = {
            "Prepares a trace for replay: each record gets its send offset and send length, its headers "
                    + "rewritten as asked and every checksum precomputed for the frame the replayer sends, so the replay loop "
                    + "only copies bytes. Input: a .nvcr from netvcr-convert (or - for stdin), or any trace netvcr-convert reads "
                    + "(converted on the fly). Output: a .nvcr file, or - for stdout.",
            "",
            "Schedules are exact integer time lines from the first packet (offsets rounded to the nearest ns). "
                    + "With --shards N the output is OUT.0.nvcr ... OUT.(N-1).nvcr, flows kept whole, one shared time line. "
                    + "Check the result in Wireshark with netvcr-convert --as-replayed.",
            "",
            "Records that cannot be packets (nothing captured, or all zero) are left out and counted (empty); "
                    + io.netvcr.formats.NonPacketSkipper.MAX_CONSECUTIVE
                    + " of them in a row stop prep as bad data (65). "
                    + "Schedules longer than 2^58 ns (9.1 years) are refused (65).",
            ""
        },
        footer = {
            "  netvcr-convert in.pcap.gz - | netvcr-prep --multiplier 2 - out.nvcr",
            "  netvcr-prep --pps 10000 --dst-mac 02:00:00:00:00:02 --ip-map 10.0.0.0/8=198.18.0.0/15 in.nvcr out.nvcr",
            "  netvcr-prep --split auto --shards 4 big.pcap.gz ready.nvcr",
            "  netvcr-convert --as-replayed out.nvcr out.pcap"
        })
public final class PrepCommand extends ToolCommand {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Speed speed;

    static final class Speed {
        @Option(
                names = {"-x", "--multiplier"},
                paramLabel = "X",
                description = "Replay X times as fast as captured (default 1).")
        String multiplier;

        @Option(names = "--pps", paramLabel = "N", description = "Evenly spaced at N packets per second.")
        String pps;

        @Option(names = "--mbps", paramLabel = "M", description = "Back to back at M Mbit/s of wire length (see --l1).")
        String mbps;

        @Option(
                names = {"-t", "--topspeed"},
                description = "Every offset 0: as fast as the sender can.")
        boolean topspeed;
    }

    @Option(names = "--l1", description = "With --mbps, count 20 bytes of preamble and inter-frame gap per frame.")
    boolean l1;

    @Option(
            names = "--max-gap",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Shorten silences longer than this (on the replay time line): 500ms, 2s, 70us...")
    Long maxGap;

    @Option(
            names = "--payload",
            paramLabel = "MODE",
            converter = PayloadWords.class,
            completionCandidates = PayloadWords.class,
            defaultValue = "pad",
            description =
                    "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}). pad: the stored bytes, so up to snap - headers "
                            + "bytes of real payload, then zeros up to the wire length; null: the paper's null payload, headers "
                            + "only, every byte after the transport header (after the IP header for other protocols) zero "
                            + "whatever the snap; keep: send the packets as captured, from the input's payload sidecar "
                            + "(netvcr-convert --keep-payload), a raw trace, or records stored whole; checksums recomputed only "
                            + "where prep changed or padded a frame. pad and null complete headers the capture cut (TCP from "
                            + "its first 14 bytes, UDP from its ports, ICMP from type and code) and precompute every checksum.")
    PayloadMode payload;

    @Option(
            names = "--mtu",
            paramLabel = "BYTES",
            description = "Largest frame sent (default ${DEFAULT-VALUE}, Ethernet without FCS).")
    int mtu = 1514;

    @Option(
            names = "--oversize",
            paramLabel = "ACTION",
            converter = OversizeWords.class,
            completionCandidates = OversizeWords.class,
            defaultValue = "truncate",
            description =
                    "Frames longer than --mtu: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; truncate shrinks "
                            + "IP lengths to match).")
    OversizePolicy oversize;

    @Mixin
    MacOptions macs = new MacOptions();

    @Option(
            names = "--ip-map",
            paramLabel = "OLD/NN=NEW/NN",
            description =
                    "Map source and destination addresses in OLD/NN into NEW/NN keeping host bits (IPv4 or IPv6; repeatable, first match wins).")
    List<String> ipMap = new ArrayList<>();

    @Option(
            names = "--vlan",
            paramLabel = "add:ID[:PCP]|del",
            description = "Push an 802.1Q tag or pop the outermost one.")
    String vlan;

    @Option(names = "--ttl", paramLabel = "N", description = "Set the IPv4 TTL / IPv6 hop limit (0..255).")
    Integer ttl;

    @Option(names = "--tos", paramLabel = "N", description = "Set the IPv4 TOS / IPv6 traffic class byte (0..255).")
    Integer tos;

    @Option(
            names = "--split",
            paramLabel = "cidr:NET[,NET]|port|auto",
            description =
                    "Mark each packet client side (0) or server side (1; sources in NET for cidr, as tcpprep) for dual-interface replay; "
                            + "auto: the SYN's sender is the client, else the well-known (lower) port is the server.")
    String split;

    @Option(
            names = "--shards",
            paramLabel = "N",
            description = "Write N files OUT.0.nvcr..., flows kept whole (default 1).")
    int shards = 1;

    @Mixin
    InputFormatOption inputFormat = new InputFormatOption();

    @Mixin
    SnapOption snapOption = new SnapOption();

    @Parameters(index = "0", paramLabel = "INPUT", description = "Input trace, or - for stdin.")
    String input;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "The prepared .nvcr, or - for stdout.")
    String output;

    static final class PayloadWords extends OptionWords<PayloadMode> {
        PayloadWords() {
            super(PayloadMode.class);
        }
    }

    static final class OversizeWords extends OptionWords<OversizePolicy> {
        OversizeWords() {
            super(OversizePolicy.class);
        }
    }

    public static void main(String[] args) {
        ToolMain.main("netvcr-prep", new PrepCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        PrepOptions o;
        try {
            o = options();
        } catch (IllegalArgumentException e) {
            throw ToolException.usage(e.getMessage());
        }
        long total = -1;
        if (!TraceInput.isStdio(o.input) && new java.io.File(o.input).isFile()) {
            total = new java.io.File(o.input).length();
        }
        PrepResult r;
        try (Progress progress = Progress.start(common, "prep", total, "MiB", 1 << 20)) {
            r = Preparer.run(o, progress);
        }
        Summary s = summary(o, r);
        String line = String.format(
                        Locale.ROOT,
                        "prepared %,d packets from %s %s into %s: schedule %.6f s (%,.0f packets/s, %.3f Mbit/s), %,d padded, "
                                + "%,d checksums written, %,d left untouched, %,d oversize (%,d truncated, %,d dropped)",
                        r.packets,
                        r.inputFormat,
                        o.input,
                        String.join(", ", r.outputs),
                        r.scheduleDurationNs / 1e9,
                        r.pps(),
                        r.mbps(),
                        r.padded,
                        r.checksumsWritten,
                        r.checksumsUntouched,
                        r.oversize,
                        r.truncated,
                        r.dropped)
                + (r.empty > 0 ? String.format(Locale.ROOT, ", %,d empty records left out", r.empty) : "")
                + untouchedText(r);
        s.print(common, Output.isStdout(o.output) ? System.err : System.out, line);
        return ExitCodes.OK;
    }

    /** What --json prints: one key per component, in this order; rate is a nested object. */
    record Report(
            String input,
            String inputFormat,
            List<String> outputs,
            long packets,
            long padded,
            long checksumsWritten,
            long checksumsUntouched,
            long checksumsKept,
            Checksums checksums,
            long nonIp,
            long oversize,
            long truncated,
            long dropped,
            long empty,
            long outOfOrder,
            long sendBytes,
            String scheduleMode,
            long scheduleDurationNs,
            long loopPeriodNs,
            Rate rate,
            long elapsedNs) {}

    /** Untouched frames by reason, and what to do about the commonest (null when there is nothing to say). */
    record Checksums(
            java.util.Map<String, Long> untouched,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String hint) {}

    /** The schedule's average rate, rounded to 1/1000. */
    record Rate(double pps, double mbps) {}

    static Summary summary(PrepOptions o, PrepResult r) {
        return Summary.of(new Report(
                o.input,
                r.inputFormat,
                r.outputs,
                r.packets,
                r.padded,
                r.checksumsWritten,
                r.checksumsUntouched,
                r.checksumsKept,
                new Checksums(untouchedMap(r), r.hint()),
                r.nonIp,
                r.oversize,
                r.truncated,
                r.dropped,
                r.empty,
                r.outOfOrder,
                r.sendBytes,
                o.scheduleMode.name().toLowerCase(Locale.ROOT),
                r.scheduleDurationNs,
                r.loopPeriodNs,
                new Rate(Math.round(r.pps() * 1000) / 1000.0, Math.round(r.mbps() * 1000) / 1000.0),
                r.elapsedNs));
    }

    /** Untouched frames by reason (every reason listed, so scripts can rely on the keys). */
    static java.util.Map<String, Long> untouchedMap(PrepResult r) {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (UntouchedReason why : UntouchedReason.values()) {
            m.put(why.key, r.untouched(why));
        }
        return m;
    }

    /** "; untouched: 12 headerTooShort, 3 fragment (snap 40 keeps 6 TCP bytes; use --snap >= 48)", or "". */
    static String untouchedText(PrepResult r) {
        if (r.checksumsUntouched == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (UntouchedReason why : UntouchedReason.values()) {
            if (r.untouched(why) > 0) {
                parts.add(String.format(Locale.ROOT, "%,d %s", r.untouched(why), why.key));
            }
        }
        String hint = r.hint();
        return "; untouched: " + String.join(", ", parts) + (hint != null ? " (" + hint + ")" : "");
    }

    PrepOptions options() {
        PrepOptions o = new PrepOptions();
        o.input = input;
        o.output = output;
        o.format = inputFormat.name();
        if (speed != null && speed.topspeed) {
            o.scheduleMode = ScheduleMode.TOPSPEED;
        } else if (speed != null && speed.pps != null) {
            o.scheduleMode = ScheduleMode.PPS;
            o.rate = Ratio.parse("--pps", speed.pps);
        } else if (speed != null && speed.mbps != null) {
            o.scheduleMode = ScheduleMode.MBPS;
            o.rate = Ratio.parse("--mbps", speed.mbps);
        } else if (speed != null && speed.multiplier != null) {
            o.rate = Ratio.parse("--multiplier", speed.multiplier);
        }
        if (l1 && o.scheduleMode != ScheduleMode.MBPS) {
            throw new IllegalArgumentException("--l1 only applies with --mbps");
        }
        if (maxGap != null) {
            if (maxGap <= 0) {
                throw new IllegalArgumentException("--max-gap must be positive");
            }
            o.maxGapNs = maxGap;
        }
        o.l1 = l1;
        o.payload = payload;
        o.oversize = oversize;
        if (mtu < 14 || mtu > io.netvcr.formats.nvcr.FrameBuilder.MAX_FRAME) {
            throw new IllegalArgumentException(
                    "--mtu " + mtu + " is out of range (14.." + io.netvcr.formats.nvcr.FrameBuilder.MAX_FRAME + ")");
        }
        o.mtu = mtu;
        if (snapOption.snap < 0
                || snapOption.snap
                        > io.netvcr.formats.nvcr.NvcrLayout.MAX_RECORD_LENGTH
                                - io.netvcr.formats.nvcr.NvcrLayout.RECORD_HEADER_LENGTH
                                - 4) {
            throw new IllegalArgumentException("--snap " + snapOption.snap + " is out of range");
        }
        o.snap = snapOption.snap;
        IpMap map = new IpMap();
        for (String m : ipMap) {
            map.add(m);
        }
        o.rewriter = new Rewriter(
                macs.dst == null ? null : macs.dst.bytes(),
                macs.src == null ? null : macs.src.bytes(),
                map,
                vlan == null ? null : VlanAction.parse(vlan),
                byteOption("--ttl", ttl),
                byteOption("--tos", tos));
        o.splitter = split == null ? null : FlowSplitter.parse(split);
        if (shards < 1 || shards > 256) {
            throw new IllegalArgumentException("--shards " + shards + " is out of range (1..256)");
        }
        o.shards = shards;
        o.toolVersion = "netvcr " + VersionProvider.version();
        o.parameters = parameters();
        return o;
    }

    private static int byteOption(String name, Integer v) {
        if (v == null) {
            return -1;
        }
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(name + " " + v + " is out of range (0..255)");
        }
        return v;
    }

    /** The options as a command line, for the header's prepParameters. */
    private String parameters() {
        StringBuilder b = new StringBuilder();
        if (speed != null) {
            add(b, "--multiplier", speed.multiplier);
            add(b, "--pps", speed.pps);
            add(b, "--mbps", speed.mbps);
            if (speed.topspeed) {
                b.append(" --topspeed");
            }
        }
        if (l1) {
            b.append(" --l1");
        }
        add(b, "--max-gap", maxGap == null ? null : maxGap + "ns");
        add(b, "--payload", payload.word());
        add(b, "--mtu", String.valueOf(mtu));
        add(b, "--oversize", oversize.word());
        add(b, "--dst-mac", macs.dst == null ? null : macs.dst.toString());
        add(b, "--src-mac", macs.src == null ? null : macs.src.toString());
        for (String m : ipMap) {
            add(b, "--ip-map", m);
        }
        add(b, "--vlan", vlan);
        add(b, "--ttl", ttl == null ? null : ttl.toString());
        add(b, "--tos", tos == null ? null : tos.toString());
        add(b, "--split", split);
        if (shards > 1) {
            add(b, "--shards", String.valueOf(shards));
        }
        return b.toString().trim();
    }

    private static void add(StringBuilder b, String name, String v) {
        if (v != null) {
            b.append(' ').append(name).append(' ').append(v);
        }
    }
}
