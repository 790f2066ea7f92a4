package io.netvcr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Modules depend downward only (docs/ARCHITECTURE.md): a module's main sources and its pom's compile-scope
 * dependencies may name only modules on a lower level. Lives in app because app sits above every library
 * module; it reads the source tree, so a new upward import fails here before anyone notices a cycle.
 */
class LayeringTest {
    /** Level of each module: formats, then cli-common, then the tools beside each other, then what uses them. */
    static final Map<String, Integer> LEVEL = Map.ofEntries(
            Map.entry("formats", 0),
            Map.entry("cli-common", 1),
            Map.entry("tools-convert", 2),
            Map.entry("tools-preprocess", 2),
            Map.entry("tools-analyze", 2),
            Map.entry("replayer", 2),
            Map.entry("samples", 3),
            Map.entry("tools-analyze-spark", 3),
            Map.entry("app", 4),
            Map.entry("benchmarks", 4),
            Map.entry("dist", 5));

    /**
     * The one sideways edge allowed: replay --prep prepares through prep's API, never its command line. Other
     * classes of io.netvcr.prep stay out of the replayer.
     */
    static final Set<String> REPLAYER_MAY_USE_FROM_PREP =
            Set.of("io.netvcr.prep.Preparer", "io.netvcr.prep.PrepOptions", "io.netvcr.prep.PrepResult");

