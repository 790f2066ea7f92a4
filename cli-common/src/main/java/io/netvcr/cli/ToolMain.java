package io.netvcr.cli;

import io.netvcr.formats.TraceFormatException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Runs one picocli command the NetVCR way: one error line (no stack trace unless --debug), sysexits codes.
 * Every entry point goes through here, so analytics are switched off before any Chronicle class loads.
 */
public final class ToolMain {
    static {
        disableAnalytics();
    }

    private ToolMain() {
    }

    /** Chronicle phones home unless told not to; we never want that, whoever calls us. */
    public static void disableAnalytics() {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("disable.perf.info", "true");
        System.setProperty("chronicle.disk.monitor.disable", "true");
        System.setProperty("jvm.resource.tracing", "false");
    }

    public static void main(String toolName, Object command, String[] args) {
        System.exit(run(toolName, command, args));
    }

    public static int run(String toolName, Object command, String[] args) {
        CommandLine cl = commandLine(toolName, command);
        // SIGINT/SIGTERM end the JVM through its shutdown hooks (exit 130/143); unfinished outputs are
        // removed by AtomicFile's hook, and this one tells the user why the tool stopped.
        Thread stopped = new Thread(() -> System.err.println(toolName
            + ": stopped by a signal before finishing; unfinished output files removed"), "netvcr-stop-notice");
        Runtime.getRuntime().addShutdownHook(stopped);
        try {
            return cl.execute(args);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopped);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the notice is on its way
            }
        }
    }

    public static CommandLine commandLine(String toolName, Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setCommandName(toolName);
        // Help fills the terminal's width (descriptions are paragraphs, not pre-broken lines), with a blank line
        // between the synopsis and the description.
        cl.setUsageHelpAutoWidth(true);
        separateDescription(cl);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            boolean debug = isDebug(parse);
            int code = exitCodeOf(ex);
            line.getErr().println(line.getCommandName() + ": " + messageOf(ex));
            if (debug) {
                ex.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return code;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            PrintWriter err = line.getErr();
            err.println(line.getCommandName() + ": " + ex.getMessage());
            err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        });
        return cl;
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
        if (t instanceof io.netvcr.formats.io.AtomicFile.OutputException) {
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
        if (t instanceof NoSuchFileException) {
            return "no such file: " + ((NoSuchFileException) t).getFile();
        }
        if (t instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) t;
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : t.getClass().getSimpleName());
        }
        String m = t.getMessage();
        if (t instanceof ToolException || t instanceof TraceFormatException
            || t instanceof io.netvcr.formats.io.AtomicFile.OutputException) {
            return m;
        }
        return (m == null ? t.getClass().getSimpleName() : m) + (t instanceof IOException ? "" : " (" + t.getClass().getSimpleName() + ")");
    }
}
