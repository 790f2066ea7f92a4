package io.netvcr.convert;

import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.nvcr.NvcrLayout;
import java.util.ArrayList;
import java.util.List;

/** Everything a conversion needs, independent of the command line. */
public final class ConvertOptions {
    public List<String> inputs = new ArrayList<>();
    public String output;
    /** Named input format, or null to detect by content. */
    public String format;
    public int snap = NvcrLayout.DEFAULT_SNAP;
    /** 0: smallest record that holds snap. */
    public int recordLength;
    public ReaderOptions reader = new ReaderOptions();
    public String toolVersion = "";
    /** Export a prepared NetVCR file as the replayer will send it. */
    public boolean asReplayed;
    /** NetVCR output: whole packets longer than the snap go to the OUTPUT.payload sidecar. */
    public boolean keepPayload;
}
