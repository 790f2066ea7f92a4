package io.netvcr.replay.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.analyze.EpsilonLog;
import io.netvcr.analyze.EpsilonSample;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ε log leaves the sending thread through a ring: every record arrives in order when the writer keeps up;
 * when it does not, records are dropped and counted, never blocking the caller; netvcr-analyze reads the result.
 */
class EpsilonLogWriterTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryRecordInOrderWithBothTimes() throws Exception {
        Path log = dir.resolve("e.log");
        int n = 200_000; // several ring laps and several writes (EpsilonLogWriter.RECORDS_PER_WRITE each)
        try (EpsilonLogWriter w = new EpsilonLogWriter(log.toString(), EpsilonAt.CALL, 4096)) {
            for (int i = 0; i < n; i++) {
                w.append(i, 1_000L * i, 1_000L * i + 7, 1_000L * i + 7 + (i % 5));
                while (w.pending() > 2048) {
                    Thread.sleep(1); // let the writer catch up: this test is about order, not drops
                }
            }
            w.close();
            assertThat(w.dropped()).isZero();
            assertThat(w.written()).isEqualTo(n);
        }
        try (EpsilonLog.Reader rd = EpsilonLog.Reader.open(log)) {
            assertThat(rd.version()).isEqualTo(2);
            assertThat(rd.count()).isEqualTo(n);
            EpsilonSample s = new EpsilonSample();
            long i = 0;
            while (rd.next(s)) {
                assertThat(s.index).isEqualTo(i);
                assertThat(s.deadlineNs).isEqualTo(1_000L * i);
                assertThat(s.callNs).isEqualTo(1_000L * i + 7);
                assertThat(s.returnNs).isEqualTo(1_000L * i + 7 + (i % 5));
                assertThat(s.epsilonNs).isEqualTo(7);
                assertThat(s.actualNs).isEqualTo(s.callNs);
                i++;
            }
            assertThat(i).isEqualTo(n);
        }
        assertThat(n).isGreaterThan(4 * EpsilonLogWriter.RECORDS_PER_WRITE);
    }

    @Test
    void shouldKeepTheRecordsAfterTheRingWrapsWhenClosedAtOnce() throws Exception {
        // A ring of 262,144 bytes holds 6,553 records of 40 bytes and 24 bytes of padding before it wraps: a read
        // that only steps over the padding counts no message; a closing writer took that for "empty".
        Path log = dir.resolve("w.log");
        int first = 262_144 / 40;
        try (EpsilonLogWriter w = new EpsilonLogWriter(log.toString(), EpsilonAt.CALL, 4096)) {
            for (int i = 0; i < first; i++) {
                w.append(i, i, i, i);
            }
            while (w.pending() > 0) {
                Thread.sleep(1);
            }
            for (int i = first; i < first + 10; i++) {
                w.append(i, i, i, i);
            }
            w.close();
            assertThat(w.dropped()).isZero();
            assertThat(w.written())
                    .as("records in the file, the 10 after the wrap included")
                    .isEqualTo(first + 10);
        }
        try (EpsilonLog.Reader rd = EpsilonLog.Reader.open(log)) {
            assertThat(rd.count()).isEqualTo(first + 10);
        }
    }

    @Test
    void shouldMeasureEpsilonAtReturnWhenAsked() throws Exception {
        Path log = dir.resolve("r.log");
        try (EpsilonLogWriter w = new EpsilonLogWriter(log.toString(), EpsilonAt.RETURN)) {
            w.append(3, 100, 110, 150);
        }
        try (EpsilonLog.Reader rd = EpsilonLog.Reader.open(log)) {
            EpsilonSample s = new EpsilonSample();
            assertThat(rd.next(s)).isTrue();
            assertThat(s.epsilonNs).isEqualTo(50);
            assertThat(s.actualNs).isEqualTo(150);
            assertThat(rd.next(s)).isFalse();
        }
    }

    @Test
    void shouldDropAndCountWhenTheWriterFallsBehindWithoutBlocking() throws Exception {
        Path log = dir.resolve("d.log");
        int n = 100_000;
        long dropped;
        long written;
        try (EpsilonLogWriter w = new EpsilonLogWriter(log.toString(), EpsilonAt.CALL, 1024)) {
            w.slowWriterForTest(20_000_000);
            for (int i = 0; i < n; i++) {
                w.append(i, i, i + 1, i + 2);
            }
            w.close();
            dropped = w.dropped();
            written = w.written();
        }
        assertThat(dropped)
                .as("records dropped by a ring of 1024 whose writer sleeps 20 ms per drain")
                .isGreaterThan(n / 2);
        assertThat(written + dropped).isEqualTo(n);
        try (EpsilonLog.Reader rd = EpsilonLog.Reader.open(log)) {
            assertThat(rd.count()).isEqualTo(written);
            EpsilonSample s = new EpsilonSample();
            long prev = -1;
            long k = 0;
            while (rd.next(s)) {
                assertThat(s.index).isGreaterThan(prev);
                assertThat(s.callNs).isEqualTo(s.index + 1);
                prev = s.index;
                k++;
            }
            assertThat(k).isEqualTo(written);
        }
    }
}
