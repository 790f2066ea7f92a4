package io.netvcr.bench;

import io.netvcr.formats.Packet;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.samples.UdpFrames;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.BytesStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * FrameBuilder.build: the per-packet pad/checksum work of a prepared record (stored bytes copied, padding
 * zeroed where the previous frame dirtied it, precomputed UDP checksum written). Records alternate between
 * two stored lengths so the dirty-tail logic is exercised. Score = frames/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameBuildBenchmark {
    static final int RECORDS = 1024;
    /** UDP checksum field of an untagged Ethernet/IPv4 frame: 14 + 20 + 6. */
    static final int UDP_CHECKSUM_AT = 40;

    /** Length each frame is sent with (stored bytes are at most the default snap, 128). */
    @Param({"64", "1514"})
    public int sendLength;

    private final int recordLength = NvcrLayout.DEFAULT_RECORD_LENGTH;
    private BytesStore<?, ?> store;
    private final NvcrRecord record = new NvcrRecord();
    private final FrameBuilder builder = new FrameBuilder();

    @Setup
    public void fillRecords() {
        store = BytesStore.nativeStoreWithFixedCapacity((long) RECORDS * recordLength);
        Packet p = new Packet();
        UdpFrames frames = new UdpFrames(sendLength);
        for (int i = 0; i < RECORDS; i++) {
            frames.fill(p.prepare(sendLength), i);
            int stored = Math.min(sendLength, (i & 1) == 0 ? NvcrLayout.DEFAULT_SNAP : 64);
            record.wrap(store, (long) i * recordLength)
                    .clear(recordLength)
                    .data(p.data(), 0, stored, recordLength)
                    .wireLength(sendLength)
                    .sendLength(sendLength)
                    .l4ChecksumOffset(UDP_CHECKSUM_AT)
                    .l4Checksum(0x1234 + i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long build() {
        long total = 0;
        for (int i = 0; i < RECORDS; i++) {
            total += builder.build(record.wrap(store, (long) i * recordLength));
        }
        return total;
    }
}
