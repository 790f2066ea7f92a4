package io.netvcr.prep;

import io.netvcr.formats.nvcr.NvcrLayout;

/** Everything a prep run needs, independent of the command line. */
public final class PrepOptions {
    public String input;
    public String output;
    /** Input format when it is not detected by content (for raw traces converted on the fly). */
    public String format;

    public ScheduleMode scheduleMode = ScheduleMode.MULTIPLIER;
    public Ratio rate = new Ratio(1, 1, 1.0);
    public long maxGapNs;
    public boolean l1;
    public PayloadMode payload = PayloadMode.PAD;
    public int mtu = 1514;
    public OversizePolicy oversize = OversizePolicy.TRUNCATE;
    public Rewriter rewriter = new Rewriter(null, null, null, null, -1, -1);
    /** null: directions as captured. */
    public FlowSplitter splitter;

    public int shards = 1;
    /** Stored bytes per record when the input is a raw trace converted on the fly (pad mode). */
    public int snap = NvcrLayout.DEFAULT_SNAP;

    public String toolVersion = "";
    /** The options as given, recorded in the header. */
    public String parameters = "";
}
