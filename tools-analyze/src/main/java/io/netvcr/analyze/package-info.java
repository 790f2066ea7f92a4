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
 * <h2>The ε log file ({@code --epsilon-log})</h2>
 * Specified in formats/FORMAT.md ("The ε log") and coded once in formats' {@code io.netvcr.formats.epsilon};
 * {@link io.netvcr.analyze.EpsilonLog.Reader} reads versions 1 and 2 and, for version 2, sets
 * {@code actualNs = deadlineNs + epsilonNs}, so analyses use the time ε was measured at either way. A log
 * shorter than its count, or ending inside a record, is an error (exit 65) naming record and offset.
 */
package io.netvcr.analyze;
