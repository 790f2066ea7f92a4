package io.netvcr.analyze;

import io.netvcr.cli.ToolException;
import java.util.ServiceLoader;

/** Finds the engine --engine names: local is built in, others are plugged in as services. */
public final class AnalysisEngines {
    /** sysexits EX_UNAVAILABLE: the engine's module is not on the class path. */
    public static final int UNAVAILABLE = 69;

    private AnalysisEngines() {
    }

    public static AnalysisEngine byName(String name) {
        if ("local".equals(name)) {
            return new LocalEngine();
        }
        for (AnalysisEngine e : ServiceLoader.load(AnalysisEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        if ("spark".equals(name)) {
            throw new ToolException(UNAVAILABLE, "spark engine not installed (build module tools-analyze-spark: "
                + "mvn -B -q package -DskipTests; bin/netvcr-analyze adds it to the class path for --engine spark)");
        }
        throw ToolException.usage("unknown --engine '" + name + "'; known: local, spark");
    }
}
