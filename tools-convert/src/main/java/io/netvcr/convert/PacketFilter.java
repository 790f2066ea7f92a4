package io.netvcr.convert;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolException;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * --filter: a tcpdump expression compiled by libpcap (through pcap4j) once per link type met, and run on
 * each packet with libpcap's bpf_filter over its captured bytes and wire length, exactly as tcpdump -r
 * would. Expressions libpcap rejects, and link types it cannot filter, are usage errors quoting libpcap.
 */
public final class PacketFilter implements AutoCloseable {
    private static final int SNAPLEN = 262144;
    /** PCAP_NETMASK_UNKNOWN: a trace has no netmask; only "ip broadcast" needs one and then fails clearly. */
    private static final Inet4Address NETMASK_UNKNOWN = netmaskUnknown();

    private final String expression;
    private final Map<Integer, BpfProgram> programs = new HashMap<>();
    private final List<PcapHandle> handles = new ArrayList<>();

    public PacketFilter(String expression) {
        this.expression = expression;
    }

    public String expression() {
        return expression;
    }

    /** Compiles for a link type now (to report a bad expression before any output is written). */
    public void prepare(int linkType) {
        program(linkType);
    }

    public boolean accept(Packet p) {
        return program(p.linkType).applyFilter(p.data(), p.wireLength, p.capturedLength());
    }

    private BpfProgram program(int linkType) {
        BpfProgram prog = programs.get(linkType);
        if (prog == null) {
            try {
                // A dead handle per link type: pcap_compile on it reports libpcap's own error text.
                PcapHandle h = Pcaps.openDead(DataLinkType.getInstance(dlt(linkType)), SNAPLEN);
                handles.add(h);
                prog = h.compileFilter(expression, BpfProgram.BpfCompileMode.OPTIMIZE, NETMASK_UNKNOWN);
            } catch (PcapNativeException | NotOpenException | RuntimeException e) {
                throw new ToolException(
                        ExitCodes.USAGE,
                        "--filter '" + expression + "' for link type " + LinkTypes.name(linkType) + " (" + linkType
                                + "): libpcap says: " + e.getMessage(),
                        e);
            }
            programs.put(linkType, prog);
        }
        return prog;
    }

    private static Inet4Address netmaskUnknown() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** libpcap compiles for DLT_* values, which differ from LINKTYPE_* for a few old types. */
    static int dlt(int linkType) {
        switch (linkType) {
            case LinkTypes.RAW:
            case LinkTypes.RAW_OLD_14:
                return 12; // DLT_RAW on Linux
            case LinkTypes.ATM_RFC1483:
                return 11; // DLT_ATM_RFC1483
            default:
                return linkType;
        }
    }

    @Override
    public void close() {
        for (BpfProgram p : programs.values()) {
            p.free();
        }
        programs.clear();
        for (PcapHandle h : handles) {
            h.close();
        }
        handles.clear();
    }
}
