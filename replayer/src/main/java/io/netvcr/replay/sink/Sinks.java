package io.netvcr.replay.sink;

import io.netvcr.replay.ReplayException;

/** Builds the sink the command line names: --interface [--interface2], or --sink null|pcap:FILE|udp:HOST:PORT|libpcap:IF. */
public final class Sinks {
    public static final String NO_TARGET = "nothing to send to: pass --interface IF (raw socket; root or CAP_NET_RAW), "
        + "or --sink pcap:FILE, --sink udp:HOST:PORT, --sink libpcap:IF, or --sink null (measure the loop only)";

    private Sinks() {
    }

    public static final String SEND_MODES = "auto, single, mmsg, ring";
    public static final int DEFAULT_BATCH = 32;
    public static final int MAX_BATCH = 256;

    public static PacketSink create(String interfaceName, String interface2, String sinkSpec) {
        return create(interfaceName, interface2, sinkSpec, "auto", DEFAULT_BATCH);
    }

    /**
     * sendMode (raw-socket sink only): single = one send() per frame; mmsg = sendmmsg over frames already due;
     * ring = PACKET_MMAP TX ring; auto = mmsg's machinery, but a batch of one goes out with send(), so a timed
     * replay makes one send per deadline and only top speed or a burst of frames due together is batched.
     */
    public static PacketSink create(String interfaceName, String interface2, String sinkSpec, String sendMode, int batch) {
        if (interfaceName != null && sinkSpec != null) {
            throw ReplayException.usage("pass either --interface or --sink, not both");
        }
        if (!sendMode.equals("auto") && !sendMode.equals("single") && !sendMode.equals("mmsg") && !sendMode.equals("ring")) {
            throw ReplayException.usage("unknown --send-mode '" + sendMode + "' (" + SEND_MODES + ")");
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw ReplayException.usage("--batch takes 1.." + MAX_BATCH);
        }
        boolean batching = sendMode.equals("mmsg") || sendMode.equals("ring");
        if (batching && (interfaceName == null || interface2 != null)) {
            throw ReplayException.usage("--send-mode " + sendMode + " needs --interface (and no --interface2)");
        }
        if (interfaceName != null && interface2 == null && !sendMode.equals("single")) {
            switch (sendMode) {
                case "ring": return new TxRingSink(interfaceName, batch);
                case "mmsg": return new MmsgSink(interfaceName, batch, false);
                default: return new MmsgSink(interfaceName, batch, true);
            }
        }
        if (interfaceName != null && sinkSpec != null) {
            throw ReplayException.usage("pass either --interface or --sink, not both");
        }
        if (interface2 != null && interfaceName == null) {
            throw ReplayException.usage("--interface2 needs --interface");
        }
        if (interfaceName != null) {
            PacketSink first = new RawSocketSink(interfaceName);
            return interface2 == null ? first : new DualSink(first, new RawSocketSink(interface2));
        }
        if (sinkSpec == null) {
            throw ReplayException.usage(NO_TARGET);
        }
        if (sinkSpec.equals("null")) {
            return new NullSink();
        }
        int colon = sinkSpec.indexOf(':');
        String kind = colon < 0 ? sinkSpec : sinkSpec.substring(0, colon);
        String arg = colon < 0 ? "" : sinkSpec.substring(colon + 1);
        if (arg.isEmpty() && !kind.equals("null")) {
            throw ReplayException.usage("--sink " + sinkSpec + ": missing target after '" + kind + ":'");
        }
        switch (kind) {
            case "pcap": return new PcapFileSink(arg);
            case "udp": return new UdpSink(arg);
            case "libpcap": return new LibpcapSink(arg);
            default: throw ReplayException.usage("unknown --sink '" + sinkSpec + "' (null, pcap:FILE, udp:HOST:PORT, libpcap:IF)");
        }
    }

    /** The file a --sink pcap:FILE writes, or null for other sinks (checked against the inputs up front). */
    public static String pcapFile(String sinkSpec) {
        return sinkSpec != null && sinkSpec.startsWith("pcap:") && sinkSpec.length() > 5 ? sinkSpec.substring(5) : null;
    }
}
