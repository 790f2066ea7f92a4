package io.netvcr.prep;

import io.netvcr.formats.nvcr.NvcrValidator;

/**
 * The send time line: record i's offset in ns from the replay's start. Every offset is computed from the
 * first packet on an absolute time line (capture time elapsed, packet index or bits sent so far), never as
 * a running sum of rounded gaps, so a schedule has no drift however long it is. All arithmetic is integer
 * with 128-bit intermediates ({@link MulDiv}); each offset is rounded to the nearest ns, halves up.
 *
 * <ul>
 * <li>multiplier X: offset = round((ts_i - ts_0) / X)</li>
 * <li>pps N: offset = round(i * 10^9 / N)</li>
 * <li>mbps M: offset = round(bits sent before record i * 1000 / M), bits = 8 * send length, plus
 *   8 * 20 (preamble, start delimiter and inter-frame gap) per frame with {@code l1}</li>
 * <li>topspeed: 0</li>
 * </ul>
 * A gap longer than maxGap (on the output time line) is shortened to maxGap and every later offset moves
 * earlier by the same exact amount. A capture time earlier than the previous record's would give an offset
 * before the previous one: it is clamped to the previous offset (the replayer sends it straight after) and
 * counted in {@link #outOfOrder()}; later records keep their absolute positions.
 *
 * <p>Nothing wraps: an offset or loop period beyond 64 bits is an ArithmeticException saying so, and prep
 * refuses offsets beyond {@link NvcrValidator#MAX_SCHEDULE_NS} ({@link #requireReplayable}); prep reports
 * both as exit 65 naming the record.
 */
public final class SendOffsets {
    /** Ethernet preamble + SFD (8) + minimum inter-frame gap (12), in bytes. */
    public static final int L1_OVERHEAD = 20;

    private final ScheduleMode mode;
    private final Ratio rate;
    private final long maxGapNs;
    private final boolean l1;
    /** Multiplier for the scaled quantity: den, 10^9 * den or 1000 * den; the divisor is rate.num. */
    private final long factor;

    private boolean started;
    private long firstTs;
    private long count;
    private long bits;
    private long shift;
    private long last;
    private long outOfOrder;

    /**
     * @param rate the multiplier, pps or Mbps (ignored for topspeed)
     * @param maxGapNs longest silence on the output time line, 0 for none
     * @param l1 count 20 bytes of layer-1 overhead per frame (mbps only)
     */
    public SendOffsets(ScheduleMode mode, Ratio rate, long maxGapNs, boolean l1) {
        this.mode = mode;
        this.rate = rate == null ? new Ratio(1, 1, 1.0) : rate;
        this.maxGapNs = maxGapNs;
        this.l1 = l1;
        switch (mode) {
            case PPS:
                factor = Math.multiplyExact(1_000_000_000L, this.rate.den());
                break;
            case MBPS:
                factor = Math.multiplyExact(1_000L, this.rate.den());
                break;
            default:
                factor = this.rate.den();
                break;
        }
    }

    /** Base of the time line: the first packet's capture time; set before the first {@link #next}. */
    public void start(long firstTimestampNs) {
        firstTs = firstTimestampNs;
        started = true;
    }

    /**
     * offset or period, unchanged, if the replayer accepts it (at most {@link NvcrValidator#MAX_SCHEDULE_NS}, so
     * its deadline arithmetic stays exact), else an ArithmeticException telling the user what to change.
     */
    public static long requireReplayable(String what, long ns) {
        if (ns > NvcrValidator.MAX_SCHEDULE_NS) {
            throw new ArithmeticException(String.format(
                    java.util.Locale.ROOT,
                    "%s %d ns (%.1f years) exceeds the longest schedule NetVCR replays, 2^58 ns (%.1f years); "
                            + "use a higher --multiplier, --pps or --mbps, or --max-gap",
                    what,
                    ns,
                    ns / 3.15576e16,
                    NvcrValidator.MAX_SCHEDULE_NS / 3.15576e16));
        }
        return ns;
    }

    /** The send offset of the next record, given its capture time and the length it will be sent with. */
    public long next(long timestampNs, int sendLength) {
        try {
            return nextUnchecked(timestampNs, sendLength);
        } catch (ArithmeticException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("capture time")) {
                throw e;
            }
            throw new ArithmeticException("send offset of record " + count + " exceeds 2^63 ns (292 years); "
                    + "use a higher --multiplier, --pps or --mbps, or --max-gap");
        }
    }

    private long nextUnchecked(long timestampNs, int sendLength) {
        if (!started) {
            start(timestampNs);
        }
        long raw;
        switch (mode) {
            case TOPSPEED:
                raw = 0;
                break;
            case PPS:
                raw = MulDiv.mulDivRound(count, factor, rate.num());
                break;
            case MBPS:
                raw = MulDiv.mulDivRound(bits, factor, rate.num());
                bits = Math.addExact(bits, 8L * (sendLength + (l1 ? L1_OVERHEAD : 0)));
                break;
            default:
                long elapsed;
                try {
                    elapsed = Math.subtractExact(timestampNs, firstTs);
                } catch (ArithmeticException e) {
                    throw new ArithmeticException("capture time " + timestampNs
                            + " ns is more than 292 years after the first packet's " + firstTs + " ns");
                }
                raw = elapsed <= 0 ? 0 : MulDiv.mulDivRound(elapsed, factor, rate.num());
                break;
        }
        long offset = raw - shift;
        if (count > 0) {
            if (offset < last) {
                outOfOrder++;
                offset = last;
            } else if (maxGapNs > 0 && offset - last > maxGapNs) {
                shift += offset - last - maxGapNs;
                offset = last + maxGapNs;
            }
        }
        last = offset;
        count++;
        return offset;
    }

    /** Offset of the last record: how long one pass of the schedule takes to start every packet. */
    public long durationNs() {
        return count == 0 ? 0 : last;
    }

    /**
     * Period after which a loop restarts so that it continues the same time line: for pps and mbps the
     * offset a further record would get (one more packet interval, or the last frame's transmission time);
     * for a multiplier the duration plus one mean gap (duration / (count - 1), rounded); 0 for topspeed or
     * a single record (the replayer restarts immediately).
     */
    public long loopPeriodNs() {
        if (count == 0) {
            return 0;
        }
        switch (mode) {
            case TOPSPEED:
                return 0;
            case PPS:
                return MulDiv.mulDivRound(count, factor, rate.num()) - shift;
            case MBPS:
                return Math.max(last, MulDiv.mulDivRound(bits, factor, rate.num()) - shift);
            default:
                if (count < 2) {
                    return last;
                }
                return Math.addExact(last, MulDiv.mulDivRound(last, 1, count - 1));
        }
    }

    public long count() {
        return count;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    public ScheduleMode mode() {
        return mode;
    }

    public Ratio rate() {
        return rate;
    }
}
