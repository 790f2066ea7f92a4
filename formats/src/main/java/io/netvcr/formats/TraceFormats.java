package io.netvcr.formats;

import io.netvcr.formats.dag.LegacyDagFormat;
import io.netvcr.formats.dag.LegacyKind;
import io.netvcr.formats.erf.ErfFormat;
import io.netvcr.formats.nvcr.NvcrFormat;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.pcap.PcapFormat;
import io.netvcr.formats.pcapng.PcapngFormat;
import io.netvcr.formats.tsh.TshFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place where trace formats are registered, readers and writers together: adding a format is one
 * {@link TraceFormat} class and one line in the list below. Detection asks every format; a magic number
 * (CERTAIN) beats a plausibility check (HEURISTIC), and headerless formats are only used when named with
 * --format. Output files pick their writer by extension.
 */
public final class TraceFormats {
    private static final List<TraceFormat> ALL = new CopyOnWriteArrayList<>(List.of(
            new NvcrFormat(),
            new PcapFormat(),
            new PcapngFormat(),
            new ErfFormat(),
            new LegacyDagFormat(LegacyKind.ATM),
            new LegacyDagFormat(LegacyKind.ETH),
            new LegacyDagFormat(LegacyKind.POS),
            new TshFormat()));

    /** What "-" (stdout) and files named without a known extension would be: NetVCR. */
    private static final String STDOUT_FORMAT = "nvcr";

    private TraceFormats() {}

    /** Undoes a {@link #register}. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Adds a format at run time (plug-ins, tests), after the built-in ones so it never wins a detection tie
     * against them. Its names and source format id must be new.
     */
    public static Registration register(TraceFormat format) {
        List<String> names = new ArrayList<>(format.aliases());
        names.add(format.name());
        for (String n : names) {
            if (byName(n).isPresent()) {
                throw new IllegalArgumentException("trace format name '" + n + "' is taken");
            }
        }
        int id = format.sourceFormatId();
        boolean taken = id <= NvcrLayout.SOURCE_UNKNOWN || id == NvcrLayout.SOURCE_SYNTHETIC || id > 0xffff;
        for (TraceFormat f : ALL) {
            taken |= f.sourceFormatId() == id;
        }
        if (taken) {
            throw new IllegalArgumentException("source format id " + id + " is taken or out of range (u16, not 0)");
        }
        ALL.add(format);
        return () -> ALL.remove(format);
    }

    public static List<TraceFormat> all() {
        return List.copyOf(ALL);
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

    /** Like {@link #byName}, failing with the list of known names. */
    public static TraceFormat require(String name) {
        return byName(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown format '" + name + "'; known formats: " + String.join(", ", names())));
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (TraceFormat f : ALL) {
            names.add(f.name());
        }
        return names;
    }

    /** Names of the formats that are read only when named, for messages. */
    public static List<String> headerlessNames() {
        List<String> names = new ArrayList<>();
        for (TraceFormat f : ALL) {
            if (f.headerless()) {
                names.add(f.name());
            }
        }
        return names;
    }

    /** The header's sourceFormat for a trace read by a reader of this registry name (0 when unknown). */
    public static int sourceFormatId(String formatName) {
        return byName(formatName).map(TraceFormat::sourceFormatId).orElse(NvcrLayout.SOURCE_UNKNOWN);
    }

    /** The writable format an output path names by its extension; "-" (stdout) is NetVCR. */
    public static TraceFormat forOutput(String path) {
        if ("-".equals(path)) {
            return require(STDOUT_FORMAT);
        }
        String p = path.toLowerCase(Locale.ROOT);
        List<String> usual = new ArrayList<>();
        for (TraceFormat f : ALL) {
            if (!f.writable()) {
                continue;
            }
            for (String ext : f.extensions()) {
                if (p.endsWith(ext)) {
                    return f;
                }
            }
            if (!f.extensions().isEmpty()) {
                usual.add(f.extensions().get(0));
            }
        }
        String choices = usual.size() > 1
                ? String.join(", ", usual.subList(0, usual.size() - 1)) + " or " + usual.get(usual.size() - 1)
                : String.join("", usual);
        throw new IllegalArgumentException("cannot tell the output type of '" + path + "': name it " + choices
                + " (or use '-' for NetVCR on stdout)");
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
