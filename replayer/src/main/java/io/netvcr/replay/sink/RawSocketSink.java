package io.netvcr.replay.sink;

import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.Mechanisms;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesStore;

/** --send-mode single: each frame goes out whole (Ethernet header included) with one {@code send()} on the bound socket. */
public final class RawSocketSink extends RawSocket {
    private long truncated;

    public RawSocketSink(String interfaceName) {
        super(interfaceName);
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        openSocket();
        mechanisms.inForce(
                "AF_PACKET raw socket bound to " + interfaceName + " (ifindex " + ifindex + "), send() per frame, "
                        + "records that hold their whole frame sent straight from the mapped trace (no copy)");
    }

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        long r = sendFrame(address, length);
        if (r >= 0 && r < length) {
            truncated++;
        }
        return r;
    }

    /** send() reads only the address: records that already are their frame go out from the mapped window. */
    @Override
    public boolean sendsFromMemory() {
        return true;
    }

    @Override
    public long truncated() {
        return truncated;
    }

    @Override
    public void close() {
        closeSocket();
    }
}
