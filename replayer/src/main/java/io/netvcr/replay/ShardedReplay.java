package io.netvcr.replay;

import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.timing.StartGate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Several shards of one prepared trace (netvcr-prep --shards) replayed in one process on one time line: one
 * {@link Replayer} per shard, so each shard has its own sending thread, sink and socket, all given the same start
 * instant (the schedule is one: prep gives every shard the whole trace's time line, loop period and duration).
 * Flows keep their order because prep keeps each flow whole in one shard.
 *
 * <p>A shard that fails stops the others through a stop signal of their own (a child of the process's), which is
 * not a signal: they end STOPPED and say which shard failed; the replay as a whole ends with the failing shard's
 * outcome. A signal stops every shard.
 */
public final class ShardedReplay {
    /** The code the shared stop carries when a shard failed: no signal's (130/143). */
    static final int SHARD_FAILED = 1;

    /** Every shard's result, in shard order, and their merge. */
    public static final class Result {
        public final List<String> inputs;
        public final List<ReplayResult> shards;
        public final ReplayResult merged;

        Result(List<String> inputs, List<ReplayResult> shards, ReplayResult merged) {
            this.inputs = inputs;
            this.shards = shards;
            this.merged = merged;
        }
    }

    private ShardedReplay() {}

    /**
     * Runs every shard to its end. Shards given a {@link ReplayOptions#startAt()} (the same for all) start at that
     * instant; otherwise they share a {@link StartGate}: they start together once the slowest is ready. Failures
     * before a shard's trace is open are thrown (the first shard's, in shard order) after the other shards were
     * stopped and have ended.
     */
    public static Result run(List<ReplayOptions> given, StopSignal stop) throws IOException, InterruptedException {
        int n = given.size();
        List<ReplayOptions> shards = given;
        // Without --start-at the shards share one gate: they start together once the slowest is ready.
        StartGate gate = shards.get(0).startAt() == null ? new StartGate(n) : null;
        StopSignal group = stop.child();
        ReplayResult[] results = new ReplayResult[n];
        Throwable[] thrown = new Throwable[n];
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            final int k = i;
            threads[i] = new Thread(
                    () -> {
                        try {
                            results[k] = new Replayer(shards.get(k), group, gate).run();
                            if (results[k].outcome == ReplayResult.Outcome.FAILED) {
                                group.request(SHARD_FAILED);
                            }
                        } catch (Throwable e) {
                            thrown[k] = e;
                            group.request(SHARD_FAILED);
                        }
                    },
                    "netvcr-shard-" + i);
            threads[i].start();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            stop.request(StopSignal.SIGINT_CODE);
            for (Thread t : threads) {
                t.join();
            }
            throw e;
        }
        for (Throwable e : thrown) {
            if (e instanceof ReplayException) {
                throw (ReplayException) e;
            } else if (e instanceof IOException) {
                throw (IOException) e;
            } else if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            } else if (e instanceof Error) {
                throw (Error) e;
            } else if (e != null) {
                throw new IllegalStateException(e);
            }
        }
        int failedShard = -1;
        for (int i = 0; i < n; i++) {
            if (results[i].outcome == ReplayResult.Outcome.FAILED) {
                failedShard = i;
                break;
            }
        }
        List<ReplayResult> list = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReplayResult r = results[i];
            if (r.outcome == ReplayResult.Outcome.STOPPED && !stop.requested() && failedShard >= 0) {
                r = withReason(
                        r,
                        "stopped because shard " + failedShard + " ("
                                + shards.get(failedShard).input() + ") failed");
            }
            list.add(r);
            inputs.add(shards.get(i).input());
        }
        return new Result(List.copyOf(inputs), List.copyOf(list), merge(list, failedShard, stop));
    }

    private static ReplayResult withReason(ReplayResult r, String reason) {
        return new ReplayResult(
                r.stats,
                r.target,
                r.timer,
                r.mechanismsInForce,
                r.mechanismsRefused,
                r.wallNs,
                r.processCpuNs,
                r.senderCpuNs,
                r.outcome,
                r.failure,
                r.signalCode,
                reason,
                r.warnings);
    }

    /**
     * The shards as one replay: figures summed (ε histograms added), mechanisms listed once, the wall and process
     * CPU of the longest shard (they overlap), sending threads' CPU summed. Ends as the failing shard did, else
     * stopped by the signal, else completed.
     */
    static ReplayResult merge(List<ReplayResult> rs, int failedShard, StopSignal stop) {
        List<ReplayStats> stats = new ArrayList<>();
        Set<String> inForce = new LinkedHashSet<>();
        Set<String> refused = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        long wall = 0;
        long processCpu = 0;
        long senderCpu = 0;
        for (int i = 0; i < rs.size(); i++) {
            ReplayResult r = rs.get(i);
            stats.add(r.stats);
            inForce.addAll(r.mechanismsInForce);
            refused.addAll(r.mechanismsRefused);
            targets.add(r.target);
            for (String w : r.warnings) {
                warnings.add("shard " + i + ": " + w);
            }
            wall = Math.max(wall, r.wallNs);
            processCpu = Math.max(processCpu, r.processCpuNs);
            senderCpu += r.senderCpuNs;
        }
        String target = rs.size() + " shards on " + String.join(", ", targets);
        ReplayResult.Outcome outcome = ReplayResult.Outcome.COMPLETED;
        ReplayException.Kind kind = null;
        int signal = 0;
        String reason = "";
        if (failedShard >= 0) {
            ReplayResult f = rs.get(failedShard);
            outcome = f.outcome;
            kind = f.failure;
            reason = "shard " + failedShard + " " + f.stopReason;
        } else if (stop.requested()) {
            outcome = ReplayResult.Outcome.STOPPED;
            signal = stop.exitCode();
            reason = "stopped by " + stop.signalName();
        }
        return new ReplayResult(
                ReplayStats.merge(stats),
                target,
                rs.get(0).timer,
                List.copyOf(inForce),
                List.copyOf(refused),
                wall,
                processCpu,
                senderCpu,
                outcome,
                kind,
                signal,
                reason,
                List.copyOf(warnings));
    }
}
