package io.netvcr.replay;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a command line that runs a main class in a fresh JVM with this JVM's class path and module flags. */
final class ChildJvm {
    private ChildJvm() {
    }

    static List<String> command(List<String> extraJvmFlags, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-Dchronicle") || a.startsWith("-Ddisable") || a.startsWith("-Djvm.")) {
                cmd.add(a);
            }
        }
        cmd.addAll(extraJvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path").replace(File.pathSeparatorChar, File.pathSeparatorChar));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }
}
