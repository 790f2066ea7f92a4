package io.netvcr.analyze.spark;

import io.netvcr.formats.Packet;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Packets of trace files for Hadoop and Spark, keyed by their index in the file. A plain (uncompressed)
 * NetVCR file splits at record boundaries: its records start at byte 4096 and all have the header's
 * recordLength, so a split is a whole number of records and needs nothing from its neighbours. Every other
 * trace (pcap, pcapng, ERF, compressed anything) is one split, read through the project's readers
 * ({@link io.netvcr.formats.TraceInput}): their records can only be found by reading from the start.
 *
 * <p>Split sizes follow FileInputFormat (block size, {@code mapreduce.input.fileinputformat.split.minsize} and
 * {@code .maxsize}), rounded down to whole records.
 */
public final class TraceInputFormat extends FileInputFormat<LongWritable, Packet> {
    /** Configuration key: the --format name, or unset for detection by content. */
    public static final String FORMAT = "netvcr.format";
    /** Configuration key: how to call the input in messages (the path as the user gave it). */
    public static final String NAME = "netvcr.name";

    /**
     * The least split size unless the user chose one: HDFS's block size. Hadoop's local file system (and S3A)
     * report 32 MB blocks, and every split sends all its distinct flows and talkers through the flow count's
     * shuffle, the same keys split after split. Two 1 GB files of a 50 000-flow link, local[2]: 60 splits
     * shuffled 100 MB and cost 28 s of CPU (reduce stage 3.9 s, GC 6.3 s); 16 splits of 128 MB, 29 MB and 21 s
     * (reduce 1.5 s, GC 1.4 s), the same answer.
     */
    static final long DEFAULT_MIN_SPLIT = 128L << 20;

    /** Sets split.minsize to least in conf when neither split.minsize nor split.maxsize is set. */
    static void defaultSplitSize(Configuration conf, long least) {
        // mapred-default.xml says minsize 0 (or 1 when FileInputFormat rounds it): not a choice
        if (conf.getLong(SPLIT_MINSIZE, 0) <= 1 && conf.get(SPLIT_MAXSIZE) == null) {
            conf.setLong(SPLIT_MINSIZE, least);
        }
    }

