package io.netvcr.formats;

import io.netvcr.formats.io.Compression;
import io.netvcr.formats.io.CountingInputStream;
import io.netvcr.formats.io.Streams;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a trace given by path (or "-" for stdin): undoes compression, finds the format by content unless
 * one is named, and returns its reader. Progress can follow {@link #rawBytesRead()}.
 */
public final class TraceInput implements java.io.Closeable {
    /** How many leading bytes the probes see. */
    public static final int PROBE_BYTES = 64;

    private final String name;
    private final long rawSize;
    private final CountingInputStream counter;
    private final TraceReader reader;
    private final Compression compression;
    private final NonPacketSkipper skipper;

    private TraceInput(
            String name,
            long rawSize,
            CountingInputStream counter,
            TraceReader reader,
            Compression compression,
            NonPacketSkipper skipper) {
        this.skipper = skipper;
        this.name = name;
        this.rawSize = rawSize;
        this.counter = counter;
        this.reader = reader;
        this.compression = compression;
    }

    public static boolean isStdio(String path) {
        return "-".equals(path);
    }

    public static TraceInput open(String path, String formatName, ReaderOptions options) throws IOException {
        InputStream raw;
        long size = -1;
        String name;
        if (isStdio(path)) {
            raw = System.in;
            name = "<stdin>";
        } else {
            Path p = Path.of(path);
            if (!Files.exists(p)) {
                throw new NoSuchFileException(path);
            }
            if (Files.isDirectory(p)) {
                throw new NoSuchFileException(path, null, "is a directory, not a trace");
            }
            size = Files.size(p);
            raw = new FileInputStream(p.toFile());
            name = path;
        }
        return open(name, raw, size, formatName, options);
    }

    public static TraceInput open(String name, InputStream raw, long rawSize, String formatName, ReaderOptions options)
            throws IOException {
        CountingInputStream counter = new CountingInputStream(raw);
        try {
            BufferedInputStream buffered = new BufferedInputStream(counter, Compression.BUFFER);
            byte[] magic = Streams.peek(buffered, 8);
            Compression compression = Compression.detect(magic, magic.length);
            InputStream plain = Compression.decompress(buffered, name);
            BufferedInputStream in = plain instanceof BufferedInputStream
                    ? (BufferedInputStream) plain
                    : new BufferedInputStream(plain, Compression.BUFFER);
            TraceFormat format;
            if (formatName != null) {
                format = TraceFormats.require(formatName);
            } else {
                byte[] head = Streams.peek(in, PROBE_BYTES);
                if (head.length == 0) {
                    throw new TraceFormatException(name, "empty file: no trace header");
                }
                Optional<TraceFormat> found = TraceFormats.detect(head, head.length);
                format = found.orElseThrow(() -> new TraceFormatException(
                        name,
                        "unrecognised trace format (no known magic number"
                                + (compression != Compression.NONE
                                        ? " after " + compression.name().toLowerCase(java.util.Locale.ROOT)
                                                + " decompression"
                                        : "")
                                + "); headerless formats (" + String.join(", ", TraceFormats.headerlessNames())
                                + ") need --format"));
            }
            TraceReader reader = format.open(new TraceSource(name, in, options));
            NonPacketSkipper skipper = null;
            if (!"nvcr".equals(format.name())) {
                reader = skipper = new NonPacketSkipper(reader, name);
            }
            if (options.salvage) {
                reader = new SalvagingReader(reader);
            }
            return new TraceInput(name, rawSize, counter, reader, compression, skipper);
        } catch (IOException | RuntimeException e) {
            counter.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public TraceReader reader() {
        return reader;
    }

    /** With {@link ReaderOptions#salvage}: the warning about damage that ended the trace early, else null. */
    public String salvageWarning() {
        return reader instanceof SalvagingReader ? ((SalvagingReader) reader).warning() : null;
    }

    /** Records passed over because they cannot be packets ({@link NonPacketSkipper}). */
    public long nonPacketsSkipped() {
        return skipper == null ? 0 : skipper.skipped();
    }

    public Compression compression() {
        return compression;
    }

    /** Size of the input file before decompression, -1 when unknown (stdin). */
    public long rawSize() {
        return rawSize;
    }

    public long rawBytesRead() {
        return counter.count();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
