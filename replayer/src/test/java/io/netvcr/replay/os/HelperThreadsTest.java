package io.netvcr.replay.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netvcr.replay.report.DrainThread;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Helper threads leave the sending CPU, as the kernel sees it (sched_getaffinity of the helper's own thread id):
 * one started before the sender is pinned, and one started by the pinned sender (which would inherit the pin).
 */
class HelperThreadsTest {
    private static BitSet processCpus() {
        return HelperThreads.cpusOf(LinuxNative.require().getpid());
    }

    /** A drain thread that reports its native thread id, then idles until stopped. */
    private static DrainThread helper(CompletableFuture<Integer> tid) {
        return new DrainThread(
                "test-helper",
                () -> {
                    tid.complete(HelperThreads.tid());
                    return false;
                },
                1_000_000,
                1_000_000);
    }

    @Test
    void shouldMoveAHelperStartedBeforeThePinOffTheSendingCpu() throws Exception {
        BitSet all = processCpus();
        assumeTrue(all != null && all.cardinality() >= 2, "needs two CPUs allowed to the process");
        int sending = all.nextSetBit(0);
        CompletableFuture<Integer> tid = new CompletableFuture<>();
        DrainThread h = helper(tid);
        try {
            int t = tid.get(10, TimeUnit.SECONDS);
            assertThat(HelperThreads.cpusOf(t)).as("before any pin: left alone").isEqualTo(all);
            assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/task/" + t + "/sched")))
                    .as("helper's policy: SCHED_BATCH (3), its wake-ups never preempt the sender")
                    .containsPattern("policy\\s*:\\s*3\\b");
            HelperThreads.sendingCpu(sending);
            BitSet expected = (BitSet) all.clone();
            expected.clear(sending);
            assertThat(HelperThreads.cpusOf(t))
                    .as("after CPU %d was pinned", sending)
                    .isEqualTo(expected);
        } finally {
            HelperThreads.sendingCpuReleased(sending);
            h.stop();
        }
    }

    @Test
    void shouldWidenAHelperStartedByThePinnedSenderToEveryOtherCpu() throws Exception {
        BitSet all = processCpus();
        assumeTrue(all != null && all.cardinality() >= 2, "needs two CPUs allowed to the process");
        int sending = all.previousSetBit(all.length());
        CompletableFuture<Integer> tid = new CompletableFuture<>();
        CompletableFuture<BitSet> senderCpus = new CompletableFuture<>();
        DrainThread[] h = new DrainThread[1];
        Thread sender = new Thread(() -> {
            Mechanisms m = new Mechanisms();
            ThreadTuning.apply(sending, 0, false, m);
            senderCpus.complete(HelperThreads.cpusOf(HelperThreads.tid()));
            h[0] = helper(tid); // inherits the sender's pin until it registers
        });
        sender.start();
        sender.join(10_000);
        try {
            assertThat(senderCpus.get(10, TimeUnit.SECONDS))
                    .as("the sender's own pin")
                    .isEqualTo(BitSet.valueOf(new long[] {1L << sending}));
            BitSet expected = (BitSet) all.clone();
            expected.clear(sending);
            assertThat(HelperThreads.cpusOf(tid.get(10, TimeUnit.SECONDS))).isEqualTo(expected);
            assertThat(HelperThreads.helperCpus()).isEqualTo(expected);
        } finally {
            HelperThreads.sendingCpuReleased(sending);
            if (h[0] != null) {
                h[0].stop();
            }
        }
        assertThat(HelperThreads.helperCpus()).as("no sender pinned any more").isNull();
    }
}
