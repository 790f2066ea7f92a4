package io.netvcr.cli;

import java.util.Map;

/**
 * A command whose subcommands picocli builds only when a run can reach them. picocli builds a command's whole model
 * by reflection before it parses a word, subcommands included: {@code netvcr-analyze trace.pcap} paid for the
 * models of compare and plot (each a command with its own mixins, ~50 ms of interpreted reflection) without ever
 * using them (bench/STARTUP-WHERE.md, third pass). A command lists them here instead of in
 * {@code @Command(subcommands = ...)}; {@link ToolMain#commandLine(String, Object)} adds them to every model it
 * builds (help pages, man pages, completion, the umbrella), and {@link ToolMain#run} leaves them out only when
 * nothing in the arguments can reach them.
 */
public interface SubcommandsOnDemand {
    /**
     * The subcommand classes by command name, in the order help lists them. Classes, not instances: naming them
     * must not build them (nor spin a lambda per entry at start-up). Each name is the class's {@code @Command}
     * name.
     */
    Map<String, Class<?>> subcommands();
}
