package io.netvcr.replay.sink;

/**
 * A batch sink the JIT warm-up can drive itself with nothing sent. The send loop is compiled from a profile that
 * holds the real sink class: warmed up on a stand-in, the first real packet met a class_check trap (a
 * deoptimisation) and left late. In a dry run every frame is built and every system call made, but the kernel is
 * given nothing to send; the implementations use masks rather than branches, since a branch the warm-up never took
 * would trap at the first real send just the same.
 */
public interface DryRunSink extends BatchSink {
    /** Enters (true) or leaves (false) the dry run; between batches only. */
    void dryRun(boolean dry);
}
