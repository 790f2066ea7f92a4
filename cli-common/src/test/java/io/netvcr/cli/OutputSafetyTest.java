package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.testing.ChildTool;
import io.netvcr.formats.testing.PrivateTmpfs;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-safety rules of every output, on real files: identities, special files, sets, leftovers. */
class OutputSafetyTest {
    @TempDir
    Path dir;

    private static void write(Output o, String s) throws Exception {
        o.channel().write(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String read(Path p) throws Exception {
        return Files.readString(p, StandardCharsets.US_ASCII);
    }

    // Rule 1: no output may be an input

    @Test
    void shouldRefuseAnOutputThatIsAnInputThroughHardLinksSymlinksAndSidecars() throws Exception {
        Path in = Files.writeString(dir.resolve("t.nvcr"), "trace");
        Path side = Files.writeString(dir.resolve("t.nvcr.payload"), "payload");
        Path hard = Files.createLink(dir.resolve("hard.nvcr"), in);
        Path sym = Files.createSymbolicLink(dir.resolve("sym.nvcr"), in.getFileName());
        Path symSide = Files.createSymbolicLink(dir.resolve("s.payload"), side);
        for (Path out : List.of(in, hard, sym, symSide, dir.resolve("./sub/../t.nvcr"))) {
            Files.createDirectories(dir.resolve("sub"));
            try (OutputSet set = OutputSet.begin(in.toString())) {
                assertThatThrownBy(() -> Output.open(out.toString()))
                        .isInstanceOf(ToolException.class)
                        .hasMessageContaining("is an input of this run")
                        .satisfies(e -> assertThat(ToolMain.exitCodeOf(e)).isEqualTo(ExitCodes.USAGE));
            }
        }
        assertThat(read(in)).isEqualTo("trace");
        assertThat(read(side)).isEqualTo("payload");
        assertThat(ChildTool.filesIn(dir))
                .containsExactly("hard.nvcr", "s.payload", "sub", "sym.nvcr", "t.nvcr", "t.nvcr.payload");
    }

    @Test
    void shouldRefuseTheSameFileGivenAsTwoOutputsBeforeItExists() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.pcap"), dir.resolve("x.pcap"));
        try (OutputSet set = OutputSet.begin()) {
            set.expect(dir.resolve("x.pcap").toString());
            assertThatThrownBy(() -> set.expect(link.toString()))
                    .isInstanceOf(ToolException.class)
                    .hasMessageContaining("given as two outputs");
        }
    }

    // Rule 2: only regular files are replaced; modes and owners kept; links followed; special files streamed

    @Test
    void shouldKeepTheModeAndOwnerOfAReplacedFile() throws Exception {
        Path out = Files.writeString(dir.resolve("private.pcap"), "old");
        Files.setAttribute(out, "unix:mode", 0600);
        boolean root = PrivateTmpfs.isRoot();
        if (root) {
            Files.setAttribute(out, "unix:gid", 4321);
            Files.setAttribute(out, "unix:uid", 1234);
        }
        try (Output o = Output.open(out.toString())) {
            write(o, "new");
            assertThat((Integer) Files.getAttribute(o.temp(), "unix:mode") & 0777)
                    .isEqualTo(0600);
            o.commit();
        }
        assertThat(read(out)).isEqualTo("new");
        assertThat((Integer) Files.getAttribute(out, "unix:mode") & 07777).isEqualTo(0600);
        if (root) {
            assertThat((Integer) Files.getAttribute(out, "unix:uid")).isEqualTo(1234);
            assertThat((Integer) Files.getAttribute(out, "unix:gid")).isEqualTo(4321);
        }
    }

    @Test
    void shouldReplaceASymlinksTargetAndKeepTheLink() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path target = Files.writeString(real.resolve("t.pcap"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.pcap"), Path.of("real/t.pcap"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.pcap"), Path.of("real/new.pcap"));
        try (Output o = Output.open(link.toString());
                Output d = Output.open(dangling.toString())) {
            assertThat(o.temp().getParent()).isEqualTo(real.toRealPath());
            write(o, "new");
            o.commit();
            write(d, "fresh");
            d.commit();
        }
        assertThat(PrivateTmpfs.type(link)).isEqualTo("l");
        assertThat(PrivateTmpfs.type(dangling)).isEqualTo("l");
        assertThat(read(target)).isEqualTo("new");
        assertThat(read(real.resolve("new.pcap"))).isEqualTo("fresh");
        assertThat(ChildTool.filesIn(real)).containsExactly("new.pcap", "t.pcap");
    }

