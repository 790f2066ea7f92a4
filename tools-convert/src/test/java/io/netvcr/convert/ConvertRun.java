package io.netvcr.convert;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs conversions the way netvcr-convert does, for tests. */
final class ConvertRun {
    private ConvertRun() {}

    static ConvertResult convert(List<String> inputs, Path output, Consumer<ConvertOptions> tweak) throws IOException {
        ConvertOptions o = new ConvertOptions();
        o.inputs = new ArrayList<>(inputs);
        o.output = output.toString();
        o.toolVersion = "netvcr test";
        tweak.accept(o);
        return Converter.convert(o, Progress.none());
    }

    static ConvertResult convert(String input, Path output, Consumer<ConvertOptions> tweak) throws IOException {
        return convert(List.of(input), output, tweak);
    }

    /** Every packet of a trace, copied. */
    static List<Packet> packets(Path file) throws IOException {
        List<Packet> out = new ArrayList<>();
        try (TraceInput in = TraceInput.open(file.toString(), null, ReaderOptions.DEFAULTS)) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                Packet c = new Packet();
                c.copyFrom(p);
                out.add(c);
            }
        }
        return out;
    }
}
