package io.netvcr.replay.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The POSIX calls taken from jnr-posix, checked against what the kernel says through /proc and libc's own text. */
class PosixTest {
    @Test
    void shouldReportTheMemlockLimitTheKernelShowsInProcSelfLimits() throws Exception {
        String soft = procLimit("Max locked memory");
        String expected = soft.equals("unlimited") ? "unlimited" : Long.parseLong(soft) / 1024 + " KiB";
        assertThat(Posix.memlockLimit()).isEqualTo("RLIMIT_MEMLOCK (ulimit -l; now " + expected + ")");
    }

    @Test
    void shouldReportTheRealtimePriorityLimitTheKernelShowsInProcSelfLimits() throws Exception {
        String soft = procLimit("Max realtime priority");
        assertThat(Posix.rtprioLimit()).isEqualTo("RLIMIT_RTPRIO (ulimit -r; now " + soft + ")");
    }

    @Test
    void shouldNameAnErrnoWithLibcText() {
        assertThat(LinuxNative.describe(LinuxNative.EPERM)).isEqualTo("EPERM (Operation not permitted)");
        assertThat(LinuxNative.describe(LinuxNative.ENOBUFS)).isEqualTo("ENOBUFS (No buffer space available)");
    }

    /** The soft limit column of /proc/self/limits for one row. */
    private static String procLimit(String row) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith(row)) {
                Matcher m = Pattern.compile(Pattern.quote(row) + "\\s+(\\S+)").matcher(line);
                assertThat(m.find()).as(line).isTrue();
                return m.group(1);
            }
        }
        throw new AssertionError("no " + row + " in /proc/self/limits");
    }
}
