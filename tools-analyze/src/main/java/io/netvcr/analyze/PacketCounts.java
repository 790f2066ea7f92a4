package io.netvcr.analyze;

/**
 * Packets and bytes per key of 3 or 5 longs, in first-seen order: the front of {@link FlowTable}'s tables.
 * Open addressing over primitive arrays, so counting a packet allocates nothing and touches a slot and one
 * entry's few cache lines; a {@code LinkedHashMap} with a key object per packet touched the table, a node, the
 * key and the counts (about 60 % of an analysis' CPU on a 50 000-flow link, and with two tasks sharing the L3
 * cache, each one's misses were the other's). Entry i is entries[i * stride ..]: the key, packets, bytes.
 */
final class PacketCounts {
    private final int width;
    private final int stride;
    private long[] entries;
    /** Entry index + 1 per slot, 0 for none; at most half full. */
    private int[] slots;

    private int mask;
    private int size;

    PacketCounts(int width) {
        if (width != 3 && width != 5) {
            throw new IllegalArgumentException("key width " + width);
        }
        this.width = width;
        this.stride = width + 2;
        this.entries = new long[256 * stride];
        this.slots = new int[512];
        this.mask = slots.length - 1;
    }

    int size() {
        return size;
    }

    /** One packet of bytes for the key k0.. (k3 and k4 unused for a width of 3). */
    void add(long k0, long k1, long k2, long k3, long k4, long bytes) {
        long[] e = entries;
        int s = hash(k0, k1, k2, k3, k4) & mask;
        for (; ; s = (s + 1) & mask) {
            int i = slots[s];
            if (i == 0) {
                break;
            }
            int b = (i - 1) * stride;
            if (e[b] == k0 && e[b + 1] == k1 && e[b + 2] == k2 && (width == 3 || e[b + 3] == k3 && e[b + 4] == k4)) {
                e[b + width]++;
                e[b + width + 1] += bytes;
                return;
            }
        }
        int b = size * stride;
        if (b == e.length) {
            e = entries = java.util.Arrays.copyOf(e, e.length * 2);
        }
        e[b] = k0;
        e[b + 1] = k1;
        e[b + 2] = k2;
        if (width == 5) {
            e[b + 3] = k3;
            e[b + 4] = k4;
        }
        e[b + width] = 1;
        e[b + width + 1] = bytes;
        slots[s] = ++size;
        if (2 * size > slots.length) {
            grow();
        }
    }

    /** Key long j of entry i (in first-seen order). */
    long key(int i, int j) {
        return entries[i * stride + j];
    }

    long packets(int i) {
        return entries[i * stride + width];
    }

    long bytes(int i) {
        return entries[i * stride + width + 1];
    }

    void clear() {
        java.util.Arrays.fill(slots, 0);
        size = 0;
    }

    private void grow() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int i = 0; i < size; i++) {
            int b = i * stride;
            long k3 = width == 5 ? entries[b + 3] : 0;
            long k4 = width == 5 ? entries[b + 4] : 0;
            int s = hash(entries[b], entries[b + 1], entries[b + 2], k3, k4) & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = i + 1;
        }
    }

    private static int hash(long k0, long k1, long k2, long k3, long k4) {
        long h = k0 * 0x9E3779B97F4A7C15L + k1;
        h = h * 0x9E3779B97F4A7C15L + k2;
        h = h * 0x9E3779B97F4A7C15L + k3;
        h = h * 0x9E3779B97F4A7C15L + k4;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32);
    }
}
