package io.netvcr.replay.timing;

import io.netvcr.replay.ReplayException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --timer} registry: one line per timer. The command line's completion, help and converter, and the
 * engine's lookup all read it, so a new timer is one class plus one line here (or a {@link #register} call).
 */
public final class Timers {
    private static final Map<String, TimerKind> KINDS = new LinkedHashMap<>();

    static {
        register(SpinTimer.KIND);
        register(SleepTimer.KIND);
        register(HybridTimer.KIND);
    }

    /** The default: spin accuracy at sleep's CPU cost for long gaps. */
    public static final TimerKind DEFAULT = HybridTimer.KIND;

    private Timers() {}

    /** Adds a timer kind; its name must be new. */
    public static synchronized void register(TimerKind kind) {
        if (KINDS.putIfAbsent(kind.name(), kind) != null) {
            throw new IllegalArgumentException("a timer named '" + kind.name() + "' is registered already");
        }
    }

    /** The kind named, or the engine's usage failure listing the names. */
    public static synchronized TimerKind byName(String name) {
        TimerKind k = KINDS.get(name);
        if (k == null) {
            throw ReplayException.usage("unknown --timer '" + name + "' (" + String.join(", ", names()) + ")");
        }
        return k;
    }

    public static synchronized List<String> names() {
        return new ArrayList<>(KINDS.keySet());
    }

    public static synchronized Collection<TimerKind> kinds() {
        return List.copyOf(KINDS.values());
    }
}
