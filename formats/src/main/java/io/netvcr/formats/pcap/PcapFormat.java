package io.netvcr.formats.pcap;

import io.netvcr.formats.Confidence;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
import io.netvcr.formats.TraceWriter;
import io.netvcr.formats.WriteTarget;
import java.io.IOException;
import java.util.List;

/** Classic libpcap files: µs and ns magics, either byte order. */
public final class PcapFormat implements TraceFormat {
    static final int MAGIC_US = 0xa1b2c3d4;
    static final int MAGIC_NS = 0xa1b23c4d;

    @Override
    public String name() {
        return "pcap";
    }

    @Override
    public List<String> aliases() {
        return List.of("libpcap", "tcpdump");
    }

    @Override
    public int sourceFormatId() {
        return 1;
    }

    @Override
    public String description() {
        return "libpcap/tcpdump capture (µs and ns, little- and big-endian)";
    }

    @Override
    public Confidence probe(byte[] h, int n) {
        if (n < 4) {
            return Confidence.NONE;
        }
        int be = (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
        int le = Integer.reverseBytes(be);
        return be == MAGIC_US || be == MAGIC_NS || le == MAGIC_US || le == MAGIC_NS
                ? Confidence.CERTAIN
                : Confidence.NONE;
    }

    @Override
    public TraceReader open(TraceSource source) throws IOException {
        return new PcapReader(source);
    }

    @Override
    public List<String> extensions() {
        return List.of(".pcap", ".cap", ".dmp");
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public TraceWriter create(WriteTarget target) {
        PcapWriter w = new PcapWriter(target.channel, target.name);
        if (target.linkType >= 0) {
            w.linkType(target.linkType);
        }
        return w;
    }
}
