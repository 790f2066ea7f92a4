package io.netvcr.replay.sink;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.ReplayException;
import io.netvcr.replay.os.Mechanisms;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesStore;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * The portable path: libpcap's pcap_sendpacket through pcap4j. Unlike the other sinks this one allocates per
 * packet (JNA marshals the byte array on every call) and costs a copy into a heap array: use it where the
 * raw socket is unavailable, not for timing-critical replay.
 */
public final class LibpcapSink implements PacketSink {
    private final String interfaceName;
    private final byte[] buffer = new byte[FrameBuilder.MAX_FRAME];
    private PcapHandle handle;

    public LibpcapSink(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        try {
            PcapNetworkInterface nif = Pcaps.getDevByName(interfaceName);
            if (nif == null) {
                throw new ReplayException(
                        ReplayException.Kind.MISSING_INPUT, "libpcap knows no interface named '" + interfaceName + "'");
            }
            handle = nif.openLive(65536, PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS, 10);
        } catch (PcapNativeException e) {
            throw new ReplayException(
                    ReplayException.Kind.NOT_PERMITTED,
                    "libpcap cannot open " + interfaceName + ": " + e.getMessage()
                            + " (injection needs root or CAP_NET_RAW)",
                    e);
        }
        mechanisms.inForce("libpcap injection on " + interfaceName + " via pcap4j (allocates per packet)");
    }

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        frame.read(0, buffer, 0, length);
        try {
            handle.sendPacket(buffer, length);
            return length;
        } catch (Exception e) {
            return -5; // EIO: libpcap reports text, not errno
        }
    }

    @Override
    public boolean needsEthernet() {
        return true;
    }

    @Override
    public String describe() {
        return "libpcap:" + interfaceName;
    }

    @Override
    public void close() {
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }
}
