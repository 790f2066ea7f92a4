package io.netvcr.replay;

import io.netvcr.replay.timing.TimerKind;
import io.netvcr.replay.timing.Timers;
import java.util.Iterator;
import picocli.CommandLine.Option;

/**
 * -t/--timer, declared once for the commands that replay (netvcr-replay, netvcr demo): its values are the timer
 * registry's names, checked while parsing. A command with {@link ReplayHelp} as its resource bundle describes
 * every kind under the key "timer"; elsewhere the annotation's short description lists the names.
 */
public final class TimerOption {
    @Option(
            names = {"-t", "--timer"},
            paramLabel = "TIMER",
            converter = Converter.class,
            completionCandidates = Names.class,
            descriptionKey = "timer",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private TimerKind timer = Timers.DEFAULT;

    public TimerKind timer() {
        return timer;
    }

    /** --timer values from the registry, for help and shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Timers.names().iterator();
        }
    }

    /** --timer NAME to its registered kind; an unknown name is a usage error naming the registered ones. */
    public static final class Converter extends RegistryConverter<TimerKind> {
        public Converter() {
            super(Timers::byName);
        }
    }
}
