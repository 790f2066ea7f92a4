package io.netvcr.cli;

import picocli.CommandLine.Option;

/**
 * --src-mac and --dst-mac, declared once for the tools that write Ethernet addresses: prep rewrites them in
 * every IP frame, convert puts them in the synthetic header it gives raw-IP records.
 */
public final class MacOptions {
    @Option(
            names = "--src-mac",
            paramLabel = "MAC",
            converter = Mac.Converter.class,
            description = "Source MAC to write: into every IP Ethernet frame (netvcr-prep), or into the synthetic "
                    + "Ethernet header of raw-IP records (netvcr-convert; default 02:00:00:00:00:01).")
    public Mac src;

    @Option(
            names = "--dst-mac",
            paramLabel = "MAC",
            converter = Mac.Converter.class,
            description = "Destination MAC to write, likewise (netvcr-convert's default 02:00:00:00:00:02).")
    public Mac dst;
}
