/**
 * netvcr-analyze: statistics of traces and the fidelity of replays, as small accumulators that a command
 * feeds one packet at a time ({@link io.netvcr.analyze.TrafficStats} holds {@link io.netvcr.analyze.InterArrival},
 * {@link io.netvcr.analyze.SizeStats}, {@link io.netvcr.analyze.ProtocolMix}, {@link io.netvcr.analyze.FlowTable},
 * {@link io.netvcr.analyze.RateSeries}, {@link io.netvcr.analyze.Burstiness}), plus {@link io.netvcr.analyze.Compare}
 * and {@link io.netvcr.analyze.Fidelity} for replays, and {@link io.netvcr.analyze.Plots}/{@link io.netvcr.analyze.CsvExport}.
 *
 * <h2>Definitions</h2>
 * <ul>
 * <li><b>Duration</b>: latest minus earliest timestamp (as capinfos). Average rates divide by it.
 * <li><b>Bytes</b>: wire (original) lengths; captured bytes are reported separately.
 * <li><b>Inter-arrival</b>: ts[i] − ts[i−1] in file order. A negative gap marks an out-of-order packet: it is
 *     counted ({@code outOfOrder}, {@code largestBackwardStepNs}) and left out of the distribution.
 *     Min, max and mean are exact; stddev is Welford's; percentiles come from HdrHistogram (1 ns resolution,
 *     4 significant digits, auto-ranging), clamped to [min, max].
 * <li><b>Protocols</b>: each packet counted once by its outermost IP header's protocol: tcp, udp, icmp (IPv4
 *     protocol 1), icmpv6 (IPv6 next header 58, after extension headers), other (everything else, non-IP included).
 * <li><b>Flows</b>: unidirectional 5-tuples of the outer IP header; talkers: IP addresses, each packet counting
 *     for its source and destination. Both tables are capped ({@code --max-flows}, default 262144 keys); after
 *     that, packets of new keys are counted as untracked and the JSON says {@code full: true}.
 * <li><b>Rate</b>: per-interval packets and bytes from the first packet's time ({@code --interval}, default 1 s,
 *     like {@code tshark -z io,stat,1}); past 2^20 intervals the interval doubles (reported).
 * <li><b>Burstiness</b>: peak-to-mean of the rate series, and the index of dispersion of counts
 *     (variance/mean of packets per window) for windows of 1 µs to 10 s; the last, partial window is left out.
 * </ul>
 *
 * <h2>Replay fidelity</h2>
 * {@code netvcr-analyze compare ORIGINAL CAPTURE}: see {@link io.netvcr.analyze.Compare} for how frames are
 * matched (hash of the first min(64, IP-packet end) bytes, or of the bytes a truncated original still
 * has; multimap for identical frames) and how missing,
 * extra, duplicated, reordered (RFC 4737) and ε are defined.
 *
 * <h2>The ε log file ({@code --epsilon-log}), format versions 1 and 2</h2>
 * Written by the replayer (version 2 since the replayer measures both sides of the send call; version 1 by
 * older replayers), read by {@link io.netvcr.analyze.EpsilonLog.Reader}, which reads both; all integers
 * little-endian, all times the replayer's CLOCK_MONOTONIC in ns:
 * <pre>
 * header (16 bytes):  0  8 bytes  magic "NVCREPS1" (version 1) or "NVCREPS2" (version 2), ASCII
 *                     8  int64    record count, or -1 when unknown (log streamed; read to end of file)
 * version 1 record (32 bytes):
 *                     0  int64    index       packet index (record number in the replayed .nvcr)
 *                     8  int64    deadlineNs  when the packet was due
 *                    16  int64    actualNs    when it was sent (clock read just before the send call)
 *                    24  int64    epsilonNs   actualNs − deadlineNs (positive: late)
 * version 2 record (40 bytes):
 *                     0  int64    index       packet index (record number in the replayed .nvcr)
 *                     8  int64    deadlineNs  when the packet was due
 *                    16  int64    callNs      clock read just before the send call
 *                    24  int64    returnNs    clock read after the send call returned (frames of one batch
 *                                             share both times)
 *                    32  int64    epsilonNs   callNs − deadlineNs, or returnNs − deadlineNs when the replay
 *                                             ran with --epsilon-at return (the paper's gettimeofday after sendto)
 * </pre>
 * For version 2 the reader sets {@code actualNs = deadlineNs + epsilonNs}, so analyses use the time ε was
 * measured at either way. The replayer's writer thread may drop records when it falls behind (counted in the
 * replay report as {@code epsilonLog.dropped}): indices then skip, and the header counts the records present.
 * A log shorter than its count, or ending inside a record, is an error (exit 65) naming record and offset.
 */
package io.netvcr.analyze;
