package io.netvcr.formats.epsilon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.TraceFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpsilonLogFormatTest {
    private static byte[] v2Log(long count, int records) {
        ByteBuffer b = ByteBuffer.allocate(EpsilonLogFormat.HEADER_LENGTH + records * EpsilonLogFormat.RECORD_LENGTH_V2)
                .order(ByteOrder.LITTLE_ENDIAN);
        EpsilonLogFormat.putHeader(b, 2, count);
        for (int i = 0; i < records; i++) {
            long deadline = 1_000_000L * i;
            EpsilonLogFormat.putRecordV2(b, 7 + i, deadline, deadline + 300 + i, deadline + 5_000 + i, 300 + i);
        }
        return b.array();
    }

    @Test
    void versionTwoRoundTripsEveryField() throws IOException {
        byte[] log = v2Log(3, 3);
        assertThat(log).hasSize(16 + 3 * 40);
        assertThat(Arrays.copyOf(log, 8)).isEqualTo("NVCREPS2".getBytes());
        try (EpsilonLogReader r = new EpsilonLogReader("e.log", new ByteArrayInputStream(log))) {
            assertThat(r.version()).isEqualTo(2);
            assertThat(r.count()).isEqualTo(3);
            EpsilonRecord rec = new EpsilonRecord();
            for (int i = 0; i < 3; i++) {
                assertThat(r.next(rec)).isTrue();
                assertThat(rec.index).isEqualTo(7 + i);
                assertThat(rec.deadlineNs).isEqualTo(1_000_000L * i);
                assertThat(rec.callNs).isEqualTo(1_000_000L * i + 300 + i);
                assertThat(rec.returnNs).isEqualTo(1_000_000L * i + 5_000 + i);
                assertThat(rec.epsilonNs).isEqualTo(300 + i);
            }
            assertThat(r.next(rec)).isFalse();
        }
    }

    @Test
    void versionOneHasNoReturnTime() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.put(EpsilonLogFormat.header(1, 1));
        EpsilonLogFormat.putRecordV1(b, 4, 100, 250, 150);
        try (EpsilonLogReader r = new EpsilonLogReader("old.log", new ByteArrayInputStream(b.array()))) {
            EpsilonRecord rec = new EpsilonRecord();
            assertThat(r.version()).isEqualTo(1);
            assertThat(r.next(rec)).isTrue();
            assertThat(rec.index).isEqualTo(4);
            assertThat(rec.callNs).isEqualTo(250);
            assertThat(rec.returnNs).isEqualTo(EpsilonRecord.UNKNOWN);
            assertThat(rec.epsilonNs).isEqualTo(150);
            assertThat(r.next(rec)).isFalse();
        }
    }

    @Test
    void unknownCountReadsToTheEndOfTheFile() throws IOException {
        try (EpsilonLogReader r = new EpsilonLogReader("s.log", new ByteArrayInputStream(v2Log(-1, 5)))) {
            EpsilonRecord rec = new EpsilonRecord();
            int n = 0;
            while (r.next(rec)) {
                n++;
            }
            assertThat(n).isEqualTo(5);
        }
    }

    @Test
    void aLogShorterThanItsCountNamesRecordAndOffset() throws IOException {
        try (EpsilonLogReader r = new EpsilonLogReader("t.log", new ByteArrayInputStream(v2Log(4, 2)))) {
            EpsilonRecord rec = new EpsilonRecord();
            assertThat(r.next(rec)).isTrue();
            assertThat(r.next(rec)).isTrue();
            assertThatThrownBy(() -> r.next(rec))
                    .isInstanceOf(TraceFormatException.class)
                    .hasMessageContaining("t.log")
                    .hasMessageContaining("promises 4")
                    .hasMessageContaining("96");
        }
    }

    @Test
    void aRecordCutShortIsAnError() throws IOException {
        byte[] log = Arrays.copyOf(v2Log(-1, 2), 16 + 40 + 12);
        try (EpsilonLogReader r = new EpsilonLogReader("c.log", new ByteArrayInputStream(log))) {
            EpsilonRecord rec = new EpsilonRecord();
            assertThat(r.next(rec)).isTrue();
            assertThatThrownBy(() -> r.next(rec))
                    .isInstanceOf(TraceFormatException.class)
                    .hasMessageContaining("cut short (12 of 40 bytes)");
        }
    }

    @Test
    void anotherFileIsRefused() {
        byte[] notALog = "NVCRPAY1\0\0\0\0\0\0\0\0".getBytes();
        assertThatThrownBy(() -> new EpsilonLogReader("x.payload", new ByteArrayInputStream(notALog)))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("not an epsilon log");
    }
}
