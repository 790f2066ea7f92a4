package io.netvcr.formats.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A Java agent for child-JVM tests of the tools' entry points: when the first Chronicle class is loaded it
 * prints, on stderr, which class and what chronicle.analytics.disable said at that moment. Tests launch a
 * tool with {@code -javaagent:} {@link #agentJar} (and without the launcher's -D flags), so they check what
 * the tool itself guarantees: analytics are off before Chronicle can start them.
 */
public final class ChronicleLoadWatch {
    public static final String MARK = "netvcr-chronicle-first-load";

    private ChronicleLoadWatch() {}

    public static void premain(String args, Instrumentation inst) {
        inst.addTransformer(new ClassFileTransformer() {
            private boolean seen;

            @Override
            public byte[] transform(
                    ClassLoader loader,
                    String className,
                    Class<?> redefined,
                    ProtectionDomain domain,
                    byte[] classfile) {
                if (!seen && className != null && className.startsWith("net/openhft/")) {
                    seen = true;
                    System.err.println(MARK + " " + className.replace('/', '.') + " chronicle.analytics.disable="
                            + System.getProperty("chronicle.analytics.disable"));
                }
                return null;
            }
        });
    }

    /** Writes the agent jar (this class and its transformer, with a Premain-Class manifest) into dir. */
    public static Path agentJar(Path dir) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(new Attributes.Name("Premain-Class"), ChronicleLoadWatch.class.getName());
        Path jar = dir.resolve("chronicle-load-watch.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            for (String c : new String[] {"ChronicleLoadWatch", "ChronicleLoadWatch$1"}) {
                String entry = ChronicleLoadWatch.class.getPackageName().replace('.', '/') + "/" + c + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = ChronicleLoadWatch.class.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
