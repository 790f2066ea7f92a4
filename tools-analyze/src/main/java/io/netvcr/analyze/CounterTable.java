package io.netvcr.analyze;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packets and bytes per key, in a table capped at a fixed number of keys so memory stays bounded on any
 * trace. Once full, traffic of keys not yet in the table is counted as untracked (and reported), while keys
 * already present keep counting exactly. Top-N answers are therefore exact for every tracked key; on a trace
 * with more keys than the cap, a heavy key first seen after the table filled is missed, which the report
 * says ({@code full: true}). Keys keep the order they were first seen in, which is what lets tables of
 * consecutive stretches of a trace {@linkplain #merge merge} into the table one pass would have built.
 */
public final class CounterTable<K extends Comparable<K>> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** packets, bytes; in first-seen order. */
    private final Map<K, long[]> table = new LinkedHashMap<>();

    private final int capacity;
    private long untrackedPackets;
    private long untrackedBytes;
    /** Started from the keys a table of the preceding stretch held ({@link #preload}). */
    private boolean preloaded;

    public CounterTable(int capacity) {
        this.capacity = capacity;
    }

    public void add(K key, long bytes) {
        long[] c = table.get(key);
        if (c == null) {
            if (table.size() >= capacity) {
                untrackedPackets++;
                untrackedBytes += bytes;
                return;
            }
            c = new long[2];
            table.put(key, c);
        }
        c[0]++;
        c[1] += bytes;
    }

    /**
     * Adds packets and bytes of one key as that many {@link #add(Comparable, long)} calls would: whether a key is
     * kept is decided when it is first seen and never changes, so counts summed per key and added in the order
     * the keys were first seen give the same table.
     */
    public void add(K key, long packets, long bytes) {
        long[] c = table.get(key);
        if (c == null) {
            if (table.size() >= capacity) {
                untrackedPackets += packets;
                untrackedBytes += bytes;
                return;
            }
            c = new long[2];
            table.put(key, c);
        }
        c[0] += packets;
        c[1] += bytes;
    }

    /**
     * Starts this table (of a stretch that follows others) with the keys the table of everything before it
     * holds, at zero counts, so keys fill it exactly as they would have in one pass.
     */
    public void preload(Collection<K> keys) {
        for (K k : keys) {
            table.put(k, new long[2]);
        }
        preloaded = true;
    }

    /**
     * Whether {@link #merge} of the next stretch gives the one-pass answer: yes unless the next stretch's own
     * table overflowed without knowing which keys came before (then it may have dropped a key this table holds).
     */
    public boolean canMerge(CounterTable<K> next) {
        return next.preloaded || next.untrackedPackets == 0 || (table.isEmpty() && untrackedPackets == 0);
    }

    /** Adds the counts of the stretch that followed; new keys enter in their first-seen order while room lasts. */
    public void merge(CounterTable<K> next) {
        for (Map.Entry<K, long[]> e : next.table.entrySet()) {
            long[] c = table.get(e.getKey());
            long[] add = e.getValue();
            if (c == null) {
                if (table.size() >= capacity) {
                    untrackedPackets += add[0];
                    untrackedBytes += add[1];
                    continue;
                }
                c = new long[2];
                table.put(e.getKey(), c);
            }
            c[0] += add[0];
            c[1] += add[1];
        }
        untrackedPackets += next.untrackedPackets;
        untrackedBytes += next.untrackedBytes;
    }

    /**
     * Hands over the keys and counts (in first-seen order) and empties the table, untracked counts too; the
     * table then merges as a stretch that saw no keys. The Spark engine counts flows apart from the rest of the
     * statistics (by key, across splits) and {@linkplain #restore restores} the one-pass table at the end.
     */
    public Map<K, long[]> drain() {
        Map<K, long[]> out = new LinkedHashMap<>(table);
        table.clear();
        untrackedPackets = 0;
        untrackedBytes = 0;
        return out;
    }

    /** Replaces the content by these keys (in first-seen order, at most the capacity) and untracked counts. */
    public void restore(Map<K, long[]> entries, long untrackedPackets, long untrackedBytes) {
        if (entries.size() > capacity) {
            throw new IllegalArgumentException(entries.size() + " keys for a table of " + capacity);
        }
        table.clear();
        table.putAll(entries);
        this.untrackedPackets = untrackedPackets;
        this.untrackedBytes = untrackedBytes;
    }

    public int size() {
        return table.size();
    }

    public boolean full() {
        return table.size() >= capacity;
    }

    public int capacity() {
        return capacity;
    }

    public long untrackedPackets() {
        return untrackedPackets;
    }

    public long untrackedBytes() {
        return untrackedBytes;
    }

    /** {packets, bytes} of one key, or null. */
    public long[] get(K key) {
        return table.get(key);
    }

    public Map<K, long[]> entries() {
        return java.util.Collections.unmodifiableMap(table);
    }

    /** The n keys with the most bytes (byBytes) or packets, largest first; ties broken by key order, so stable. */
    public List<Map.Entry<K, long[]>> top(int n, boolean byBytes) {
        Comparator<Map.Entry<K, long[]>> order = new Order<>(byBytes ? 1 : 0);
        if (n >= table.size()) {
            List<Map.Entry<K, long[]>> all = new ArrayList<>(table.entrySet());
            all.sort(order);
            return all;
        }
        // keep the n best in a heap whose head is the worst of them: O(size log n), not a full sort
        java.util.PriorityQueue<Map.Entry<K, long[]>> heap = new java.util.PriorityQueue<>(n + 1, order.reversed());
        for (Map.Entry<K, long[]> e : table.entrySet()) {
            heap.add(e);
            if (heap.size() > n) {
                heap.poll();
            }
        }
        List<Map.Entry<K, long[]>> out = new ArrayList<>(heap);
        out.sort(order);
        return out;
    }

    /**
     * Most of column COL first, then most of the other column, then by key. A class rather than a chain of
     * Comparator lambdas: each lambda's class is spun at its first use, ~10 ms of an analysis of a small pcap.
     */
    private static final class Order<K extends Comparable<K>> implements Comparator<Map.Entry<K, long[]>> {
        private final int col;

        Order(int col) {
            this.col = col;
        }

        @Override
        public int compare(Map.Entry<K, long[]> a, Map.Entry<K, long[]> b) {
            int c = Long.compare(-a.getValue()[col], -b.getValue()[col]);
            if (c == 0) {
                c = Long.compare(-a.getValue()[1 - col], -b.getValue()[1 - col]);
            }
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        }
    }
}
