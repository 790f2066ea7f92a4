package io.netvcr.analyze;

import java.util.LinkedHashMap;
import java.util.Map;

/** The reports' JSON objects are insertion-ordered maps: keys come out in the order the report documents them. */
final class JsonMaps {
    private JsonMaps() {}

    /** A modifiable map of the given key, value pairs, in that order. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
