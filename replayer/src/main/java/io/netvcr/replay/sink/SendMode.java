package io.netvcr.replay.sink;

import java.util.Objects;

/**
 * One {@code --send-mode} choice for the raw-socket target (--interface): how frames reach the kernel. Registered
 * in {@link Sinks}.
 *
 * @param batchOnly the mode needs a sink of its own on one interface (mmsg, ring): refused with --interface2,
 *                  where every other mode sends one frame per call on each interface
 */
public record SendMode(String name, String help, boolean batchOnly, Factory factory) {
    /** Makes the sink for one interface; it opens its socket later, on the sending thread. */
    @FunctionalInterface
    public interface Factory {
        PacketSink create(String interfaceName, int maxBatch);
    }

    public SendMode {
        Objects.requireNonNull(name);
        Objects.requireNonNull(help);
        Objects.requireNonNull(factory);
    }

    @Override
    public String toString() {
        return name;
    }
}