    /**
     * A split size that cuts a NetVCR file of fileSize bytes into equal splits of at least least bytes: as many as
     * fit, at least one. A remainder of a few records as a split of its own would cost as much as a whole split:
     * one more record of room per split absorbs the rounding.
     */
    static long equalSplitSize(long fileSize, int recordLength, long least) {
        long n = Math.max(1, fileSize / least);
        return (fileSize + n - 1) / n + recordLength;
    }

    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        return false;
    }

    @Override
    public List<InputSplit> getSplits(JobContext job) throws IOException {
        Configuration conf = job.getConfiguration();
        long minSize = Math.max(getFormatMinSplitSize(), getMinSplitSize(job));
        long maxSize = getMaxSplitSize(job);
        List<InputSplit> out = new ArrayList<>();
        for (FileStatus f : listStatus(job)) {
            Path path = f.getPath();
            FileSystem fs = path.getFileSystem(conf);
            long len = f.getLen();
            BlockLocation[] blocks = fs.getFileBlockLocations(f, 0, len);
            NvcrHeader h = plainNvcrHeader(fs, path, len, conf);
            if (h == null) {
                out.add(new FileSplit(path, 0, len, hosts(blocks, 0)));
                continue;
            }
            long records = records(h, len, name(conf, path));
            long per = Math.max(1, computeSplitSize(f.getBlockSize(), minSize, maxSize) / h.recordLength);
            if (records == 0) {
                out.add(new FileSplit(path, NvcrLayout.HEADER_LENGTH, 0, hosts(blocks, 0)));
            }
            for (long i = 0; i < records; i += per) {
                long start = NvcrLayout.HEADER_LENGTH + i * h.recordLength;
                out.add(new FileSplit(path, start, Math.min(per, records - i) * h.recordLength, hosts(blocks, start)));
            }
        }
        return out;
    }

    private static String[] hosts(BlockLocation[] blocks, long offset) throws IOException {
        for (BlockLocation b : blocks) {
            if (offset >= b.getOffset() && offset < b.getOffset() + b.getLength()) {
                return b.getHosts();
            }
        }
        return blocks.length > 0 ? blocks[0].getHosts() : new String[0];
    }

    static String name(Configuration conf, Path path) {
        return conf.get(NAME, path.toString());
    }

    /** The header of an uncompressed NetVCR file (as --format or its magic says), else null. */
    static NvcrHeader plainNvcrHeader(FileSystem fs, Path path, long len, Configuration conf) throws IOException {
        String format = conf.get(FORMAT);
        if (format != null && !format.equals("nvcr")) {
            return null;
        }
        byte[] h = new byte[(int) Math.min(len, NvcrLayout.HEADER_LENGTH)];
        try (FSDataInputStream in = fs.open(path)) {
            in.readFully(0, h);
        }
        if (!NvcrHeader.hasMagic(h, h.length)) {
            return null;
        }
        return NvcrHeader.decode(ByteBuffer.wrap(h), name(conf, path));
    }

    /** Records in the file, checked against its size as the stream reader would find them. */
    static long records(NvcrHeader h, long len, String name) throws TraceFormatException {
        long room = Math.max(0, len - NvcrLayout.HEADER_LENGTH);
        long present = room / h.recordLength;
        if (h.recordCount >= 0) {
            if (present < h.recordCount) {
                throw new TraceFormatException(
                        name,
                        present,
                        NvcrLayout.HEADER_LENGTH + present * h.recordLength,
                        "file is truncated: header promises " + h.recordCount + " records, " + present + " present");
            }
            return h.recordCount;
        }
        if (room % h.recordLength != 0) {
            throw new TraceFormatException(
                    name,
                    present,
                    NvcrLayout.HEADER_LENGTH + present * h.recordLength,
                    "trailing partial record of " + room % h.recordLength + " bytes");
        }
        return present;
    }

    @Override
    public RecordReader<LongWritable, Packet> createRecordReader(InputSplit split, TaskAttemptContext context) {
        return new TraceRecordReader();
    }

    /**
     * Decodes one NetVCR record, at byte at of buf (b: a little-endian view of buf, made once per split), as
     * {@code NvcrStreamReader} does (no Chronicle needed on executors).
     */
    static void decode(
            ByteBuffer b, byte[] buf, int at, int recordLength, Packet p, String name, long index, long offset)
            throws TraceFormatException {
        int stored = b.getShort(at + NvcrLayout.R_STORED_LENGTH) & 0xffff;
        if (stored > recordLength - NvcrLayout.RECORD_HEADER_LENGTH) {
            throw new TraceFormatException(
                    name,
                    index,
                    offset,
                    "stored length " + stored + " exceeds the record's room of "
                            + (recordLength - NvcrLayout.RECORD_HEADER_LENGTH) + " bytes");
        }
        System.arraycopy(buf, at + NvcrLayout.R_DATA, p.prepare(stored), 0, stored);
        p.timestampNs = b.getLong(at + NvcrLayout.R_TIMESTAMP);
        p.wireLength = Math.max(b.getInt(at + NvcrLayout.R_WIRE_LENGTH), stored);
        p.linkType = b.getShort(at + NvcrLayout.R_LINK_TYPE) & 0xffff;
        p.interfaceId = b.get(at + NvcrLayout.R_INTERFACE) & 0xff;
        p.direction = b.get(at + NvcrLayout.R_DIRECTION) & 0xff;
        p.flags = b.getShort(at + NvcrLayout.R_FLAGS) & 0xffff;
    }

    /** Bytes of a NetVCR split read at once (rounded down to whole records). */
    private static final int CHUNK = 1 << 20;

    /** Reads either a run of NetVCR records or a whole trace through its reader. */
    static final class TraceRecordReader extends RecordReader<LongWritable, Packet> {
        private final LongWritable key = new LongWritable();
        private final Packet packet = new Packet();
        private String name;
        private long length;
        // NetVCR split: whole records read in chunks straight from the file's stream and decoded where they lie.
        // Not a BufferedInputStream: its read is synchronized (an atomic compare-and-swap per record on Java 17)
        // and copies each record once more.
        private java.io.InputStream records;
        private int recordLength;
        private byte[] buf;
        private ByteBuffer view;
        private int pos;
        private int limit;
        private long index;
        private long remaining;
        private long done;
        // anything else
        private io.netvcr.formats.TraceInput whole;

        @Override
        public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
            FileSplit split = (FileSplit) genericSplit;
            Configuration conf = context.getConfiguration();
            Path path = split.getPath();
            FileSystem fs = path.getFileSystem(conf);
            name = name(conf, path);
            length = split.getLength();
            long fileLength = fs.getFileStatus(path).getLen();
            NvcrHeader h = plainNvcrHeader(fs, path, fileLength, conf);
            if (h != null) {
                FSDataInputStream in = fs.open(path);
                in.seek(split.getStart());
                records = in;
                recordLength = h.recordLength;
                buf = new byte[Math.max(1, CHUNK / recordLength) * recordLength];
                view = ByteBuffer.wrap(buf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                index = (split.getStart() - NvcrLayout.HEADER_LENGTH) / h.recordLength;
                remaining = split.getLength() / h.recordLength;
            } else {
                whole = io.netvcr.formats.TraceInput.open(
                        name, fs.open(path), fileLength, conf.get(FORMAT), io.netvcr.formats.ReaderOptions.DEFAULTS);
                index = 0;
            }
        }

        @Override
        public boolean nextKeyValue() throws IOException {
            if (whole != null) {
                if (!whole.reader().next(packet)) {
                    return false;
                }
                key.set(index++);
                return true;
            }
            if (remaining == 0) {
                return false;
            }
            long offset = NvcrLayout.HEADER_LENGTH + index * recordLength;
            if (pos == limit) {
                fill(offset);
            }
            decode(view, buf, pos, recordLength, packet, name, index, offset);
            pos += recordLength;
            key.set(index++);
            remaining--;
            done += recordLength;
            return true;
        }

        /** Reads the next whole records of the split (a chunk at most) into buf; offset: the first one's. */
        private void fill(long offset) throws IOException {
            int want = (int) Math.min(buf.length, remaining * recordLength);
            int n = 0;
            while (n < want) {
                int r = records.read(buf, n, want - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (n < recordLength) {
                throw new TraceFormatException(name, index, offset, "file ends inside this record");
            }
            // a partial record at the end is reported when it is reached (the next fill finds the end of file)
            pos = 0;
            limit = n - n % recordLength;
        }

        @Override
        public LongWritable getCurrentKey() {
            return key;
        }

        @Override
        public Packet getCurrentValue() {
            return packet;
        }

        @Override
        public float getProgress() {
            if (whole != null) {
                return length <= 0 ? 0 : Math.min(1f, (float) whole.rawBytesRead() / length);
            }
            return length <= 0 ? 1 : (float) done / length;
        }

        @Override
        public void close() throws IOException {
            if (records != null) {
                records.close();
            }
            if (whole != null) {
                whole.close();
            }
        }
    }
}
