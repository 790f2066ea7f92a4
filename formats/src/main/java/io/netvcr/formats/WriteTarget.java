package io.netvcr.formats;

import java.nio.channels.WritableByteChannel;

/**
 * Where and what a {@link TraceFormat#create} writer writes: the channel, plus the facts some formats store in
 * their header (NetVCR keeps source, snap and tool; pcap the link type). Formats ignore what they cannot store.
 */
public final class WriteTarget {
    public final WritableByteChannel channel;
    /** Output name for error messages. */
    public final String name;
    /** True when the writer may seek back to fill in counts on finish (a file, not a pipe). */
    public final boolean seekable;
    /** Link type for the whole file, or -1 to take the first packet's. */
    public int linkType = -1;
    /** Bytes stored per packet by fixed-record formats. */
    public int snapLength = io.netvcr.formats.nvcr.NvcrLayout.DEFAULT_SNAP;
    /** Record length of fixed-record formats, or 0 for the smallest that holds snapLength. */
    public int recordLength;
    /** The registry's {@link TraceFormat#sourceFormatId()} of what is being written out (0 unknown). */
    public int sourceFormat;

    public String sourceName = "";
    public String toolVersion = "";
    /** Non-zero: packets longer than the snap go to a payload sidecar of this identity (NetVCR). */
    public long payloadSidecarId;

    public WriteTarget(WritableByteChannel channel, String name, boolean seekable) {
        this.channel = channel;
        this.name = name;
        this.seekable = seekable;
    }
}
