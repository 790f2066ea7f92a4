package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.testing.SharedTraces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several inputs merged by time; --time-range, --skip, --limit; --link-ethernet defaults; CLI usage errors. */
class MergeAndSelectionTest {
    @TempDir
    Path tmp;

    @Test
    void shouldMergeInputsInTimeOrderWithDistinctInterfaces() throws IOException {
        Path root = SharedTraces.require();
        Path erf = root.resolve("erf/libtrace_fragtest.erf"); // Ethernet, 3 interfaces
        Path pcap = root.resolve("pcap/libtrace_100_packets.pcap"); // Ethernet, one interface, earlier times
        Path tsh = root.resolve("compressed/libtrace_10_packets.tsh.gz"); // raw IP
        Path out = tmp.resolve("merged.pcapng");
        ConvertResult r = ConvertRun.convert(
                List.of(erf.toString(), pcap.toString(), "tsh:" + tsh), out, o -> o.linkEthernet = false);
        assertThat(r.packets).isEqualTo(10000 + 100 + 100);
        assertThat(r.inputFormat).isEqualTo("erf+pcap+tsh");
        List<Packet> ps = ConvertRun.packets(out);
        assertThat(ps).hasSize(10200);
        assertThat(ps).extracting(p -> p.timestampNs).isSorted();
        // where each interface number came from: none is shared by two inputs
        Set<Integer> fromPcap = new HashSet<>();
        Set<Integer> fromErf = new HashSet<>();
        Set<Integer> fromTsh = new HashSet<>();
        for (Packet p : ps) {
            long secs = p.timestampNs / 1_000_000_000L;
            (p.linkType == LinkTypes.RAW ? fromTsh : secs == 1095292801L ? fromPcap : fromErf).add(p.interfaceId);
        }
        assertThat(fromErf).hasSize(3).doesNotContainAnyElementsOf(fromPcap).doesNotContainAnyElementsOf(fromTsh);
        assertThat(fromPcap).hasSize(1).doesNotContainAnyElementsOf(fromTsh);
        assertThat(r.interfaces).hasSize(3 + 1 + fromTsh.size());
    }

    @Test
    void shouldBreakTimestampTiesByInputOrder() throws IOException {
        Path a = SharedTraces.require().resolve("pcap/libtrace_100_packets.pcap");
        Path b = SharedTraces.require().resolve("compressed/libtrace_100_packets.pcap.gz");
        Path out = tmp.resolve("twice.pcapng");
        ConvertRun.convert(List.of(a.toString(), b.toString()), out, o -> {});
        List<Packet> once = ConvertRun.packets(a);
        List<Packet> got = ConvertRun.packets(out);
        // the expected order: both copies, stably sorted by time (input a first on ties)
        List<long[]> want = new ArrayList<>();
        for (int input = 0; input < 2; input++) {
            for (int i = 0; i < once.size(); i++) {
                want.add(new long[] {once.get(i).timestampNs, input, i});
            }
        }
        want.sort(Comparator.comparingLong(x -> x[0]));
        assertThat(got).hasSize(want.size());
        for (int k = 0; k < got.size(); k++) {
            Packet g = got.get(k);
            Packet w = once.get((int) want.get(k)[2]);
            assertThat(g.interfaceId).as("packet " + k).isEqualTo((int) want.get(k)[1]);
            assertThat(Arrays.copyOf(g.data(), g.capturedLength()))
                    .as("packet " + k)
                    .isEqualTo(Arrays.copyOf(w.data(), w.capturedLength()));
        }
    }