    @Test
    void shouldWriteThroughADeviceNodeAndAFifoNeverReplacingThem() throws Exception {
        try (PrivateTmpfs fs = PrivateTmpfs.mount()) {
            Path nul = fs.charDevice("null", 1, 3);
            Path fifo = fs.fifo("fifo");
            try (Output o = Output.open(nul.toString())) {
                assertThat(o.seekable()).isFalse();
                write(o, "discarded");
                o.commit();
            }
            CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = Files.newInputStream(fifo)) {
                    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Output o = Output.open(fifo.toString())) {
                write(o, "through the pipe");
                o.commit();
            }
            assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo("through the pipe");
            assertThat(PrivateTmpfs.type(nul)).isEqualTo("c");
            assertThat(PrivateTmpfs.type(fifo)).isEqualTo("p");
            assertThat(ChildTool.filesIn(fs.dir())).containsExactly("fifo", "null");
        }
    }

    @Test
    void shouldSayIsADirectoryForADirectoryOutput() {
        assertThatThrownBy(() -> Output.open(dir.toString()))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("is a directory")
                .satisfies(e -> assertThat(ToolMain.exitCodeOf(e)).isEqualTo(ExitCodes.CANNOT_CREATE));
    }

    // Rule 3: sets are committed together or not at all

    @Test
    void shouldCommitASetOnlyWhenAllAreComplete() throws Exception {
        Path a = Files.writeString(dir.resolve("a.nvcr"), "old a");
        Path b = dir.resolve("b.nvcr");
        try (OutputSet set = OutputSet.begin()) {
            Output oa = Output.open(a.toString());
            Output ob = Output.open(b.toString());
            write(oa, "new a");
            oa.commit();
            assertThat(read(a)).isEqualTo("old a");
            write(ob, "new b");
            // b fails before it is complete: a must not appear either
            ob.close();
            assertThatThrownBy(set::commit).hasMessageContaining("b.nvcr was not completed");
        }
        assertThat(read(a)).isEqualTo("old a");
        assertThat(ChildTool.filesIn(dir)).containsExactly("a.nvcr");
    }

    @Test
    void shouldPutOldFilesBackWhenARenameFailsMidCommit() throws Exception {
        Path a = Files.writeString(dir.resolve("s.0.nvcr"), "old 0");
        Path b = Files.writeString(dir.resolve("s.1.nvcr"), "old 1");
        Path c = dir.resolve("s.2.nvcr");
        try (OutputSet set = OutputSet.begin()) {
            for (Path p : List.of(a, b, c)) {
                Output o = Output.open(p.toString());
                write(o, "new");
                o.commit();
            }
            // Someone makes the third name a directory between writing and committing: its rename fails.
            Files.createDirectories(c.resolve("inside"));
            assertThatThrownBy(set::commit)
                    .isInstanceOf(OutputException.class)
                    .hasMessageContaining("s.2.nvcr: cannot create output: cannot put it in place")
                    .hasMessageContaining("put back as they were");
        }
        assertThat(read(a)).isEqualTo("old 0");
        assertThat(read(b)).isEqualTo("old 1");
        assertThat(ChildTool.filesIn(dir)).containsExactly("s.0.nvcr", "s.1.nvcr", "s.2.nvcr");
    }

    @Test
    void shouldStillCommitASetWhenNoHardLinkCanBeMadeForTheBackups() throws Exception {
        // tmpfs counts hard links against nr_inodes: with every inode used, the old files are moved aside instead.
        try (PrivateTmpfs fs = PrivateTmpfs.mount("nr_inodes=6")) {
            Path a = Files.writeString(fs.resolve("a"), "old a");
            Path b = Files.writeString(fs.resolve("b"), "old b");
            try (OutputSet set = OutputSet.begin()) {
                for (Path p : List.of(a, b)) {
                    Output o = Output.open(p.toString());
                    write(o, "new " + p.getFileName());
                    o.commit();
                }
                fillInodes(fs.dir());
                assertThatThrownBy(() -> Files.createLink(fs.resolve("probe"), a))
                        .isInstanceOf(java.io.IOException.class);
                set.commit();
            }
            assertThat(read(a)).isEqualTo("new a");
            assertThat(read(b)).isEqualTo("new b");
            assertThat(ChildTool.filesIn(fs.dir())).allMatch(n -> !n.contains("netvcr-"));
        }
    }

    @Test
    void shouldPutMovedAsideFilesBackWhenARenameFails() throws Exception {
        try (PrivateTmpfs fs = PrivateTmpfs.mount("nr_inodes=8")) {
            Path a = Files.writeString(fs.resolve("a"), "old a");
            Path c = fs.resolve("c");
            try (OutputSet set = OutputSet.begin()) {
                for (Path p : List.of(a, c)) {
                    Output o = Output.open(p.toString());
                    write(o, "new");
                    o.commit();
                }
                Files.createDirectories(c.resolve("x"));
                fillInodes(fs.dir());
                assertThatThrownBy(set::commit)
                        .isInstanceOf(OutputException.class)
                        .hasMessageContaining("put back as they were");
            }
            assertThat(read(a)).isEqualTo("old a");
            assertThat(ChildTool.filesIn(fs.dir())).allMatch(n -> !n.contains("netvcr-"));
        }
    }

    private static void fillInodes(Path d) {
        for (int i = 0; i < 100; i++) {
            try {
                Files.createFile(d.resolve("filler" + i));
            } catch (Exception full) {
                return;
            }
        }
    }

    @Test
    void shouldNameTheUsersFileWhenTheDiskIsFullAndLeaveNoTemporary() throws Exception {
        try (PrivateTmpfs fs = PrivateTmpfs.mount("size=64k")) {
            Path out = fs.resolve("big.pcap");
            try (Output o = Output.open(out.toString())) {
                assertThatThrownBy(() -> {
                            for (int i = 0; i < 100; i++) {
                                o.channel().write(ByteBuffer.allocate(8192));
                            }
                        })
                        .hasMessage(out + ": cannot write: No space left on device");
            }
            assertThat(ChildTool.filesIn(fs.dir())).isEmpty();
        }
    }

    @Test
    void shouldNotCallCommittedOutputsRemovedWhenASignalStopsTheRun() throws Exception {
        int mark = OutputSet.committedCount();
        Path done = dir.resolve("done.nvcr");
        try (OutputSet set = OutputSet.begin()) {
            Output o = Output.open(done.toString());
            write(o, "complete");
            o.commit();
            set.commit();
        }
        Path half = dir.resolve("half.nvcr");
        try (OutputSet running = OutputSet.begin()) {
            Output h = Output.open(half.toString());
            write(h, "partial");
            // What the shutdown hook does on SIGINT/SIGTERM (once per JVM: a second hook gets the same answer).
            OutputSet.Stopped s = OutputSet.stopAll(mark);
            assertThat(OutputSet.stopAll(mark)).isSameAs(s);
            assertThat(s.kept()).containsExactly(done.toString());
            assertThat(s.removed()).containsExactly(half.toString());
            assertThat(ToolMain.stopNotice(s))
                    .isEqualTo("stopped by a signal; output files complete before it were kept: " + done
                            + "; unfinished ones removed: " + half);
            assertThat(ChildTool.filesIn(dir)).containsExactly("done.nvcr");
            // Nothing can commit after the stop.
            h.commit();
            assertThatThrownBy(running::commit).isInstanceOf(java.io.IOException.class);
        }
        assertThat(ChildTool.filesIn(dir)).containsExactly("done.nvcr");
    }

    // Rule 5: temporaries abandoned by SIGKILL are recognisable and removed by the next run

    @Test
    void shouldRemoveLeftoversOfDeadRunsButNotOfLiveOnes() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        Path deadTemp = Files.writeString(dir.resolve(".out.nvcr.netvcr-tmp-" + dead + "-abc"), "x");
        Path deadBackup = Files.writeString(dir.resolve(".out.nvcr.netvcr-old-" + dead + "-def"), "x");
        Path liveTemp = Files.writeString(dir.resolve(".out.nvcr.netvcr-tmp-1-ghi"), "x");
        Path otherOutput = Files.writeString(dir.resolve(".other.nvcr.netvcr-tmp-" + dead + "-jkl"), "x");
        try (Output o = Output.open(dir.resolve("out.nvcr").toString())) {
            assertThat(o.temp().getFileName().toString())
                    .matches("\\.out\\.nvcr\\.netvcr-tmp-"
                            + ProcessHandle.current().pid() + "-[0-9a-z]+");
            o.commit();
        }
        assertThat(deadTemp).doesNotExist();
        assertThat(deadBackup).doesNotExist();
        assertThat(liveTemp).exists();
        assertThat(otherOutput).exists();
    }
}
