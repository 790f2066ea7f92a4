package io.netvcr.convert;

import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.nvcr.NvcrLayout;
import java.util.ArrayList;
import java.util.List;

/** Everything a conversion needs, independent of the command line. */
public final class ConvertOptions {
    /** Paths ("-" for stdin), each optionally "FORMAT:path" (see {@link InputSpec}); several are merged. */
    public List<String> inputs = new ArrayList<>();

    public String output;
    /** Named input format, or null to detect by content. */
    public String format;

    public int snap = NvcrLayout.DEFAULT_SNAP;
    /** 0: smallest record that holds snap. */
    public int recordLength;

    public ReaderOptions reader = new ReaderOptions();
    /** Synthetic Ethernet header for raw-IP records; null: on when writing NetVCR (the replayable output). */
    public Boolean linkEthernet;
    /** tcpdump filter expression, or null. */
    public String filter;

    public TimeRange timeRange = TimeRange.ALL;
    public long skip;
    /** Negative: no limit. */
    public long limit = -1;

    public String toolVersion = "";
    /** Export a prepared NetVCR file as the replayer will send it. */
    public boolean asReplayed;
    /** NetVCR output: whole packets longer than the snap go to the OUTPUT.payload sidecar. */
    public boolean keepPayload;
}
