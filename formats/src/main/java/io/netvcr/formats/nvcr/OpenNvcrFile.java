package io.netvcr.formats.nvcr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every reader that maps a NetVCR file by records knows once the file is open: its path, its header and
 * the records actually present ({@link NvcrFile#countRecords}), so a damaged or growing file is judged alike by
 * {@link NvcrFile} (mapped whole) and the replayer's windows (mapped piece by piece).
 */
public abstract class OpenNvcrFile {
    protected final Path path;
    protected final NvcrHeader header;
    protected final long count;

    /** Reads the header and counts the records present; TraceFormatException when the file is damaged. */
    protected OpenNvcrFile(Path path) throws IOException {
        this.path = path;
        this.header = NvcrFile.readHeader(path);
        this.count = NvcrFile.countRecords(path.toString(), header, Files.size(path));
    }

    public final Path path() {
        return path;
    }

    public final NvcrHeader header() {
        return header;
    }

    /** Whole records present (the header's count for a completed file). */
    public final long count() {
        return count;
    }
}
