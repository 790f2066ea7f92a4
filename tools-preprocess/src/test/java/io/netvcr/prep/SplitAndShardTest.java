package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.dissect.FrameDissector;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitAndShardTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path tmp;

    /** 40 TCP flows (SYN from a high port on 198.18.x to port 8080 on 198.19.x, then data both ways). */
    private Path flows() throws Exception {
        List<Packet> ps = new ArrayList<>();
        long t = T0;
        for (int f = 0; f < 40; f++) {
            byte[] c = Frames.v4("198.18.0." + (f + 1));
            byte[] s = Frames.v4("198.19.0." + (f % 7 + 1));
            int cp = 50000 + f;
            ps.add(Frames.packet(t += 1000, Frames.ip(c, s, 6, cp, 8080, 0x02, 0, -1)));
            ps.add(Frames.packet(t += 1000, Frames.ip(s, c, 6, 8080, cp, 0x12, 0, -1)));
            ps.add(Frames.packet(t += 1000, Frames.ip(c, s, 6, cp, 8080, 0x18, 200, -1)));
            ps.add(Frames.packet(t += 1000, Frames.ip(s, c, 6, 8080, cp, 0x18, 1200, -1)));
        }
        Path in = tmp.resolve("flows.nvcr");
        Frames.writeNvcr(in, ps);
        return in;
    }

    private List<long[]> records(Path file) throws Exception {
        List<long[]> out = new ArrayList<>();
        try (NvcrFile f = NvcrFile.open(file)) {
            NvcrRecord r = new NvcrRecord();
            for (long i = 0; i < f.count(); i++) {
                f.record(i, r);
                int l3 = r.l3Offset();
                long src = (long) r.dataByte(l3 + 15);
                int l4 = r.l4Offset();
                long sport = r.dataByte(l4) << 8 | r.dataByte(l4 + 1);
                out.add(new long[] {
                    r.timestampNs(), r.sendOffsetNs(), r.direction(), r.flags(), src, sport, r.dataByte(l3 + 12)
                });
            }
        }
        return out;
    }

    @Test
    void shouldMarkTheSynSenderAsClientInAutoMode() throws Exception {
        PrepOptions o = new PrepOptions();
        o.input = flows().toString();
        o.output = tmp.resolve("auto.nvcr").toString();
        o.splitter = FlowSplitter.parse("auto");
        Preparer.run(o, Progress.none());
        for (long[] r : records(tmp.resolve("auto.nvcr"))) {
            assertThat(r[3] & PacketFlags.DIRECTION_KNOWN).isNotZero();
            boolean fromClientNet = r[5] >= 50000;
            assertThat(r[2]).isEqualTo(fromClientNet ? FlowSplitter.CLIENT : FlowSplitter.SERVER);
        }
    }

    @Test
    void shouldSplitByCidrAndByPort() throws Exception {
        Path in = flows();
        PrepOptions o = new PrepOptions();
        o.input = in.toString();
        o.output = tmp.resolve("cidr.nvcr").toString();
        o.splitter = FlowSplitter.parse("cidr:198.19.0.0/16");
        Preparer.run(o, Progress.none());
        for (long[] r : records(tmp.resolve("cidr.nvcr"))) {
            assertThat(r[2]).isEqualTo(r[5] == 8080 ? FlowSplitter.SERVER : FlowSplitter.CLIENT);
        }
        FiveTuple k = new FiveTuple();
        FrameDissector d = new FrameDissector();
        byte[] f = Frames.ip(Frames.v4("198.18.0.1"), Frames.v4("198.19.0.1"), 17, 40000, 53, 0, 10, -1);
        assertThat(FlowSplitter.parse("port").direction(f, k.of(f, f.length, d.dissect(f, f.length, 1))))
                .isEqualTo(FlowSplitter.CLIENT);
        byte[] g = Frames.ip(Frames.v4("198.18.0.1"), Frames.v4("198.19.0.1"), 17, 53, 40000, 0, 10, -1);
        assertThat(FlowSplitter.parse("port").direction(g, k.of(g, g.length, d.dissect(g, g.length, 1))))
                .isEqualTo(FlowSplitter.SERVER);
        byte[] h = Frames.ip(Frames.v4("198.18.0.1"), Frames.v4("198.19.0.1"), 17, 50000, 8080, 0, 10, -1);
        assertThat(FlowSplitter.parse("port").direction(h, k.of(h, h.length, d.dissect(h, h.length, 1))))
                .isEqualTo(FlowSplitter.CLIENT);
    }

    @Test
    void shouldKeepFlowsWholeInShardsOnOneTimeLine() throws Exception {
        Path in = flows();
        PrepOptions one = new PrepOptions();
        one.input = in.toString();
        one.output = tmp.resolve("all.nvcr").toString();
        one.rate = Ratio.parse("x", "2");
        Preparer.run(one, Progress.none());
        Map<Long, Long> offsetByTs = new HashMap<>();
        for (long[] r : records(tmp.resolve("all.nvcr"))) {
            offsetByTs.put(r[0], r[1]);
        }
        PrepOptions o = new PrepOptions();
        o.input = in.toString();
        o.output = tmp.resolve("sh.nvcr").toString();
        o.rate = Ratio.parse("x", "2");
        o.shards = 4;
        PrepResult res = Preparer.run(o, Progress.none());
        assertThat(res.outputs)
                .containsExactly(
                        tmp.resolve("sh.0.nvcr").toString(),
                        tmp.resolve("sh.1.nvcr").toString(),
                        tmp.resolve("sh.2.nvcr").toString(),
                        tmp.resolve("sh.3.nvcr").toString());
        Map<Long, Integer> shardOfClientPort = new HashMap<>();
        int total = 0;
        Set<Integer> used = new HashSet<>();
        for (int s = 0; s < 4; s++) {
            Path p = tmp.resolve("sh." + s + ".nvcr");
            assertThat(Files.exists(p)).isTrue();
            try (NvcrFile f = NvcrFile.open(p)) {
                assertThat(f.header().scheduleDurationNs).isEqualTo(res.scheduleDurationNs);
            }
            for (long[] r : records(p)) {
                long clientPort = r[5] >= 50000 ? r[5] : -1;
                total++;
                used.add(s);
                assertThat(r[1]).as("same time line as unsharded").isEqualTo(offsetByTs.get(r[0]));
                if (clientPort > 0) {
                    Integer prev = shardOfClientPort.putIfAbsent(clientPort, s);
                    assertThat(prev == null || prev == s).isTrue();
                }
            }
        }
        assertThat(total).isEqualTo(160);
        assertThat(used).hasSizeGreaterThan(1);
        // The server side of each flow shares its shard too: every record of a 4-packet flow lands together.
        for (int s = 0; s < 4; s++) {
            List<long[]> rs = records(tmp.resolve("sh." + s + ".nvcr"));
            assertThat(rs.size() % 4).isZero();
        }
    }
}
