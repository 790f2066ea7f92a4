package io.netvcr.convert;

import java.util.List;

/** Counts from one conversion, for the summary line and --json. */
public final class ConvertResult {
    public long packets;
    /** Packets read from the inputs, before --filter, --time-range, --skip and --limit. */
    public long packetsRead;

    public long wireBytes;
    public long storedBytes;
    public long truncated;
    public long inputBytes;
    /** Records that could not be packets (nothing captured, or all zero), passed over and not written. */
    public long nonPacketsSkipped;

    public long elapsedNs;
    public String inputFormat;
    public String outputKind;
    /** For merged inputs: "N=input#interface" per output interface; empty for one input. */
    public List<String> interfaces = List.of();
    /** With --salvage: the damage that ended the input early, or null. */
    public String salvageWarning;
    /** NetVCR output: packets whose IP/transport headers --snap cut, those cut before fields prep can rebuild from. */
    public long snapCutsHeaders;

    public long snapCutsEssentials;
    /** Smallest --snap keeping every header the capture holds (0 when there was no IP). */
    public int snapForHeaders;
    /** The warning about them, or null. */
    public String snapWarning;
}
