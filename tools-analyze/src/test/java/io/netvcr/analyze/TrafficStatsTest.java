package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netvcr.formats.Packet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficStatsTest {
    static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    static List<Packet> periodic(int n, long deltaNs) {
        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Frames.ipv4(T0 + i * deltaNs, Frames.UDP, i, 100 + i % 7));
        }
        return out;
    }

    @Test
    void shouldReportEveryGapEqualToDeltaForAPeriodicTrace() throws Exception {
        long delta = 12_345;
        TrafficStats s = Frames.analyze(Frames.pcap(dir.resolve("periodic.pcap"), periodic(2000, delta)));
        Distribution g = s.interArrival().gaps();
        assertThat(g.count()).isEqualTo(1999);
        assertThat(g.min()).isEqualTo(delta);
        assertThat(g.max()).isEqualTo(delta);
        assertThat(g.mean()).isEqualTo((double) delta);
        assertThat(g.stddev()).isZero();
        for (double p : Distribution.PERCENTILES) {
            assertThat(g.percentile(p)).as("p%s", p).isEqualTo(delta);
        }
        assertThat(s.durationNs()).isEqualTo(1999 * delta);
        assertThat(s.interArrival().outOfOrder()).isZero();
        // perfectly periodic traffic has (almost) no dispersion of counts at a window of many periods
        assertThat(s.burstiness().indexOfDispersion(100_000_000L)).isNaN(); // 24.7 ms trace: no complete 100 ms window
        assertThat(s.burstiness().indexOfDispersion(1_000_000L)).isLessThan(0.05);
    }

    @Test
    void shouldReadNetvcrTracesToTheSameStatistics() throws Exception {
        List<Packet> pk = periodic(500, 70_000);
        TrafficStats a = Frames.analyze(Frames.pcap(dir.resolve("a.pcap"), pk));
        TrafficStats b = Frames.analyze(Frames.nvcr(dir.resolve("a.nvcr"), pk));
        assertThat(b.toMap().get("interArrivalNs")).isEqualTo(a.toMap().get("interArrivalNs"));
        assertThat(b.toMap().get("protocols")).isEqualTo(a.toMap().get("protocols"));
        assertThat(b.wireBytes()).isEqualTo(a.wireBytes());
        assertThat(b.interArrival().gaps().min()).isEqualTo(70_000);
    }

    @Test
    void shouldEstimateThePoissonMeanWithinTolerance() throws Exception {
        Random rnd = new Random(42);
        double meanGap = 50_000;
        List<Packet> pk = new ArrayList<>();
        long t = T0;
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                long gap = Math.round(-meanGap * Math.log(1 - rnd.nextDouble()));
                t += gap;
                sum += gap;
                min = Math.min(min, gap);
                max = Math.max(max, gap);
            }
            pk.add(Frames.ipv4(t, Frames.UDP, i, 64));
        }
        TrafficStats s = Frames.analyze(Frames.pcap(dir.resolve("poisson.pcap"), pk));
        Distribution g = s.interArrival().gaps();
        // exact quantities are exact
        assertThat(g.mean()).isCloseTo((double) sum / (n - 1), within(1e-6));
        assertThat(g.min()).isEqualTo(min);
        assertThat(g.max()).isEqualTo(max);
        // and the process is recognisably Poisson
        assertThat(g.mean()).isCloseTo(meanGap, within(meanGap * 0.03));
        assertThat(g.cv()).isCloseTo(1.0, within(0.05));
        assertThat((double) g.percentile(50)).isCloseTo(meanGap * Math.log(2), within(meanGap * 0.05));
        assertThat(s.burstiness().indexOfDispersion(1_000_000L)).isCloseTo(1.0, within(0.15));
    }

    @Test
    void shouldCountOutOfOrderPacketsAndKeepTheirNegativeGapsOut() throws Exception {
        long[] ts = {0, 10_000, 5_000, 20_000, 20_000};
        List<Packet> pk = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            pk.add(Frames.ipv4(T0 + ts[i], Frames.TCP, i, 80));
        }
        TrafficStats s = Frames.analyze(Frames.pcap(dir.resolve("ooo.pcap"), pk));
        assertThat(s.interArrival().outOfOrder()).isEqualTo(1);
        Distribution g = s.interArrival().gaps();
        assertThat(g.count()).isEqualTo(3); // 10 us, 15 us, 0
        assertThat(g.min()).isZero();
        assertThat(g.max()).isEqualTo(15_000);
        assertThat(s.durationNs()).isEqualTo(20_000);
        @SuppressWarnings("unchecked")
        Map<String, Object> ia = (Map<String, Object>) s.toMap().get("interArrivalNs");
        assertThat(ia).containsEntry("largestBackwardStepNs", 5_000L).containsEntry("zeroGaps", 1L);
    }

    @Test
    void shouldCountEachPacketOnceByItsOutermostTransport() throws Exception {
        List<Packet> pk = new ArrayList<>();
        long t = T0;
        for (int i = 0; i < 5; i++) {
            pk.add(Frames.ipv4(t += 1000, Frames.TCP, i, 80));
        }
        for (int i = 0; i < 3; i++) {
            pk.add(Frames.ipv4(t += 1000, Frames.UDP, i, 80));
        }
        for (int i = 0; i < 2; i++) {
            pk.add(Frames.ipv4(t += 1000, Frames.ICMP, i, 80));
        }
        pk.add(Frames.ipv6(t += 1000, 58, 1, 90));
        pk.add(Frames.ipv6(t += 1000, 17, 2, 90));
        pk.add(Frames.ipv6(t += 1000, 1, 3, 90)); // protocol 1 over IPv6 is not ICMPv4
        pk.add(Frames.arp(t += 1000));
        pk.add(Frames.ipv4(t += 1000, 47, 9, 80)); // GRE
        TrafficStats s = Frames.analyze(Frames.pcap(dir.resolve("mix.pcap"), pk));
        assertThat(s.protocols().transportMap())
                .containsExactly(
                        Map.entry("tcp", 5L),
                        Map.entry("udp", 4L),
                        Map.entry("icmp", 2L),
                        Map.entry("icmpv6", 1L),
                        Map.entry("other", 3L));
        assertThat(s.protocols().ipv4()).isEqualTo(11);
        assertThat(s.protocols().ipv6()).isEqualTo(3);
        @SuppressWarnings("unchecked")
        Map<String, Object> types =
                (Map<String, Object>) s.protocols().networkMap().get("etherTypes");
        assertThat(types)
                .containsEntry("0x0800", 11L)
                .containsEntry("0x86dd", 3L)
                .containsEntry("0x0806", 1L);
    }

    @Test
    void shouldKeepFlowCountsExactAndSayWhenTheTableIsFull() throws Exception {
        List<Packet> pk = new ArrayList<>();
        long t = T0;
        // seq >>> 16 selects the UDP source port, i.e. the flow
        int[] flowOf = {0, 0, 0, 1, 1, 2, 0, 2, 3};
        for (int i = 0; i < flowOf.length; i++) {
            pk.add(Frames.ipv4(t += 1000, Frames.UDP, flowOf[i] << 16 | i, 100));
        }
        TrafficStats.Settings set = new TrafficStats.Settings();
        set.flowCapacity = 2;
        TrafficStats s = Frames.analyze(Frames.pcap(dir.resolve("flows.pcap"), pk), set);
        CounterTable<FlowKey> flows = s.flows().flows();
        assertThat(flows.size()).isEqualTo(2);
        assertThat(flows.full()).isTrue();
        assertThat(flows.untrackedPackets()).isEqualTo(3);
        assertThat(flows.untrackedBytes()).isEqualTo(300);
        var top = flows.top(1, false).get(0);
        assertThat(top.getKey().srcPort()).isEqualTo(1024);
        assertThat(top.getKey().dstPort()).isEqualTo(9);
        assertThat(top.getKey().src().toString()).isEqualTo("198.18.0.1");
        assertThat(top.getValue()).containsExactly(4, 400);
        assertThat(s.flows().talkers().get(top.getKey().dst())).containsExactly(9, 900);
    }

    @Test
    void shouldBinTheRateSeriesFromTheFirstPacket() throws Exception {
        TrafficStats.Settings set = new TrafficStats.Settings();
        set.intervalNs = 1_000_000L;
        // 1 packet every 100 us for 10 ms, then a burst of 50 packets within 1 us in the next interval
        List<Packet> pk = new ArrayList<>(periodic(100, 100_000));
        for (int i = 0; i < 50; i++) {
            pk.add(Frames.ipv4(T0 + 10_000_000 + i * 10L, Frames.UDP, 1000 + i, 1000));
        }
        TrafficStats s = Frames.analyze(Frames.pcap(dir.resolve("rate.pcap"), pk), set);
        RateSeries r = s.rate();
        assertThat(r.intervals()).isEqualTo(11);
        for (int i = 0; i < 10; i++) {
            assertThat(r.packets(i)).isEqualTo(10);
        }
        assertThat(r.packets(10)).isEqualTo(50);
        assertThat(r.peakPacketInterval()).isEqualTo(10);
        assertThat(r.pps(10)).isEqualTo(50_000.0);
        assertThat(r.bps(10)).isEqualTo(50 * 1000 * 8 * 1000.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) s.toMap().get("burstiness");
        assertThat((Double) b.get("peakToMeanPackets")).isCloseTo(50 / (150.0 / 11), within(1e-5));
    }

    @Test
    void shouldCoarsenTheRateSeriesInsteadOfGrowingWithoutBound() {
        RateSeries r = new RateSeries(1);
        r.accept(0, 10);
        r.accept(RateSeries.MAX_INTERVALS * 3L, 20);
        assertThat(r.intervals()).isLessThanOrEqualTo(RateSeries.MAX_INTERVALS);
        assertThat(r.intervalNs()).isEqualTo(4);
        long total = 0;
        for (int i = 0; i < r.intervals(); i++) {
            total += r.bytes(i);
        }
        assertThat(total).isEqualTo(30);
    }

    @Test
    void shouldReportSignedPercentilesForNegativeValues() {
        Distribution d = new Distribution();
        for (int i = -50; i < 50; i++) {
            d.record(i * 1000L);
        }
        assertThat(d.min()).isEqualTo(-50_000);
        assertThat(d.max()).isEqualTo(49_000);
        assertThat(d.mean()).isEqualTo(-500.0);
        assertThat(d.percentile(25)).isCloseTo(-25_000L, within(1_000L));
        assertThat(d.percentile(50)).isCloseTo(0L, within(1_000L));
        assertThat(d.percentile(90)).isCloseTo(40_000L, within(1_000L));
        assertThat(d.percentile(0)).isEqualTo(-50_000);
        assertThat(d.percentile(100)).isEqualTo(49_000);
    }

    @Test
    void shouldWriteIpv6AddressesInTheirShortForm() {
        assertThat(new FlowKey.Host(6, 0x2606470000000000L, 0x000000006812069cL).toString())
                .isEqualTo("2606:4700::6812:69c");
        assertThat(new FlowKey.Host(6, 0, 1).toString()).isEqualTo("::1");
        assertThat(new FlowKey.Host(6, 0x20010db800000000L, 0x0001000000000001L).toString())
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(new FlowKey.Host(6, 0x20010db800010001L, 0x0001000100010001L).toString())
                .isEqualTo("2001:db8:1:1:1:1:1:1");
        assertThat(new FlowKey.Host(4, 0, 0xc6120001L).toString()).isEqualTo("198.18.0.1");
    }
}
