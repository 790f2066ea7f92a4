package io.netvcr.formats.erf;

import io.netvcr.formats.Confidence;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
import io.netvcr.formats.io.RecordStream;
import java.io.IOException;
import java.util.List;

/**
 * Endace ERF (DAG cards). ERF has no magic number, so the first record header is checked for plausibility:
 * a type this reader knows, a record length that holds the header (and its extension headers), a wire
 * length no larger than a record can describe, and a timestamp between 1990 and 2106.
 */
public final class ErfFormat implements TraceFormat {
    static final int HEADER = 16;
    private static final long MIN_PLAUSIBLE_SECONDS = 631_152_000L; // 1990-01-01

    @Override
    public String name() {
        return "erf";
    }

    @Override
    public List<String> aliases() {
        return List.of("dag");
    }

    @Override
    public int sourceFormatId() {
        return 3;
    }

    @Override
    public String description() {
        return "Endace ERF (DAG): Ethernet, POS/HDLC, ATM, AAL5, IPv4/IPv6 records; detected by content";
    }

    @Override
    public Confidence probe(byte[] h, int n) {
        if (n < HEADER) {
            return Confidence.NONE;
        }
        long ts = RecordStream.u64(h, 0, true);
        int typeByte = h[8] & 0xff;
        int type = typeByte & 0x7f;
        int flags = h[9] & 0xff;
        int rlen = RecordStream.u16(h, 10, false);
        int wlen = RecordStream.u16(h, 14, false);
        int minLength = HEADER + ((typeByte & ErfType.EXTENSION_BIT) != 0 ? 8 : 0);
        if (!ErfType.isKnown(type) || rlen < minLength) {
            return Confidence.NONE;
        }
        // Flag bits 6-7 are reserved and zero on every DAG card; payload records cannot be wider than wlen allows.
        if ((flags & 0xc0) != 0) {
            return Confidence.NONE;
        }
        if (!ErfType.isSkipped(type) && wlen == 0) {
            return Confidence.NONE;
        }
        long seconds = ts >>> 32;
        if (seconds < MIN_PLAUSIBLE_SECONDS) {
            return Confidence.NONE;
        }
        return Confidence.HEURISTIC;
    }

    @Override
    public TraceReader open(TraceSource source) throws IOException {
        return new ErfReader(source);
    }
}
