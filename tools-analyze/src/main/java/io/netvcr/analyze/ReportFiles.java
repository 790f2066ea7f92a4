package io.netvcr.analyze;

import io.netvcr.cli.Output;
import io.netvcr.cli.OutputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files a report writes into an output directory, each through {@link Output} (temporary name, renamed
 * when complete), so an interrupted run never leaves a half-written plot or table behind.
 */
final class ReportFiles {
    /** Writes one file's content. */
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Writes CSV text. */
    interface Text {
        void write(PrintWriter out) throws IOException;
    }

    private ReportFiles() {}

    static Path directory(String dir) throws IOException {
        Path d = Path.of(dir);
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new OutputException(dir, "cannot create directory " + d + ": " + OutputException.reason(e));
        }
        return d;
    }

    static Path write(Path file, Body body) throws IOException {
        try (Output out = Output.open(file.toString())) {
            OutputStream os = Channels.newOutputStream(out.channel());
            body.write(os);
            os.flush();
            out.commit();
        }
        return file;
    }

    static Path csv(Path file, Text text) throws IOException {
        return write(file, os -> {
            Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            PrintWriter pw = new PrintWriter(w);
            text.write(pw);
            pw.flush();
            if (pw.checkError()) {
                throw new IOException(file + ": write failed");
            }
        });
    }
}
