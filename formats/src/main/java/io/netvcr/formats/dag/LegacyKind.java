package io.netvcr.formats.dag;

/** The three fixed 64-byte record layouts of early DAG cards (as libtrace's legacyatm/eth/pos read them). */
public enum LegacyKind {
    /** 8-byte timestamp, 4-byte CRC word, 4-byte ATM cell header (no HEC), 48-byte cell payload. */
    ATM("legacy-atm", "legacyatm", 4, "legacy DAG ATM cells: 64-byte records (needs --format)"),
    /** 8-byte timestamp, little-endian 16-bit wire length, the first 54 bytes of the frame. */
    ETH("legacy-eth", "legacyeth", 5, "legacy DAG Ethernet: 64-byte records (needs --format)"),
    /** 8-byte timestamp, big-endian 32-bit slen and wlen, the first 48 bytes of the PoS frame. */
    POS("legacy-pos", "legacypos", 6, "legacy DAG Packet-over-SONET: 64-byte records (needs --format)");

    public static final int RECORD = 64;

    private final String formatName;
    private final String libtraceName;
    private final String description;
    private final int sourceFormatId;

    LegacyKind(String formatName, String libtraceName, int sourceFormatId, String description) {
        this.sourceFormatId = sourceFormatId;
        this.formatName = formatName;
        this.libtraceName = libtraceName;
        this.description = description;
    }

    public String formatName() {
        return formatName;
    }

    public String libtraceName() {
        return libtraceName;
    }

    public int sourceFormatId() {
        return sourceFormatId;
    }

    public String description() {
        return description;
    }
}
