package io.netvcr.prep;

/**
 * Spreads flows over N output files by their symmetric 5-tuple hash, so each flow (both directions, all
 * fragments) lands whole in one shard. Shard k of "out.nvcr" is "out.k.nvcr" (the index goes before the
 * extension; a name without ".nvcr" gets ".k" appended).
 */
public final class Sharder {
    private final int shards;

    public Sharder(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1");
        }
        this.shards = shards;
    }

    public int shards() {
        return shards;
    }

    /** The shard of a packet; non-IP frames go to shard 0. */
    public int shardOf(FiveTuple k) {
        if (shards == 1 || !k.ip) {
            return 0;
        }
        return (int) Long.remainderUnsigned(k.symmetricHash(), shards);
    }

    public static String shardName(String output, int index) {
        if (output.endsWith(".nvcr")) {
            return output.substring(0, output.length() - 5) + "." + index + ".nvcr";
        }
        return output + "." + index;
    }
}
