package io.netvcr.cli;

import io.netvcr.formats.TraceFormatException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Runs one picocli command the NetVCR way: one error line (no stack trace unless --debug), sysexits codes.
 * Every entry point goes through here, so analytics are switched off before any Chronicle class loads.
 */
public final class ToolMain {
    static {
        disableAnalytics();
        disableGroovyClosures();
    }

    private ToolMain() {}

    /** Chronicle phones home unless told not to; we never want that, whoever calls us. */
    public static void disableAnalytics() {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("disable.perf.info", "true");
        System.setProperty("chronicle.disk.monitor.disable", "true");
        System.setProperty("jvm.resource.tracing", "false");
    }

    /**
     * picocli's default factory looks for Groovy's Closure class once per JVM, and the failed lookup opens every
     * jar on the class path (~30 ms of a 250 ms analysis; bench/STARTUP-WHERE.md, fourth pass). No NetVCR
     * annotation holds a closure.
     */
    private static void disableGroovyClosures() {
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
    }

    public static void main(String toolName, Object command, String[] args) {
        int cachedHelp = HelpCache.print(toolName, args);
        System.exit(cachedHelp >= 0 ? cachedHelp : run(toolName, command, args));
    }

    public static int run(String toolName, Object command, String[] args) {
        CommandLine cached = ModelCache.read(toolName, command, args);
        CommandLine cl = cached != null ? cached : commandLine(toolName, command, args);
        // SIGINT/SIGTERM end the JVM through its shutdown hooks (exit 130/143): this one removes unfinished
        // outputs (after a commit in progress has finished) and tells the user what became of them.
        int mark = OutputSet.committedCount();
        Thread stopped = new Thread(
                () -> System.err.println(toolName + ": " + stopNotice(OutputSet.stopAll(mark))), "netvcr-stop-notice");
        Runtime.getRuntime().addShutdownHook(stopped);
        try {
            int code = cl.execute(args);
            return checkStdio(toolName, code);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopped);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the notice is on its way
            }
        }
    }

    static String stopNotice(OutputSet.Stopped s) {
        if (s.kept().isEmpty()) {
            return "stopped by a signal before finishing; unfinished output files removed"
                    + (s.removed().isEmpty() ? "" : ": " + String.join(", ", s.removed()));
        }
        return "stopped by a signal; output files complete before it were kept: " + String.join(", ", s.kept())
                + (s.removed().isEmpty() ? "" : "; unfinished ones removed: " + String.join(", ", s.removed()));
    }

    /**
     * A report nobody received is a failure: PrintStream swallows write errors (stdout redirected to a full
     * disk, a closed pipe), so they are checked once here, at the end of every run. Exit 74, said on whichever
     * stream still works; a run that already failed keeps its own exit code.
     */
    static int checkStdio(String toolName, int code) {
        boolean outFailed = System.out.checkError();
        boolean errFailed = System.err.checkError();
        if (!outFailed && !errFailed) {
            return code;
        }
        String which = outFailed && errFailed
                ? "standard output and standard error"
                : outFailed ? "standard output" : "standard error";
        String line = toolName + ": cannot write to " + which
                + " (disk full, or the reader went away): the report is incomplete";
        if (!errFailed) {
            System.err.println(line);
            System.err.flush();
        } else if (!outFailed) {
            System.out.println(line);
            System.out.flush();
        }
        return code == ExitCodes.OK ? ExitCodes.IO_ERROR : code;
    }

    /** COMMAND's full model, subcommands built on demand included (help, man pages, completion, tests). */
    public static CommandLine commandLine(String toolName, Object command) {
        return commandLine(toolName, command, null);
    }

    /**
     * COMMAND's model for a run with RUN_ARGS: without the subcommands it builds on demand ({@link SubcommandsOnDemand})
     * when RUN_ARGS cannot reach them, the full model otherwise (and when RUN_ARGS is null).
     */
    static CommandLine commandLine(String toolName, Object command, String[] runArgs) {
        CommandLine cl = new CommandLine(command);
        // before any setting below: picocli applies a setting to the subcommands present when it is made
        addSubcommandsOnDemand(cl, runArgs);
        configure(cl, toolName);
        return cl;
    }

    /** The settings every NetVCR command line gets, whether its model was read from annotations or from a cache. */
    static void configure(CommandLine cl, String toolName) {
        cl.setCommandName(toolName);
        // Help fills the terminal's width (descriptions are paragraphs, not pre-broken lines), with a blank line
        // between the synopsis and the description.
        cl.setUsageHelpAutoWidth(true);
        separateDescription(cl);
        cl.setExecutionExceptionHandler(new OneLineFailure());
        cl.setParameterExceptionHandler(new OneLineUsageError());
    }

    // The two handlers are classes, not lambdas: Java 17's class-data dump links a lambda's interface to make its
    // class, and a linked class of picocli's (class-file version 49) is left out of the archive, with every class
    // implementing it. Loaded from picocli's jar, last on the class path, those opened every jar before it (51)
    // at every start (bench/STARTUP-WHERE.md, third pass).

    /** A failed run: one line naming the tool (a stack trace with --debug), the exit code its failure maps to. */
    private static final class OneLineFailure implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine line, CommandLine.ParseResult parse) {
            boolean debug = isDebug(parse);
            int code = exitCodeOf(ex);
            line.getErr().println(line.getCommandName() + ": " + messageOf(ex));
            if (debug) {
                ex.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return code;
        }
    }

    /** A usage error: the reason and where help is, exit 64. */
    private static final class OneLineUsageError implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine line = ex.getCommandLine();
            PrintWriter err = line.getErr();
            err.println(line.getCommandName() + ": " + ex.getMessage());
            err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    /** Adds the on-demand subcommands of CL and of every command below it; CL's own only when ARGS may reach them. */
    private static void addSubcommandsOnDemand(CommandLine cl, String[] args) {
        if (cl.getCommand() instanceof SubcommandsOnDemand) {
            Map<String, Class<?>> subs = ((SubcommandsOnDemand) cl.getCommand()).subcommands();
            if (args == null || mayReach(subs.keySet(), args)) {
                for (Map.Entry<String, Class<?>> e : subs.entrySet()) {
                    cl.addSubcommand(e.getKey(), e.getValue());
                }
            }
        }
        // aliases map to the same command: visit each once
        Set<CommandLine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CommandLine sub : List.copyOf(cl.getSubcommands().values())) {
            if (seen.add(sub)) {
                addSubcommandsOnDemand(sub, null);
            }
        }
    }

    /**
     * Whether a run with ARGS may need the subcommands NAMES: one of them named (anywhere: picocli takes the first
     * word that matches one, and an option's value that happens to match costs only time here), a help page (it
     * lists them; -h also inside a cluster of short options, as in -qh), or an @file (picocli expands it into
     * arguments unseen here). Anything else parses the same with or without them, since a word that is not a
     * subcommand's name goes to the command itself either way.
     */
    static boolean mayReach(Set<String> names, String[] args) {
        for (String a : args) {
            if (names.contains(a)
                    || a.startsWith("@")
                    || a.equals("--help")
                    || a.startsWith("-") && !a.startsWith("--") && a.indexOf('h') > 0) {
                return true;
            }
        }
        return false;
    }

    private static void separateDescription(CommandLine cl) {
        cl.getCommandSpec().usageMessage().descriptionHeading("%n");
        for (CommandLine sub : cl.getSubcommands().values()) {
            separateDescription(sub);
        }
    }

    private static boolean isDebug(CommandLine.ParseResult parse) {
        CommandLine.ParseResult p = parse;
        while (p != null) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
            p = p.hasSubcommand() ? p.subcommand() : null;
        }
        return false;
    }

    public static int exitCodeOf(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException ? ex.getCause() : ex;
        if (t instanceof ToolException) {
            return ((ToolException) t).exitCode();
        }
        if (t instanceof TraceFormatException) {
            return ExitCodes.DATA_ERROR;
        }
        if (t instanceof OutputException) {
            return ExitCodes.CANNOT_CREATE;
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return ExitCodes.NO_INPUT;
        }
        if (t instanceof AccessDeniedException) {
            return ExitCodes.NO_INPUT;
        }
        if (t instanceof IOException) {
            return ExitCodes.IO_ERROR;
        }
        if (t instanceof CommandLine.ParameterException || t instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.SOFTWARE;
    }

    public static String messageOf(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException ? ex.getCause() : ex;
        if (t instanceof NoSuchFileException && ((NoSuchFileException) t).getReason() == null) {
            return "no such file: " + ((NoSuchFileException) t).getFile();
        }
        if (t instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) t;
            return f.getFile() + ": " + OutputTarget.reason(f);
        }
        String m = t.getMessage();
        if (t instanceof FileNotFoundException && m != null) {
            // java.io says "PATH (Permission denied)": say it the way every other message does.
            java.util.regex.Matcher jio =
                    java.util.regex.Pattern.compile("(.*) \\((.+)\\)").matcher(m);
            if (jio.matches()) {
                return jio.group(1) + ": " + jio.group(2).substring(0, 1).toLowerCase(java.util.Locale.ROOT)
                        + jio.group(2).substring(1);
            }
        }
        if (t instanceof ToolException || t instanceof TraceFormatException || t instanceof OutputException) {
            return m;
        }
        return (m == null ? t.getClass().getSimpleName() : m)
                + (t instanceof IOException ? "" : " (" + t.getClass().getSimpleName() + ")");
    }
}
