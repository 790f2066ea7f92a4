package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.testing.ChildTool;
import io.netvcr.formats.testing.Prerequisites;
import io.netvcr.formats.testing.SharedTraces;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults around a conversion: the disk fills up, the user stops it. No partial output may remain. */
class ConvertFaultsTest {
    @TempDir
    Path dir;

    @Test
    void shouldFailWith74AndRemoveTheTemporaryFileWhenTheDiskIsFull() throws Exception {
        Prerequisites.require(
                "root".equals(System.getProperty("user.name")), "needs root to mount a 64 KiB tmpfs: skipped");
        Path full = Files.createDirectory(dir.resolve("full"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full.toString())
                .redirectErrorStream(true)
                .start();
        String why = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        Prerequisites.require(mount.waitFor() == 0, "cannot mount a tmpfs here (" + why + "): skipped");
        try {
            // 100 records of 1088 bytes: 105 KiB of NetVCR into 64 KiB
            Path trace = SharedTraces.require().resolve("pcap/libtrace_100_packets.pcap");
            ConvertCli r = ConvertCli.of(
                    "--snap", "1000", trace.toString(), full.resolve("out.nvcr").toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(74);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.errLines().get(0))
                    .isEqualTo(
                            "netvcr-convert: " + full.resolve("out.nvcr") + ": cannot write: No space left on device");
            assertThat(ConvertCli.filesIn(full)).isEmpty();
        } finally {
            new ProcessBuilder("umount", full.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRemoveThePartialOutputAndExit143OnSigterm() throws Exception {
        stopMidConversion("TERM", 143);
    }

    @Test
    void shouldRemoveThePartialOutputAndExit130OnSigint() throws Exception {
        stopMidConversion("INT", 130);
    }

    /** Feeds a child netvcr-convert a trace through a pipe that stays open, then signals it mid-way. */
    private void stopMidConversion(String signal, int expectedExit) throws Exception {
        Path out = dir.resolve("out.nvcr");
        Process p = new ProcessBuilder(ChildTool.command(
                        List.of("-XX:+UseSerialGC"),
                        true,
                        ConvertCommand.class.getName(),
                        "--no-progress",
                        "-",
                        out.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(pcapWithRecords(2000));
            stdin.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!hasTemporaryOutput() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(hasTemporaryOutput())
                    .as("the conversion started writing its temporary file")
                    .isTrue();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped after SIG" + signal)
                    .isTrue();
        } catch (IOException pipeClosedByTheStoppedChild) {
            // the child is gone; its exit code and files tell the rest
            p.waitFor(60, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(expectedExit);
        assertThat(ConvertCli.filesIn(dir)).containsExactly("stderr.txt");
        assertThat(Files.readString(dir.resolve("stderr.txt")))
                .contains("netvcr-convert: stopped by a signal before finishing; unfinished output files removed");
    }

    private boolean hasTemporaryOutput() throws IOException {
        return ConvertCli.filesIn(dir).stream().anyMatch(n -> n.startsWith(".out.nvcr.netvcr-tmp-"));
    }

    /** A pcap of n 98-byte Ethernet frames between locally administered MACs. */
    private static byte[] pcapWithRecords(int n) {
        ByteBuffer b = ByteBuffer.allocate(24 + n * (16 + 98)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        for (int i = 0; i < n; i++) {
            b.putInt(1_700_000_000).putInt(i).putInt(98).putInt(98);
            b.put(new byte[] {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00});
            b.put(new byte[98 - 14]);
        }
        return b.array();
    }
}
