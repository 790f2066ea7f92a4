package io.netvcr.formats.pcapng;

import io.netvcr.formats.Confidence;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
import io.netvcr.formats.TraceWriter;
import io.netvcr.formats.WriteTarget;
import java.io.IOException;
import java.util.List;

/** pcapng (Wireshark's default): sections of either byte order, many interfaces, EPB/SPB/PB. */
public final class PcapngFormat implements TraceFormat {
    static final int SHB = 0x0A0D0D0A;
    static final int BOM = 0x1A2B3C4D;

    @Override
    public String name() {
        return "pcapng";
    }

    @Override
    public List<String> aliases() {
        return List.of("ntar");
    }

    @Override
    public int sourceFormatId() {
        return 2;
    }

    @Override
    public String description() {
        return "pcapng (multiple sections and interfaces, per-interface link type and time resolution)";
    }

    @Override
    public Confidence probe(byte[] h, int n) {
        if (n < 12) {
            return Confidence.NONE;
        }
        int type = (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
        if (type != SHB) {
            return Confidence.NONE;
        }
        int bomBe = (h[8] & 0xff) << 24 | (h[9] & 0xff) << 16 | (h[10] & 0xff) << 8 | (h[11] & 0xff);
        return bomBe == BOM || Integer.reverseBytes(bomBe) == BOM ? Confidence.CERTAIN : Confidence.NONE;
    }

    @Override
    public TraceReader open(TraceSource source) throws IOException {
        return new PcapngReader(source);
    }

    @Override
    public List<String> extensions() {
        return List.of(".pcapng", ".ntar");
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public TraceWriter create(WriteTarget target) {
        return new PcapngWriter(target.channel);
    }
}
