package io.netvcr.analyze.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.Packet;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.testing.SharedTraces;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splits of NetVCR files fall on record boundaries and together hold every record once, in order. */
class TraceInputFormatTest {
    @TempDir
    Path dir;

    Path nvcr(int n) throws Exception {
        Path f = dir.resolve("t.nvcr");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                NvcrWriter w = new NvcrWriter(ch, new NvcrHeader())) {
            Packet p = new Packet();
            for (int i = 0; i < n; i++) {
                byte[] b = p.prepare(60 + i % 50);
                java.util.Arrays.fill(b, 0, 60 + i % 50, (byte) i);
                p.timestampNs = 1_000_000_000L + i * 1000L;
                p.wireLength = 60 + i % 50;
                p.linkType = 1;
                w.write(p);
            }
            w.finish();
        }
        return f;
    }

    static List<InputSplit> splits(Path f, long maxSize) throws Exception {
        Configuration c = new Configuration();
        c.setLong("mapreduce.input.fileinputformat.split.maxsize", maxSize);
        Job job = Job.getInstance(c);
        FileInputFormat.setInputPaths(job, new org.apache.hadoop.fs.Path(f.toString()));
        return new TraceInputFormat().getSplits(job);
    }

    static List<Long> timestamps(InputSplit s) throws Exception {
        List<Long> out = new ArrayList<>();
        TraceInputFormat f = new TraceInputFormat();
        var ctx = new TaskAttemptContextImpl(new Configuration(), new TaskAttemptID());
        try (RecordReader<LongWritable, Packet> r = f.createRecordReader(s, ctx)) {
            r.initialize(s, ctx);
            while (r.nextKeyValue()) {
                assertThat(r.getCurrentKey().get()).isEqualTo(out.size() + firstIndex(s));
                out.add(r.getCurrentValue().timestampNs);
            }
        }
        return out;
    }

    /** Index of the split's first record: from its offset in a NetVCR file, 0 for a whole trace. */
    static long firstIndex(InputSplit s) {
        long start = ((FileSplit) s).getStart();
        return start == 0 ? 0 : (start - 4096) / 192;
    }

    @Test
    void shouldSplitAtRecordBoundariesAndReadEveryRecordOnce() throws Exception {
        Path f = nvcr(1000);
        List<InputSplit> split = splits(f, 10_000);
        // 10000 / 192 = 52 records per split: 20 splits
        assertThat(split).hasSize(20);
        List<Long> all = new ArrayList<>();
        for (InputSplit s : split) {
            FileSplit fs = (FileSplit) s;
            assertThat((fs.getStart() - 4096) % 192).isZero();
            assertThat(fs.getLength() % 192).isZero();
            all.addAll(timestamps(s));
        }
        assertThat(all).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(all.get(i)).isEqualTo(1_000_000_000L + i * 1000L);
        }
        assertThat(splits(f, Long.MAX_VALUE)).hasSize(1);
    }

    /** A streamed header (count unknown) over a sparse file: 1.5 M records of 192 bytes, 288 MB, no data written. */
    private Path sparseTrace(String name) throws Exception {
        Path f = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(new NvcrHeader().encode());
            ch.write(java.nio.ByteBuffer.allocate(1), 4096 + 1_500_000L * 192 - 1);
        }
        return f;
    }

    @Test
    void shouldCutSplitsOfAtLeast128MegabytesUnlessTheUserChoseASize() throws Exception {
        Path f = sparseTrace("big.nvcr");
        Configuration c = new Configuration();
        assertThat(splitsOf(f, c)).as("the local file system's 32 MB blocks").hasSize(9);
        TraceInputFormat.defaultSplitSize(c, TraceInputFormat.DEFAULT_MIN_SPLIT);
        // 128 MiB / 192 = 699050 records per split
        List<InputSplit> big = splitsOf(f, c);
        assertThat(big).hasSize(3);
        assertThat(((FileSplit) big.get(0)).getLength()).isEqualTo(699_050L * 192);
        Configuration chosen = new Configuration();
        chosen.setLong(FileInputFormat.SPLIT_MAXSIZE, 16L << 20);
        TraceInputFormat.defaultSplitSize(chosen, TraceInputFormat.DEFAULT_MIN_SPLIT);
        // 16 MiB / 192 = 87381 records per split
        assertThat(splitsOf(f, chosen)).as("the user's maxsize").hasSize(18);
        Configuration least = new Configuration();
        least.setLong(FileInputFormat.SPLIT_MINSIZE, 200L << 20);
        TraceInputFormat.defaultSplitSize(least, TraceInputFormat.DEFAULT_MIN_SPLIT);
        assertThat(splitsOf(f, least)).as("the user's minsize").hasSize(2);
    }

    @Test
    void shouldCutEqualSplitsOfAtLeastTheLeastSizeWithNoRemainderOfItsOwn() throws Exception {
        Path f = sparseTrace("equal.nvcr");
        long size = java.nio.file.Files.size(f);
        long[][] cases = {{50_000_000, 5}, {100_000_000, 2}, {size / 3, 3}, {size, 1}, {size + 1, 1}, {1L << 40, 1}};
        for (long[] k : cases) {
            Configuration c = new Configuration();
            TraceInputFormat.defaultSplitSize(c, TraceInputFormat.equalSplitSize(size, 192, k[0]));
            List<InputSplit> splits = splitsOf(f, c);
            assertThat(splits).as("least %d", k[0]).hasSize((int) k[1]);
            long total = 0;
            for (InputSplit s : splits) {
                long len = ((FileSplit) s).getLength();
                assertThat(len % 192).isZero();
                assertThat(len).as("least %d", k[0]).isGreaterThanOrEqualTo(Math.min(k[0], size) * 99 / 100);
                total += len;
            }
            assertThat(total).isEqualTo(1_500_000L * 192);
        }
    }

    static List<InputSplit> splitsOf(Path f, Configuration c) throws Exception {
        Job job = Job.getInstance(c);
        FileInputFormat.setInputPaths(job, new org.apache.hadoop.fs.Path(f.toString()));
        return new TraceInputFormat().getSplits(job);
    }

    @Test
    void shouldReadOtherFormatsWholeAndRefuseATruncatedNvcr() throws Exception {
        Path gz = SharedTraces.require().resolve("compressed/libtrace_100_packets.pcap.gz");
        List<InputSplit> s = splits(gz, 100);
        assertThat(s).hasSize(1);
        assertThat(timestamps(s.get(0))).hasSize(100);
        Path f = nvcr(10);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 100));
        assertThatThrownBy(() -> splits(f, Long.MAX_VALUE))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("t.nvcr")
                .hasMessageContaining("truncated");
    }
}