    /**
     * Test scope may reach across or up a level where no cycle results (docs/ARCHITECTURE.md); each such edge is
     * listed here with why. A new one fails until it is listed, and a listed one that is gone fails too, so the
     * list stays true. Edges the main rules allow (downward, replay through Preparer's API) are not listed.
     */
    static final Map<String, String> TEST_SCOPE_EDGES = Map.of(
            "replayer -> tools-analyze",
            "the ε log the replayer writes is read back with analyze's EpsilonLog, the reader users run, not the "
                    + "writer's own",
            "replayer -> samples",
            "frames and the paper's periodic workload are made in samples only; tests replay them",
            "replayer -> tools-preprocess",
            "beyond Preparer's API, tests set prep's schedule (Ratio, ScheduleMode: PrepOptions' field types) and "
                    + "check shard names and flow placement (Sharder, FiveTuple) of the traces they prepare");

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern REFERENCE =
            Pattern.compile("\\bio\\.netvcr\\.((?:[a-z][a-z0-9_]*\\.)*[a-z][a-z0-9_]*)\\.([A-Z]\\w*)");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("formats/src/main/java"))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("the project root (with formats/) above " + Path.of("").toAbsolutePath())
                .isNotNull();
        return dir;
    }

    @Test
    void shouldListEveryModuleOfTheBuild() throws IOException {
        String pom = Files.readString(root().resolve("pom.xml"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertThat(modules).isNotEmpty();
        assertThat(LEVEL.keySet())
                .as("a new module needs its level here and in docs/ARCHITECTURE.md")
                .containsAll(modules);
    }

    @Test
    void shouldImportOnlyModulesBelowInMainSources() throws IOException {
        Path root = root();
        Map<String, String> moduleOfPackage = new TreeMap<>();
        Map<Path, String> moduleOfFile = new TreeMap<>();
        for (String module : LEVEL.keySet()) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = PACKAGE.matcher(Files.readString(f));
                    if (m.find()) {
                        String before = moduleOfPackage.putIfAbsent(m.group(1), module);
                        assertThat(before == null || before.equals(module))
                                .as("package " + m.group(1) + " is split between " + before + " and " + module)
                                .isTrue();
                        moduleOfFile.put(f, module);
                    }
                }
            }
        }
        assertThat(moduleOfFile).hasSizeGreaterThan(100);
        List<String> violations = new ArrayList<>();
        for (Map.Entry<Path, String> e : moduleOfFile.entrySet()) {
            String from = e.getValue();
            String code = COMMENT.matcher(Files.readString(e.getKey())).replaceAll(" ");
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
                String pkg = "io.netvcr." + m.group(1);
                String to = moduleOfPackage.get(pkg);
                String type = pkg + "." + m.group(2);
                if (to == null || to.equals(from) || allowed(from, to, type)) {
                    continue;
                }
                violations.add(root.relativize(e.getKey()) + " (" + from + ", level " + LEVEL.get(from) + ") uses "
                        + type + " (" + to + ", level " + LEVEL.get(to) + ")");
            }
        }
        assertThat(violations)
                .as("imports of a module at or above the importer's level")
                .isEmpty();
    }

    @Test
    void shouldDependOnlyOnModulesBelowInThePoms() throws IOException {
        Path root = root();
        Pattern dependency = Pattern.compile("(?s)<dependency>(.*?)</dependency>");
        Pattern artifact = Pattern.compile("<artifactId>netvcr-([^<]+)</artifactId>");
        List<String> violations = new ArrayList<>();
        for (String from : LEVEL.keySet()) {
            Path pom = root.resolve(from).resolve("pom.xml");
            if (!Files.isRegularFile(pom)) {
                continue;
            }
            String text = Files.readString(pom);
            // dependencyManagement lists versions, not edges
            text = text.replaceAll("(?s)<dependencyManagement>.*?</dependencyManagement>", "");
            Matcher d = dependency.matcher(text);
            while (d.find()) {
                String body = d.group(1);
                Matcher a = artifact.matcher(body);
                if (!a.find() || body.contains("<scope>test</scope>")) {
                    continue;
                }
                String to = a.group(1);
                if (!LEVEL.containsKey(to)) {
                    continue; // the parent pom, or a module outside the reactor
                }
                boolean sideways = from.equals("replayer") && to.equals("tools-preprocess");
                if (!sideways && LEVEL.get(to) >= LEVEL.get(from)) {
                    violations.add(from + " depends on " + to);
                }
            }
        }
        assertThat(violations)
                .as("compile-scope dependencies on a module at or above the dependant's level")
                .isEmpty();
    }

    @Test
    void shouldListEveryTestScopeEdgeAcrossOrUpALevel() throws IOException {
        Path root = root();
        Map<String, String> moduleOfPackage = mainPackages(root);
        Set<String> found = new TreeSet<>();
        for (String from : LEVEL.keySet()) {
            Path src = root.resolve(from).resolve("src/test/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = REFERENCE.matcher(
                            COMMENT.matcher(Files.readString(f)).replaceAll(" "));
                    while (m.find()) {
                        String pkg = "io.netvcr." + m.group(1);
                        String to = moduleOfPackage.get(pkg);
                        if (to != null && !to.equals(from) && !allowed(from, to, pkg + "." + m.group(2))) {
                            found.add(from + " -> " + to);
                        }
                    }
                }
            }
        }
        for (String from : LEVEL.keySet()) {
            for (String[] d : dependencies(root, from)) {
                if (d[1].equals("test") && LEVEL.containsKey(d[0]) && LEVEL.get(d[0]) >= LEVEL.get(from)) {
                    found.add(from + " -> " + d[0]);
                }
            }
        }
        assertThat(found)
                .as("test-scope edges across or up a level; list each in TEST_SCOPE_EDGES with why")
                .isEqualTo(new TreeSet<>(TEST_SCOPE_EDGES.keySet()));
    }

    @Test
    void shouldKeepTestScopeEdgesFreeOfCycles() throws IOException {
        Path root = root();
        List<String> cycles = new ArrayList<>();
        for (String edge : TEST_SCOPE_EDGES.keySet()) {
            String[] ends = edge.split(" -> ");
            for (String[] d : dependencies(root, ends[1])) {
                if (d[0].equals(ends[0])) {
                    cycles.add(edge + ", but " + ends[1] + " depends on " + ends[0] + " (" + d[1] + ")");
                }
            }
        }
        assertThat(cycles).isEmpty();
    }

    /** Package to module, over every module's main sources. */
    private static Map<String, String> mainPackages(Path root) throws IOException {
        Map<String, String> moduleOfPackage = new TreeMap<>();
        for (String module : LEVEL.keySet()) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = PACKAGE.matcher(Files.readString(f));
                    if (m.find()) {
                        moduleOfPackage.putIfAbsent(m.group(1), module);
                    }
                }
            }
        }
        return moduleOfPackage;
    }

    /** A module pom's NetVCR dependencies: {module, scope} ("compile" when none is named). */
    private static List<String[]> dependencies(Path root, String module) throws IOException {
        Path pom = root.resolve(module).resolve("pom.xml");
        List<String[]> out = new ArrayList<>();
        if (!Files.isRegularFile(pom)) {
            return out;
        }
        String text = Files.readString(pom).replaceAll("(?s)<dependencyManagement>.*?</dependencyManagement>", "");
        Matcher d = Pattern.compile("(?s)<dependency>(.*?)</dependency>").matcher(text);
        while (d.find()) {
            Matcher a =
                    Pattern.compile("<artifactId>netvcr-([^<]+)</artifactId>").matcher(d.group(1));
            Matcher scope = Pattern.compile("<scope>([^<]+)</scope>").matcher(d.group(1));
            if (a.find()) {
                out.add(new String[] {a.group(1), scope.find() ? scope.group(1) : "compile"});
            }
        }
        return out;
    }

    @Test
    void shouldCatchAnUpwardImport() {
        assertThat(allowed("formats", "cli-common", "io.netvcr.cli.Summary")).isFalse();
        assertThat(allowed("replayer", "tools-analyze", "io.netvcr.analyze.Compare"))
                .isFalse();
        assertThat(allowed("replayer", "tools-preprocess", "io.netvcr.prep.PrepCommand"))
                .isFalse();
        assertThat(allowed("replayer", "tools-preprocess", "io.netvcr.prep.Preparer"))
                .isTrue();
        assertThat(allowed("app", "samples", "io.netvcr.samples.UdpFrames")).isTrue();
        assertThat(allowed("replayer", "samples", "io.netvcr.samples.UdpFrames"))
                .isFalse();
        assertThat(allowed("tools-convert", "tools-analyze", "io.netvcr.analyze.FlowKey"))
                .isFalse();
    }

    static boolean allowed(String from, String to, String type) {
        if (from.equals("replayer") && to.equals("tools-preprocess")) {
            return REPLAYER_MAY_USE_FROM_PREP.contains(type);
        }
        return LEVEL.get(to) < LEVEL.get(from);
    }
}
