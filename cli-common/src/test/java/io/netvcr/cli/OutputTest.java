package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTest {
    @TempDir
    Path dir;

    @Test
    void shouldShowTheFileOnlyAfterCommit() throws Exception {
        Path target = dir.resolve("out.bin");
        try (Output out = Output.open(target.toString())) {
            out.channel().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertThat(target).doesNotExist();
            out.commit();
        }
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        assertThat(listing()).containsExactly("out.bin");
    }

    @Test
    void shouldLeaveNothingBehindWhenNotCommitted() throws Exception {
        Path target = dir.resolve("half.nvcr");
        try (Output out = Output.open(target.toString())) {
            out.channel().write(ByteBuffer.wrap(new byte[100]));
        }
        assertThat(listing()).isEmpty();
    }

    @Test
    void shouldKeepAnExistingFileWhenARunFails() throws Exception {
        Path target = dir.resolve("old.pcap");
        Files.write(target, new byte[] {9});
        try (Output out = Output.open(target.toString())) {
            out.channel().write(ByteBuffer.wrap(new byte[] {1}));
        }
        assertThat(Files.readAllBytes(target)).containsExactly(9);
    }

    @Test
    void shouldReportAMissingDirectoryAsCannotCreate() {
        assertThatThrownBy(() -> Output.open(dir.resolve("no/such/dir/x.nvcr").toString()))
                .isInstanceOf(OutputException.class)
                .satisfies(e -> assertThat(ToolMain.exitCodeOf(e)).isEqualTo(ExitCodes.CANNOT_CREATE));
    }

    private java.util.List<String> listing() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
