package io.netvcr.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class NonPacketSkipperTest {
    /** Replays a fixed list: 'p' a packet, 'e' nothing captured, 'z' all zero (time 0, zero bytes), 't' time 0 but data. */
    private static final class Script implements TraceReader {
        private final Deque<Character> left = new ArrayDeque<>();
        private long index = -1;

        Script(String s) {
            for (char c : s.toCharArray()) {
                left.add(c);
            }
        }

        @Override
        public boolean next(Packet p) {
            if (left.isEmpty()) {
                return false;
            }
            char c = left.poll();
            index++;
            byte[] b = p.prepare(c == 'e' ? 0 : 20);
            java.util.Arrays.fill(b, 0, 20, (byte) 0);
            if (c == 'p' || c == 't') {
                b[5] = 1;
            }
            p.timestampNs = c == 'z' || c == 't' ? 0 : 1_000 + index;
            p.wireLength = p.capturedLength();
            return true;
        }

        @Override
        public long recordIndex() {
            return index;
        }

        @Override
        public long byteOffset() {
            return 100 + index * 10;
        }

        @Override
        public String formatName() {
            return "script";
        }

        @Override
        public void close() {}
    }

    private static int drain(NonPacketSkipper s) throws Exception {
        Packet p = new Packet();
        int n = 0;
        while (s.next(p)) {
            assertThat(NonPacketSkipper.isNonPacket(p)).isFalse();
            n++;
        }
        return n;
    }

    @Test
    void shouldPassPacketsAndCountWhatIsSkipped() throws Exception {
        NonPacketSkipper s = new NonPacketSkipper(new Script("pezpztp"), "x", 3);
        assertThat(drain(s)).isEqualTo(4);
        assertThat(s.skipped()).isEqualTo(3);
    }

    @Test
    void shouldResetTheRunOnEveryRealPacket() throws Exception {
        NonPacketSkipper s = new NonPacketSkipper(new Script("eepeepeep"), "x", 3);
        assertThat(drain(s)).isEqualTo(3);
        assertThat(s.skipped()).isEqualTo(6);
    }

    @Test
    void shouldStopAtTheCapNamingTheRecordWhereTheRunEnds() {
        NonPacketSkipper s = new NonPacketSkipper(new Script("pezeep"), "x.pcap", 4);
        assertThatThrownBy(() -> drain(s))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(
                        "x.pcap: record 4 at byte offset 140: 4 records in a row carry no packet (nothing captured, or all"
                                + " zero): not a script trace, or zeroed from record 1 on");
    }
}
