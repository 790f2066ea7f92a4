package io.netvcr.formats.fuzz;

import static io.netvcr.formats.nvcr.NvcrLayout.HEADER_LENGTH;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.io.Compression;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrFormat;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.NvcrValidator;
import io.netvcr.formats.pcap.PcapFormat;
import io.netvcr.formats.pcapng.PcapngFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;

/**
 * Jazzer targets for every reader and compression front. Without JAZZER_FUZZ they replay the regression
 * corpus in src/test/resources/io/netvcr/formats/fuzz/ReaderFuzzTestInputs/METHOD/ (seeds from the shared
 * traces plus every fixed finding); with -Pfuzz each is fuzzed for {@link #BUDGET}. A target for a new
 * reader is one method calling {@link ReaderFuzzing#drain}; seed it with a few small files of that format.
 */
class ReaderFuzzTest {
    /** Per-target fuzzing time under -Pfuzz (Jazzer 0.24 reads it only from the annotation). */
    static final String BUDGET = "10m";

    private static Path nvcrScratch;

    @FuzzTest(maxDuration = BUDGET)
    void pcap(byte[] data) {
        ReaderFuzzing.drain(new PcapFormat(), data);
    }

    @FuzzTest(maxDuration = BUDGET)
    void pcapng(byte[] data) {
        ReaderFuzzing.drain(new PcapngFormat(), data);
    }

    /** The stream reader; the header checksum is made valid so the fuzzer gets past it to the records. */
    @FuzzTest(maxDuration = BUDGET)
    void nvcr(byte[] data) {
        ReaderFuzzing.drain(new NvcrFormat(), withValidHeaderCrc(data));
    }

    /** Header decoding and mapped random access (NvcrFile), as prep and replay open a NetVCR file. */
    @FuzzTest(maxDuration = BUDGET)
    void nvcrFile(byte[] data) throws IOException {
        Path f = scratch();
        Files.write(f, withValidHeaderCrc(data));
        try (NvcrFile file = NvcrFile.open(f)) {
            NvcrRecord r = new NvcrRecord();
            long sum = 0;
            for (long i = 0; i < file.count(); i++) {
                file.record(i, r);
                sum += r.timestampNs() + r.wireLength() + r.storedLength() + r.linkType() + r.flags();
            }
            if (file.count() > 0 && sum == 42) {
                sum++; // keeps the reads from being optimised away
            }
            // the replayer's checks at open, both ways (mapped and read): damage is a TraceFormatException only
            NvcrValidator.validate(file);
            NvcrValidator.validate(f);
        } catch (TraceFormatException expected) {
            if (!expected.getMessage().startsWith(f.toString())) {
                throw new AssertionError("error does not name the file: " + expected.getMessage());
            }
        }
    }

    @FuzzTest(maxDuration = BUDGET)
    void gzip(byte[] data) {
        ReaderFuzzing.drainCompressed(Compression.GZIP, data);
    }

    @FuzzTest(maxDuration = BUDGET)
    void bzip2(byte[] data) {
        ReaderFuzzing.drainCompressed(Compression.BZIP2, data);
    }

    @FuzzTest(maxDuration = BUDGET)
    void xz(byte[] data) {
        ReaderFuzzing.drainCompressed(Compression.XZ, data);
    }

    @FuzzTest(maxDuration = BUDGET)
    void zstd(byte[] data) {
        ReaderFuzzing.drainCompressed(Compression.ZSTD, data);
    }

    /** Auto-detection as the tools use it: raw bytes, compression and format found by content. */
    @FuzzTest(maxDuration = BUDGET)
    void detect(byte[] data) {
        ReaderFuzzing.drainDetected(data);
    }

    /** Inputs that hold a whole NetVCR header get its CRC-32C recomputed (the field itself counted as zero). */
    static byte[] withValidHeaderCrc(byte[] data) {
        if (data.length < HEADER_LENGTH) {
            return data;
        }
        byte[] d = data.clone();
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(NvcrLayout.H_CRC, 0);
        CRC32C c = new CRC32C();
        c.update(d, 0, HEADER_LENGTH);
        b.putInt(NvcrLayout.H_CRC, (int) c.getValue());
        return d;
    }

    private static synchronized Path scratch() {
        if (nvcrScratch == null) {
            try {
                nvcrScratch = Files.createTempFile("netvcr-fuzz-", ".nvcr");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return nvcrScratch;
    }

    @AfterAll
    static void removeScratch() throws IOException {
        if (nvcrScratch != null) {
            Files.deleteIfExists(nvcrScratch);
        }
    }
}
