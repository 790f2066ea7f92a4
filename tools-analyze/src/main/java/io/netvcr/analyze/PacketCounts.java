package io.netvcr.analyze;

/**
 * Packets and bytes per key of 1 to 5 longs, in first-seen order: the front of {@link FlowTable}'s tables.
 * Open addressing over primitive arrays, so counting a packet allocates nothing and touches a slot and one
 * entry's cache line or two; a {@code LinkedHashMap} with a key object per packet touched the table, a node, the
 * key and the counts (about 60 % of an analysis' CPU on a 50 000-flow link, and with two tasks sharing the L3
 * cache, each one's misses were the other's). Entry i is entries[i * stride ..]: the key, packets, bytes; its
 * place in the first-seen order of all the tables sharing a counter is order[i].
 */
final class PacketCounts {
    private final int width;
    private final int stride;
    private long[] entries;
    private int[] order;
    /** Entry index + 1 per slot, 0 for none; at most half full. */
    private int[] slots;

    private int mask;
    private int size;

    PacketCounts(int width) {
        if (width < 1 || width > 5 || width == 4) {
            throw new IllegalArgumentException("key width " + width);
        }
        this.width = width;
        this.stride = width + 2;
        this.entries = new long[256 * stride];
        this.order = new int[256];
        this.slots = new int[512];
        this.mask = slots.length - 1;
    }

    int size() {
        return size;
    }

    /**
     * One packet of bytes for the key k0.. (the longs past the width must be 0); a key seen for the first time
     * takes next[0]++ as its place in the first-seen order.
     */
    void add(long k0, long k1, long k2, long k3, long k4, long bytes, int[] next) {
        long[] e = entries;
        int w = width;
        int s = hash(k0, k1, k2, k3, k4) & mask;
        for (; ; s = (s + 1) & mask) {
            int i = slots[s];
            if (i == 0) {
                break;
            }
            int b = (i - 1) * stride;
            if (e[b] == k0
                    && (w < 2 || e[b + 1] == k1)
                    && (w < 3 || e[b + 2] == k2)
                    && (w < 5 || e[b + 3] == k3 && e[b + 4] == k4)) {
                e[b + w]++;
                e[b + w + 1] += bytes;
                return;
            }
        }
        int b = size * stride;
        if (b == e.length) {
            e = entries = java.util.Arrays.copyOf(e, e.length * 2);
            order = java.util.Arrays.copyOf(order, order.length * 2);
        }
        e[b] = k0;
        if (w >= 2) {
            e[b + 1] = k1;
        }
        if (w >= 3) {
            e[b + 2] = k2;
        }
        if (w == 5) {
            e[b + 3] = k3;
            e[b + 4] = k4;
        }
        e[b + w] = 1;
        e[b + w + 1] = bytes;
        order[size] = next[0]++;
        slots[s] = ++size;
        if (2 * size > slots.length) {
            grow();
        }
    }

    /** Key long j of entry i (in first-seen order); 0 past the width. */
    long key(int i, int j) {
        return j < width ? entries[i * stride + j] : 0;
    }

    long packets(int i) {
        return entries[i * stride + width];
    }

    long bytes(int i) {
        return entries[i * stride + width + 1];
    }

    /** Entry i's place in the first-seen order of the tables that share its counter. */
    int order(int i) {
        return order[i];
    }

    void clear() {
        java.util.Arrays.fill(slots, 0);
        size = 0;
    }

    private void grow() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int i = 0; i < size; i++) {
            int s = hash(key(i, 0), key(i, 1), key(i, 2), key(i, 3), key(i, 4)) & mask;
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
