package io.netvcr.samples;

import io.netvcr.formats.dissect.Checksums;
import io.netvcr.formats.dissect.FrameDissector;

/**
 * Ethernet/IPv4/UDP frames for synthetic workloads: 198.18.0.1 to 198.18.0.2 (the RFC 2544 benchmark
 * range), locally administered MACs, and in each payload the packet's sequence number (8 bytes,
 * big-endian, at {@link #SEQUENCE_OFFSET}). The IP identification follows the sequence number, so both
 * checksums are recomputed for every frame; everything else is fixed in a template built once. The one maker
 * of synthetic traffic: netvcr samples, netvcr demo and the replayer's tests all take their frames from here.
 */
public final class UdpFrames {
    public static final int MIN_FRAME = 60;
    /** Largest Ethernet frame (without FCS) whose IPv4 total length fits 16 bits. */
    public static final int MAX_FRAME = 14 + 65535;

    public static final int IP_OFFSET = 14;
    public static final int UDP_OFFSET = 34;
    public static final int SEQUENCE_OFFSET = 42;
    public static final byte[] SOURCE_MAC = {0x02, 0, 0, 0, 0, 0x01};
    public static final byte[] DESTINATION_MAC = {0x02, 0, 0, 0, 0, 0x02};
    public static final byte[] SOURCE_IP = {(byte) 198, 18, 0, 1};
    public static final byte[] DESTINATION_IP = {(byte) 198, 18, 0, 2};
    public static final int SOURCE_PORT = 40000;
    /** The discard port: a receiver that happens to listen drops the traffic. */
    public static final int DESTINATION_PORT = 9;

    private final byte[] template;
    private final int size;
    private final int udpLength;

    /** Frames of frameSize bytes whose UDP payload fills the frame. */
    public UdpFrames(int frameSize) {
        this(checkedFrameSize(frameSize), frameSize - UDP_OFFSET - 8);
    }

    private static int checkedFrameSize(int frameSize) {
        if (frameSize < MIN_FRAME || frameSize > MAX_FRAME) {
            throw new IllegalArgumentException(
                    "frame size " + frameSize + " is out of range (" + MIN_FRAME + ".." + MAX_FRAME + ")");
        }
        return frameSize;
    }

    /**
     * Frames carrying payloadBytes of UDP payload (at least the 8-byte sequence number), padded with zeros to the
     * 60-byte Ethernet minimum when shorter; the IP and UDP lengths count the payload only, as on a real wire.
     */
    public static UdpFrames withPayload(int payloadBytes) {
        if (payloadBytes < 8 || payloadBytes > MAX_FRAME - UDP_OFFSET - 8) {
            throw new IllegalArgumentException(
                    "UDP payload " + payloadBytes + " is out of range (8.." + (MAX_FRAME - UDP_OFFSET - 8) + ")");
        }
        return new UdpFrames(Math.max(MIN_FRAME, UDP_OFFSET + 8 + payloadBytes), payloadBytes);
    }

    private UdpFrames(int frameSize, int payloadBytes) {
        size = frameSize;
        udpLength = 8 + payloadBytes;
        template = new byte[frameSize];
        byte[] t = template;
        System.arraycopy(DESTINATION_MAC, 0, t, 0, 6);
        System.arraycopy(SOURCE_MAC, 0, t, 6, 6);
        put16(t, 12, FrameDissector.ETHERTYPE_IPV4);
        t[IP_OFFSET] = 0x45;
        put16(t, IP_OFFSET + 2, 20 + udpLength);
        put16(t, IP_OFFSET + 6, 0x4000); // don't fragment
        t[IP_OFFSET + 8] = 64;
        t[IP_OFFSET + 9] = 17;
        System.arraycopy(SOURCE_IP, 0, t, IP_OFFSET + 12, 4);
        System.arraycopy(DESTINATION_IP, 0, t, IP_OFFSET + 16, 4);
        put16(t, UDP_OFFSET, SOURCE_PORT);
        put16(t, UDP_OFFSET + 2, DESTINATION_PORT);
        put16(t, UDP_OFFSET + 4, udpLength);
    }

    public int size() {
        return size;
    }

    /** Writes frame number seq into dst[0..size): template, sequence number, IP id, both checksums. */
    public void fill(byte[] dst, long seq) {
        System.arraycopy(template, 0, dst, 0, size);
        put16(dst, IP_OFFSET + 4, (int) seq);
        put16(dst, IP_OFFSET + 10, Checksums.ipv4Header(dst, IP_OFFSET));
        for (int i = 0; i < 8; i++) {
            dst[SEQUENCE_OFFSET + i] = (byte) (seq >>> (56 - 8 * i));
        }
        put16(dst, UDP_OFFSET + 6, Checksums.transport(dst, IP_OFFSET, UDP_OFFSET, udpLength, 17, false));
    }

    /** The sequence number stored in a frame made by {@link #fill}. */
    public static long sequence(byte[] frame, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (frame[off + SEQUENCE_OFFSET + i] & 0xff);
        }
        return v;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
