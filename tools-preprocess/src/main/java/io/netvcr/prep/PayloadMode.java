package io.netvcr.prep;

import io.netvcr.cli.OptionWord;
import io.netvcr.formats.nvcr.NvcrLayout;

/** What follows the stored headers in a sent frame (--payload pad, null or keep, in the order help lists them). */
public enum PayloadMode implements OptionWord {
    /**
     * The stored bytes (headers and up to snap - headers bytes of real payload), then zeros up to the send
     * length; every checksum precomputed for the padded frame.
     */
    PAD(NvcrLayout.PAYLOAD_PAD),
    /**
     * The paper's null payload: headers kept, every byte after the transport header (after the IP header for
     * other protocols and later fragments) zero, whatever the snap stored; checksums precomputed.
     */
    NULL(NvcrLayout.PAYLOAD_NULL),
    /**
     * The captured bytes themselves, taken from the input's payload sidecar (netvcr-convert --keep-payload)
     * or from a raw trace, and stored whole in the prepared records (so the replayer's FrameBuilder needs
     * no sidecar); checksums recomputed only where prep changed the packet or had to pad it.
     */
    KEEP(NvcrLayout.PAYLOAD_KEEP);

    public final int headerId;

    PayloadMode(int headerId) {
        this.headerId = headerId;
    }
}
