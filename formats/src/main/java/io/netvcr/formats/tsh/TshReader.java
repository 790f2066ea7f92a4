package io.netvcr.formats.tsh;

import static io.netvcr.formats.io.RecordStream.u16;
import static io.netvcr.formats.io.RecordStream.u32;

import io.netvcr.formats.EthernetEncap;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.RecordStreamReader;
import io.netvcr.formats.TraceSource;
import java.io.IOException;

/**
 * Streams NLANR TSH records (44 bytes, big-endian): seconds (32 bits), interface number (8 bits) and
 * microseconds (24 bits), the first 20 bytes of the IPv4 header, the first 16 bytes of the transport header.
 * <ul>
 * <li>The packet is the 36 header bytes as LINKTYPE_RAW (at most the IP total length, which is also the
 *   wire length; shorter than that means TRUNCATED, as for every real TSH record). IP options, if the
 *   header announces any, were not kept by the capture: the 16 transport bytes follow the fixed header.</li>
 * <li>The interface byte becomes interfaceId (plus ReaderOptions.interfaceBase). TSH says nothing about
 *   direction, so the direction is left unknown.</li>
 * <li>With {@link ReaderOptions#linkEthernet} a synthetic Ethernet header is prepended (14 more bytes on the
 *   wire), so the trace can be replayed on an Ethernet.</li>
 * </ul>
 */
public final class TshReader extends RecordStreamReader {
    static final int RECORD = 44;
    private static final int IP_OFFSET = 8;
    private static final int HEADERS = RECORD - IP_OFFSET;
    private static final int IPV4_HEADER = 20;

    private final ReaderOptions options;
    private final byte[] rec = new byte[RECORD];

    public TshReader(TraceSource source) {
        super(source, "tsh");
        this.options = source.options();
    }

    @Override
    public boolean next(Packet p) throws IOException {
        in.beginRecord();
        if (!in.readOrEnd(rec, 0, RECORD, "TSH record")) {
            return false;
        }
        long seconds = u32(rec, 0, false);
        int iface = rec[4] & 0xff;
        long micros = u32(rec, 4, false) & 0xffffff;
        if (micros >= 1_000_000) {
            throw in.error("invalid timestamp: " + micros + " µs is not below one second");
        }
        if ((rec[IP_OFFSET] & 0xf0) != 0x40) {
            throw in.error(String.format(
                    "not an IPv4 header (first byte 0x%02x); is this really TSH?", rec[IP_OFFSET] & 0xff));
        }
        int totalLength = u16(rec, IP_OFFSET + 2, false);
        int n = Math.min(HEADERS, Math.max(IPV4_HEADER, totalLength));
        System.arraycopy(rec, IP_OFFSET, p.prepare(n), 0, n);
        p.wireLength = Math.max(totalLength, n);
        p.linkType = LinkTypes.RAW;
        p.timestampNs = seconds * 1_000_000_000L + micros * 1000L;
        p.interfaceId = options.interfaceBase + iface;
        p.direction = 0;
        p.flags = n < p.wireLength ? PacketFlags.TRUNCATED : 0;
        markOrder(p);
        if (options.linkEthernet) {
            EthernetEncap.apply(p, options);
        }
        return true;
    }

    @Override
    public int linkType() {
        return options.linkEthernet ? LinkTypes.ETHERNET : LinkTypes.RAW;
    }
}
