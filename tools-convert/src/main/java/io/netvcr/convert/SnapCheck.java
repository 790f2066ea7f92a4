package io.netvcr.convert;

import io.netvcr.formats.Packet;
import io.netvcr.formats.dissect.FrameDissector;
import java.util.Locale;

/**
 * Whether --snap keeps the headers of the trace's own packets: IP and transport headers (TCP up to its data
 * offset, UDP and ICMP 8 bytes, IPv6 extension headers). netvcr-prep zero-fills a header the snap cut after
 * its essential fields (TCP's first 14 bytes, UDP's ports, ICMP's type and code, IP lengths and protocol) and
 * cannot rebuild one cut before them, so both counts are worth a warning. Packets the capture itself cut are
 * not counted: no snap brings their bytes back.
 */
final class SnapCheck {
    private final int snap;
    private final FrameDissector dis = new FrameDissector();
    /** Packets whose headers the snap cut. */
    long cutHeaders;
    /** Of those, packets cut before the essential fields: prep leaves them untouched. */
    long cutEssentials;
    /** Smallest snap keeping every header the capture holds. */
    int needed;

    SnapCheck(int snap) {
        this.snap = snap;
    }

    void check(Packet p) {
        int captured = p.capturedLength();
        if (captured <= snap) {
            return;
        }
        byte[] b = p.data();
        dis.dissect(b, captured, p.linkType);
        int l3 = dis.l3Offset;
        if (l3 < 0) {
            return;
        }
        int essential;
        int end;
        int l4 = dis.l4Offset;
        boolean ipv6 = dis.l3Type == FrameDissector.ETHERTYPE_IPV6;
        if (l4 < 0) {
            if (dis.l3End < 0 || dis.l3End > captured) {
                return;
            }
            essential = ipv6 ? dis.l3End : l3 + 10;
            end = dis.l3End;
        } else {
            essential = ipv6 ? l4 : l3 + 10;
            switch (dis.l4Protocol) {
                case 6:
                    if (l4 + 13 > captured) {
                        return;
                    }
                    essential = l4 + 14;
                    end = l4 + Math.max(20, ((b[l4 + 12] & 0xf0) >>> 4) * 4);
                    break;
                case 17:
                    essential = l4 + 4;
                    end = l4 + 8;
                    break;
                case 1:
                case 58:
                    essential = l4 + 2;
                    end = l4 + 8;
                    break;
                default:
                    end = l4;
                    break;
            }
        }
        if (end > captured) {
            return; // the capture itself cut it
        }
        needed = Math.max(needed, end);
        if (end > snap) {
            cutHeaders++;
            if (essential > snap) {
                cutEssentials++;
            }
        }
    }

    /** The warning, or null when the snap keeps every header. */
    String warning(long packets) {
        if (cutHeaders == 0) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "--snap %d cuts the IP/transport headers of %,d of %,d packets (%s); " + "--snap %d keeps them all",
                snap,
                cutHeaders,
                packets,
                cutEssentials > 0
                        ? String.format(
                                Locale.ROOT,
                                "%,d lose fields netvcr-prep cannot rebuild and will not replay valid",
                                cutEssentials)
                        : "netvcr-prep zero-fills the rest, e.g. TCP options",
                needed);
    }
}
