package io.netvcr.replay.timing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WakeLatenessTest {
    private static final long US = 1_000;

    private static WakeLateness fresh() {
        return new WakeLateness(15 * US, TimerCalibration.MIN_MARGIN_NS, TimerCalibration.MAX_MARGIN_NS);
    }

    @Test
    void shouldPutSleepsInLengthClassesDoublingFrom65Microseconds() {
        assertThat(WakeLateness.classOf(0)).isZero();
        assertThat(WakeLateness.classOf(65_535)).isZero();
        assertThat(WakeLateness.classOf(65_536)).isEqualTo(1);
        assertThat(WakeLateness.classOf(131_071)).isEqualTo(1);
        assertThat(WakeLateness.classOf(131_072)).isEqualTo(2);
        assertThat(WakeLateness.classOf(2_500 * US)).isEqualTo(6);
        assertThat(WakeLateness.classOf(Long.MAX_VALUE)).isEqualTo(WakeLateness.CLASSES - 1);
        for (int c = 0; c < WakeLateness.CLASSES; c++) {
            assertThat(WakeLateness.classOf(WakeLateness.lowestOf(c))).isEqualTo(c);
            assertThat(WakeLateness.classOf(WakeLateness.longestOf(c))).isEqualTo(c);
        }
    }

    @Test
    void shouldSpinGapsShorterThanTheShortSleepMarginAndSleepLongerOnes() {
        WakeLateness w = fresh();
        assertThat(w.plan(20 * US)).isZero();
        assertThat(w.plan(70 * US)).isEqualTo(55 * US); // class 0's prior: the calibrated 15 us
        assertThat(w.plan(34 * US)).isZero(); // a sleep under 20 us is not worth its wake-up
        long len = w.plan(2_500 * US);
        assertThat(len).isPositive();
        // Never closer than the C timed sender's 50 us for a long sleep, and by the prior a quarter of the class.
        assertThat(2_500 * US - len).isGreaterThanOrEqualTo(WakeLateness.LONG_FLOOR_NS);
    }

    @Test
    void shouldLeaveALongSleepsObservedTailAsItsMarginWithoutTouchingShortSleeps() {
        WakeLateness w = fresh();
        int c = WakeLateness.classOf(2_000 * US);
        assertThat(WakeLateness.lowestOf(c) / 2).isGreaterThan(420 * US);
        // Long sleeps: 80 us late usually, 1 in 200 wakes 400 us late; the margin must cover the tail.
        for (int i = 0; i < 2_000; i++) {
            w.record(c, i % 200 == 0 ? 400 * US : 80 * US);
        }
        assertThat(w.marginNs(c)).isBetween(400 * US, 420 * US);
        assertThat(w.marginNs(0)).isEqualTo(15 * US);
        long len = w.plan(2_500 * US);
        assertThat(2_500 * US - len).isGreaterThanOrEqualTo(400 * US);
        // What is left after such a sleep is slept in shorter classes, then spun: 300 us left -> a short sleep.
        long next = w.plan(300 * US);
        assertThat(next).isPositive();
        assertThat(WakeLateness.classOf(next)).isLessThan(c);
    }

    /** A 2.5 ms wait whose tail costs little to cover: its first sleep leaves the tail's margin. */
    @Test
    void shouldCoverTheTailOfAMillisecondWaitWhenItsSpinFitsTheBudget() {
        WakeLateness w = fresh();
        int c = WakeLateness.classOf(2_500 * US);
        // 80 us late usually, 1 in 200 wakes 88 us late: covering that tail spins about 12 us a wait.
        for (int i = 0; i < 2_000; i++) {
            w.record(c, i % 200 == 0 ? 88 * US : 80 * US);
        }
        assertThat(w.budgetedMarginNs(c)).isBetween(88 * US, 95 * US).isEqualTo(w.marginNs(c));
        long len = w.planWait(2_500 * US);
        assertThat(WakeLateness.classOf(len)).isEqualTo(c);
        assertThat(2_500 * US - len).isGreaterThanOrEqualTo(88 * US);
    }

    /**
     * A 2.5 ms wait whose tail would cost more spin than the budget: the first sleep's margin stops where the mean spin
     * reaches the budget, and the rare late wake-ups leave their packets late (as the C timed sender's do). The tail's
     * margin stays what a sleep of that class leaves inside a longer wait.
     */
    @Test
    void shouldBoundTheSpinOfAMillisecondWaitWhenCoveringItsTailCostsMoreThanTheBudget() {
        WakeLateness w = fresh();
        int c = WakeLateness.classOf(2_500 * US);
        long budget = WakeLateness.lowestOf(c) >>> WakeLateness.SPIN_SHARE_SHIFT;
        assertThat(budget).isBetween(16 * US, 17 * US);
        for (int i = 0; i < 2_000; i++) {
            w.record(c, i % 200 == 0 ? 400 * US : 80 * US);
        }
        long margin = w.budgetedMarginNs(c);
        assertThat(margin).isBetween(80 * US, 100 * US);
        long meanSpin = (margin - 80 * US) * 199 / 200;
        assertThat(meanSpin).isLessThanOrEqualTo(budget);
        assertThat(meanSpin).as("as much margin as the budget buys").isGreaterThan(budget - 5 * US);
        assertThat(w.marginNs(c)).isGreaterThanOrEqualTo(400 * US);
        // One sleep, then the spin: the wait is not cut into a long sleep and a second one.
        long len = w.planWait(2_500 * US);
        assertThat(2_500 * US - len).isEqualTo(margin);
        assertThat(w.plan(2_500 * US - len - 70 * US)).isZero();
    }

    /**
     * Waits shorter than 1 ms and longer than 4.2 ms keep the tail's margin: there 1/128 of the wait buys less than
     * the spread of the lateness (shorter), or the accurate plan already costs little (longer), and class 7 holds
     * sleeps from 4.2 ms to 50 ms, whose lateness grows with length (a sample trace's 20-500 ms gaps all woke late
     * under a budgeted margin).
     */
    @Test
    void shouldPlanShorterAndLongerWaitsByTheTailsMargin() {
        WakeLateness w = fresh();
        for (int i = 0; i < 2_000; i++) {
            long late = i % 200 == 0 ? 400 * US : 80 * US;
            w.record(3, late);
            w.record(WakeLateness.CLASSES - 1, late);
        }
        assertThat(w.budgetedMarginNs(3)).isEqualTo(w.marginNs(3)).isEqualTo(WakeLateness.lowestOf(3) / 2);
        assertThat(w.planWait(400 * US)).isEqualTo(w.plan(400 * US));
        int last = WakeLateness.CLASSES - 1;
        assertThat(w.budgetedMarginNs(last)).isEqualTo(w.marginNs(last)).isGreaterThanOrEqualTo(400 * US);
        assertThat(20_000 * US - w.planWait(20_000 * US)).isGreaterThanOrEqualTo(400 * US);
    }

    /** A wait's first sleep is counted in the wait's class, so class 6 learns although its prior shortens the sleep. */
    @Test
    void shouldCountAMillisecondWaitsFirstSleepInTheWaitsClass() {
        WakeLateness w = fresh();
        int c = WakeLateness.classOf(2_500 * US);
        long len = w.planWait(2_500 * US);
        assertThat(WakeLateness.classOf(len))
                .as("the prior, a quarter of the class, shortens it")
                .isEqualTo(c - 1);
        w.record(70 * US);
        assertThat(w.samples(c)).isEqualTo(1);
        assertThat(w.samples(c - 1)).isZero();
    }

    @Test
    void shouldFollowTheLatenessDownWhenWakeUpsImprove() {
        WakeLateness w = fresh();
        for (int i = 0; i < 3_000; i++) {
            w.record(4, 200 * US);
        }
        assertThat(w.marginNs(4)).isGreaterThanOrEqualTo(200 * US);
        // Halving at DECAY_AT samples: the old tail fades below one in a thousand within some 12 halvings.
        for (int i = 0; i < 40_000; i++) {
            w.record(4, 3 * US);
        }
        assertThat(w.marginNs(4)).isEqualTo(WakeLateness.LONG_FLOOR_NS);
        assertThat(w.samples(4)).isLessThan(WakeLateness.DECAY_AT);
    }

    @Test
    void shouldCapTheMarginAndNeverGoBelowTheFloors() {
        WakeLateness w = fresh();
        for (int i = 0; i < 500; i++) {
            w.record(3, 50_000 * US);
            w.record(1, 50_000 * US);
            w.record(0, 0);
            w.record(4, 0);
        }
        // A long sleep's margin: at most half its class's shortest sleep (a wait takes a handful of sleeps).
        assertThat(w.marginNs(3)).isEqualTo(WakeLateness.lowestOf(3) / 2);
        // A short sleep's margin is spun after it: capped, whatever the lateness (the CPU budget).
        assertThat(w.marginNs(1)).isEqualTo(WakeLateness.SPIN_CAP_NS);
        assertThat(new WakeLateness(3_000 * US, TimerCalibration.MIN_MARGIN_NS, TimerCalibration.MAX_MARGIN_NS)
                        .marginNs(0))
                .isEqualTo(WakeLateness.SPIN_CAP_NS);
        assertThat(w.marginNs(0)).isEqualTo(TimerCalibration.MIN_MARGIN_NS);
        assertThat(w.marginNs(4)).isEqualTo(WakeLateness.LONG_FLOOR_NS);
    }

    /**
     * Short sleeps that wake 60-115 us late (a VM slow to resume a briefly halted vCPU, not a loaded machine): the
     * margin follows them, so a 70 us gap is spun, not slept late; beyond the limit (milliseconds: a loaded
     * machine) the cap holds.
     */
    @Test
    void shouldSpinShortGapsWhenShortSleepsWakeTensOfMicrosecondsLate() {
        WakeLateness w = fresh();
        for (int i = 0; i < 500; i++) {
            w.record(0, (60 + i % 56) * US);
            w.record(1, (60 + i % 56) * US);
        }
        assertThat(w.marginNs(0)).isBetween(115 * US, WakeLateness.SHORT_LATE_LIMIT_NS);
        assertThat(w.marginNs(1)).isBetween(115 * US, WakeLateness.SHORT_LATE_LIMIT_NS);
        assertThat(w.plan(70 * US)).as("a 70 us gap: spun whole").isZero();
        assertThat(new WakeLateness(114 * US, TimerCalibration.MIN_MARGIN_NS, TimerCalibration.MAX_MARGIN_NS)
                        .marginNs(0))
                .as("the start-up calibration's margin, kept")
                .isEqualTo(114 * US);
        assertThat(new WakeLateness(
                                WakeLateness.SHORT_LATE_LIMIT_NS + US,
                                TimerCalibration.MIN_MARGIN_NS,
                                TimerCalibration.MAX_MARGIN_NS)
                        .marginNs(0))
                .isEqualTo(WakeLateness.SPIN_CAP_NS);
    }

    @Test
    void shouldNeverWakeBeforeTheDeadlineAndSleepLongGaps() {
        HybridTimer t = new HybridTimer(new Sleeper(true), 20 * US, null);
        long early = 0;
        for (int i = 0; i < 40; i++) {
            long deadline = System.nanoTime() + (i % 2 == 0 ? 400 * US : 30 * US);
            long now = t.awaitUntil(deadline);
            if (now - deadline < 0 || System.nanoTime() - deadline < 0) {
                early++;
            }
        }
        assertThat(early).isZero();
        assertThat(t.sleeps()).isGreaterThanOrEqualTo(20);
        assertThat(t.describe()).contains("learnt per sleep length");
    }
}
