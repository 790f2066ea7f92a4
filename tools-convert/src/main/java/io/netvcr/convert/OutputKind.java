package io.netvcr.convert;

import java.util.Locale;

/** What netvcr-convert writes, chosen by the output's extension ("-" is NetVCR on stdout). */
public enum OutputKind {
    NVCR, PCAP, PCAPNG;

    public static OutputKind forPath(String path) {
        if ("-".equals(path)) {
            return NVCR;
        }
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".nvcr")) {
            return NVCR;
        }
        if (p.endsWith(".pcap") || p.endsWith(".cap") || p.endsWith(".dmp")) {
            return PCAP;
        }
        if (p.endsWith(".pcapng") || p.endsWith(".ntar")) {
            return PCAPNG;
        }
        throw new IllegalArgumentException("cannot tell the output type of '" + path
            + "': name it .nvcr, .pcap or .pcapng (or use '-' for NetVCR on stdout)");
    }
}
