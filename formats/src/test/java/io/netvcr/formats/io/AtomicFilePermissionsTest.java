package io.netvcr.formats.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilePermissionsTest {
    @TempDir
    Path dir;

    @Test
    void shouldGiveTheOutputTheSamePermissionsAsAnyNewFile() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path out = dir.resolve("out.pcap");
        try (AtomicFile f = AtomicFile.create(out); FileChannel ch = f.openChannel()) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            ch.close();
            f.commit();
        }
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(expected);
        assertThat(Files.readAllBytes(out)).containsExactly(1, 2, 3);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("out.pcap", "plain");
        }
    }

    @Test
    void shouldRemoveTheTemporaryFileWhenNotCommitted() throws IOException {
        try (AtomicFile f = AtomicFile.create(dir.resolve("x.nvcr"))) {
            assertThat(f.temp()).exists();
            assertThat(f.temp().getFileName().toString()).startsWith(".x.nvcr.").endsWith(".tmp");
        }
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }
}
