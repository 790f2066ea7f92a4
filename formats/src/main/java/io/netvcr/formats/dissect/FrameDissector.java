package io.netvcr.formats.dissect;

import io.netvcr.formats.LinkTypes;

/**
 * Finds where the network and transport headers start in a frame of a given link type. Used when records
 * are written (their L3/L4 offsets), by prep (checksums, rewrites) and by analyze (protocol mix). One
 * mutable instance is reused; nothing is allocated per frame. Bytes past {@code length} are never read.
 */
public final class FrameDissector {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int ETHERTYPE_QINQ = 0x88a8;
    public static final int ETHERTYPE_QINQ_OLD = 0x9100;
    public static final int ETHERTYPE_MPLS = 0x8847;
    public static final int ETHERTYPE_MPLS_MC = 0x8848;
    public static final int ETHERTYPE_PPPOE = 0x8864;
    public static final int NONE = -1;

    /** Offset of the IP header, or NONE. */
    public int l3Offset;
    /** 0x0800 or 0x86dd when an IP header was found; otherwise the last EtherType seen (ARP, LLDP...) or 0. */
    public int l3Type;
    /** Offset of the transport header, or NONE (non-IP, a non-first fragment, or headers cut off). */
    public int l4Offset;
    /** IP protocol number of the transport header, or NONE. */
    public int l4Protocol;
    /** The IP packet is a fragment (first or later). */
    public boolean fragment;
    /** Number of 802.1Q/802.1ad tags passed. */
    public int vlanTags;
    /** Offset of the EtherType field that announced the IP header (for VLAN rewriting), or NONE. */
    public int etherTypeOffset;
    /**
     * Where the IP header and the IPv6 extension headers walked end (the transport header or, in a later
     * fragment, the payload), or NONE; may lie beyond {@code length} when a header claims more than was given.
     */
    public int l3End;
    /**
     * The frame's link type is one this dissector follows and the frame holds its link header; false for
     * SunATM, IPoIB, 802.11, Frame Relay..., and for frames shorter than their link header.
     */
    public boolean linkRead;

