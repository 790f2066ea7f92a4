package io.netvcr.analyze.spark;

import io.netvcr.analyze.CounterTable;
import io.netvcr.analyze.FlowKey;
import io.netvcr.analyze.TrafficStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scala.Tuple2;

/**
 * Flows and talkers counted by key across splits, so that no split's flow table has to reach the driver (a
 * split of a busy link holds as many flows as packets / 5; 160 such tables overran spark.driver.maxResultSize).
 *
 * <p>Each task empties its split's tables ({@link CounterTable#drain}) and sends the keys through a shuffle,
 * hashed into buckets, each key with its first-seen position in the trace (split index, then order in the
 * split), packets and bytes. A reduce task adds the counts of a key and keeps its earliest position. The
 * one-pass table of capacity C holds exactly the C keys seen first, with all their traffic, and counts the rest
 * as untracked: so each reduce task sends the driver only its C earliest keys per trace, and the driver keeps
 * the C earliest of those. A key first seen after C others in a split comes after C others in the trace too,
 * so a split whose own table filled still names every key that may be kept, with its position; but it missed
 * the packets of kept keys from earlier splits that it met only after filling. Such a split sends its keys
 * with no counts, and is read again ({@link Collected#recount}) counting the kept keys alone. Untracked traffic
 * is the trace's total minus the kept keys'.
 */
final class FlowCounts {
    static final int FLOWS = 0;
    static final int TALKERS = 1;

    /**
     * A task's statistics with its flow tables emptied; per kind the packets and bytes they had counted, and
     * whether the table filled (its keys were sent without counts: the split is recounted). The statistics
     * stay serialized on their way through the reduce tasks: a deserialized rate series is sparse, but one
     * serialized again is made dense first (up to 16 MB), and a reduce task holds many.
     */
    record SplitStats(int partition, byte[] serialized, long[] totals, boolean[] filled) implements Serializable {
        SplitStats(int partition, TrafficStats stats, long[] totals, boolean[] filled) {
            this(partition, serialize(stats), totals, filled);
        }

