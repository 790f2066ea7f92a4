package io.netvcr.replay.os;

import java.io.IOException;
import java.nio.file.Path;

/**
 * --evict-trace: drops one file's pages from the page cache ({@code posix_fadvise(POSIX_FADV_DONTNEED)}), the
 * cold state of the paper's Fig. 1 without a global cache drop. Pages some process still maps stay resident:
 * the kernel does not drop mapped pages.
 */
public final class PageCache {
    private static final int O_RDONLY = 0;
    private static final int POSIX_FADV_DONTNEED = 4;

    private PageCache() {}

    /** Evicts the file's cached pages; returns the line for the mechanisms list. */
    public static String evict(Path file) throws IOException {
        LinuxNative.LibC c = LinuxNative.require();
        int fd = c.open(file.toString(), O_RDONLY);
        if (fd < 0) {
            throw new IOException(
                    file + ": cannot open to evict its pages: " + LinuxNative.describe(LinuxNative.errno()));
        }
        try {
            int r = c.posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED); // returns the error number itself
            if (r != 0) {
                throw new IOException(file + ": posix_fadvise(DONTNEED) failed: " + LinuxNative.describe(r));
            }
        } finally {
            c.close(fd);
        }
        return "trace's pages evicted from the page cache after the warm-up (--evict-trace: posix_fadvise DONTNEED; "
                + "pages still mapped stay resident)";
    }
}
