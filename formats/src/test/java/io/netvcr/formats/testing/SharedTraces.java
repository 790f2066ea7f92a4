package io.netvcr.formats.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The public trace corpus in ../shared/traces (MANIFEST.tsv, reference/*.tsv). Tests that use it skip with a
 * visible reason when it is absent, so a checkout without it still builds.
 */
public final class SharedTraces {
    private SharedTraces() {}

    public static Path root() {
        String p = System.getProperty("netvcr.shared.traces");
        if (p != null && Files.isDirectory(Path.of(p))) {
            return Path.of(p).normalize();
        }
        for (Path c :
                new Path[] {Path.of("../shared/traces"), Path.of("../../shared/traces"), Path.of("/work/shared/traces")
                }) {
            if (Files.isDirectory(c)) {
                return c.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /** Skips the calling test (with a reason) when the corpus is not present. */
    public static Path require() {
        Path r = root();
        Prerequisites.require(r != null, "shared trace corpus (../shared/traces) not present: skipped");
        return r;
    }

    public static List<Path> files(String dir) {
        Path d = require().resolve(dir);
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MANIFEST.tsv rows keyed by path (relative to the corpus root), as column name to value. */
    public static Map<String, Map<String, String>> manifest() {
        Path m = require().resolve("MANIFEST.tsv");
        try {
            List<String> lines = Files.readAllLines(m);
            String[] cols = lines.get(0).split("\t", -1);
            Map<String, Map<String, String>> rows = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < cols.length && i < v.length; i++) {
                    row.put(cols[i], v[i]);
                }
                rows.put(v[0], row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of a reference dump: tshark's view of a packet. */
    public record RefPacket(
            int index,
            String epoch,
            int wireLength,
            int capLength,
            String ipSrc,
            String ipDst,
            String ipProto,
            String ipLen) {}

    /** reference/NAME.tsv for a trace file name, or null when there is none. */
    public static List<RefPacket> reference(String fileName) {
        Path r = require().resolve("reference").resolve(fileName + ".tsv");
        if (!Files.exists(r)) {
            return null;
        }
        try {
            List<RefPacket> out = new ArrayList<>();
            for (String line : Files.readAllLines(r)) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] v = line.split("\t", -1);
                out.add(new RefPacket(
                        Integer.parseInt(v[0]),
                        v[1],
                        Integer.parseInt(v[2]),
                        Integer.parseInt(v[3]),
                        v.length > 4 ? v[4] : "",
                        v.length > 5 ? v[5] : "",
                        v.length > 6 ? v[6] : "",
                        v.length > 7 ? v[7] : ""));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** epoch seconds with 9 decimals ("1095292801.000721000") to ns; handles tshark's odd negative forms. */
    public static long epochToNs(String epoch) {
        java.math.BigDecimal d = new java.math.BigDecimal(epoch);
        return d.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }
}
