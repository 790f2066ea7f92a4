package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.sink.PacketSink;
import io.netvcr.replay.sink.SendMode;
import io.netvcr.replay.sink.SinkKind;
import io.netvcr.replay.sink.Sinks;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Adding a sink" and "adding a send mode": one class and one registration each. The toy sink (--sink toy:NAME) and
 * the toy send mode (--interface IF --send-mode toy-mode, which never opens a socket) receive every frame of a small
 * replay, and the registry's names reach --help and the error messages.
 */
class ToySinkRegistrationTest {
    static final String SINK = "toy";
    static final String MODE = "toy-mode";
    /** What each toy sink saw, by the name it was given. */
    static final Map<String, CountingSink> SEEN = new ConcurrentHashMap<>();

    /** Counts frames and bytes and keeps the first byte of each (the destination MAC's first octet). */
    static final class CountingSink implements PacketSink {
        final String name;
        long frames;
        long bytes;
        long firstBytes;
        boolean opened;
        boolean closed;

        CountingSink(String name) {
            this.name = name;
            SEEN.put(name, this);
        }

        @Override
        public void open(Mechanisms mechanisms) {
            opened = true;
            mechanisms.inForce("toy sink " + name);
        }

        @Override
        public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
            frames++;
            bytes += length;
            firstBytes += frame.readByte(0) & 0xff;
            return length;
        }

        @Override
        public String describe() {
            return "toy:" + name;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        synchronized (ToySinkRegistrationTest.class) {
            if (!Sinks.sinkUsages().contains(SINK + ":NAME")) {
                Sinks.register(new SinkKind(SINK, "NAME", "counts frames", false, CountingSink::new));
                Sinks.register(new SendMode(
                        MODE,
                        "counts frames instead of sending",
                        false,
                        (interfaceName, maxBatch) -> new CountingSink("mode-" + interfaceName)));
            }
        }
    }

    @Test
    void replaysIntoTheRegisteredSink() throws Exception {
        long n = 150;
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), n, 20_000, 40);
        ReplayRun r = ReplayRun.of("--sink", SINK + ":a", "--timer", "spin", "--json", f.toString());
        assertThat(r.exitCode).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        CountingSink s = SEEN.get("a");
        assertThat(s).isNotNull();
        assertThat(s.opened).isTrue();
        assertThat(s.closed).isTrue();
        assertThat(s.frames).isEqualTo(n);
        assertThat(s.bytes).isEqualTo(j.at("/bytes").asLong()).isPositive();
        // Synthetic traffic goes to a locally administered MAC: 02:...
        assertThat(s.firstBytes).isEqualTo(2 * n);
        assertThat(j.at("/target").asText()).isEqualTo("toy:a");
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(n);
    }

    @Test
    void replaysThroughTheRegisteredSendMode() throws Exception {
        long n = 120;
        Path f = PreparedTraces.periodic(dir.resolve("m.nvcr"), n, 20_000, 40);
        ReplayRun r =
                ReplayRun.of("--interface", "toy0", "--send-mode", MODE, "--timer", "spin", "--json", f.toString());
        assertThat(r.exitCode).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        CountingSink s = SEEN.get("mode-toy0");
        assertThat(s).isNotNull();
        assertThat(s.frames).isEqualTo(n);
        assertThat(j.at("/sendMode").asText()).isEqualTo(MODE);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(n);
    }

    @Test
    void helpAndErrorsListTheRegistry() throws Exception {
        ReplayRun help = ReplayRun.of("--help");
        // Help wraps lines anywhere, even after a colon: compare without white space.
        String text = help.out.replaceAll("\\s+", "");
        assertThat(text)
                .contains("null(measures")
                .contains("pcap:FILE(writes")
                .contains("libpcap:IF(pcap_sendpacket")
                .contains("toy:NAME(countsframes)")
                .contains("ring(PACKET_MMAP")
                .contains("toy-mode(countsframesinsteadofsending)");
        Path f = PreparedTraces.periodic(dir.resolve("q.nvcr"), 10, 20_000, 40);
        ReplayRun badSink = ReplayRun.of("--sink", "tape:x", f.toString());
        assertThat(badSink.exitCode).isEqualTo(64);
        assertThat(badSink.err).contains("unknown --sink 'tape:x'").contains(SINK + ":NAME");
        ReplayRun badMode = ReplayRun.of("--interface", "toy0", "--send-mode", "turbo", f.toString());
        assertThat(badMode.exitCode).isEqualTo(64);
        assertThat(badMode.err).contains("unknown --send-mode 'turbo'").contains(MODE);
        ReplayRun none = ReplayRun.of(f.toString());
        assertThat(none.exitCode).isEqualTo(64);
        assertThat(none.err).contains("--sink " + SINK + ":NAME");
    }
}
