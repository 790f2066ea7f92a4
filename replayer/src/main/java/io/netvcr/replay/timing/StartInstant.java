package io.netvcr.replay.timing;

import io.netvcr.cli.OptionWord;
import io.netvcr.replay.os.LinuxNative;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.BooleanSupplier;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * An absolute start instant on a wall clock ({@code --start-at}), turned into a point on the monotonic time line
 * the send loop schedules on. Hosts that replay their own shards with the same instant start together as far as
 * their clocks agree: CLOCK_REALTIME under NTP/chrony, CLOCK_TAI where linuxptp disciplines the system clock (TAI
 * has no leap-second step, so an instant given in TAI never lands twice or never).
 *
 * <p>The wait converts the instant to System.nanoTime()'s time line ({@link #monotonicNs}: the offset between the
 * two clocks from the tightest of a few bracketed reads), sleeps on CLOCK_MONOTONIC until {@link StartApproach#SPIN_NS}
 * before it (sleeping is coarse on a VM: docs/LINUX-NOTES.md#timers), converts once more, so a slewing or stepped
 * wall clock is followed up to then, and spins on System.nanoTime() ({@link StartApproach}). Spinning on the wall
 * clock itself through jnr-ffi, as first built, ran interpreted code at the start and asked for its compilation there.
 */
public final class StartInstant {
    /** Longest accepted lead: a day covers any orchestration; more is almost surely a typo (or a wrong year). */
    public static final long MAX_AHEAD_NS = 24L * 3600 * 1_000_000_000L;

    /** Bracketed reads per conversion: the tightest one wins (see {@link #monotonicNs}). */
    private static final int BRACKETS = 8;

    private static final long NS = 1_000_000_000L;

    /** The wall clocks a start instant may be given on. */
    public enum Clock implements OptionWord {
        REALTIME(0),
        TAI(11);

        final int id;

        Clock(int id) {
            this.id = id;
        }
    }

    private final Clock clock;
    private final long instantNs;
    private final LinuxNative.LibC libc;
    private final BytesStore<?, Void> timespec = BytesStore.nativeStoreWithFixedCapacity(16);

    private StartInstant(Clock clock, long instantNs, LinuxNative.LibC libc) {
        this.clock = clock;
        this.instantNs = instantNs;
        this.libc = libc;
    }

    /**
     * Parses ISO-8601 with a fraction of up to nine digits ({@code 2026-12-01T10:00:00.000000000Z}) or a plain
     * count of nanoseconds since the epoch of the chosen clock.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static long parse(String text) {
        String t = text.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("start instant out of range: " + text);
            }
        }
        try {
            Instant i = Instant.parse(t);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), NS), i.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("start instant '" + text
                    + "' is neither ISO-8601 (2026-12-01T10:00:00.000000000Z) nor nanoseconds since the epoch");
        }
    }

    /**
     * A start instant that is neither past nor more than {@link #MAX_AHEAD_NS} ahead on {@code clock}.
     *
     * @throws IllegalArgumentException if it is, or if the clock cannot be read here
     */
    public static StartInstant at(Clock clock, long instantNs) {
        LinuxNative.LibC c = LinuxNative.libc();
        if (c == null) {
            throw new IllegalArgumentException(
                    "--start-at needs clock_gettime, which is unavailable here: " + LinuxNative.loadFailure());
        }
        StartInstant s = new StartInstant(clock, instantNs, c);
        long now = s.clockNs();
        if (instantNs - now <= 0) {
            throw new IllegalArgumentException("start instant " + instant(instantNs) + " is " + seconds(now - instantNs)
                    + " in the past on CLOCK_" + clock);
        }
        if (instantNs - now > MAX_AHEAD_NS) {
            throw new IllegalArgumentException("start instant " + instant(instantNs)
                    + " is more than 24 h ahead of CLOCK_" + clock + " (now " + instant(now) + ")");
        }
        return s;
    }

    /**
     * The same instant with its own clock buffer, for another thread: each shard's sending thread waits on its
     * own copy (the buffer is not shared). Not checked again: it was when made, and a shard that reaches it
     * late says so in its start.lateNs.
     */
    public StartInstant forThread() {
        return new StartInstant(clock, instantNs, libc);
    }

    public Clock clock() {
        return clock;
    }

    public long instantNs() {
        return instantNs;
    }

    /** The wall clock now, in ns since its epoch. */
    public long clockNs() {
        if (libc.clock_gettime(clock.id, timespec.addressForWrite(0)) != 0) {
            throw new IllegalStateException("clock_gettime(CLOCK_" + clock + ") failed");
        }
        return timespec.readLong(0) * NS + timespec.readLong(8);
    }

    /**
     * The instant on System.nanoTime()'s time line, with the clocks' offset as of now: the wall clock read between
     * two System.nanoTime() reads, {@link #BRACKETS} times, the narrowest bracket's midpoint taken (its error is half
     * its width, a fraction of a microsecond here). Allocates nothing.
     */
    public long monotonicNs() {
        long bestWidth = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < BRACKETS; i++) {
            long m0 = System.nanoTime();
            long wall = clockNs();
            long width = System.nanoTime() - m0;
            if (width < bestWidth) {
                bestWidth = width;
                offset = wall - (m0 + width / 2);
            }
        }
        return instantNs - offset;
    }

    /**
     * Waits for the instant and returns the System.nanoTime() read that reached it. Returns early with
     * {@code Long.MIN_VALUE} when {@code stopped} turns true (checked at least every 50 ms).
     */
    public long await(Sleeper sleeper, BooleanSupplier stopped) {
        return await(new StartApproach(), sleeper, stopped);
    }

    /** The same through the caller's (warmed) approach, which then holds the start and how it was reached. */
    public long await(StartApproach approach, Sleeper sleeper, BooleanSupplier stopped) {
        return approach.await(this::monotonicNs, sleeper, stopped);
    }

    /** Compiles the conversion (and the jnr-ffi clock read under it) before the JIT is waited for. */
    public void warm() {
        for (int i = 0; i < 2_000; i++) {
            monotonicNs();
        }
    }

    /** How late the wait ended: the wall clock read once more, minus the instant. */
    public long lateNs() {
        return clockNs() - instantNs;
    }

    static String instant(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, NS), Math.floorMod(ns, NS))
                .toString();
    }

    static String seconds(long ns) {
        return String.format("%.6f s", ns / 1e9);
    }
}
