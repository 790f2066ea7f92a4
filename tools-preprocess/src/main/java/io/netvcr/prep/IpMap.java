package io.netvcr.prep;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Address rewriting rules "OLD/NN=NEW/NN" (tcprewrite's --pnat): an address inside OLD/NN gets NEW's first
 * NN bits and keeps its own host bits. IPv4 and IPv6; the first rule that matches wins.
 */
public final class IpMap {
    private record Rule(byte[] from, byte[] to, int bits) {}

    private final List<Rule> rules = new ArrayList<>();

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Adds "OLD/NN=NEW/NN" (NEW's length may be omitted; it must equal OLD's when given). */
    public IpMap add(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--ip-map '" + spec + "' must be OLD/NN=NEW/NN");
        }
        Cidr from = Cidr.parse(spec.substring(0, eq));
        String right = spec.substring(eq + 1);
        Cidr to = right.contains("/") ? Cidr.parse(right) : Cidr.parse(right + "/" + from.bits());
        if (from.address().length != to.address().length) {
            throw new IllegalArgumentException("--ip-map '" + spec + "' maps between IPv4 and IPv6");
        }
        if (from.bits() != to.bits()) {
            throw new IllegalArgumentException("--ip-map '" + spec + "': both prefixes must have the same length");
        }
        rules.add(new Rule(from.address(), to.address(), from.bits()));
        return this;
    }

    /** Rewrites the len-byte (4 or 16) address at b[off]; true if it changed. */
    public boolean apply(byte[] b, int off, int len) {
        for (Rule r : rules) {
            if (r.from.length == len && Cidr.matches(r.from, r.bits, b, off)) {
                boolean changed = false;
                for (int i = 0; i < len; i++) {
                    int keep = hostMask(r.bits, i);
                    int v = (b[off + i] & keep) | (r.to[i] & ~keep & 0xff);
                    if ((byte) v != b[off + i]) {
                        b[off + i] = (byte) v;
                        changed = true;
                    }
                }
                return changed;
            }
        }
        return false;
    }

    /** Bits of byte i that belong to the host part of a /bits prefix. */
    private static int hostMask(int bits, int i) {
        int inByte = bits - 8 * i;
        if (inByte >= 8) {
            return 0;
        }
        if (inByte <= 0) {
            return 0xff;
        }
        return 0xff >>> inByte;
    }

    /** An address prefix, parsed once. */
    public record Cidr(byte[] address, int bits) {
        public static Cidr parse(String s) {
            String t = s.trim();
            int slash = t.indexOf('/');
            String host = slash < 0 ? t : t.substring(0, slash);
            if (!host.contains(":") && !host.matches("[0-9.]+")) {
                throw new IllegalArgumentException("'" + s + "' is not an IP address or prefix");
            }
            byte[] a;
            try {
                a = InetAddress.getByName(host).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + s + "' is not an IP address or prefix");
            }
            int bits = a.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(t.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + s + "' has a bad prefix length");
                }
                if (bits < 0 || bits > a.length * 8) {
                    throw new IllegalArgumentException("'" + s + "' has a prefix length out of range");
                }
            }
            return new Cidr(a, bits);
        }

        public boolean contains(byte[] b, int off, int len) {
            return address.length == len && matches(address, bits, b, off);
        }

        static boolean matches(byte[] prefix, int bits, byte[] b, int off) {
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (prefix[i] != b[off + i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return ((prefix[full] ^ b[off + full]) & mask) == 0;
        }
    }
}
