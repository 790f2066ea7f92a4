package io.netvcr.analyze.spark;

/**
 * Where a packet falls in the merge of several traces by timestamp. A merge that repeatedly takes the earliest
 * head of its inputs (ties to the first input) and keeps each input in its own order emits packets in the
 * order of (latest timestamp of its input so far, input, index in input): an out-of-order packet leaves
 * right behind the packet of its input that it followed. So a sort by this key reproduces TraceMerger.
 */
record MergeKey(long runningMaxNs, int input, long index) implements Comparable<MergeKey>, java.io.Serializable {
    @Override
    public int compareTo(MergeKey o) {
        int c = Long.compare(runningMaxNs, o.runningMaxNs);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(input, o.input);
        return c != 0 ? c : Long.compare(index, o.index);
    }
}
