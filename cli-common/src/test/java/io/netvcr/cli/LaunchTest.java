package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchTest {
    @TempDir
    Path dir;

    static String[] seen;

    /** A main for the trampoline to run. */
    public static final class Target {
        public static void main(String[] args) throws IOException {
            if (args.length > 0 && args[0].equals("fail")) {
                throw new IOException("disk on fire");
            }
            seen = args;
        }
    }

    @Test
    void manifestCarriesTheModuleOptionsOfTheJvmoptsFileAndARelativeClassPath() throws Exception {
        Path lib = dir.resolve("lib");
        List<String> jvmopts = List.of(
                "# Chronicle needs these",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "  --add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "-Dchronicle.analytics.disable=true");
        var m = Launch.manifest(
                lib,
                jvmopts,
                List.of(lib.resolve("a.jar"), dir.resolve("app/target/my app.jar"), lib.resolve("b.jar")));
        Attributes a = m.getMainAttributes();

        assertThat(a.getValue("Main-Class")).isEqualTo("io.netvcr.cli.Launch");
        assertThat(a.getValue("Class-Path")).isEqualTo("a.jar ../app/target/my%20app.jar b.jar");
        assertThat(a.getValue("Add-Opens")).isEqualTo("java.base/java.nio java.base/java.lang");
        assertThat(a.getValue("Add-Exports")).isEqualTo("java.base/sun.nio.ch");
    }

    @Test
    void aModuleOptionForANamedModuleCannotGoIntoAManifest() {
        assertThatThrownBy(() -> Launch.manifest(
                        dir, List.of("--add-opens=java.base/java.nio=some.module"), List.of(dir.resolve("a.jar"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALL-UNNAMED");
    }

    @Test
    void writesAJarWhoseManifestJavaReads() throws Exception {
        Path opts = Files.writeString(dir.resolve("netvcr.jvmopts"), "--add-opens=java.base/java.nio=ALL-UNNAMED\n");
        Path jar = dir.resolve("netvcr-launch.jar");
        Launch.write(jar, opts, List.of(dir.resolve("x.jar")));

        try (JarFile f = new JarFile(jar.toFile())) {
            assertThat(f.getManifest().getMainAttributes().getValue("Add-Opens"))
                    .isEqualTo("java.base/java.nio");
            assertThat(f.getManifest().getMainAttributes().getValue("Class-Path"))
                    .isEqualTo("x.jar");
        }
        assertThat(dir.resolve("netvcr-launch.jar.tmp")).doesNotExist();
    }

    @Test
    void writeModeListsThisJvmsClassPath() throws Throwable {
        Path opts =
                Files.writeString(dir.resolve("netvcr.jvmopts"), "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED\n");
        Path jar = dir.resolve("netvcr-launch.jar");
        Launch.main(new String[] {"--write", jar.toString(), opts.toString()});

        String[] entries = System.getProperty("java.class.path").split(java.io.File.pathSeparator);
        try (JarFile f = new JarFile(jar.toFile())) {
            Attributes a = f.getManifest().getMainAttributes();
            assertThat(a.getValue("Class-Path").split(" ")).hasSize(entries.length);
            assertThat(a.getValue("Add-Exports")).isEqualTo("java.base/sun.nio.ch");
        }
    }

    @Test
    void runsTheNamedMainWithTheRestAndPassesItsExceptionOn() throws Throwable {
        Launch.main(new String[] {Target.class.getName(), "--help", "x"});
        assertThat(seen).containsExactly("--help", "x");

        assertThatThrownBy(() -> Launch.main(new String[] {Target.class.getName(), "fail"}))
                .isInstanceOf(IOException.class)
                .hasMessage("disk on fire");
    }
}
