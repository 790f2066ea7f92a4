package io.netvcr.convert;

import io.netvcr.cli.ToolMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** One in-process netvcr-convert run: its exit code and what it printed. */
record ConvertCli(int exit, String out, String err) {
    static synchronized ConvertCli of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = ToolMain.run("netvcr-convert", new ConvertCommand(), args);
            return new ConvertCli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * The tool's stderr lines. SLF4J's own notice is left out: it appears on a test classpath without a
     * logging binding (the launcher's classpath has slf4j-nop).
     */
    List<String> errLines() {
        return err.lines().filter(l -> !l.startsWith("SLF4J: ")).toList();
    }

    /** Everything in dir: after a failed run there must be nothing, not even a hidden temporary file. */
    static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
