package io.netvcr.replay;

import io.netvcr.replay.sink.SendMode;
import io.netvcr.replay.sink.SinkKind;
import io.netvcr.replay.sink.Sinks;
import io.netvcr.replay.timing.TimerKind;
import io.netvcr.replay.timing.Timers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ResourceBundle;

/**
 * netvcr-replay's help for --timer, --sink and --send-mode, written from the registries (picocli reads it as the
 * command's resource bundle), so every registered kind is listed and explained where the option is, with no list of
 * names kept by hand. Options not named here keep their annotation's description.
 */
public final class ReplayHelp extends ResourceBundle {
    private static final List<String> KEYS = List.of("timer", "sink", "send-mode");

    /** Written when asked, not once: a kind registered later (a test's toy) is described too. */
    @Override
    protected Object handleGetObject(String key) {
        switch (key) {
            case "timer": {
                List<String> l = new ArrayList<>();
                for (TimerKind k : Timers.kinds()) {
                    l.add(k.name() + " (" + k.help() + ")");
                }
                return "How to wait for each deadline: " + String.join("; ", l) + ". Default: ${DEFAULT-VALUE}.";
            }
            case "sink": {
                List<String> l = new ArrayList<>();
                for (SinkKind k : Sinks.sinkKinds()) {
                    l.add(k.usage() + " (" + k.help() + ")");
                }
                return "Instead of --interface: " + String.join("; ", l)
                        + ". With several shards: once for all, or once "
                        + "per shard in shard order (an output file needs one per shard).";
            }
            case "send-mode": {
                List<String> l = new ArrayList<>();
                for (SendMode m : Sinks.sendModes()) {
                    l.add(m.name() + " (" + m.help() + ")");
                }
                return "With --interface, how frames reach the kernel: " + String.join("; ", l)
                        + ". Default: ${DEFAULT-VALUE}.";
            }
            default:
                return null;
        }
    }

    @Override
    public Enumeration<String> getKeys() {
        return Collections.enumeration(KEYS);
    }
}
