package io.netvcr.bench;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.samples.UdpFrames;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Record flyweight reads over a mapped NetVCR file: the fields a send loop touches per record (schedule
 * offset, lengths, checksum slot), for every record of a 64 Ki-record file. Score = records/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordReadBenchmark {
    static final int RECORDS = 1 << 16;

    private Path file;
    private NvcrFile nvcr;
    private final NvcrRecord record = new NvcrRecord();

    @Setup(Level.Trial)
    public void writeTrace() throws IOException {
        file = Files.createTempFile("netvcr-jmh-", ".nvcr");
        Packet p = new Packet();
        p.linkType = LinkTypes.ETHERNET;
        p.wireLength = 64;
        UdpFrames frames = new UdpFrames(64);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                NvcrWriter w = new NvcrWriter(ch, new NvcrHeader())) {
            for (int i = 0; i < RECORDS; i++) {
                frames.fill(p.prepare(64), i);
                p.timestampNs = 1_700_000_000_000_000_000L + i * 70_000L;
                w.append(p);
            }
            w.finish();
        }
        nvcr = NvcrFile.open(file);
        if (nvcr.count() != RECORDS) {
            throw new IllegalStateException("wrote " + RECORDS + " records, file holds " + nvcr.count());
        }
    }

    @TearDown(Level.Trial)
    public void removeTrace() throws IOException {
        nvcr.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long readScheduleFields() {
        long sum = 0;
        for (int i = 0; i < RECORDS; i++) {
            NvcrRecord r = nvcr.record(i, record);
            sum += r.timestampNs() + r.wireLength() + r.storedLength() + r.l4ChecksumOffset() + r.flags();
        }
        return sum;
    }
}
