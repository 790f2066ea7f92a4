package io.netvcr.replay;

import io.netvcr.replay.timing.HybridTimer;
import io.netvcr.replay.timing.StartGate;
import io.netvcr.replay.timing.StartInstant;
import io.netvcr.replay.trace.TraceWindows;

/** What to replay and how; filled by {@link ReplayCommand} (or by netvcr demo and tests). */
public final class ReplayOptions {
    public String input;
    public String interfaceName;
    public String interface2;
    public String sink;
    public String netns;
    public boolean prepOnTheFly;
    public String timer = HybridTimer.ALIAS;
    public double multiplier = 1.0;
    public boolean topspeed;
    /** Raw-socket sink: auto, single, mmsg, ring (see Sinks). */
    public String sendMode = "auto";
    public int batch = io.netvcr.replay.sink.Sinks.DEFAULT_BATCH;
    public long loops = 1;
    public long limit;
    public long durationNs;
    public long windowBytes = TraceWindows.DEFAULT_WINDOW_BYTES;
    public boolean preload;
    public boolean prefetch = true;
    /** Who maps the next window: thread (default), inline (in the send loop), none (--no-prefetch). */
    public TraceWindows.Prefetch prefetchMode = TraceWindows.Prefetch.THREAD;
    /** --epsilon-at return: ε from the clock read after the send call returned (the paper's gettimeofday after sendto). */
    public boolean epsilonAtReturn;
    public boolean mlock;
    public int rtPriority;
    public int cpu = -1;
    public String epsilonLog;
    /** A frame the sink refuses alone (UDP: ECONNREFUSED) stops the replay instead of counting as failed. */
    public boolean stopOnError;
    public long statsIntervalNs;
    /**
     * --start-at: offset 0 of the schedule is due at this wall-clock instant, waited for after the warm-up
     * (null: just after the warm-up, {@link #startLeadNs} ahead).
     */
    public StartInstant startAt;
    /** Shards of one process without --start-at: they start together once all are ready (null: not sharded). */
    public StartGate startGate;
    /** Start this long after set-up, so the first packet is not late. */
    public long startLeadNs = 5_000_000L;
}
