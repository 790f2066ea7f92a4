package io.netvcr.convert;

import io.netvcr.cli.Output;
import io.netvcr.formats.Packet;
import io.netvcr.formats.TraceWriter;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.nvcr.PayloadSidecar;
import java.io.IOException;

/** --keep-payload: a NetVCR writer whose packets longer than the snap also go whole to OUTPUT.payload. */
final class SidecarWriter implements TraceWriter {
    private final NvcrWriter records;
    private final Output sidecarFile;
    private final PayloadSidecar.Writer sidecar;

    /** records' header already carries id; the sidecar joins the .nvcr's output set (committed with it). */
    SidecarWriter(NvcrWriter records, String output, long id) throws IOException {
        this.records = records;
        this.sidecarFile = Output.open(PayloadSidecar.nameFor(output));
        this.sidecar = new PayloadSidecar.Writer(sidecarFile.channel(), id);
    }

    @Override
    public void write(Packet p) throws IOException {
        sidecar.append(records, p);
    }

    /** Completes the records and the sidecar; the caller commits the .nvcr, and with it the sidecar. */
    @Override
    public void finish() throws IOException {
        records.finish();
        sidecar.finish();
        sidecarFile.commit();
    }

    @Override
    public long count() {
        return records.count();
    }

    @Override
    public void close() throws IOException {
        try {
            records.close();
        } finally {
            sidecarFile.close();
        }
    }
}