        TrafficStats stats() {
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new ByteArrayInputStream(serialized))) {
                return (TrafficStats) in.readObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] serialize(TrafficStats stats) {
            ByteArrayOutputStream b = new ByteArrayOutputStream(1 << 12);
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(b)) {
                out.writeObject(stats);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return b.toByteArray();
        }
    }

    /** Encoded keys of one trace and kind: key, first-seen position, packets, bytes; count of them. */
    record Keys(int trace, int kind, int count, byte[] data) implements Serializable {}

    private FlowCounts() {}

    /** The task side: the split's statistics, and its keys spread over the reduce tasks. */
    static Iterator<Tuple2<Integer, Object>> split(int partition, int trace, TrafficStats stats, int reducers) {
        List<Tuple2<Integer, Object>> out = new ArrayList<>();
        long[] totals = new long[4];
        boolean[] filled = new boolean[2];
        for (int kind = FLOWS; kind <= TALKERS; kind++) {
            CounterTable<?> table = table(stats, kind);
            totals[2 * kind] = table.untrackedPackets();
            totals[2 * kind + 1] = table.untrackedBytes();
            filled[kind] = table.untrackedPackets() > 0;
            send(out, partition, trace, kind, table, reducers, !filled[kind], totals);
        }
        out.add(new Tuple2<>(partition % reducers, new SplitStats(partition, stats, totals, filled)));
        return out.iterator();
    }

    /**
     * The recount of a split whose table of a kind filled: the split analysed again with the kept keys preloaded
     * (the table is then full of them and counts nothing else); the kept keys' counts, of the kinds asked.
     */
    static Iterator<Tuple2<Integer, Object>> recount(int trace, TrafficStats stats, boolean[] kinds, int reducers) {
        List<Tuple2<Integer, Object>> out = new ArrayList<>();
        for (int kind = FLOWS; kind <= TALKERS; kind++) {
            if (kinds[kind]) {
                send(out, 0, trace, kind, table(stats, kind), reducers, true, new long[4]);
            }
        }
        return out.iterator();
    }

    /** Empties a table into per-reduce-task pieces (keys of no traffic left out); totals[2 kind..] += its sums. */
    private static void send(
            List<Tuple2<Integer, Object>> out,
            int partition,
            int trace,
            int kind,
            CounterTable<?> table,
            int reducers,
            boolean counts,
            long[] totals) {
        Buffer[] buf = new Buffer[reducers];
        DataOutputStream[] data = new DataOutputStream[reducers];
        int[] count = new int[reducers];
        long ordinal = 0;
        try {
            for (Map.Entry<?, long[]> e : table.drain().entrySet()) {
                long[] c = e.getValue();
                if (c[0] == 0) {
                    continue;
                }
                totals[2 * kind] += c[0];
                totals[2 * kind + 1] += c[1];
                int r = Math.floorMod(e.getKey().hashCode(), reducers);
                if (data[r] == null) {
                    buf[r] = new Buffer(1 << 12);
                    data[r] = new DataOutputStream(buf[r]);
                }
                writeKey(data[r], e.getKey());
                data[r].writeLong((long) partition << 32 | ordinal++);
                data[r].writeLong(counts ? c[0] : 0);
                data[r].writeLong(counts ? c[1] : 0);
                count[r]++;
            }
            for (int r = 0; r < reducers; r++) {
                if (data[r] != null) {
                    data[r].flush();
                    out.add(new Tuple2<>(r, new Keys(trace, kind, count[r], buf[r].toByteArray())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the flow tables of a split analysed again (only for the rest of its statistics). */
    static TrafficStats withoutFlows(TrafficStats stats) {
        table(stats, FLOWS).drain();
        table(stats, TALKERS).drain();
        return stats;
    }

    /** The reduce side: statistics pass through; per trace and kind, the capacity earliest keys with their sums. */
    static Iterator<Object> reduce(Iterator<Tuple2<Integer, Object>> it, int capacity) {
        List<Object> out = new ArrayList<>();
        Map<Long, KeyCounts> groups = new HashMap<>();
        while (it.hasNext()) {
            Object o = it.next()._2();
            if (o instanceof Keys k) {
                KeyCounts g = groups.computeIfAbsent((long) k.trace() << 1 | k.kind(), x -> new KeyCounts());
                decode(k, g::merge);
            } else {
                out.add(o);
            }
        }
        for (Map.Entry<Long, KeyCounts> g : groups.entrySet()) {
            int trace = (int) (g.getKey() >>> 1);
            int kind = (int) (g.getKey() & 1);
            out.add(encode(trace, kind, g.getValue().earliest(capacity)));
        }
        return out.iterator();
    }

    /** What the driver collected: the statistics per split, and the kept keys per trace. */
    static final class Collected {
        private final SplitStats[] splits;
        private final Map<Long, Map<Object, long[]>> keys = new HashMap<>();
        private final int capacity;

        Collected(List<Object> pieces, int partitions, int capacity) {
            this.splits = new SplitStats[partitions];
            this.capacity = capacity;
            Map<Long, List<Keys>> all = new HashMap<>();
            for (Object o : pieces) {
                if (o instanceof SplitStats s) {
                    splits[s.partition()] = s;
                } else {
                    Keys k = (Keys) o;
                    all.computeIfAbsent((long) k.trace() << 1 | k.kind(), x -> new ArrayList<>())
                            .add(k);
                }
            }
            // The driver works alone here while the executors wait (a second of CPU per 2 GB of a 50 000-flow
            // link): each trace and kind on its own core.
            keys.putAll(all.entrySet().parallelStream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> {
                        KeyCounts g = new KeyCounts();
                        for (Keys k : e.getValue()) {
                            // a key lives in one reduce task only: no sums across pieces
                            decode(k, g::merge);
                        }
                        return g.earliest(capacity);
                    })));
        }

        /** Per split whose table of a kind filled: those kinds (to recount), else null. */
        boolean[] filled(int partition) {
            boolean[] f = splits[partition].filled();
            return f[FLOWS] || f[TALKERS] ? f : null;
        }

        /** The kept keys of a trace at zero counts, to preload the tables of a recount with. */
        io.netvcr.analyze.FlowTable kept(int trace) {
            io.netvcr.analyze.FlowTable t = new io.netvcr.analyze.FlowTable(capacity);
            for (int kind = FLOWS; kind <= TALKERS; kind++) {
                Map<Object, long[]> zero = new LinkedHashMap<>();
                for (Object k :
                        keys.getOrDefault((long) trace << 1 | kind, Map.of()).keySet()) {
                    zero.put(k, new long[2]);
                }
                restoreTable(table(t, kind), zero, 0, 0);
            }
            return t;
        }

        /** Adds the counts of the recounted splits (reduced as the first pass was) to the kept keys. */
        void recount(List<Object> pieces) {
            for (Object o : pieces) {
                Keys k = (Keys) o;
                Map<Object, long[]> g = keys.get((long) k.trace() << 1 | k.kind());
                decode(k, (key, position, packets, bytes) -> {
                    long[] have = g.get(key);
                    if (have == null) {
                        throw new IllegalStateException("recount found a key that is not kept: " + key);
                    }
                    have[1] += packets;
                    have[2] += bytes;
                });
            }
        }

        /** The statistics of splits from..to-1, in order (flow tables empty). */
        List<TrafficStats> stats(int from, int to) {
            // deserialized on every core: the driver's fold waits for them
            return java.util.stream.IntStream.range(from, to)
                    .parallel()
                    .mapToObj(p -> splits[p].stats())
                    .toList();
        }

        /** Puts the one-pass flow and talker tables of the trace whose splits are from..to-1 into stats. */
        void restore(TrafficStats stats, int trace, int from, int to) {
            for (int kind = FLOWS; kind <= TALKERS; kind++) {
                long packets = 0;
                long bytes = 0;
                for (int p = from; p < to; p++) {
                    packets += splits[p].totals()[2 * kind];
                    bytes += splits[p].totals()[2 * kind + 1];
                }
                Map<Object, long[]> kept = new LinkedHashMap<>();
                for (Map.Entry<Object, long[]> e :
                        keys.getOrDefault((long) trace << 1 | kind, Map.of()).entrySet()) {
                    long[] c = e.getValue();
                    kept.put(e.getKey(), new long[] {c[1], c[2]});
                    packets -= c[1];
                    bytes -= c[2];
                }
                CounterTable<?> table = table(stats, kind);
                if (table.capacity() != capacity) {
                    throw new IllegalStateException("flow table capacity " + table.capacity() + " != " + capacity);
                }
                restoreTable(table, kept, packets, bytes);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <K extends Comparable<K>> void restoreTable(
            CounterTable<K> table, Map<?, long[]> kept, long packets, long bytes) {
        // the keys were decoded by the table's kind (FlowKey or Host)
        table.restore((Map<K, long[]>) kept, packets, bytes);
    }

    private static CounterTable<?> table(TrafficStats stats, int kind) {
        return table(stats.flows(), kind);
    }

    private static CounterTable<?> table(io.netvcr.analyze.FlowTable flows, int kind) {
        return kind == FLOWS ? flows.flows() : flows.talkers();
    }

    /**
     * Keys of one trace and kind with their earliest position and summed packets and bytes, in open addressing.
     * Not a HashMap: by the flow reduce, HashMap's hashCode and equals call sites have seen Spark's many key
     * classes and no longer inline FlowKey's (and the split tasks, which count without HashMap now, no longer warm
     * them): 4 GB of .nvcr, the reduce stage took 2.3-2.4 s of CPU with a HashMap, against 1.5 s before the split
     * tasks stopped using one.
     */
    static final class KeyCounts {
        private Object[] keys = new Object[1024];
        /** position, packets, bytes per key. */
        private long[] values = new long[3 * 1024];
        /** Key index + 1 per slot, 0 for none; at most half full. */
        private int[] slots = new int[2048];

        private int size;

        void merge(Object key, long position, long packets, long bytes) {
            int mask = slots.length - 1;
            int s = mix(key.hashCode()) & mask;
            for (; ; s = (s + 1) & mask) {
                int i = slots[s];
                if (i == 0) {
                    break;
                }
                if (keys[i - 1].equals(key)) {
                    int b = 3 * (i - 1);
                    values[b] = Math.min(values[b], position);
                    values[b + 1] += packets;
                    values[b + 2] += bytes;
                    return;
                }
            }
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, 2 * size);
                values = java.util.Arrays.copyOf(values, 6 * size);
            }
            keys[size] = key;
            values[3 * size] = position;
            values[3 * size + 1] = packets;
            values[3 * size + 2] = bytes;
            slots[s] = ++size;
            if (2 * size > slots.length) {
                slots = new int[2 * slots.length];
                for (int i = 0; i < size; i++) {
                    int t = mix(keys[i].hashCode()) & (slots.length - 1);
                    while (slots[t] != 0) {
                        t = (t + 1) & (slots.length - 1);
                    }
                    slots[t] = i + 1;
                }
            }
        }

        private static int mix(int h) {
            h *= 0x9E3779B9;
            return h ^ h >>> 16;
        }

        /** The capacity keys of earliest position, in that order ({position, packets, bytes} each). */
        Map<Object, long[]> earliest(int capacity) {
            Integer[] byPosition = new Integer[size];
            for (int i = 0; i < size; i++) {
                byPosition[i] = i;
            }
            java.util.Arrays.sort(byPosition, (a, b) -> Long.compare(values[3 * a], values[3 * b]));
            int n = Math.min(capacity, size);
            Map<Object, long[]> out = new LinkedHashMap<>();
            for (int j = 0; j < n; j++) {
                int i = byPosition[j];
                out.put(keys[i], new long[] {values[3 * i], values[3 * i + 1], values[3 * i + 2]});
            }
            return out;
        }
    }

    /**
     * ByteArrayOutputStream without its lock. DataOutputStream writes an int or a short as one call per byte, and
     * on Java 17 (no biased locking) every call to a synchronized stream is an atomic compare-and-swap: some 15
     * of them per key, for every key of every split.
     */
    private static final class Buffer extends java.io.OutputStream {
        private byte[] buf;
        private int size;

        Buffer(int capacity) {
            buf = new byte[capacity];
        }

        @Override
        public void write(int b) {
            if (size == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (size + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
            }
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, size);
        }
    }

    /** ByteArrayInputStream without its lock (see {@link Buffer}). */
    private static final class Bytes extends java.io.InputStream {
        private final byte[] buf;
        private int pos;

        Bytes(byte[] buf) {
            this.buf = buf;
        }

        @Override
        public int read() {
            return pos < buf.length ? buf[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= buf.length) {
                return len == 0 ? 0 : -1;
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private interface Sink {
        void accept(Object key, long position, long packets, long bytes);
    }

    private static void writeKey(DataOutputStream out, Object key) throws IOException {
        if (key instanceof FlowKey f) {
            f.writeTo(out);
        } else {
            ((FlowKey.Host) key).writeTo(out);
        }
    }

    private static Keys encode(int trace, int kind, Map<Object, long[]> entries) {
        Buffer buf = new Buffer(64 + 40 * entries.size());
        try (DataOutputStream out = new DataOutputStream(buf)) {
            for (Map.Entry<Object, long[]> e : entries.entrySet()) {
                writeKey(out, e.getKey());
                for (long v : e.getValue()) {
                    out.writeLong(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Keys(trace, kind, entries.size(), buf.toByteArray());
    }

    private static void decode(Keys k, Sink sink) {
        try (DataInputStream in = new DataInputStream(new Bytes(k.data()))) {
            for (int i = 0; i < k.count(); i++) {
                Object key = k.kind() == FLOWS ? FlowKey.readFrom(in) : FlowKey.Host.readFrom(in);
                sink.accept(key, in.readLong(), in.readLong(), in.readLong());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
