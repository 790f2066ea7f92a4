package io.netvcr.prep;

/** --vlan add:ID[:PCP] (push an 802.1Q tag) or del (pop the outermost tag). */
public record VlanAction(boolean add, int id, int pcp) {
    public static VlanAction parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("del")) {
            return new VlanAction(false, 0, 0);
        }
        if (t.startsWith("add:")) {
            String[] p = t.substring(4).split(":");
            try {
                int id = Integer.parseInt(p[0]);
                int pcp = p.length > 1 ? Integer.parseInt(p[1]) : 0;
                if (id < 0 || id > 4095 || pcp < 0 || pcp > 7 || p.length > 2) {
                    throw new IllegalArgumentException("--vlan " + s + ": ID is 0..4095, PCP 0..7");
                }
                return new VlanAction(true, id, pcp);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--vlan " + s + ": expected add:ID[:PCP] or del");
            }
        }
        throw new IllegalArgumentException("--vlan " + s + ": expected add:ID[:PCP] or del");
    }

    /** The tag control information: PCP in the top 3 bits, DEI 0, VLAN ID in the low 12. */
    public int tci() {
        return pcp << 13 | id;
    }
}
