package io.netvcr.formats;

/**
 * Gives a raw-IP packet a synthetic Ethernet header (ReaderOptions.linkEthernet), so traces that were
 * captured without a link layer (TSH, ERF IPv4/IPv6 records) can be replayed on an Ethernet. The wire
 * length grows by the 14 header bytes, as it would on the wire.
 */
public final class EthernetEncap {
    public static final int HEADER = 14;

    private EthernetEncap() {}

    /** Prepends dst MAC, src MAC and the EtherType the IP version nibble asks for (IPv6 or else IPv4). */
    public static void apply(Packet p, ReaderOptions o) {
        int version = p.capturedLength() > 0 ? (p.data()[0] & 0xf0) >> 4 : 4;
        byte[] b = p.insertFront(HEADER);
        System.arraycopy(o.dstMac, 0, b, 0, 6);
        System.arraycopy(o.srcMac, 0, b, 6, 6);
        int type = version == 6 ? 0x86dd : 0x0800;
        b[12] = (byte) (type >> 8);
        b[13] = (byte) type;
        p.wireLength += HEADER;
        p.linkType = LinkTypes.ETHERNET;
    }
}
