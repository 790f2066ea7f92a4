package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.Packet;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.nvcr.PayloadSidecar;
import io.netvcr.formats.testing.ChildTool;
import io.netvcr.formats.testing.PrivateTmpfs;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** netvcr-prep and its files under hostile use: inputs never overwritten, special files, shard sets, sidecars, messages. */
class PrepFileSafetyTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path tmp;

    record Run(int exit, String err) {}

    static synchronized Run prep(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            List<String> a = new ArrayList<>(List.of("--no-progress"));
            a.addAll(List.of(args));
            int exit = ToolMain.run("netvcr-prep", new PrepCommand(), a.toArray(new String[0]));
            return new Run(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static List<Packet> packets(int n, int payload) {
        List<Packet> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ps.add(Frames.packet(
                    T0 + i * 1_000_000L,
                    Frames.ip(
                            Frames.v4("198.18.0.1"),
                            Frames.v4("198.19.0." + (i % 50)),
                            17,
                            1000 + i,
                            53,
                            0,
                            payload,
                            -1)));
        }
        return ps;
    }

    private Path pcap(String name, int n) throws Exception {
        Path p = tmp.resolve(name);
        Frames.writePcap(p, packets(n, 100));
        return p;
    }

    @Test
    void shouldRefuseToOverwriteItsInputByAnyName() throws Exception {
        Path c = pcap("c.pcap", 10);
        byte[] before = Files.readAllBytes(c);
        Path sym = Files.createSymbolicLink(tmp.resolve("sym.nvcr"), c);
        Path hard = Files.createLink(tmp.resolve("hard.nvcr"), c);
        for (Path out : List.of(c, sym, hard)) {
            Run r = prep(c.toString(), out.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("is an input of this run");
        }
        // A shard's name is the input: refused before any shard is written.
        Path x1 = Files.copy(c, tmp.resolve("x.1.nvcr"));
        Run r = prep("--shards", "3", x1.toString(), tmp.resolve("x.nvcr").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readAllBytes(c)).isEqualTo(before);
        assertThat(Files.readAllBytes(x1)).isEqualTo(before);
        assertThat(ChildTool.filesIn(tmp)).containsExactly("c.pcap", "hard.nvcr", "sym.nvcr", "x.1.nvcr");
    }

    @Test
    void shouldWriteThroughDevicesAndFifosAndNeverReplaceThem() throws Exception {
        Path c = pcap("c.pcap", 10);
        try (PrivateTmpfs fs = PrivateTmpfs.mount()) {
            Path nul = fs.charDevice("null", 1, 3);
            Run r = prep(c.toString(), nul.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(0);
            assertThat(PrivateTmpfs.type(nul)).isEqualTo("c");
            Path fifo = fs.fifo("fifo");
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = Files.newInputStream(fifo)) {
                    return in.readAllBytes();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            r = prep(c.toString(), fifo.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(0);
            byte[] streamed = reader.get(30, TimeUnit.SECONDS);
            // A stream gets the STREAMED header and all records: 4096 + 10 records.
            assertThat(streamed.length).isGreaterThan(4096);
            assertThat(NvcrHeader.decode(java.nio.ByteBuffer.wrap(streamed), "fifo").fileFlags
                            & NvcrLayout.FILE_STREAMED)
                    .isNotZero();
            assertThat(PrivateTmpfs.type(fifo)).isEqualTo("p");
            assertThat(ChildTool.filesIn(fs.dir())).containsExactly("fifo", "null");
        }
    }

    @Test
    void shouldLeaveTheOldShardsWhenTheDiskFillsMidRun() throws Exception {
        Path big = pcap("big.pcap", 3000);
        try (PrivateTmpfs fs = PrivateTmpfs.mount("size=256k")) {
            List<Path> old = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                old.add(Files.writeString(fs.resolve("s." + i + ".nvcr"), "old shard " + i));
            }
            Run r = prep("--shards", "3", big.toString(), fs.resolve("s.nvcr").toString());
            assertThat(r.exit()).as(r.err()).isIn(ExitCodes.IO_ERROR, ExitCodes.CANNOT_CREATE);
            assertThat(r.err()).contains("No space left on device").doesNotContain(".netvcr-tmp-");
            for (int i = 0; i < 3; i++) {
                assertThat(Files.readString(old.get(i))).isEqualTo("old shard " + i);
            }
            assertThat(ChildTool.filesIn(fs.dir())).containsExactly("s.0.nvcr", "s.1.nvcr", "s.2.nvcr");
        }
    }

    @Test
    void shouldRemoveTheTemporaryFileOfAKilledRunOnTheNextRun() throws Exception {
        Path outDir = Files.createDirectory(tmp.resolve("out"));
        Path out = outDir.resolve("p.nvcr");
        Process p = new ProcessBuilder(
                        ChildTool.command(PrepCommand.class.getName(), "--no-progress", "-", out.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (java.io.OutputStream stdin = p.getOutputStream()) {
            stdin.write(ChildTool.pcapWithRecords(3000));
            stdin.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ChildTool.filesIn(outDir).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // SIGKILL: no shutdown hook runs, the temporary file stays behind.
            p.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        } catch (java.io.IOException pipeClosedByTheKilledChild) {
            p.waitFor(60, TimeUnit.SECONDS);
        }
        List<String> left = ChildTool.filesIn(outDir);
        assertThat(left).hasSize(1);
        assertThat(left.get(0))
                .isEqualTo(".p.nvcr.netvcr-tmp-" + p.pid()
                        + left.get(0).substring(left.get(0).lastIndexOf('-')));
        Run r = prep(pcap("c.pcap", 10).toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(ChildTool.filesIn(outDir)).containsExactly("p.nvcr");
    }

    /** A converted .nvcr with a sidecar holding its 400-byte packets (snap 128). */
    private Path withSidecar(String name, long id) throws Exception {
        Path nvcr = tmp.resolve(name);
        NvcrHeader h = new NvcrHeader();
        h.fileFlags |= NvcrLayout.FILE_PAYLOAD_SIDECAR;
        h.payloadSidecarId = id;
        try (FileChannel ch = FileChannel.open(nvcr, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileChannel sc = FileChannel.open(
                        Path.of(PayloadSidecar.nameFor(nvcr.toString())),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                NvcrWriter w = new NvcrWriter(ch, h)) {
            PayloadSidecar.Writer side = new PayloadSidecar.Writer(sc, id);
            for (Packet p : packets(20, 400)) {
                side.append(w, p);
            }
            w.finish();
            side.finish();
        }
        return nvcr;
    }

    @Test
    void shouldRefuseAMismatchedOrDamagedSidecarInKeepMode() throws Exception {
        Path k = withSidecar("k.nvcr", 1111);
        withSidecar("other.nvcr", 2222);
        Path side = Path.of(k + ".payload");
        Path out = tmp.resolve("p.nvcr");
        assertThat(prep("--payload", "keep", k.toString(), out.toString()).exit())
                .isEqualTo(0);
        Files.delete(out);
        byte[] good = Files.readAllBytes(side);
        Files.copy(tmp.resolve("other.nvcr.payload"), side, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run r = prep("--payload", "keep", k.toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.err()).contains(side.toString()).contains("does not belong to its .nvcr");
        byte[] damaged = good.clone();
        damaged[good.length - 5] ^= 1;
        Files.write(side, damaged);
        r = prep("--payload", "keep", k.toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.err()).contains(side.toString()).contains("damaged");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldSayWhatIsWrongWithAnInput() throws Exception {
        Run r = prep(tmp.toString(), tmp.resolve("o.nvcr").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(r.err()).contains(tmp + ": is a directory").doesNotContain("no such file");
        r = prep(tmp.resolve("nope.pcap").toString(), tmp.resolve("o.nvcr").toString());
        assertThat(r.err()).contains("no such file: " + tmp.resolve("nope.pcap"));
    }

    @Test
    void shouldSayPermissionDeniedWithTheUsersPath() throws Exception {
        PrivateTmpfs.assumeRoot();
        Path c = pcap("c.pcap", 10);
        Path locked = Files.copy(c, tmp.resolve("locked.pcap"));
        Files.setAttribute(locked, "unix:mode", 0);
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.setAttribute(ro, "unix:mode", 0555);
        // Root without the capabilities that bypass file permissions, like any user.
        Run in = asPlainUser(locked.toString(), tmp.resolve("o.nvcr").toString());
        assertThat(in.exit()).as(in.err()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(in.err()).contains(locked + ": permission denied").doesNotContain("Exception");
        Run out = asPlainUser(c.toString(), ro.resolve("o.nvcr").toString());
        assertThat(out.exit()).as(out.err()).isEqualTo(ExitCodes.CANNOT_CREATE);
        assertThat(out.err())
                .contains(ro.resolve("o.nvcr") + ": cannot create output: permission denied")
                .doesNotContain(".netvcr-tmp-")
                .doesNotContain("Exception");
    }

    private Run asPlainUser(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(
                List.of("capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", "exec \"$@\"", "sh"));
        List<String> a = new ArrayList<>(List.of("--no-progress"));
        a.addAll(List.of(args));
        cmd.addAll(ChildTool.command(PrepCommand.class.getName(), a.toArray(new String[0])));
        Path err = Files.createTempFile("prep-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile())
                    .start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new Run(p.exitValue(), Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
