package io.netvcr.replay.sink;

import java.util.Objects;
import java.util.function.Function;

/**
 * One {@code --sink KIND[:ARG]} choice: its name, what its argument is, and how it is made from that argument.
 * Registered in {@link Sinks}.
 *
 * @param argLabel   the argument's name in help and messages (FILE, HOST:PORT, IF), empty when it takes none
 * @param writesFile the argument names an output file, committed with the ε log and checked against the inputs
 */
public record SinkKind(
        String name, String argLabel, String help, boolean writesFile, Function<String, PacketSink> factory) {
    public SinkKind {
        Objects.requireNonNull(name);
        Objects.requireNonNull(argLabel);
        Objects.requireNonNull(help);
        Objects.requireNonNull(factory);
    }

    /** How it is written on the command line: null, pcap:FILE. */
    public String usage() {
        return argLabel.isEmpty() ? name : name + ":" + argLabel;
    }
}
