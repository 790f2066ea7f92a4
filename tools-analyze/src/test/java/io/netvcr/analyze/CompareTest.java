package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long CAPTURE_T0 = 1_800_000_000_123_456_789L;
    static final long DELTA = 100_000;

    @TempDir
    Path dir;

    static List<Packet> original(int n) {
        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // small frames (padded on a real wire), mixed protocols
            int len = i % 3 == 0 ? 42 : 60 + i % 200;
            out.add(Frames.ipv4(T0 + i * DELTA, i % 2 == 0 ? Frames.UDP : Frames.TCP, i, len));
        }
        return out;
    }

    /** The frame as a receiver would capture it: at the given time, padded to 60 bytes as on an Ethernet. */
    static Packet captured(Packet o, long ts) {
        Packet p = new Packet();
        int len = Math.max(60, o.capturedLength());
        byte[] b = p.prepare(len);
        java.util.Arrays.fill(b, 0, len, (byte) 0);
        System.arraycopy(o.data(), 0, b, 0, o.capturedLength());
        p.timestampNs = ts;
        p.wireLength = len;
        p.linkType = o.linkType;
        return p;
    }

    @Test
    void shouldReportPlantedLossesDuplicatesReordersAndDelaysExactly() throws Exception {
        int n = 1000;
        List<Packet> orig = original(n);
        Path o = Frames.pcap(dir.resolve("orig.pcap"), orig);
        Map<Integer, Long> delay = Map.of(400, 7_000L, 600, 13_000L, 700, -2_500L);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i == 10 || i == 500 || i == 999) {
                continue; // lost
            }
            order.add(i);
            if (i == 20 || i == 300) {
                order.add(i); // duplicated
            }
        }
        // reorder: swap 100 and 101; move 200 after 205
        int a = order.indexOf(100);
        order.set(a, 101);
        order.set(a + 1, 100);
        order.remove(Integer.valueOf(200));
        order.add(order.indexOf(205) + 1, 200);
        List<Packet> cap = new ArrayList<>();
        for (int i : order) {
            cap.add(captured(orig.get(i), CAPTURE_T0 + i * DELTA + delay.getOrDefault(i, 0L)));
        }
        // a frame that was never in the trace
        cap.add(500, captured(Frames.ipv4(0, Frames.UDP, 0xBEEF, 70), CAPTURE_T0 + 499 * DELTA + 5));
        Path c = Frames.pcap(dir.resolve("cap.pcap"), cap);

        StringWriter csv = new StringWriter();
        Compare.Settings s = new Compare.Settings();
        s.perPacket = new PrintWriter(csv);
        Fidelity f = Compare.run(o.toString(), c.toString(), s, Progress.none());
        s.perPacket.flush();

        assertThat(f.accounting().originalPackets()).isEqualTo(1000L);
        assertThat(f.accounting().capturedPackets()).isEqualTo((long) cap.size());
        assertThat(f.accounting().missing()).isEqualTo(3L);
        assertThat(f.accounting().firstMissing()).isEqualTo(List.of(10, 500, 999));
        assertThat(f.accounting().duplicated()).isEqualTo(2L);
        assertThat(f.accounting().extra()).isEqualTo(1L);
        assertThat(f.accounting().reordered()).isEqualTo(2L);
        assertThat(f.accounting().matched()).isEqualTo(997L);

        Distribution e = f.epsilon();
        assertThat(e.count()).isEqualTo(997);
        assertThat(e.max()).isEqualTo(13_000);
        assertThat(e.min()).isEqualTo(-2_500);
        assertThat(e.percentile(50)).isZero();
        Map<Long, Long> epsByOriginal = new HashMap<>();
        for (String line : csv.toString().split("\n")) {
            if (!line.startsWith("capture_index")) {
                String[] v = line.split(",");
                epsByOriginal.put(Long.parseLong(v[1]), Long.parseLong(v[4]));
            }
        }
        assertThat(epsByOriginal).hasSize(997);
        for (Map.Entry<Long, Long> en : epsByOriginal.entrySet()) {
            assertThat(en.getValue())
                    .as("ε of packet %d", en.getKey())
                    .isEqualTo(delay.getOrDefault(en.getKey().intValue(), 0L));
        }
    }

    @Test
    void shouldUseThePreparedScheduleOfANetvcrTrace() throws Exception {
        int n = 200;
        List<Packet> orig = original(n);
        long[] send = new long[n];
        for (int i = 0; i < n; i++) {
            send[i] = i * DELTA * 2; // a schedule at half the recorded speed
        }
        Path o = Frames.preparedNvcr(dir.resolve("prep.nvcr"), orig, send);
        List<Packet> cap = new ArrayList<>();
        for (int i = 1; i < n; i++) { // the first packet is lost: ε is then relative to the first one seen
            cap.add(captured(orig.get(i), CAPTURE_T0 + send[i] + (i == 50 ? 900 : 0)));
        }
        Fidelity f = Compare.run(
                o.toString(),
                Frames.pcap(dir.resolve("cap.pcap"), cap).toString(),
                new Compare.Settings(),
                Progress.none());
        assertThat(f.accounting().missing()).isEqualTo(1L);
        assertThat(f.accounting().reordered()).isEqualTo(0L);
        assertThat(f.epsilon().count()).isEqualTo(n - 1);
        assertThat(f.epsilon().max()).isEqualTo(900);
        assertThat(f.epsilon().min()).isZero();
        assertThat(f.epsilon().percentile(99)).isZero();
    }

    @Test
    void shouldMatchIdenticalFramesInOrder() throws Exception {
        List<Packet> orig = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orig.add(Frames.ipv4(T0 + i * DELTA, Frames.UDP, 7, 100)); // four identical frames
        }
        List<Packet> cap = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cap.add(captured(orig.get(i), CAPTURE_T0 + i * DELTA + i * 10));
        }
        cap.add(captured(orig.get(0), CAPTURE_T0 + 5 * DELTA));
        Fidelity f = Compare.run(
                Frames.pcap(dir.resolve("o.pcap"), orig).toString(),
                Frames.pcap(dir.resolve("c.pcap"), cap).toString(),
                new Compare.Settings(),
                Progress.none());
        assertThat(f.accounting().matched()).isEqualTo(4L);
        assertThat(f.accounting().duplicated()).isEqualTo(1L);
        assertThat(f.accounting().reordered()).isEqualTo(0L);
        assertThat(f.epsilon().max()).isEqualTo(30);
    }

    @Test
    void shouldMatchFullFramesToOriginalsStoredTruncated() throws Exception {
        List<Packet> orig = original(50);
        List<Packet> stored = new ArrayList<>();
        for (int i = 0; i < orig.size(); i++) {
            Packet p = new Packet();
            p.copyFrom(orig.get(i));
            if (i % 10 == 5 && p.capturedLength() > 40) {
                p.prepare(38); // the original capture kept only 38 bytes of this one (snaplen)
            }
            stored.add(p);
        }
        List<Packet> cap = new ArrayList<>();
        for (int i = 0; i < orig.size(); i++) {
            cap.add(captured(orig.get(i), CAPTURE_T0 + i * DELTA));
        }
        Fidelity f = Compare.run(
                Frames.pcap(dir.resolve("o.pcap"), stored).toString(),
                Frames.pcap(dir.resolve("c.pcap"), cap).toString(),
                new Compare.Settings(),
                Progress.none());
        assertThat(f.accounting().matched()).isEqualTo(50L);
        assertThat(f.accounting().extra()).isEqualTo(0L);
        assertThat(f.accounting().reordered()).isEqualTo(0L);
        assertThat(f.accounting().truncatedKeyLengths()).isEqualTo(List.of(38));
        assertThat(f.epsilon().max()).isZero();
    }
}
