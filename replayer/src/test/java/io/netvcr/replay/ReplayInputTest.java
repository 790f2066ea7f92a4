package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay reads regular files only, says so at once for anything else, and warns about a trace still being written. */
class ReplayInputTest {
    @TempDir
    Path dir;

    @Test
    void shouldSayStandardInputIsNotARegularFile() {
        ReplayRun r = ReplayRun.of("--sink", "null", "-");
        assertThat(r.exitCode).isEqualTo(66);
        assertThat(r.err)
                .contains("needs a regular file")
                .contains("'-' (standard input)")
                .doesNotContain("no such file");
    }

    /** Opening a FIFO for reading blocks until a writer comes: the replay must refuse it before opening it. */
    @Test
    void shouldRefuseAFifoAtOnceInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("trace.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        ReplayRun r = assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> ReplayRun.of("--sink", "null", fifo.toString()));
        assertThat(r.exitCode).isEqualTo(66);
        assertThat(r.err)
                .contains(fifo.toString())
                .contains("is a FIFO (named pipe), not a regular file")
                .contains("needs a regular file");
    }

    @Test
    void shouldRefuseAFifoBehindASymbolicLinkToo() throws Exception {
        Path fifo = dir.resolve("t.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        Path link = Files.createSymbolicLink(dir.resolve("link.nvcr"), fifo);
        ReplayRun r = assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> ReplayRun.of("--sink", "null", link.toString()));
        assertThat(r.exitCode).isEqualTo(66);
        assertThat(r.err).contains("is a FIFO");
    }

    @Test
    void shouldSayADirectoryIsADirectory() {
        ReplayRun r = ReplayRun.of("--sink", "null", dir.toString());
        assertThat(r.exitCode).isEqualTo(66);
        assertThat(r.err).contains(dir + " is a directory").doesNotContain("no such file");
    }

    @Test
    void shouldSayACharacterDeviceIsNotARegularFile() {
        ReplayRun r = ReplayRun.of("--sink", "null", "/dev/null");
        assertThat(r.exitCode).isEqualTo(66);
        assertThat(r.err).contains("/dev/null is a character device, not a regular file");
    }

    @Test
    void shouldStillSayNoSuchFileForAMissingTrace() {
        ReplayRun r = ReplayRun.of("--sink", "null", dir.resolve("absent.nvcr").toString());
        assertThat(r.exitCode).isEqualTo(66);
        assertThat(r.err).contains("no such file: " + dir.resolve("absent.nvcr"));
    }

    /** A trace whose writer has not finished (record count -1 in its header): replayed as far as it went, with a warning. */
    @Test
    void shouldWarnAndReplayTheRecordsAStreamedTraceHeldAtStart() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("s.nvcr"), 40, 10_000, 32);
        NvcrHeader h = NvcrFile.readHeader(f);
        h.recordCount = NvcrLayout.COUNT_UNKNOWN;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(h.encode(), 0);
        }
        ReplayRun r = ReplayRun.of("--sink", "null", "--json", f.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.err)
                .contains("warning: " + f + " is still being written")
                .contains("replaying the 40 whole records");
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(40);
        assertThat(j.get("warnings").get(0).asText()).contains("still being written");
    }

    @Test
    void shouldRefuseAPcapSinkOrEpsilonLogThatIsTheTraceItself() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("self.nvcr"), 10, 10_000, 32);
        long size = Files.size(f);
        ReplayRun a = ReplayRun.of("--sink", "pcap:" + f, f.toString());
        ReplayRun b = ReplayRun.of("--sink", "null", "--epsilon-log", f.toString(), f.toString());
        assertThat(a.exitCode).isEqualTo(64);
        assertThat(b.exitCode).isEqualTo(64);
        assertThat(a.err).contains("is an input of this run").contains("refusing to overwrite it");
        assertThat(Files.size(f)).as("trace untouched").isEqualTo(size);
        assertThat(NvcrFile.readHeader(f).recordCount).isEqualTo(10);
    }

    /** A damaged record is found when the replay opens the trace: one line naming file, record and offset (exit 65). */
    @Test
    void shouldReportADamagedRecordByFileRecordAndOffset() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("d.nvcr"), 20, 1000, 32);
        int recordLength = NvcrFile.readHeader(f).recordLength;
        long at = NvcrLayout.recordOffset(7, recordLength);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putInt(0, -5); // sendLength
            b.limit(4);
            ch.write(b, at + NvcrLayout.R_SEND_LENGTH);
        }
        for (String sink : new String[] {"null", "pcap:" + dir.resolve("out.pcap")}) {
            ReplayRun r = ReplayRun.of("--sink", sink, "--topspeed", f.toString());
            assertThat(r.exitCode).as(r.err).isEqualTo(65);
            // Every record is checked when the replay opens the trace (NvcrValidator), so nothing is sent.
            assertThat(r.err).contains(f.toString()).contains("record 7").contains(String.valueOf(at));
        }
        assertThat(Files.exists(dir.resolve("out.pcap")))
                .as("pcap sink of a failed replay not written")
                .isFalse();
    }
}