    public FrameDissector dissect(byte[] b, int length, int linkType) {
        l3Offset = NONE;
        l3Type = 0;
        l4Offset = NONE;
        l4Protocol = NONE;
        fragment = false;
        vlanTags = 0;
        etherTypeOffset = NONE;
        l3End = NONE;
        linkRead = false;
        switch (linkType) {
            case LinkTypes.ETHERNET:
                linkRead = length >= 14;
                ethernet(b, length, 12);
                break;
            case LinkTypes.LINUX_SLL:
                linkRead = length >= 16;
                ethernet(b, length, 14);
                break;
            case LinkTypes.LINUX_SLL2:
                linkRead = length >= 20;
                etherTypeAt(b, length, 0, 20);
                break;
            case LinkTypes.NULL:
            case LinkTypes.LOOP:
                linkRead = length >= 4;
                loopback(b, length);
                break;
            case LinkTypes.RAW:
            case LinkTypes.RAW_OLD_12:
            case LinkTypes.RAW_OLD_14:
                linkRead = length >= 1;
                rawIp(b, length, 0);
                break;
            case LinkTypes.IPV4:
                linkRead = length >= 1;
                ip4(b, length, 0);
                break;
            case LinkTypes.IPV6:
                linkRead = length >= 1;
                ip6(b, length, 0);
                break;
            case LinkTypes.PPP:
            case LinkTypes.PPP_HDLC:
                linkRead = length >= 2;
                ppp(b, length, 0);
                break;
            case LinkTypes.C_HDLC:
                linkRead = length >= 4;
                if (length >= 4) {
                    etherTypeAt(b, length, 2, 4);
                }
                break;
            default:
                break;
        }
        return this;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    /** Ethernet-like: EtherType at typeOff, payload after it, following VLAN tags, MPLS and PPPoE. */
    private void ethernet(byte[] b, int length, int typeOff) {
        int off = typeOff;
        while (off + 2 <= length) {
            int type = u16(b, off);
            if ((type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) && off + 6 <= length) {
                vlanTags++;
                off += 4;
                continue;
            }
            etherTypeAt(b, length, off, off + 2);
            return;
        }
    }

    private void etherTypeAt(byte[] b, int length, int typeOff, int payload) {
        if (typeOff + 2 > length) {
            return;
        }
        int type = u16(b, typeOff);
        l3Type = type;
        etherTypeOffset = typeOff;
        switch (type) {
            case ETHERTYPE_IPV4:
                ip4(b, length, payload);
                break;
            case ETHERTYPE_IPV6:
                ip6(b, length, payload);
                break;
            case ETHERTYPE_MPLS:
            case ETHERTYPE_MPLS_MC:
                mpls(b, length, payload);
                break;
            case ETHERTYPE_PPPOE:
                if (payload + 6 <= length) {
                    ppp(b, length, payload + 6);
                }
                break;
            default:
                break;
        }
    }

    private void mpls(byte[] b, int length, int off) {
        while (off + 4 <= length) {
            boolean bottom = (b[off + 2] & 1) != 0;
            off += 4;
            if (bottom) {
                if (off < length && (b[off] & 0xf0) == 0 && off + 4 + 14 <= length) {
                    // First nibble 0 is a pseudowire control word (RFC 4385): Ethernet over MPLS follows it,
                    // as Wireshark's pwethcw heuristic decodes it.
                    ethernet(b, length, off + 4 + 12);
                } else {
                    rawIp(b, length, off);
                }
                return;
            }
        }
    }

    private void ppp(byte[] b, int length, int off) {
        if (off + 2 <= length && (b[off] & 0xff) == 0xff && (b[off + 1] & 0xff) == 0x03) {
            off += 2;
        }
        if (off + 2 > length) {
            return;
        }
        int proto = u16(b, off);
        if (proto == 0x0021) {
            ip4(b, length, off + 2);
        } else if (proto == 0x0057) {
            ip6(b, length, off + 2);
        }
    }

    private void loopback(byte[] b, int length) {
        if (length < 4) {
            return;
        }
        // NULL stores the AF in the capturing host's byte order; accept either.
        int le = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
        int be = Integer.reverseBytes(le);
        int af = (le & 0xffff0000) == 0 ? le : be;
        if (af == 2) {
            ip4(b, length, 4);
        } else if (af == 24 || af == 28 || af == 30 || af == 10) {
            ip6(b, length, 4);
        }
    }

    private void rawIp(byte[] b, int length, int off) {
        if (off >= length) {
            return;
        }
        int v = (b[off] & 0xf0) >> 4;
        if (v == 4) {
            ip4(b, length, off);
        } else if (v == 6) {
            ip6(b, length, off);
        }
    }

    private void ip4(byte[] b, int length, int off) {
        if (off + 20 > length || (b[off] & 0xf0) != 0x40) {
            return;
        }
        int ihl = (b[off] & 0x0f) * 4;
        if (ihl < 20) {
            return;
        }
        l3Offset = off;
        l3Type = ETHERTYPE_IPV4;
        int fragField = u16(b, off + 6);
        boolean more = (fragField & 0x2000) != 0;
        int fragOff = fragField & 0x1fff;
        fragment = more || fragOff != 0;
        l4Protocol = b[off + 9] & 0xff;
        l3End = off + ihl;
        if (fragOff == 0 && off + ihl <= length) {
            l4Offset = off + ihl;
        }
    }

    private void ip6(byte[] b, int length, int off) {
        if (off + 40 > length || (b[off] & 0xf0) != 0x60) {
            return;
        }
        l3Offset = off;
        l3Type = ETHERTYPE_IPV6;
        int next = b[off + 6] & 0xff;
        int pos = off + 40;
        l3End = pos;
        for (int guard = 0; guard < 16; guard++) {
            switch (next) {
                case 0:
                case 43:
                case 60:
                case 135:
                case 139:
                case 140:
                    if (pos + 8 > length) {
                        l4Protocol = next;
                        return;
                    }
                    next = b[pos] & 0xff;
                    pos += ((b[pos + 1] & 0xff) + 1) * 8;
                    l3End = pos;
                    break;
                case 51:
                    if (pos + 8 > length) {
                        l4Protocol = next;
                        return;
                    }
                    next = b[pos] & 0xff;
                    pos += ((b[pos + 1] & 0xff) + 2) * 4;
                    l3End = pos;
                    break;
                case 44:
                    if (pos + 8 > length) {
                        l4Protocol = next;
                        return;
                    }
                    fragment = true;
                    int fo = u16(b, pos + 2) >> 3;
                    next = b[pos] & 0xff;
                    pos += 8;
                    l3End = pos;
                    if (fo != 0) {
                        l4Protocol = next;
                        return;
                    }
                    break;
                default:
                    l4Protocol = next;
                    if (pos <= length && next != 59) {
                        l4Offset = pos;
                    }
                    return;
            }
        }
    }
}
