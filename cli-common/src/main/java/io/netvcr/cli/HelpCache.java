package io.netvcr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Help pages rendered once by picocli and printed from a file afterwards (and version lines printed without
 * picocli where it would print the same). A {@code --help} spent ~90% of its
 * half second building picocli's model by reflection and laying the page out (bench/STARTUP-WHERE.md); the page
 * only changes with the jars, so the class-data training run (bin/netvcr-java --cds-rebuild) writes every
 * command's page and the launcher names that directory ({@value #DIR_PROPERTY}) only while its stamp still
 * matches this JVM and these jars.
 *
 * <p>A cached page is printed only where picocli would print the same bytes: 80 columns without colours, which
 * is what picocli does when there is no console (it measures a terminal and colours for it) and neither its
 * width nor its colour overrides are set. Everywhere else picocli renders the page as before.
 */
public final class HelpCache {
    /** The directory holding the pages (and {@link ModelCache}'s models), set by the launcher. */
    public static final String DIR_PROPERTY = "netvcr.help.dir";
    /** picocli's width when it does not measure a terminal. */
    static final int WIDTH = 80;

    private HelpCache() {}

    /**
     * Prints the cached page when ARGS only asks COMMAND (or one of its subcommands, named by plain words) for
     * help, {@code [SUBCOMMAND...] -h|--help}, and the version lines for {@code [SUBCOMMAND...] -V|--version}.
     * Returns the exit code, or -1 when there is nothing cached for it and picocli has to answer.
     */
    public static int print(String command, String[] args) {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || args.length == 0 || !usesPlainPage()) {
            return -1;
        }
        String last = args[args.length - 1];
        boolean help = last.equals("--help") || last.equals("-h");
        boolean version = last.equals("--version") || last.equals("-V");
        if (!help && !version) {
            return -1;
        }
        StringBuilder name = new StringBuilder(command);
        for (int i = 0; i < args.length - 1; i++) {
            if (!isCommandName(args[i])) {
                return -1;
            }
            name.append(' ').append(args[i]);
        }
        if (version) {
            return printVersion(command, Path.of(dir), name.toString());
        }
        byte[] page;
        try {
            page = Files.readAllBytes(file(Path.of(dir), name.toString()));
        } catch (NoSuchFileException notCached) {
            return -1;
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
        // decoded and printed as text, so the page is encoded for this locale exactly as picocli's writer would
        System.out.print(new String(page, StandardCharsets.UTF_8));
        System.out.flush();
        return ToolMain.checkStdio(command, ExitCodes.OK);
    }

    /**
     * The version lines are made at run time (they name the running Java and libpcap); the training run leaves a
     * marker for each command whose {@code --version} prints exactly VersionProvider's lines, which are then
     * printed here as picocli prints them (one per line; picocli would also expand % and @|...|@).
     */
    private static int printVersion(String command, Path dir, String name) {
        if (!Files.isRegularFile(versionMarker(dir, name))) {
            return -1;
        }
        List<String> lines = VersionProvider.lines();
        for (String line : lines) {
            if (line.indexOf('%') >= 0 || line.contains("@|")) {
                return -1;
            }
        }
        System.out.print(plainVersion(lines));
        System.out.flush();
        return ToolMain.checkStdio(command, ExitCodes.OK);
    }

    private static String plainVersion(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append(System.lineSeparator());
        }
        return text.toString();
    }

    /** A subcommand's name, not an option or a file (which would make the page's file name a path). */
    private static boolean isCommandName(String word) {
        if (word.isEmpty() || word.charAt(0) < 'a' || word.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** picocli's own rules: no console means no terminal to measure and no colours, unless told otherwise. */
    static boolean usesPlainPage() {
        return System.console() == null
                && System.getProperty("picocli.usage.width") == null
                && System.getProperty("picocli.ansi") == null
                && System.getenv("CLICOLOR_FORCE") == null;
    }

    static Path file(Path dir, String qualifiedName) {
        return dir.resolve(qualifiedName.replace(' ', '_') + ".txt");
    }

    static Path versionMarker(Path dir, String qualifiedName) {
        return dir.resolve(qualifiedName.replace(' ', '_') + ".version");
    }

    /**
     * Writes the help page of ROOT's command and of every subcommand below it into DIR, each rendered the way a
     * user's {@code --help} renders it (through {@code execute}), at 80 columns without colours. Returns the
     * names of the commands written.
     */
    public static List<String> write(Path dir, CommandLine root) throws IOException {
        List<String> written = new ArrayList<>();
        write(dir, root, root, new ArrayList<>(), written);
        return written;
    }

    private static void write(Path dir, CommandLine root, CommandLine cl, List<String> path, List<String> written)
            throws IOException {
        String name = cl.getCommandSpec().qualifiedName(" ");
        if (hasOption(cl, "--help", "-h")) {
            String page = render(root, path, "--help");
            if (page != null) {
                Files.writeString(file(dir, name), page, StandardCharsets.UTF_8);
                written.add(name);
            }
        }
        if (hasOption(cl, "--version", "-V")
                && plainVersion(VersionProvider.lines()).equals(render(root, path, "--version"))) {
            Files.writeString(versionMarker(dir, name), "");
        }
        for (var e : cl.getSubcommands().entrySet()) {
            // aliases are listed under each name: write a page for the command's own name only
            if (e.getKey().equals(e.getValue().getCommandName())) {
                List<String> sub = new ArrayList<>(path);
                sub.add(e.getKey());
                write(dir, root, e.getValue(), sub, written);
            }
        }
    }

    /** Whether CL has picocli's standard help (or version) option under both names. */
    private static boolean hasOption(CommandLine cl, String longName, String shortName) {
        var option = cl.getCommandSpec().findOption(longName);
        return option != null
                && (option.usageHelp() || option.versionHelp())
                && cl.getCommandSpec().findOption(shortName) == option;
    }

    /** What {@code ROOT PATH... OPTION} prints on a plain stream, or null when it does not succeed. */
    static String render(CommandLine root, List<String> path, String option) {
        StringWriter out = new StringWriter();
        PrintWriter oldOut = root.getOut();
        root.setOut(new PrintWriter(out, true));
        root.setUsageHelpAutoWidth(false);
        root.setUsageHelpWidth(WIDTH);
        root.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        try {
            List<String> args = new ArrayList<>(path);
            args.add(option);
            int code = root.execute(args.toArray(new String[0]));
            return code == ExitCodes.OK ? out.toString() : null;
        } finally {
            root.setOut(oldOut);
        }
    }
}
