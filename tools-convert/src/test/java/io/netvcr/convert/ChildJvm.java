package io.netvcr.convert;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The java command line the launchers use, for tests that need a tool in its own process (signals, class
 * loading order): this JVM's executable and classpath, and the module flags from the parent pom's
 * netvcr.jvm.flags (passed to the test JVM by surefire's argLine).
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** java, the --add-opens/--add-exports flags, extra JVM options, classpath, main class and arguments. */
    static List<String> command(List<String> jvmOptions, boolean withLauncherProperties, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports")
                || withLauncherProperties && (a.startsWith("-Dchronicle.") || a.startsWith("-Ddisable."))) {
                cmd.add(a);
            }
        }
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }
}
