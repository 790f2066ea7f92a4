package io.netvcr.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceMergerTest {
    /** A reader over given (time, interface) pairs. */
    private static TraceReader reader(long[][] packets) {
        return new TraceReader() {
            private int i = -1;

            @Override
            public boolean next(Packet p) {
                if (++i >= packets.length) {
                    return false;
                }
                p.prepare(1)[0] = (byte) i;
                p.timestampNs = packets[i][0];
                p.interfaceId = (int) packets[i][1];
                return true;
            }

            @Override
            public long recordIndex() {
                return i;
            }

            @Override
            public long byteOffset() {
                return 0;
            }

            @Override
            public String formatName() {
                return "test";
            }

            @Override
            public void close() {}
        };
    }

    private static List<long[]> drain(TraceMerger m) throws IOException {
        List<long[]> out = new ArrayList<>();
        Packet p = new Packet();
        while (m.next(p)) {
            out.add(new long[] {p.timestampNs, p.interfaceId, p.data()[0]});
        }
        return out;
    }

    @Test
    void shouldMergeByTimeAndBreakTiesByInputOrder() throws IOException {
        TraceMerger m = new TraceMerger(
                List.of(reader(new long[][] {{10, 0}, {20, 0}, {30, 0}}), reader(new long[][] {{5, 0}, {20, 0}, {40, 0}
                })),
                List.of("a", "b"));
        List<long[]> got = drain(m);
        assertThat(got).extracting(x -> x[0]).containsExactly(5L, 10L, 20L, 20L, 30L, 40L);
        // the tie at 20: input a (first named) before input b; b got interface 0 as it appeared first
        assertThat(got.get(2)[1]).isEqualTo(1);
        assertThat(got.get(3)[1]).isEqualTo(0);
        assertThat(m.interfaceMap()).containsExactly("0=b#0", "1=a#0");
    }

    @Test
    void shouldGiveEveryInputAndInterfacePairItsOwnNumberAndKeepEachInputsOrder() throws IOException {
        TraceMerger m = new TraceMerger(
                List.of(
                        reader(new long[][] {{1, 0}, {2, 1}, {1, 0}}), // not time-ordered: not reordered
                        reader(new long[][] {{3, 0}})),
                List.of("a", "b"));
        List<long[]> got = drain(m);
        assertThat(got).extracting(x -> x[2]).containsExactly(0L, 1L, 2L, 0L);
        assertThat(got).extracting(x -> x[1]).containsExactly(0L, 1L, 0L, 2L);
        assertThat(m.formatName()).isEqualTo("test");
    }
}
