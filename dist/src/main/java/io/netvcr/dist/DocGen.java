package io.netvcr.dist;

import io.netvcr.analyze.AnalyzeCommand;
import io.netvcr.app.NetvcrMain;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import io.netvcr.convert.ConvertCommand;
import io.netvcr.prep.PrepCommand;
import io.netvcr.replay.ReplayCommand;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Makes the release's documentation from the same picocli model the tools parse with, so a page can never
 * describe an option the tool does not have: AsciiDoc man pages (turned into roff by asciidoctor's manpage
 * backend), netvcr-format(5) from formats/FORMAT.md, and bash/zsh completion scripts.
 *
 * <p>Usage: DocGen ADOC_DIR FORMAT_MD COMPLETION_ROOT
 */
public final class DocGen {
    /** The tools a user runs by name; each gets its own page (and its subcommands theirs). */
    static Map<String, CommandLine> tools() {
        Map<String, CommandLine> tools = new LinkedHashMap<>();
        tools.put("netvcr-convert", ToolMain.commandLine("netvcr-convert", new ConvertCommand()));
        tools.put("netvcr-prep", ToolMain.commandLine("netvcr-prep", new PrepCommand()));
        tools.put("netvcr-analyze", ToolMain.commandLine("netvcr-analyze", new AnalyzeCommand()));
        tools.put("netvcr-replay", ToolMain.commandLine("netvcr-replay", new ReplayCommand()));
        return tools;
    }

    /** Umbrella-only subcommands: documented as netvcr-demo(1), netvcr-samples(1)... from the umbrella's model. */
    static final List<String> UMBRELLA_ONLY = List.of("demo", "samples");

    private DocGen() {}

    public static void main(String[] args) throws IOException {
        Path adoc = Files.createDirectories(Path.of(args[0]));
        Path formatMd = Path.of(args[1]);
        Path completionRoot = Path.of(args[2]);
        List<String> pages = new ArrayList<>();
        CommandLine umbrella = NetvcrMain.commandLine();
        pages.add(writePage(adoc, umbrella.getCommandSpec(), "netvcr"));
        for (Map.Entry<String, CommandLine> t : tools().entrySet()) {
            pages.addAll(writeTree(adoc, t.getValue().getCommandSpec()));
        }
        for (String sub : UMBRELLA_ONLY) {
            pages.addAll(writeTree(adoc, umbrella.getSubcommands().get(sub).getCommandSpec()));
        }
        Path man5 = Files.createDirectories(adoc.resolveSibling("adoc-man5"));
        Files.writeString(
                man5.resolve("netvcr-format.adoc"),
                MarkdownToManpage.convert(
                        Files.readString(formatMd, StandardCharsets.UTF_8),
                        "netvcr-format",
                        5,
                        "the NetVCR trace file format (.nvcr)",
                        VersionProvider.version()),
                StandardCharsets.UTF_8);
        writeCompletion(completionRoot);
        System.out.println("DocGen: " + pages.size() + " man(1) pages, netvcr-format(5), bash and zsh completion");
    }

