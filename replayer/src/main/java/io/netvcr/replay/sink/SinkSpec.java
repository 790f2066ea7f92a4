package io.netvcr.replay.sink;

/** A parsed {@code --sink}: its kind and argument (empty when the kind takes none). */
public record SinkSpec(SinkKind kind, String arg) {
    /** The file the sink writes (pcap:FILE), or null. */
    public String outputFile() {
        return kind.writesFile() ? arg : null;
    }

    public PacketSink create() {
        return kind.factory().apply(arg);
    }

    @Override
    public String toString() {
        return arg.isEmpty() ? kind.name() : kind.name() + ":" + arg;
    }
}
