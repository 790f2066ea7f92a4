package io.netvcr.prep;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.dissect.FrameDissector;

/**
 * tcprewrite's core on one packet, in place: MAC addresses, 802.1Q tag push/pop, IPv4/IPv6 address maps,
 * TTL / hop limit and TOS / traffic class. Only IP frames are touched; ARP, LLDP, STP and other non-IP
 * frames pass unchanged. Checksums are not fixed here: prep recomputes them for the frame it will send.
 * A VLAN push or pop changes the frame length: the bytes shift, the wire length moves by 4, and the
 * dissector is rerun so later stages see the new offsets.
 */
public final class Rewriter {
    private final byte[] dstMac;
    private final byte[] srcMac;
    private final IpMap ipMap;
    private final VlanAction vlan;
    private final int ttl;
    private final int tos;

    /** ttl, tos: -1 to leave alone. */
    public Rewriter(byte[] dstMac, byte[] srcMac, IpMap ipMap, VlanAction vlan, int ttl, int tos) {
        this.dstMac = dstMac;
        this.srcMac = srcMac;
        this.ipMap = ipMap == null ? new IpMap() : ipMap;
        this.vlan = vlan;
        this.ttl = ttl;
        this.tos = tos;
    }

    /** True when every IP Ethernet frame gets 4 bytes longer (records need room for them). */
    public boolean addsVlanTag() {
        return vlan != null && vlan.add();
    }

    public boolean isIdentity() {
        return dstMac == null && srcMac == null && ipMap.isEmpty() && vlan == null && ttl < 0 && tos < 0;
    }

    /** Applies the rewrites; true if any byte or the length changed. dis must describe p on entry. */
    public boolean apply(Packet p, FrameDissector dis) {
        if (isIdentity() || dis.l3Offset < 0) {
            return false;
        }
        boolean changed = false;
        byte[] b = p.data();
        boolean ethernet = p.linkType == LinkTypes.ETHERNET && p.capturedLength() >= 14;
        if (ethernet && dstMac != null) {
            changed |= copy(dstMac, b, 0);
        }
        if (ethernet && srcMac != null) {
            changed |= copy(srcMac, b, 6);
        }
        if (ethernet && vlan != null) {
            if (vlan.add()) {
                pushTag(p, vlan.tci());
                changed = true;
            } else if (dis.vlanTags > 0) {
                popTag(p);
                changed = true;
            }
            dis.dissect(p.data(), p.capturedLength(), p.linkType);
            b = p.data();
        }
        int l3 = dis.l3Offset;
        int n = p.capturedLength();
        if (dis.l3Type == FrameDissector.ETHERTYPE_IPV4 && l3 + 20 <= n) {
            if (ttl >= 0) {
                changed |= set(b, l3 + 8, ttl);
            }
            if (tos >= 0) {
                changed |= set(b, l3 + 1, tos);
            }
            changed |= ipMap.apply(b, l3 + 12, 4);
            changed |= ipMap.apply(b, l3 + 16, 4);
        } else if (dis.l3Type == FrameDissector.ETHERTYPE_IPV6 && l3 + 40 <= n) {
            if (ttl >= 0) {
                changed |= set(b, l3 + 7, ttl);
            }
            if (tos >= 0) {
                // Traffic class straddles bytes 0 and 1: version(4) | class(8) | flow label(20).
                int v0 = (b[l3] & 0xf0) | (tos >>> 4);
                int v1 = (b[l3 + 1] & 0x0f) | ((tos & 0x0f) << 4);
                changed |= set(b, l3, v0);
                changed |= set(b, l3 + 1, v1);
            }
            changed |= ipMap.apply(b, l3 + 8, 16);
            changed |= ipMap.apply(b, l3 + 24, 16);
        }
        return changed;
    }

    private static boolean copy(byte[] src, byte[] b, int off) {
        boolean changed = false;
        for (int i = 0; i < src.length; i++) {
            changed |= b[off + i] != src[i];
            b[off + i] = src[i];
        }
        return changed;
    }

    private static boolean set(byte[] b, int off, int v) {
        boolean changed = b[off] != (byte) v;
        b[off] = (byte) v;
        return changed;
    }

    /** Inserts an 802.1Q tag after the MAC addresses (outermost tag). */
    static void pushTag(Packet p, int tci) {
        int n = p.capturedLength();
        byte[] b = p.prepare(n + 4);
        System.arraycopy(b, 12, b, 16, n - 12);
        b[12] = (byte) 0x81;
        b[13] = 0x00;
        b[14] = (byte) (tci >>> 8);
        b[15] = (byte) tci;
        p.wireLength += 4;
    }

    /** Removes the outermost 802.1Q/802.1ad tag. */
    static void popTag(Packet p) {
        int n = p.capturedLength();
        byte[] b = p.data();
        System.arraycopy(b, 16, b, 12, n - 16);
        p.prepare(n - 4);
        p.wireLength -= 4;
    }

    /**
     * Cuts an oversize frame (a GSO/TSO capture) to len bytes and shrinks its IPv4 total length / IPv6
     * payload length (and a UDP length) so the shorter packet is still well formed. Returns false when the
     * IP header is not stored (then only the frame is cut).
     */
    public static boolean truncate(Packet p, FrameDissector dis, int len) {
        if (p.capturedLength() > len) {
            p.prepare(len);
        }
        int l3 = dis.l3Offset;
        byte[] b = p.data();
        int n = p.capturedLength();
        if (l3 < 0 || l3 >= len) {
            return false;
        }
        int ipRoom = len - l3;
        if (dis.l3Type == FrameDissector.ETHERTYPE_IPV4 && l3 + 20 <= n) {
            // 0 is what TSO captures hold: the packet fills the frame.
            if (u16(b, l3 + 2) > ipRoom || u16(b, l3 + 2) == 0) {
                put16(b, l3 + 2, ipRoom);
            }
        } else if (dis.l3Type == FrameDissector.ETHERTYPE_IPV6 && l3 + 40 <= n) {
            if (u16(b, l3 + 4) > ipRoom - 40) {
                put16(b, l3 + 4, Math.max(0, ipRoom - 40));
            }
        } else {
            return false;
        }
        int l4 = dis.l4Offset;
        if (dis.l4Protocol == 17 && l4 >= 0 && l4 + 8 <= n && l4 < len && u16(b, l4 + 4) > len - l4) {
            put16(b, l4 + 4, len - l4);
        }
        return true;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
