package io.netvcr.replay.timing;

import java.util.Objects;

/**
 * One {@code --timer} choice: its name, a line for the help, and how it waits, which decides what the sending
 * thread prepares for it (sleepers calibrate the wake-up lateness, spinners get the RT guard under SCHED_FIFO and
 * a warm-up of short spins). Registered in {@link Timers}.
 *
 * @param spins  spins towards the deadline (at least its last stretch)
 * @param sleeps sleeps towards the deadline (at least until the calibrated margin before it)
 */
public record TimerKind(String name, String help, boolean spins, boolean sleeps, Factory factory) {
    /** Makes the timer on the sending thread, once the sleeper is chosen and the margin calibrated. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param marginNs measured wake-up lateness plus a safety (sleeping timers), else 0
         * @param rtGuard  null unless the thread runs SCHED_FIFO on a kernel that throttles RT tasks
         */
        DeadlineTimer create(Sleeper sleeper, long marginNs, RtSpinGuard rtGuard);
    }

    public TimerKind {
        Objects.requireNonNull(name);
        Objects.requireNonNull(help);
        Objects.requireNonNull(factory);
        if (!spins && !sleeps) {
            throw new IllegalArgumentException("timer " + name + " neither spins nor sleeps");
        }
    }

    /** Sleeps to deadline - margin, then spins: the one kind whose margin the report shows. */
    public boolean usesMargin() {
        return spins && sleeps;
    }

    @Override
    public String toString() {
        return name;
    }
}