    @Test
    void shouldCutByTimeRangeThenSkipThenLimit() throws IOException {
        Path in = SharedTraces.require().resolve("erf/libtrace_fragtest.erf");
        List<Packet> all = ConvertRun.packets(in);
        long start = all.get(1000).timestampNs;
        long end = all.get(3000).timestampNs;
        List<Packet> want = all.stream()
                .filter(p -> p.timestampNs >= start && p.timestampNs < end)
                .skip(25)
                .limit(500)
                .toList();
        Path out = tmp.resolve("cut.pcap");
        ConvertResult r = ConvertRun.convert(in.toString(), out, o -> {
            o.timeRange = TimeRange.parse(String.format(
                    "%d.%09d,%d.%09d",
                    start / 1_000_000_000L, start % 1_000_000_000L, end / 1_000_000_000L, end % 1_000_000_000L));
            o.skip = 25;
            o.limit = 500;
        });
        assertThat(r.packets).isEqualTo(500);
        assertThat(ConvertRun.packets(out))
                .extracting(p -> p.timestampNs)
                .containsExactlyElementsOf(want.stream().map(p -> p.timestampNs).toList());
    }

    @Test
    void shouldReadIsoAndEpochBoundsAlike() {
        assertThat(TimeRange.parse("2004-09-16T00:00:01.000721395Z,2004-09-16T02:00:02+02:00"))
                .isEqualTo(TimeRange.parse("1095292801.000721395,1095292802"));
        assertThat(TimeRange.parse(",5").startNs()).isEqualTo(Long.MIN_VALUE);
        assertThat(TimeRange.parse("5,").contains(Long.MAX_VALUE - 1)).isTrue();
        assertThatThrownBy(() -> TimeRange.parse("5,4")).hasMessageContaining("END must be after START");
        assertThatThrownBy(() -> TimeRange.parse("yesterday,")).hasMessageContaining("ISO-8601");
    }

    @Test
    void shouldGiveRawIpAnEthernetHeaderByDefaultOnlyForNvcr() throws IOException {
        String tsh = "tsh:" + SharedTraces.require().resolve("tsh/libtrace_10_packets.tsh");
        ConvertRun.convert(tsh, tmp.resolve("t.nvcr"), o -> {});
        ConvertRun.convert(tsh, tmp.resolve("raw.nvcr"), o -> o.linkEthernet = false);
        ConvertRun.convert(tsh, tmp.resolve("t.pcap"), o -> {});
        assertThat(ConvertRun.packets(tmp.resolve("t.nvcr")))
                .allSatisfy(p -> assertThat(p.linkType).isEqualTo(LinkTypes.ETHERNET));
        assertThat(ConvertRun.packets(tmp.resolve("raw.nvcr")))
                .allSatisfy(p -> assertThat(p.linkType).isEqualTo(LinkTypes.RAW));
        assertThat(ConvertRun.packets(tmp.resolve("t.pcap")))
                .allSatisfy(p -> assertThat(p.linkType).isEqualTo(LinkTypes.RAW));
    }

    @Test
    void shouldExitWithUsageForBadOptionsAndDataErrorForHeaderlessInputWithoutFormat() {
        String tsh =
                SharedTraces.require().resolve("tsh/libtrace_10_packets.tsh").toString();
        String pcap =
                SharedTraces.require().resolve("pcap/libtrace_100_packets.pcap").toString();
        String out = tmp.resolve("o.nvcr").toString();
        assertThat(run("--filter", "tcp and", pcap, out)).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--time-range", "x,y", pcap, out)).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--src-mac", "02:00:00:00:00", pcap, out)).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--skip", "-1", pcap, out)).isEqualTo(ExitCodes.USAGE);
        // 0 used to mean "write nothing" here but "no limit" in replay: now refused in both.
        assertThat(run("--limit", "0", pcap, out)).isEqualTo(ExitCodes.USAGE);
        assertThat(run(tsh, out)).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(run("--format", "tsh", tsh, out)).isEqualTo(ExitCodes.OK);
        assertThat(run("--no-link-ethernet", "--dst-mac", "02-aa-bb-cc-dd-ee", "--limit", "3", pcap, "tsh:" + tsh, out))
                .isEqualTo(ExitCodes.OK);
    }

    private static int run(String... args) {
        return ToolMain.run("netvcr-convert", new ConvertCommand(), args);
    }
}
