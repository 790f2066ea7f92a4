package io.netvcr.replay.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.Mechanisms;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

class DualSinkTest {
    /** Remembers the timestamps it was given, to see which records reached it. */
    static final class Recording implements PacketSink {
        final List<Long> times = new ArrayList<>();

        @Override
        public void open(Mechanisms m) {}

        @Override
        public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
            times.add(timeNs);
            return length;
        }

        @Override
        public String describe() {
            return "rec";
        }

        @Override
        public void close() {}
    }

    @Test
    void shouldRouteKnownServerSideRecordsToTheSecondInterface() throws Exception {
        Recording a = new Recording();
        Recording b = new Recording();
        DualSink d = new DualSink(a, b);
        BytesStore<?, byte[]> store = BytesStore.wrap(new byte[128]);
        NvcrRecord r = new NvcrRecord().wrap(store, 0);
        r.flags(PacketFlags.DIRECTION_KNOWN).direction(1);
        d.send(r, store, 0, 60, 1);
        r.flags(PacketFlags.DIRECTION_KNOWN).direction(0);
        d.send(r, store, 0, 60, 2);
        r.flags(0).direction(1); // direction not known: primary interface
        d.send(r, store, 0, 60, 3);
        assertThat(a.times).containsExactly(2L, 3L);
        assertThat(b.times).containsExactly(1L);
        assertThat(d.describe()).contains("by direction");
    }
}
