package io.netvcr.formats.tsh;

import io.netvcr.formats.HeaderlessFormat;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
import java.io.IOException;
import java.util.List;

/** NLANR Time Sequenced Headers: headerless 44-byte records, so only used when named with --format tsh. */
public final class TshFormat implements HeaderlessFormat {
    @Override
    public String name() {
        return "tsh";
    }

    @Override
    public List<String> aliases() {
        return List.of("nlanr");
    }

    @Override
    public int sourceFormatId() {
        return 7;
    }

    @Override
    public String description() {
        return "NLANR TSH: 44-byte IPv4+TCP header records (needs --format)";
    }

    @Override
    public TraceReader open(TraceSource source) throws IOException {
        return new TshReader(source);
    }
}
