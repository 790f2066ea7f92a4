package io.netvcr.formats.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.dissect.FrameDissector;
import io.netvcr.formats.testing.SharedTraces.RefPacket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Compares what a reader delivers with a reference/*.tsv dump (tshark's view), packet by packet: time,
 * wire and captured length, and the first IPv4 header's source, destination, protocol and total length
 * (found with {@link FrameDissector}). Where our documented conventions differ from tshark's (ERF ATM
 * lengths, legacy DAG caplen, ...) the caller says what to expect instead of the reference line.
 */
public final class ReferenceCheck {
    private ReferenceCheck() {
    }

    /** One packet in the reference's terms. */
    public record Seen(long timestampNs, int wireLength, int capLength, String ipSrc, String ipDst, String ipProto,
                       String ipLen) {
        public static Seen of(Packet p, FrameDissector d) {
            d.dissect(p.data(), p.capturedLength(), p.linkType);
            byte[] b = p.data();
            int o = d.l3Offset;
            if (d.l3Type == FrameDissector.ETHERTYPE_IPV4 && o >= 0 && o + 20 <= p.capturedLength()) {
                return new Seen(p.timestampNs, p.wireLength, p.capturedLength(), ip(b, o + 12), ip(b, o + 16),
                    String.valueOf(b[o + 9] & 0xff), String.valueOf((b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff)));
            }
            return new Seen(p.timestampNs, p.wireLength, p.capturedLength(), "", "", "", "");
        }

        private static String ip(byte[] b, int o) {
            return (b[o] & 0xff) + "." + (b[o + 1] & 0xff) + "." + (b[o + 2] & 0xff) + "." + (b[o + 3] & 0xff);
        }
    }

    /** Every packet of a trace file (decompressed, format detected unless named). */
    public static List<Seen> read(Path file, String format, ReaderOptions options) throws IOException {
        List<Seen> out = new ArrayList<>();
        FrameDissector d = new FrameDissector();
        Packet p = new Packet();
        try (TraceInput in = TraceInput.open(file.toString(), format, options)) {
            while (in.reader().next(p)) {
                out.add(Seen.of(p, d));
            }
        }
        return out;
    }

    /** Exact comparison: our time equals tshark's to the ns, lengths and addresses equal. */
    public static void assertMatches(String what, List<Seen> ours, List<RefPacket> ref) {
        assertMatches(what, ours, ref, LongUnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * @param ourTime maps our timestamp to what the reference shows (e.g. truncated to µs)
     * @param expected maps a reference line to what we deliver by our documented conventions
     */
    public static void assertMatches(String what, List<Seen> ours, List<RefPacket> ref, LongUnaryOperator ourTime,
                                     UnaryOperator<RefPacket> expected) {
        assertThat(ours).as(what + ": packet count").hasSize(ref.size());
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < ref.size(); i++) {
            RefPacket r = expected.apply(ref.get(i));
            Seen s = ours.get(i);
            Seen want = new Seen(SharedTraces.epochToNs(r.epoch()), r.wireLength(), r.capLength(), r.ipSrc(), r.ipDst(),
                r.ipProto(), r.ipLen());
            Seen got = new Seen(ourTime.applyAsLong(s.timestampNs()), s.wireLength(), s.capLength(), s.ipSrc(), s.ipDst(),
                s.ipProto(), s.ipLen());
            if (!got.equals(want)) {
                bad.add("packet " + r.index() + ": expected " + want + " but got " + got);
            }
        }
        assertThat(bad).as(what + ": packets that differ from the reference (" + bad.size() + ")").isEmpty();
    }

    /** A reference line with other lengths (for documented differences). */
    public static RefPacket withLengths(RefPacket r, int wire, int cap) {
        return new RefPacket(r.index(), r.epoch(), wire, cap, r.ipSrc(), r.ipDst(), r.ipProto(), r.ipLen());
    }
}
