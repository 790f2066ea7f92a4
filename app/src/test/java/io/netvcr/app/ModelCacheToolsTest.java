package io.netvcr.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ModelCache;
import io.netvcr.cli.ToolMain;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The parsing models the class-data training run writes (ModelCache) must parse every tool's arguments exactly as
 * the annotated model does: for each option of each cached tool, with a range of values right and wrong, the
 * command object ends in the same state or the parse fails with the same message.
 */
class ModelCacheToolsTest {
    /** Values that are valid for some option and wrong for others. */
    private static final List<String> VALUES = List.of(
            "1",
            "0",
            "-1",
            "1.5",
            "250",
            "10ms",
            "2k",
            "x",
            "pcap",
            "nvcr",
            "null",
            "mmsg",
            "hybrid",
            "a,b",
            "02:00:00:00:00:01",
            "198.18.0.1",
            "198.18.0.0/15=198.19.0.0/16",
            "add:5",
            "cidr:198.18.0.0/16",
            "",
            "-",
            "--json");

    @TempDir
    Path dir;

    @Test
    void theToolsPeopleRunMostAreCached() throws Exception {
        assertThat(CdsTraining.writeModels(dir)).contains("netvcr-analyze", "netvcr-convert", "netvcr-replay");
    }

    @Test
    void everyCachedToolParsesLikeItsAnnotations() throws Exception {
        List<String> cached = CdsTraining.writeModels(dir);
        int compared = 0;
        for (String tool : cached) {
            var make = CdsTraining.STANDALONE.get(tool);
            CommandLine annotated = ToolMain.commandLine(tool, make.get());
            List<String[]> cases = cases(annotated);
            for (String[] args : cases) {
                String expected = outcome(tool, make, args, false);
                String actual = outcome(tool, make, args, true);
                assertThat(actual).as("%s %s", tool, String.join(" ", args)).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(500);
    }

    private String outcome(String tool, java.util.function.Supplier<Object> make, String[] args, boolean fromCache) {
        Object command = make.get();
        CommandLine cl = fromCache ? ModelCache.load(dir, tool, command) : ToolMain.commandLine(tool, command);
        assertThat(cl).as(tool).isNotNull();
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        StringBuilder state = new StringBuilder();
        dump(command, state, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        return state.toString();
    }

    /** Argument lists that touch every option: each with each value, bare, twice, and negated where it can be. */
    private static List<String[]> cases(CommandLine annotated) {
        List<String> operands = new ArrayList<>();
        int needed = 0;
        for (var p : annotated.getCommandSpec().positionalParameters()) {
            needed = Math.max(needed, p.index().min() + p.arity().min());
        }
        for (int i = 0; i < needed; i++) {
            operands.add("trace" + i + ".pcap");
        }
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[0]);
        cases.add(operands.toArray(new String[0]));
        cases.add(with(operands, "--bogus"));
        for (OptionSpec o : annotated.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String name = o.longestName();
            cases.add(with(operands, name));
            if (o.negatable()) {
                cases.add(with(operands, "--no-" + name.substring(2)));
            }
            if (o.arity().max() > 0) {
                for (String v : VALUES) {
                    cases.add(with(operands, name, v));
                    cases.add(with(operands, name + "=" + v));
                }
                cases.add(with(operands, name, "1", name, "2"));
            } else {
                cases.add(with(operands, name, name));
            }
        }
        return cases;
    }

    private static String[] with(List<String> operands, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(operands);
        return args.toArray(new String[0]);
    }

    /** The state of a command: every field of it and of the NetVCR objects it holds, by name. */
    private static void dump(Object o, StringBuilder out, Set<Object> seen, int depth) {
        if (o == null
                || o instanceof CharSequence
                || o instanceof Number
                || o instanceof Boolean
                || o instanceof Enum
                || o instanceof Character
                || o instanceof Path) {
            out.append(o);
            return;
        }
        if (o.getClass().isSynthetic() || o.getClass().getName().contains("$$Lambda")) {
            out.append(o.getClass().getName().replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda"));
            return;
        }
        if (o.getClass().isArray()) {
            out.append('[');
            for (int i = 0; i < Array.getLength(o); i++) {
                dump(Array.get(o, i), out, seen, depth + 1);
                out.append(',');
            }
            out.append(']');
            return;
        }
        if (o instanceof Collection) {
            out.append('[');
            for (Object e : (Collection<?>) o) {
                dump(e, out, seen, depth + 1);
                out.append(',');
            }
            out.append(']');
            return;
        }
        if (o instanceof Map) {
            out.append('{');
            for (var e : ((Map<?, ?>) o).entrySet()) {
                dump(e.getKey(), out, seen, depth + 1);
                out.append('=');
                dump(e.getValue(), out, seen, depth + 1);
                out.append(',');
            }
            out.append('}');
            return;
        }
        if (!o.getClass().getName().startsWith("io.netvcr.") || depth > 6 || !seen.add(o)) {
            out.append(o.getClass().getName());
            return;
        }
        out.append(o.getClass().getSimpleName()).append('{');
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                out.append(f.getName()).append('=');
                try {
                    dump(f.get(o), out, seen, depth + 1);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                out.append(';');
            }
        }
        out.append('}');
    }
}
