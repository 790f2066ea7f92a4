package io.netvcr.formats.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of a tool's JSON report as dotted paths in order of first appearance ({@code packets.sent}; the
 * elements of an array as {@code shards[].file}), for tests that a report keeps the keys scripts depend on.
 * Works on the maps and lists any JSON parser produces (Jackson's {@code readValue(json, Map.class)}).
 */
public final class JsonKeys {
    private JsonKeys() {}

    public static List<String> paths(Object parsed) {
        Set<String> out = new LinkedHashSet<>();
        walk(parsed, "", out);
        return new ArrayList<>(out);
    }

    private static void walk(Object o, String prefix, Set<String> out) {
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String p = prefix + e.getKey();
                out.add(p);
                walk(e.getValue(), p + ".", out);
            }
        } else if (o instanceof List<?> l) {
            for (Object v : l) {
                walk(v, prefix + "[].", out);
            }
        }
    }

    /** A key list kept as a test resource, one path a line (made from the JSON a released build printed). */
    public static List<String> resource(Class<?> anchor, String name) throws IOException {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(s -> !s.isBlank())
                    .toList();
        }
    }
}
