package io.netvcr.replay.sink;

import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.Mechanisms;
import java.io.Closeable;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Where built frames go. {@link #open} runs on the sending thread (so a socket opened there lives in that
 * thread's network namespace); {@link #send} is called from the hot loop and must not allocate (the libpcap
 * sink is the documented exception).
 */
public interface PacketSink extends Closeable {
    /** {@link #send} result: the sink has no way to carry this frame (e.g. no IP header for the UDP sink). */
    long SKIPPED = Long.MIN_VALUE;

    void open(Mechanisms mechanisms) throws IOException;

    /**
     * Hands one frame over.
     *
     * @param record   the record the frame was built from (for offsets and direction)
     * @param frame    the frame buffer; bytes [0, length)
     * @param address  native address of the frame
     * @param timeNs   monotonic time read just before this call (the send time)
     * @return bytes accepted (&gt;= 0), -errno on failure, or {@link #SKIPPED}
     */
    long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs);

    /**
     * Whether the sink sends from {@code address} alone (never reads {@code frame}), so a record that already is its
     * frame can be handed over as a pointer into the mapped window, uncopied. Then {@code frame} is not the frame.
     */
    default boolean sendsFromMemory() {
        return false;
    }

    /**
     * Whether errno, returned for one frame, concerns that frame alone (a UDP datagram refused by the far end):
     * the frame counts as failed and the replay goes on, unless --stop-on-error.
     */
    default boolean isFrameError(int errno) {
        return false;
    }

    /** Whether frames go onto an Ethernet as they are (raw socket, libpcap), so the trace must hold Ethernet frames. */
    default boolean needsEthernet() {
        return false;
    }

    /** Frames the sink accepted only in part. */
    default long truncated() {
        return 0;
    }

    /** Target named in reports ("veth0", "null", "pcap:out.pcap"). */
    String describe();

    /**
     * Writes out everything buffered without publishing it yet (first phase of committing the replay's outputs
     * together: if the ε log then fails, this file can still be discarded).
     */
    default void finish() throws IOException {}

    /** Closes, committing any output file (the pcap sink's) the sink wrote. */
    @Override
    void close() throws IOException;

    /** Closes without committing: a failed replay's output file is removed, not published. */
    default void discard() throws IOException {
        close();
    }
}
