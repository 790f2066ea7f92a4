package io.netvcr.analyze;

import io.netvcr.formats.dissect.FrameDissector;

/**
 * The identity of a frame for matching a capture against the trace it replays: a 64-bit hash of its first K
 * bytes, K = min(match bytes, the frame's length). The frame's length ends with its IP packet when the IP
 * header says so, so Ethernet padding added on the wire (frames under 60 bytes) or a trailing FCS do not make
 * a captured frame differ from its original. Header bytes (MACs, IP ID and checksum, ports, sequence
 * numbers) almost always tell frames apart; frames identical in their first K bytes are matched in order.
 */
public final class FrameKey {
    private final FrameDissector dissector = new FrameDissector();
    private final int matchBytes;

    public FrameKey(int matchBytes) {
        if (matchBytes < 1) {
            throw new IllegalArgumentException("match bytes must be at least 1");
        }
        this.matchBytes = matchBytes;
    }

    public int matchBytes() {
        return matchBytes;
    }

    /** Bytes the key of this frame covers. */
    public int keyLength(byte[] b, int length, int linkType) {
        int end = length;
        dissector.dissect(b, length, linkType);
        int l3 = dissector.l3Offset;
        if (l3 >= 0) {
            int ipEnd = -1;
            if (dissector.l3Type == FrameDissector.ETHERTYPE_IPV4 && l3 + 4 <= length) {
                ipEnd = l3 + ((b[l3 + 2] & 0xff) << 8 | (b[l3 + 3] & 0xff));
            } else if (dissector.l3Type == FrameDissector.ETHERTYPE_IPV6 && l3 + 6 <= length) {
                ipEnd = l3 + 40 + ((b[l3 + 4] & 0xff) << 8 | (b[l3 + 5] & 0xff));
            }
            if (ipEnd > l3 && ipEnd < end) {
                end = ipEnd;
            }
        }
        return Math.min(matchBytes, end);
    }

    public long hash(byte[] b, int length, int linkType) {
        return hashBytes(b, keyLength(b, length, linkType));
    }

    /** FNV-1a over the bytes and their count, finished with MurmurHash3's fmix64 for well-spread bits. */
    public static long hashBytes(byte[] b, int n) {
        long h = 0xcbf29ce484222325L ^ n;
        for (int i = 0; i < n; i++) {
            h ^= b[i] & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
