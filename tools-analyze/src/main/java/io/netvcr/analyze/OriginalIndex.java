package io.netvcr.analyze;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The packets of the original trace by frame key: a multimap from key to the packet indices having it, in
 * trace order, built in primitive arrays (open addressing + one chain link per packet; about 30 bytes per
 * packet). {@link #take} hands out the earliest not-yet-matched packet of a key, so identical frames are
 * matched in order.
 */
public final class OriginalIndex {
    public static final int NOT_FOUND = -1;
    public static final int EXHAUSTED = -2;

    private long[] keys = new long[1 << 10];
    private int[] head = new int[1 << 10];
    private int[] tail = new int[1 << 10];
    private boolean[] usedSlot = new boolean[1 << 10];
    private int slots;
    private int[] next = new int[1 << 10];
    private long[] scheduled = new long[1 << 10];
    private int count;
    private int taken;

    /** Adds packet number count() with its scheduled send offset. */
    public void add(long key, long scheduledOffsetNs) {
        if (count == Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + count + " packets in the original trace");
        }
        if (count == next.length) {
            next = Arrays.copyOf(next, count * 2);
            scheduled = Arrays.copyOf(scheduled, count * 2);
        }
        int i = count++;
        next[i] = -1;
        scheduled[i] = scheduledOffsetNs;
        int s = slot(key);
        if (usedSlot[s]) {
            next[tail[s]] = i;
            tail[s] = i;
        } else {
            usedSlot[s] = true;
            keys[s] = key;
            head[s] = i;
            tail[s] = i;
            if (++slots * 2 > keys.length) {
                grow();
            }
        }
    }

    /** Earliest unmatched packet with this key, or NOT_FOUND (no such key) or EXHAUSTED (all matched). */
    public int take(long key) {
        int s = slot(key);
        if (!usedSlot[s]) {
            return NOT_FOUND;
        }
        int i = head[s];
        if (i < 0) {
            return EXHAUSTED;
        }
        head[s] = next[i];
        taken++;
        return i;
    }

    public int count() {
        return count;
    }

    public int unmatched() {
        return count - taken;
    }

    public long scheduledOffsetNs(int i) {
        return scheduled[i];
    }

    /** Up to limit indices of packets never matched, ascending. */
    public List<Integer> unmatchedIndices(int limit) {
        List<Integer> all = new ArrayList<>();
        for (int s = 0; s < keys.length; s++) {
            if (usedSlot[s]) {
                for (int i = head[s]; i >= 0; i = next[i]) {
                    all.add(i);
                }
            }
        }
        all.sort(null);
        return all.subList(0, Math.min(limit, all.size()));
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int s = (int) (key ^ key >>> 32) & mask;
        while (usedSlot[s] && keys[s] != key) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private void grow() {
        long[] ok = keys;
        int[] oh = head;
        int[] ot = tail;
        boolean[] ou = usedSlot;
        int n = ok.length * 2;
        keys = new long[n];
        head = new int[n];
        tail = new int[n];
        usedSlot = new boolean[n];
        for (int s = 0; s < ok.length; s++) {
            if (ou[s]) {
                int t = slot(ok[s]);
                usedSlot[t] = true;
                keys[t] = ok[s];
                head[t] = oh[s];
                tail[t] = ot[s];
            }
        }
    }
}
