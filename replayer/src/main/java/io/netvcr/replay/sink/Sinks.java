package io.netvcr.replay.sink;

import io.netvcr.cli.ToolException;

/** Builds the sink the command line names: --interface [--interface2], or --sink null|pcap:FILE|udp:HOST:PORT|libpcap:IF. */
public final class Sinks {
    public static final String NO_TARGET = "nothing to send to: pass --interface IF (raw socket; root or CAP_NET_RAW), "
        + "or --sink pcap:FILE, --sink udp:HOST:PORT, --sink libpcap:IF, or --sink null (measure the loop only)";

    private Sinks() {
    }

    public static PacketSink create(String interfaceName, String interface2, String sinkSpec) {
        if (interfaceName != null && sinkSpec != null) {
            throw ToolException.usage("pass either --interface or --sink, not both");
        }
        if (interface2 != null && interfaceName == null) {
            throw ToolException.usage("--interface2 needs --interface");
        }
        if (interfaceName != null) {
            PacketSink first = new RawSocketSink(interfaceName);
            return interface2 == null ? first : new DualSink(first, new RawSocketSink(interface2));
        }
        if (sinkSpec == null) {
            throw ToolException.usage(NO_TARGET);
        }
        if (sinkSpec.equals("null")) {
            return new NullSink();
        }
        int colon = sinkSpec.indexOf(':');
        String kind = colon < 0 ? sinkSpec : sinkSpec.substring(0, colon);
        String arg = colon < 0 ? "" : sinkSpec.substring(colon + 1);
        if (arg.isEmpty() && !kind.equals("null")) {
            throw ToolException.usage("--sink " + sinkSpec + ": missing target after '" + kind + ":'");
        }
        switch (kind) {
            case "pcap": return new PcapFileSink(arg);
            case "udp": return new UdpSink(arg);
            case "libpcap": return new LibpcapSink(arg);
            default: throw ToolException.usage("unknown --sink '" + sinkSpec + "' (null, pcap:FILE, udp:HOST:PORT, libpcap:IF)");
        }
    }
}
