package io.netvcr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * What --version prints for every tool: what a bug report needs (NetVCR version, git commit, build date,
 * Java runtime, libpcap). The build writes the first three into netvcr-version.properties. The libpcap
 * version is read from the installed library's file name instead of asking libpcap: asking would load
 * pcap4j and JNA, and --version must start as fast as --help.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
    private static final Properties BUILD = load();
    private static final Pattern LIBPCAP = Pattern.compile("libpcap\\.so\\.(\\d+(?:\\.\\d+)+)");

    public static String version() {
        return BUILD.getProperty("version", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/netvcr-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a version string is not worth failing a run
        }
        return p;
    }

    @Override
    public String[] getVersion() {
        return lines().toArray(new String[0]);
    }

    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("NetVCR " + version());
        lines.add("commit " + property("commit") + ", built " + property("built"));
        lines.add("Java " + System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ") in "
                + System.getProperty("java.home"));
        lines.add(Libpcap.LINE);
        return lines;
    }

    /**
     * Looked up once per JVM: picocli asks the version provider while it builds a command's model (each mixin's
     * attributes are copied through CommandSpec.version()), and a lookup per call scanned the library directory
     * for every mixin of every command at every start: the largest part of building netvcr-analyze's model.
     */
    private static final class Libpcap {
        static final String LINE = libpcap();
    }

    private static String property(String key) {
        String v = BUILD.getProperty(key, "");
        // an unfiltered placeholder means the resource was not built by Maven (an IDE run)
        return v.isBlank() || v.startsWith("${") ? "unknown" : v.trim();
    }

    /** "libpcap 1.10.3 (/usr/lib/x86_64-linux-gnu/libpcap.so.1.10.3)", from the library directories. */
    static String libpcap() {
        String arch =
                System.getProperty("os.arch", "").replace("amd64", "x86_64").replace("arm64", "aarch64");
        for (String dir : new String[] {
            "/usr/lib/" + arch + "-linux-gnu",
            "/lib/" + arch + "-linux-gnu",
            "/usr/lib64",
            "/lib64",
            "/usr/lib",
            "/lib",
            "/usr/local/lib"
        }) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            // the soname link names the library the loader takes; a directory of a thousand entries is scanned
            // only without it
            String linked = linkedLibpcap(d);
            if (linked != null) {
                return linked;
            }
            String best = null;
            Path bestPath = null;
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "libpcap.so.*")) {
                for (Path p : s) {
                    Matcher m = LIBPCAP.matcher(p.getFileName().toString());
                    if (m.matches()
                            && Files.isRegularFile(p)
                            && !Files.isSymbolicLink(p)
                            && (best == null || m.group(1).length() > best.length())) {
                        best = m.group(1);
                        bestPath = p;
                    }
                }
            } catch (IOException e) {
                continue;
            }
            if (best != null) {
                return "libpcap " + best + " (" + bestPath + ")";
            }
        }
        return "libpcap not found (needed by netvcr-convert --filter and the libpcap sink)";
    }

    /**
     * "libpcap 1.10.3 (DIR/libpcap.so.1.10.3)" when a soname link in DIR (libpcap.so.1; Debian's libpcap0.8 has
     * libpcap.so.0.8) names that file in DIR, else null.
     */
    private static String linkedLibpcap(Path dir) {
        for (String soname : new String[] {"libpcap.so.1", "libpcap.so.0.8"}) {
            try {
                Path target = Files.readSymbolicLink(dir.resolve(soname));
                Path p = dir.resolve(target.toString());
                Matcher m = LIBPCAP.matcher(target.toString());
                if (target.getParent() == null && m.matches() && Files.isRegularFile(p) && !Files.isSymbolicLink(p)) {
                    return "libpcap " + m.group(1) + " (" + p + ")";
                }
            } catch (IOException | UnsupportedOperationException e) {
                // no such link here
            }
        }
        return null;
    }
}
