package io.netvcr.analyze;

import io.netvcr.formats.dissect.FrameDissector;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Link, network and transport mix. Each packet counts once per level, by its outermost header as
 * {@link FrameDissector} finds it: a VXLAN or GRE packet is UDP or "other" by its outer header; ICMP over
 * IPv4 is {@code icmp}, ICMPv6 over IPv6 is {@code icmpv6}. Fragments count by the protocol field of their
 * IP header (as tshark's ip.proto does). So tcp + udp + icmp + icmpv6 + other = packets.
 */
public final class ProtocolMix implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private transient long[] etherTypes = new long[65536];
    private long ipv4;
    private long ipv6;
    private long nonIp;
    private long tcp;
    private long udp;
    private long icmp;
    private long icmpv6;
    private long other;
    private long fragments;
    private long vlanTagged;

    public void accept(FrameDissector d) {
        etherTypes[d.l3Type & 0xffff]++;
        if (d.vlanTags > 0) {
            vlanTagged++;
        }
        if (d.fragment) {
            fragments++;
        }
        boolean v4 = d.l3Offset >= 0 && d.l3Type == FrameDissector.ETHERTYPE_IPV4;
        boolean v6 = d.l3Offset >= 0 && d.l3Type == FrameDissector.ETHERTYPE_IPV6;
        if (v4) {
            ipv4++;
        } else if (v6) {
            ipv6++;
        } else {
            nonIp++;
        }
        int p = (v4 || v6) ? d.l4Protocol : FrameDissector.NONE;
        if (p == 6) {
            tcp++;
        } else if (p == 17) {
            udp++;
        } else if (p == 1 && v4) {
            icmp++;
        } else if (p == 58 && v6) {
            icmpv6++;
        } else {
            other++;
        }
    }

    public void merge(ProtocolMix o) {
        for (int t = 0; t < etherTypes.length; t++) {
            etherTypes[t] += o.etherTypes[t];
        }
        ipv4 += o.ipv4;
        ipv6 += o.ipv6;
        nonIp += o.nonIp;
        tcp += o.tcp;
        udp += o.udp;
        icmp += o.icmp;
        icmpv6 += o.icmpv6;
        other += o.other;
        fragments += o.fragments;
        vlanTagged += o.vlanTagged;
    }

    // Serialized sparse: the Spark engine ships one of these per split to the driver, mostly zeros.
    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
        Sparse.write(out, etherTypes);
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        etherTypes = Sparse.read(in, 65536);
    }

    public long tcp() {
        return tcp;
    }

    public long udp() {
        return udp;
    }

    public long icmp() {
        return icmp;
    }

    public long icmpv6() {
        return icmpv6;
    }

    public long other() {
        return other;
    }

    public long ipv4() {
        return ipv4;
    }

    public long ipv6() {
        return ipv6;
    }

    /** Transport level: {tcp, udp, icmp, icmpv6, other}. */
    public Map<String, Object> transportMap() {
        return JsonMaps.ordered("tcp", tcp, "udp", udp, "icmp", icmp, "icmpv6", icmpv6, "other", other);
    }

    /** Network level and EtherTypes (the last type before the network header; 0x0000 when none was found). */
    public Map<String, Object> networkMap() {
        Map<String, Object> types = new TreeMap<>();
        for (int t = 0; t < etherTypes.length; t++) {
            if (etherTypes[t] != 0) {
                types.put(String.format(Locale.ROOT, "0x%04x", t), etherTypes[t]);
            }
        }
        return JsonMaps.ordered(
                "ipv4",
                ipv4,
                "ipv6",
                ipv6,
                "nonIp",
                nonIp,
                "fragments",
                fragments,
                "vlanTagged",
                vlanTagged,
                "etherTypes",
                types);
    }
}
