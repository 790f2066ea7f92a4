package io.netvcr.convert;

/** Counts from one conversion, for the summary line and --json. */
public final class ConvertResult {
    public long packets;
    public long wireBytes;
    public long storedBytes;
    public long truncated;
    public long inputBytes;
    public long elapsedNs;
    public String inputFormat;
    public String outputKind;
    /** With --salvage: the damage that ended the input early, or null. */
    public String salvageWarning;
}
