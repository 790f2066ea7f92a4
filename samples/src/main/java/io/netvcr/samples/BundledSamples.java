package io.netvcr.samples;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The real captures shipped with NetVCR (samples/traces/, packaged into this module's jar so every
 * launcher finds them wherever it is run from).
 */
public final class BundledSamples {
    private static final String RESOURCE_DIR = "/io/netvcr/samples/traces/";

    /** One bundled trace. */
    public record Sample(String name, String description) {
        public String resource() {
            return RESOURCE_DIR + name;
        }

        public InputStream open() throws IOException {
            InputStream in = BundledSamples.class.getResourceAsStream(resource());
            if (in == null) {
                throw new IOException("bundled sample " + name + " is missing from the jar (rebuild with mvn package)");
            }
            return in;
        }

        public long size() throws IOException {
            try (InputStream in = open()) {
                return in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }

    public static final List<Sample> ALL = List.of(new Sample(
            "netvcr-sample.pcap",
            "real capture between two network namespaces (samples/make-sample.sh): "
                    + "TCP (HTTP over IPv4 and IPv6), UDP, ICMP, ICMPv6, ARP; Ethernet, nanosecond pcap"));

    private BundledSamples() {}

    public static Optional<Sample> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
