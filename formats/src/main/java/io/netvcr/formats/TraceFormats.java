package io.netvcr.formats;

import io.netvcr.formats.dag.LegacyDagFormat;
import io.netvcr.formats.dag.LegacyKind;
import io.netvcr.formats.erf.ErfFormat;
import io.netvcr.formats.nvcr.NvcrFormat;
import io.netvcr.formats.pcap.PcapFormat;
import io.netvcr.formats.pcapng.PcapngFormat;
import io.netvcr.formats.tsh.TshFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place where trace formats are registered. Detection asks every format; a magic number (CERTAIN)
 * beats a plausibility check (HEURISTIC), and headerless formats are only used when named with --format.
 */
public final class TraceFormats {
    private static final List<TraceFormat> ALL = List.of(
        new NvcrFormat(),
        new PcapFormat(),
        new PcapngFormat(),
        new ErfFormat(),
        new LegacyDagFormat(LegacyKind.ATM),
        new LegacyDagFormat(LegacyKind.ETH),
        new LegacyDagFormat(LegacyKind.POS),
        new TshFormat());

    private TraceFormats() {
    }

    public static List<TraceFormat> all() {
        return ALL;
    }

    public static Optional<TraceFormat> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (TraceFormat f : ALL) {
            if (f.name().equals(n) || f.aliases().contains(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (TraceFormat f : ALL) {
            names.add(f.name());
        }
        return names;
    }

    /** The best match for these leading bytes, if any format is at least plausible. */
    public static Optional<TraceFormat> detect(byte[] head, int length) {
        TraceFormat best = null;
        Confidence bestC = Confidence.NONE;
        for (TraceFormat f : ALL) {
            Confidence c = f.probe(head, length);
            if (c.compareTo(bestC) > 0) {
                best = f;
                bestC = c;
            }
        }
        return Optional.ofNullable(best);
    }
}
