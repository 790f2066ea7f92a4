package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.sink.PacketSink;
import io.netvcr.replay.timing.Schedule;
import io.netvcr.replay.timing.Sleeper;
import io.netvcr.replay.timing.SpinTimer;
import io.netvcr.replay.trace.TraceWindows;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ENOBUFS/EAGAIN are retried and counted; any other send error stops the replay with what was sent so far. */
class SendErrorTest {
    @TempDir
    Path dir;

    /** Answers from a script: for packet k (0-based), the first refusals[k] calls fail with the given errno. */
    static final class ScriptedSink implements PacketSink {
        final int[] refusals;
        final int errno;
        int packet;
        int callsForPacket;

        ScriptedSink(int errno, int... refusals) {
            this.errno = errno;
            this.refusals = refusals;
        }

        @Override
        public void open(Mechanisms m) {}

        @Override
        public long send(NvcrRecord r, net.openhft.chronicle.bytes.BytesStore<?, ?> f, long a, int length, long t) {
            int refuse = packet < refusals.length ? refusals[packet] : 0;
            if (callsForPacket < refuse) {
                callsForPacket++;
                return -errno;
            }
            packet++;
            callsForPacket = 0;
            return length;
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public void close() {}
    }

    private ReplayStats replay(PacketSink sink) throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 10, 1000, 32);
        ReplayStats stats = new ReplayStats();
        try (TraceWindows w = new TraceWindows(f, 1 << 20, false, false, new Mechanisms())) {
            new ReplayLoop(
                            w,
                            new FrameBuilder(),
                            sink,
                            new SpinTimer(),
                            new Sleeper(true),
                            stats,
                            null,
                            new StopSignal())
                    .run(new Schedule(System.nanoTime(), 1, 1.0), 1, 0, 0, false);
        }
        return stats;
    }

    @Test
    void shouldRetryEnobufsAndCountIt() throws Exception {
        ReplayStats s = replay(new ScriptedSink(LinuxNative.ENOBUFS, 0, 3, 0, 1));
        assertThat(s.sent).isEqualTo(10);
        assertThat(s.failed).isZero();
        assertThat(s.retriedPackets).isEqualTo(2);
        assertThat(s.retries).isEqualTo(4);
        assertThat(s.stopErrno).isZero();
    }

    @Test
    void shouldStopOnOtherErrorsKeepingWhatWasSent() throws Exception {
        ReplayStats s = replay(new ScriptedSink(90 /* EMSGSIZE */, 0, 0, 0, 1));
        assertThat(s.sent).isEqualTo(3);
        assertThat(s.failed).isEqualTo(1);
        assertThat(s.stopErrno).isEqualTo(90);
    }
}
