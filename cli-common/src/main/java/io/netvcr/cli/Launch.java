package io.netvcr.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The launcher jar (lib/netvcr-launch.jar, made by bin/netvcr-java next to the class-data archive): a manifest
 * naming the class path and the packages Chronicle Bytes needs opened, run as {@code java -jar netvcr-launch.jar
 * MAIN_CLASS ARGS...}. On the command line those {@code --add-opens}/{@code --add-exports} make Java 17 give up
 * its archived module graph at every start, the light commands (help, version, analyze of a pcap) included;
 * from a jar manifest they are applied after boot, with the graph kept. bin/netvcr.jvmopts stays the one list:
 * this class reads it.
 */
public final class Launch {
    private Launch() {}

    /**
     * Runs MAIN_CLASS's main with the remaining arguments; {@code --write JAR JVMOPTS} writes the launcher jar for
     * this JVM's class path instead (bin/netvcr-java, before the training run, which then runs through the jar).
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 3 && args[0].equals("--write")) {
            List<Path> classPath = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                classPath.add(Path.of(entry));
            }
            write(Path.of(args[1]), Path.of(args[2]), classPath);
            return;
        }
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes the launcher jar JAR for CLASS_PATH (the jars, in order) with the module options found in
     * JVMOPTS (bin/netvcr.jvmopts), through a temporary file.
     */
    public static void write(Path jar, Path jvmOptions, List<Path> classPath) throws IOException {
        Manifest manifest = manifest(jar.toAbsolutePath().getParent(), Files.readAllLines(jvmOptions), classPath);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), manifest)) {
            out.finish();
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static Manifest manifest(Path jarDir, List<String> jvmOptions, List<Path> classPath) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, Launch.class.getName());
        List<String> entries = new ArrayList<>();
        for (Path p : classPath) {
            // relative URLs, resolved against this jar's place (the manifest's rule)
            String rel = jarDir.relativize(p.toAbsolutePath()).toString();
            try {
                entries.add(new URI(null, null, rel, null).toASCIIString());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(p + ": not a class path entry a manifest can name", e);
            }
        }
        a.put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
        List<String> opens = new ArrayList<>();
        List<String> exports = new ArrayList<>();
        for (String line : jvmOptions) {
            String o = line.strip();
            if (o.startsWith("--add-opens=")) {
                opens.add(target(o));
            } else if (o.startsWith("--add-exports=")) {
                exports.add(target(o));
            }
        }
        if (!opens.isEmpty()) {
            a.putValue("Add-Opens", String.join(" ", opens));
        }
        if (!exports.isEmpty()) {
            a.putValue("Add-Exports", String.join(" ", exports));
        }
        return m;
    }

    /** "--add-opens=java.base/java.nio=ALL-UNNAMED" -> "java.base/java.nio" (a manifest opens to ALL-UNNAMED). */
    private static String target(String option) {
        String v = option.substring(option.indexOf('=') + 1);
        int to = v.indexOf('=');
        if (to < 0 || !v.substring(to + 1).equals("ALL-UNNAMED")) {
            throw new IllegalArgumentException(option + ": a jar manifest opens or exports to ALL-UNNAMED only");
        }
        return v.substring(0, to);
    }
}