    private static List<String> writeTree(Path dir, CommandSpec spec) throws IOException {
        List<String> names = new ArrayList<>();
        names.add(writePage(dir, spec, pageName(spec)));
        for (CommandLine sub : spec.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                names.addAll(writeTree(dir, sub.getCommandSpec()));
            }
        }
        return names;
    }

    /** "netvcr samples periodic" and "netvcr-analyze compare" become netvcr-samples-periodic, netvcr-analyze-compare. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private static String writePage(Path dir, CommandSpec spec, String name) throws IOException {
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            ManPageGenerator.writeSingleManPage(pw, spec);
        }
        String page = sw.toString()
                .replaceFirst(":manmanual: .*", ":manmanual: NetVCR Manual")
                .replaceFirst(
                        ":mansource: .*", Matcher.quoteReplacement(":mansource: NetVCR " + VersionProvider.version()));
        // --help's headings end with a colon ("Exit status:"); a man page's section names do not
        page = page.replaceAll("(?m)^(== .*):\\s*$", "$1");
        String end = "// end::picocli-generated-full-manpage[]";
        page = page.replace(end, seeAlso(name) + end);
        Files.writeString(dir.resolve(name + ".adoc"), page, StandardCharsets.UTF_8);
        return name;
    }

    private static String seeAlso(String self) {
        List<String> refs = new ArrayList<>();
        for (String p : List.of("netvcr", "netvcr-convert", "netvcr-prep", "netvcr-analyze", "netvcr-replay")) {
            if (!p.equals(self)) {
                refs.add("*" + p + "*(1)");
            }
        }
        refs.add("*netvcr-format*(5)");
        refs.add("*tcpreplay*(1)");
        refs.add("*tcpdump*(8)");
        return "// tag::netvcr-see-also[]\n== See also\n\n" + String.join(", ", refs)
                + "\n\n// end::netvcr-see-also[]\n\n";
    }

    // ---- completion ----

    /** Marker candidate replaced in the script by the interfaces present when the user presses TAB. */
    static final String INTERFACES = "@NETVCR_INTERFACES@";

    private static void writeCompletion(Path root) throws IOException {
        Path bashDir = Files.createDirectories(root.resolve("bash-completion/completions"));
        Path zshDir = Files.createDirectories(root.resolve("zsh/site-functions"));
        StringBuilder all = new StringBuilder();
        CommandLine umbrella = forCompletion(NetvcrMain.commandLine());
        String umbrellaScript = bash("netvcr", umbrella);
        Files.writeString(bashDir.resolve("netvcr"), umbrellaScript, StandardCharsets.UTF_8);
        all.append(umbrellaScript);
        List<String> names = new ArrayList<>(List.of("netvcr"));
        for (Map.Entry<String, CommandLine> t : tools().entrySet()) {
            String script = bash(t.getKey(), forCompletion(t.getValue()));
            Files.writeString(bashDir.resolve(t.getKey()), script, StandardCharsets.UTF_8);
            all.append(script);
            names.add(t.getKey());
        }
        // zsh runs the same functions through bashcompinit; compinit autoloads this file on the first TAB.
        String zsh = "#compdef " + String.join(" ", names) + "\n"
                + "# NetVCR completion for zsh: the bash completion functions, run through zsh's bashcompinit.\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + "# bash's compopt (file-name hints) has no zsh counterpart under bashcompinit: make it a no-op.\n"
                + "(( $+functions[compopt] )) || compopt() { return 0; }\n"
                + "{\n" + all.toString().replaceAll("(?m)^#!.*$", "") + "\n}\n"
                + "# First TAB: the definitions above replaced this function; complete this word with them.\n"
                + "_bash_complete -F \"_complete_${service}\" -o default \"$@\"\n";
        Files.writeString(zshDir.resolve("_netvcr"), zsh, StandardCharsets.UTF_8);
    }

    private static String bash(String name, CommandLine cl) {
        String script = AutoComplete.bash(name, cl);
        // Only the command itself: picocli also registers NAME.sh and NAME.bash, which no NetVCR launcher is called.
        script = script.replace(" " + name + ".sh " + name + ".bash", "");
        return script.replace("(\"" + INTERFACES + "\")", "($(ls /sys/class/net 2>/dev/null))");
    }

    /**
     * The model as completion should see it. Trace and file arguments are Strings in the commands ("-" means
     * stdin/stdout); here they become files so the shell offers file names. Interface options offer the
     * interfaces of the machine the user is on, read when TAB is pressed.
     */
    static CommandLine forCompletion(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : new ArrayList<>(spec.options())) {
            OptionSpec.Builder b = null;
            if (o.completionCandidates() == null && o.arity().max() > 0) {
                if (o.longestName().startsWith("--interface")) {
                    b = OptionSpec.builder(o).completionCandidates(List.of(INTERFACES));
                } else if (o.paramLabel().matches(".*(FILE|DIR|PATH).*")) {
                    b = OptionSpec.builder(o.names())
                            .paramLabel(o.paramLabel())
                            .arity(o.arity())
                            .hidden(o.hidden())
                            .type(File.class);
                }
            }
            if (b != null) {
                spec.remove(o);
                spec.addOption(b.build());
            }
        }
        for (PositionalParamSpec p : new ArrayList<>(spec.positionalParameters())) {
            if (p.completionCandidates() == null) {
                spec.remove(p);
                spec.addPositional(PositionalParamSpec.builder()
                        .index(p.index())
                        .arity(p.arity())
                        .paramLabel(p.paramLabel())
                        .hidden(p.hidden())
                        .type(p.typeInfo().isMultiValue() ? List.class : File.class)
                        .auxiliaryTypes(File.class)
                        .build());
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            forCompletion(sub);
        }
        return cl;
    }
}
