package io.netvcr.cli;

import io.netvcr.formats.nvcr.NvcrLayout;
import picocli.CommandLine.Option;

/** -s/--snap, declared once for the tools that convert traces into NetVCR records (convert, and prep on the fly). */
public final class SnapOption {
    @Option(
            names = {"-s", "--snap"},
            paramLabel = "BYTES",
            description = "Leading bytes of each packet to store in a NetVCR record (default ${DEFAULT-VALUE}: "
                    + "Ethernet + 2 VLAN tags + IPv6 + TCP with options; netvcr-prep: when it converts a raw trace on "
                    + "the fly). A warning says when it cuts the IP/transport headers of the trace's own packets; "
                    + "netvcr-prep sends at most snap - headers bytes of real payload.")
    public int snap = NvcrLayout.DEFAULT_SNAP;
}
