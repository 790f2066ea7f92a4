package io.netvcr.formats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Merges several traces into one stream by timestamp, like mergecap or tracemerge: a heap holds the next
 * packet of every input; ties go to the input named first, and each input keeps its own order (an input
 * that is not time-ordered is not reordered). Every (input, interface) pair gets its own output interface
 * number, 0, 1, 2, ... in the order the pairs first appear, so packets from different inputs never share one.
 */
public final class TraceMerger implements TraceReader {
    /** A NetVCR record stores the interface in one byte. */
    public static final int MAX_INTERFACES = 256;

    private final List<TraceReader> readers;
    private final List<String> names;
    private final PriorityQueue<Head> heap;
    private final Map<Long, Integer> interfaces = new HashMap<>();
    private final List<String> interfaceNames = new ArrayList<>();
    private Head last;
    private boolean started;

    private static final class Head {
        final int input;
        final Packet packet = new Packet();

        Head(int input) {
            this.input = input;
        }
    }

    /** names: how to call each input in interface descriptions (usually its file name). */
    public TraceMerger(List<TraceReader> readers, List<String> names) {
        this.readers = List.copyOf(readers);
        this.names = List.copyOf(names);
        this.heap = new PriorityQueue<>(Math.max(1, readers.size()), (a, b) -> {
            int c = Long.compare(a.packet.timestampNs, b.packet.timestampNs);
            return c != 0 ? c : Integer.compare(a.input, b.input);
        });
    }

    @Override
    public boolean next(Packet p) throws IOException {
        if (!started) {
            started = true;
            for (int i = 0; i < readers.size(); i++) {
                refill(new Head(i));
            }
        } else if (last != null) {
            refill(last);
        }
        last = heap.poll();
        if (last == null) {
            return false;
        }
        p.copyFrom(last.packet);
        p.interfaceId = interfaceFor(last.input, last.packet.interfaceId);
        return true;
    }

    private void refill(Head h) throws IOException {
        if (readers.get(h.input).next(h.packet)) {
            heap.add(h);
        }
    }

    private int interfaceFor(int input, int interfaceId) throws IOException {
        long key = (long) input << 32 | (interfaceId & 0xffffffffL);
        Integer out = interfaces.get(key);
        if (out == null) {
            out = interfaces.size();
            if (out >= MAX_INTERFACES) {
                TraceReader r = readers.get(input);
                throw new TraceFormatException(
                        names.get(input),
                        r.recordIndex(),
                        r.byteOffset(),
                        "interface " + interfaceId
                                + " is the merged inputs' interface number " + out
                                + ": NetVCR records number interfaces 0.."
                                + (MAX_INTERFACES - 1));
            }
            interfaces.put(key, out);
            interfaceNames.add(out + "=" + names.get(input) + "#" + interfaceId);
        }
        return out;
    }

    /** "N=name#id" for every output interface, in number order. */
    public List<String> interfaceMap() {
        return List.copyOf(interfaceNames);
    }

    @Override
    public long recordIndex() {
        return last == null ? -1 : readers.get(last.input).recordIndex();
    }

    @Override
    public long byteOffset() {
        return last == null ? 0 : readers.get(last.input).byteOffset();
    }

    /** The inputs' format names, distinct, joined with '+' ("erf+pcap"); one name when all agree. */
    @Override
    public String formatName() {
        LinkedHashSet<String> n = new LinkedHashSet<>();
        for (TraceReader r : readers) {
            n.add(r.formatName());
        }
        return String.join("+", n);
    }

    @Override
    public int linkType() {
        int common = -2;
        for (TraceReader r : readers) {
            int l = r.linkType();
            if (l < 0 || (common != -2 && common != l)) {
                return -1;
            }
            common = l;
        }
        return common < 0 ? -1 : common;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (TraceReader r : readers) {
            try {
                r.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
