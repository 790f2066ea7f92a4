package io.netvcr.formats.nvcr;

import static io.netvcr.formats.nvcr.NvcrLayout.*;

import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.TraceWriter;
import io.netvcr.formats.dissect.FrameDissector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Writes a NetVCR file: the header, then records filled through a flyweight in a large heap buffer that is
 * flushed in big writes. On a seekable channel the header is rewritten at {@link #finish()} with the count
 * and time range; on a pipe it stays "count unknown", which readers accept.
 */
public final class NvcrWriter implements TraceWriter {
    private static final int BUFFER_BYTES = 1 << 20;

    private final WritableByteChannel channel;
    private final boolean seekable;
    private final NvcrHeader header;
    private final byte[] buffer;
    private final ByteBuffer bufferView;
    private final BytesStore<?, byte[]> store;
    private final NvcrRecord record = new NvcrRecord();
    private final FrameDissector dissector = new FrameDissector();
    private final int recordLength;
    private int used;
    private long count;
    private long previousTs = Long.MIN_VALUE;
    private long minTs = Long.MAX_VALUE;
    private long maxTs = Long.MIN_VALUE;
    private long storedBytes;
    private long wireBytes;
    private long truncated;
    private boolean open;

    /**
     * @param channel destination; a {@link FileChannel} is treated as seekable
     * @param header template: record length, snap, source format, prep fields; counts are filled here
     */
    public NvcrWriter(WritableByteChannel channel, NvcrHeader header) throws IOException {
        this(channel, header, channel instanceof FileChannel);
    }

    /** seekable=false for pipes and stdout even when the channel is a FileChannel (seeking a pipe fails). */
    public NvcrWriter(WritableByteChannel channel, NvcrHeader header, boolean seekable) throws IOException {
        this.channel = channel;
        this.seekable = seekable && channel instanceof FileChannel;
        this.header = header;
        this.recordLength = header.recordLength;
        int perBuffer = Math.max(1, BUFFER_BYTES / recordLength);
        this.buffer = new byte[perBuffer * recordLength];
        this.bufferView = ByteBuffer.wrap(buffer);
        this.store = BytesStore.wrap(buffer);
        header.recordCount = COUNT_UNKNOWN;
        header.linkType = NONE16;
        if (!this.seekable) {
            header.fileFlags |= FILE_STREAMED;
        }
        writeFully(header.encode(), this.seekable ? 0 : -1);
        open = true;
    }

    public NvcrHeader header() {
        return header;
    }

    /** The next record slot, zeroed, for the caller to fill; then call {@link #commitRecord()}. */
    public NvcrRecord nextRecord() throws IOException {
        if (used + recordLength > buffer.length) {
            flush();
        }
        // Plain array fill: Chronicle's zeroOut on a heap store was the top item of the convert profile.
        java.util.Arrays.fill(buffer, used, used + recordLength, (byte) 0);
        return record.wrap(store, used).l3Offset(NONE16).l4Offset(NONE16).l4ChecksumOffset(NONE16);
    }

    /** Accepts the record filled since {@link #nextRecord()}. */
    public void commitRecord() {
        long ts = record.timestampNs();
        int lt = record.linkType();
        if (count == 0) {
            header.firstTimestampNs = ts;
            header.linkType = lt;
        } else if (header.linkType != lt) {
            header.linkType = NONE16;
        }
        if (ts < previousTs) {
            header.fileFlags |= FILE_OUT_OF_ORDER;
        }
        previousTs = ts;
        minTs = Math.min(minTs, ts);
        maxTs = Math.max(maxTs, ts);
        header.lastTimestampNs = ts;
        storedBytes += record.storedLength();
        wireBytes += record.wireLength();
        if ((record.flags() & PacketFlags.TRUNCATED) != 0) {
            truncated++;
        }
        used += recordLength;
        count++;
    }

    /** Largest interface number a record holds (one byte). */
    public static final int MAX_INTERFACE = 255;

    /**
     * Damage naming the packet's input record when p cannot be stored in a record without losing a number
     * (its interface does not fit the one-byte field); call before {@link #fill}.
     */
    public static void requireStorable(Packet p, String source, io.netvcr.formats.TraceReader from)
            throws io.netvcr.formats.TraceFormatException {
        if (p.interfaceId < 0 || p.interfaceId > MAX_INTERFACE) {
            throw new io.netvcr.formats.TraceFormatException(
                    source,
                    from.recordIndex(),
                    from.byteOffset(),
                    "interface "
                            + p.interfaceId + " cannot be stored in NetVCR, whose records number interfaces 0.."
                            + MAX_INTERFACE
                            + " (pcap and pcapng outputs have no such limit)");
        }
    }

    /** Encodes a packet as read from a trace: stores its first snap bytes and notes its header offsets. */
    @Override
    public void write(Packet p) throws IOException {
        append(p);
    }

    public void append(Packet p) throws IOException {
        fill(p);
        commitRecord();
    }

    /**
     * Like {@link #append} but leaves the record uncommitted, so a caller (prep) can set more fields on the
     * returned flyweight before {@link #commitRecord()}.
     */
    public NvcrRecord fill(Packet p) throws IOException {
        NvcrRecord r = nextRecord();
        dissector.dissect(p.data(), p.capturedLength(), p.linkType);
        int stored = Math.min(p.capturedLength(), header.snapLength);
        // A payload reference is only valid in the sidecar it was read from: whoever writes a new one sets it again.
        int flags = p.flags & ~(PacketFlags.PREPARED | PacketFlags.HAS_PAYLOAD_REF);
        if (stored < p.wireLength) {
            flags |= PacketFlags.TRUNCATED;
        } else {
            flags &= ~PacketFlags.TRUNCATED;
        }
        r.timestampNs(p.timestampNs)
                .wireLength(Math.max(p.wireLength, p.capturedLength()))
                .linkType(p.linkType)
                .flags(flags)
                .interfaceId(p.interfaceId)
                .direction(p.direction)
                .l3Offset(dissector.l3Offset < 0 ? NONE16 : dissector.l3Offset)
                .l4Offset(dissector.l4Offset < 0 ? NONE16 : dissector.l4Offset)
                .l3Type(dissector.l3Type)
                .l4Protocol(dissector.l4Protocol < 0 ? 0 : dissector.l4Protocol)
                .storedLength(stored);
        // The slot is already zeroed by nextRecord(): copy the stored bytes only.
        System.arraycopy(p.data(), 0, buffer, (int) r.dataOffset(), stored);
        return r;
    }

    /** Copies a record verbatim (e.g. from another NetVCR file with the same record length). */
    public void appendRaw(NvcrRecord src) throws IOException {
        NvcrRecord r = nextRecord();
        int n = Math.min(
                recordLength, (int) Math.min(Integer.MAX_VALUE, src.store().realCapacity() - src.offset()));
        for (int i = 0; i < n; i += 8) {
            store.writeLong(r.offset() + i, src.store().readLong(src.offset() + i));
        }
        commitRecord();
    }

    @Override
    public long count() {
        return count;
    }

    public long storedBytes() {
        return storedBytes;
    }

    public long wireBytes() {
        return wireBytes;
    }

    public long truncatedCount() {
        return truncated;
    }

    private void flush() throws IOException {
        if (used > 0) {
            bufferView.clear().limit(used);
            writeFully(bufferView, -1);
            used = 0;
        }
    }

    private void writeFully(ByteBuffer b, long position) throws IOException {
        if (position >= 0) {
            FileChannel fc = (FileChannel) channel;
            long p = position;
            while (b.hasRemaining()) {
                p += fc.write(b, p);
            }
            if (position == 0 && fc.position() < HEADER_LENGTH) {
                fc.position(HEADER_LENGTH);
            }
        } else {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    /** Flushes records and, where the channel allows, completes the header. Does not close the channel. */
    @Override
    public void finish() throws IOException {
        flush();
        if (count > 0) {
            header.naturalDurationNs = maxTs - minTs;
        }
        if (seekable) {
            header.recordCount = count;
            header.fileFlags &= ~FILE_STREAMED;
            writeFully(header.encode(), 0);
            ((FileChannel) channel).force(false);
        }
        open = false;
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
        }
        channel.close();
    }
}
