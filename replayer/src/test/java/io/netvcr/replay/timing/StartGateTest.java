package io.netvcr.replay.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartGateTest {
    @Test
    void shouldGiveEveryShardTheSameStartAfterTheSlowestArrivedPlusTheLongestLead() throws Exception {
        StartGate gate = new StartGate(2);
        AtomicLong early = new AtomicLong();
        AtomicLong earlyReturned = new AtomicLong();
        Thread t = new Thread(() -> {
            try {
                early.set(gate.arrive(1_000_000, () -> false));
                earlyReturned.set(System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        Thread.sleep(300);
        assertThat(t.isAlive()).as("the first shard waits for the second").isTrue();
        long lateArrival = System.nanoTime();
        long late = gate.arrive(7_000_000, () -> false);
        t.join(5_000);
        assertThat(early.get()).isEqualTo(late);
        assertThat(late - lateArrival)
                .as("the longer of the two leads, from the last arrival")
                .isGreaterThanOrEqualTo(7_000_000);
        assertThat(earlyReturned.get() - lateArrival)
                .as("released by the last arrival")
                .isNotNegative();
        assertThat(gate.startRealtimeNs()).isPositive();
    }

    @Test
    void shouldStopWaitingWhenStoppedBeforeEveryShardArrived() throws Exception {
        StartGate gate = new StartGate(2);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong got = new AtomicLong();
        Thread t = new Thread(() -> {
            try {
                got.set(gate.arrive(1_000_000, stop::get));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        Thread.sleep(100);
        stop.set(true);
        t.join(5_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(got.get()).isEqualTo(Long.MIN_VALUE);
        assertThat(gate.startRealtimeNs()).as("never opened").isZero();
    }
}
