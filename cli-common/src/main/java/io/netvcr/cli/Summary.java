package io.netvcr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of a run: a text line for people and the same fields as JSON for scripts. Nested objects are
 * plain maps so every tool's JSON is built the same way.
 *
 * Jackson is touched only when a field is read or JSON is written: a run that prints its text line (analyze of a
 * pcap) would otherwise load ~370 Jackson classes and build an ObjectMapper for nothing.
 */
public final class Summary {
    /** Loaded on first use, not with Summary. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final Map<String, Object> fields = new LinkedHashMap<>();
    /** A typed report not yet turned into fields (see {@link #of}). */
    private Object report;

    /**
     * A summary from a typed report (a record, usually): Jackson writes its components under their names, in
     * declaration order, nested records as nested objects (@JsonInclude on a component leaves it out when unset).
     */
    public static Summary of(Object report) {
        Summary s = new Summary();
        s.report = report;
        return s;
    }

    /** The fields (a typed report's converted now, once; every other access goes through here first). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> map() {
        if (report != null) {
            fields.putAll(Json.MAPPER.convertValue(report, LinkedHashMap.class));
            report = null;
        }
        return fields;
    }

    public Summary put(String key, Object value) {
        map().put(key, value);
        return this;
    }

    /** Puts a value at a dotted path, creating nested objects ("rate.pps"). */
    @SuppressWarnings("unchecked")
    public Summary putPath(String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> m = map();
        for (int i = 0; i < parts.length - 1; i++) {
            m = (Map<String, Object>) m.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        m.put(parts[parts.length - 1], value);
        return this;
    }

    public Map<String, Object> fields() {
        return map();
    }

    public Object get(String key) {
        return map().get(key);
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(map());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prints JSON when asked, else the text line unless quiet. When stdout carries the tool's data output the
     * caller passes stderr.
     */
    public void print(CommonOptions common, PrintStream out, String textLine) {
        if (common.json) {
            out.println(toJson());
        } else if (!common.quiet) {
            System.err.println(textLine);
        }
    }

    /**
     * For tools whose result is the report itself (analyze, compare): JSON or the text (unless quiet), both on
     * stdout, where `> report.txt` finds it. A report that cannot be written fails the run (see ToolMain).
     */
    public void report(CommonOptions common, String text) {
        if (common.json) {
            System.out.println(toJson());
        } else if (!common.quiet) {
            System.out.println(text);
        }
    }

    public static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
