package io.netvcr.replay.sink;

import io.netvcr.replay.ReplayException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of targets: {@code --sink} kinds and {@code --send-mode}s of the raw socket, one line each. The
 * command line's completion and converters and the engine's messages all read it, so a new sink or send mode is one
 * class plus one line here (or a {@link #register} call).
 */
public final class Sinks {
    // The kinds that reach libpcap, jnr-ffi and Chronicle are described here, their factories lambdas: a constant
    // in their own classes would load those libraries whenever the registry is read (--help, --version).
    public static final SinkKind LIBPCAP = new SinkKind(
            "libpcap",
            "IF",
            "pcap_sendpacket through pcap4j; allocates per packet",
            false,
            arg -> new LibpcapSink(arg));
    public static final SendMode SINGLE = new SendMode(
            "single", "one send() per frame", false, (interfaceName, maxBatch) -> new RawSocketSink(interfaceName));
    public static final SendMode MMSG = new SendMode(
            "mmsg",
            "sendmmsg over frames already due",
            true,
            (interfaceName, maxBatch) -> new MmsgSink(interfaceName, maxBatch, false));
    /** mmsg's machinery, but a batch of one frame goes out with send(): one send per deadline when the replay keeps up. */
    public static final SendMode AUTO = new SendMode(
            "auto",
            "batches only at top speed or when several frames are due at once; otherwise one send per deadline",
            false,
            (interfaceName, maxBatch) -> new MmsgSink(interfaceName, maxBatch, true));

    public static final SendMode RING = new SendMode(
            "ring",
            "PACKET_MMAP TX ring, qdisc bypass",
            true,
            (interfaceName, maxBatch) -> new TxRingSink(interfaceName, maxBatch));

    private static final Map<String, SinkKind> KINDS = new LinkedHashMap<>();
    private static final Map<String, SendMode> MODES = new LinkedHashMap<>();

    static {
        register(NullSink.KIND);
        register(PcapFileSink.KIND);
        register(UdpSink.KIND);
        register(LIBPCAP);
        register(AUTO);
        register(SINGLE);
        register(MMSG);
        register(RING);
    }

    public static final SendMode DEFAULT_SEND_MODE = AUTO;
    public static final int DEFAULT_BATCH = 32;
    public static final int MAX_BATCH = 256;

    private Sinks() {}

    public static synchronized void register(SinkKind kind) {
        if (KINDS.putIfAbsent(kind.name(), kind) != null) {
            throw new IllegalArgumentException("a sink named '" + kind.name() + "' is registered already");
        }
    }

    public static synchronized void register(SendMode mode) {
        if (MODES.putIfAbsent(mode.name(), mode) != null) {
            throw new IllegalArgumentException("a send mode named '" + mode.name() + "' is registered already");
        }
    }

    /** KIND or KIND:ARG as the command line writes it; an unknown kind or a missing argument is a usage failure. */
    public static synchronized SinkSpec parse(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String arg = colon < 0 ? "" : spec.substring(colon + 1);
        SinkKind kind = KINDS.get(name);
        if (kind == null) {
            throw ReplayException.usage("unknown --sink '" + spec + "' (" + String.join(", ", sinkUsages()) + ")");
        }
        if (arg.isEmpty() && !kind.argLabel().isEmpty()) {
            throw ReplayException.usage("--sink " + spec + ": missing " + kind.argLabel() + " after '" + name + ":'");
        }
        if (!arg.isEmpty() && kind.argLabel().isEmpty()) {
            throw ReplayException.usage("--sink " + name + " takes no argument, got '" + spec + "'");
        }
        return new SinkSpec(kind, arg);
    }

    public static synchronized SendMode sendMode(String name) {
        SendMode m = MODES.get(name);
        if (m == null) {
            throw ReplayException.usage(
                    "unknown --send-mode '" + name + "' (" + String.join(", ", sendModeNames()) + ")");
        }
        return m;
    }

    /** Sink kinds as written on the command line: null, pcap:FILE, ... */
    public static synchronized List<String> sinkUsages() {
        List<String> l = new ArrayList<>();
        for (SinkKind k : KINDS.values()) {
            l.add(k.usage());
        }
        return l;
    }

    public static synchronized List<SinkKind> sinkKinds() {
        return List.copyOf(KINDS.values());
    }

    public static synchronized List<SendMode> sendModes() {
        return List.copyOf(MODES.values());
    }

    public static synchronized List<String> sendModeNames() {
        return new ArrayList<>(MODES.keySet());
    }

    /** Why nothing can be sent without --interface or --sink, naming every sink kind. */
    public static String noTarget() {
        List<String> l = new ArrayList<>();
        for (String u : sinkUsages()) {
            l.add("--sink " + u);
        }
        return "nothing to send to: pass --interface IF (raw socket; root or CAP_NET_RAW), or " + String.join(", ", l);
    }

    /**
     * The sink of a validated target: the send mode's on --interface, a single-frame raw socket per interface with
     * --interface2 (split by direction), else the --sink kind's.
     */
    public static PacketSink create(String interfaceName, String interface2, SinkSpec sink, SendMode mode, int batch) {
        if (interfaceName == null) {
            return sink.create();
        }
        if (interface2 == null) {
            return mode.factory().create(interfaceName, batch);
        }
        return new DualSink(new RawSocketSink(interfaceName), new RawSocketSink(interface2));
    }
}
