package io.netvcr.prep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * tcpprep's job: which side of the conversation sent each packet, 0 client or 1 server, so a dual-interface
 * replay sends each side out of its own port.
 * <ul>
 * <li>{@code cidr:NET[,NET]}: as tcpprep's --cidr, a packet whose source address lies in one of the
 *   networks is from the server side (1), any other IP packet from the client side (0).</li>
 * <li>{@code port}: the endpoint with a well-known port (below 1024) is the server; when both or neither
 *   are, the lower port is the server; equal ports or no ports: client.</li>
 * <li>{@code auto}: a flow whose TCP SYN (without ACK) was seen has its SYN sender as client; other flows
 *   fall back to {@code port}. The table of SYN-learnt flows is bounded ({@link #MAX_FLOWS}; when full it
 *   is cleared, which only sends later flows to the port rule).</li>
 * </ul>
 * Non-IP frames are client side (0).
 */
public final class FlowSplitter {
    public static final int CLIENT = 0;
    public static final int SERVER = 1;
    static final int MAX_FLOWS = 1 << 20;

    private enum Mode {
        CIDR,
        PORT,
        AUTO
    }

    private final Mode mode;
    private final List<IpMap.Cidr> servers = new ArrayList<>();
    /** symmetric flow hash -> endpoint hash of the client (the SYN's sender). */
    private final Map<Long, Long> synClient = new HashMap<>();

    private FlowSplitter(Mode mode) {
        this.mode = mode;
    }

    public static FlowSplitter parse(String spec) {
        String s = spec.trim();
        if (s.equals("port")) {
            return new FlowSplitter(Mode.PORT);
        }
        if (s.equals("auto")) {
            return new FlowSplitter(Mode.AUTO);
        }
        if (s.startsWith("cidr:") && s.length() > 5) {
            FlowSplitter f = new FlowSplitter(Mode.CIDR);
            for (String n : s.substring(5).split(",")) {
                f.servers.add(IpMap.Cidr.parse(n));
            }
            return f;
        }
        throw new IllegalArgumentException("--split '" + spec + "': expected cidr:NET[,NET], port or auto");
    }

    public int direction(byte[] b, FiveTuple k) {
        if (!k.ip) {
            return CLIENT;
        }
        switch (mode) {
            case CIDR:
                for (IpMap.Cidr c : servers) {
                    if (c.contains(b, k.addrOffset, k.addrLength)) {
                        return SERVER;
                    }
                }
                return CLIENT;
            case AUTO:
                long flow = k.symmetricHash();
                if (k.protocol == 6 && (k.tcpFlags & 0x12) == 0x02) {
                    if (synClient.size() >= MAX_FLOWS) {
                        synClient.clear();
                    }
                    synClient.put(flow, k.src);
                    return CLIENT;
                }
                Long client = synClient.get(flow);
                if (client != null) {
                    return client == k.src ? CLIENT : SERVER;
                }
                return byPort(k);
            default:
                return byPort(k);
        }
    }

    static int byPort(FiveTuple k) {
        int s = k.srcPort;
        int d = k.dstPort;
        if (s == d) {
            return CLIENT;
        }
        boolean sWell = s > 0 && s < 1024;
        boolean dWell = d > 0 && d < 1024;
        if (sWell != dWell) {
            return sWell ? SERVER : CLIENT;
        }
        return s < d ? SERVER : CLIENT;
    }
}
