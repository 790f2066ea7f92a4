package io.netvcr.formats;

/** Options some readers need; defaults suit every reader, so most callers pass {@link #DEFAULTS}. */
public final class ReaderOptions {
    public static final ReaderOptions DEFAULTS = new ReaderOptions();

    /** TSH and other raw-IP formats: prepend an Ethernet header so the trace can go on an Ethernet. */
    public boolean linkEthernet;

    public byte[] srcMac = {0x02, 0, 0, 0, 0, 0x01};
    public byte[] dstMac = {0x02, 0, 0, 0, 0, 0x02};
    /** Keep going after a damaged record at the end: return what was whole, remember the damage. */
    public boolean salvage;
    /** Interface number added to every packet (inputs merged into one output each get their own). */
    public int interfaceBase;
}
