package io.netvcr.analyze;

import io.netvcr.cli.OptionWord;
import io.netvcr.cli.ToolException;
import java.util.ServiceLoader;

/** Finds the engine --engine names: local is built in, others are plugged in as services. */
public final class AnalysisEngines {
    /** sysexits EX_UNAVAILABLE: the engine's module is not on the class path. */
    public static final int UNAVAILABLE = 69;

    /** The engines --engine names; a plugged-in engine's {@link AnalysisEngine#name()} is its word. */
    public enum Kind implements OptionWord {
        LOCAL,
        SPARK
    }

    private AnalysisEngines() {}

    public static AnalysisEngine of(Kind kind) {
        if (kind == Kind.LOCAL) {
            return new LocalEngine();
        }
        for (AnalysisEngine e : ServiceLoader.load(AnalysisEngine.class)) {
            if (e.name().equals(kind.word())) {
                return e;
            }
        }
        // the release archive leaves Spark's 280 MB of libraries out
        throw new ToolException(
                UNAVAILABLE,
                "spark engine not installed: build it in a source checkout "
                        + "(mvn -B -q package -DskipTests) and run its bin/netvcr-analyze, or put the module's jar and "
                        + "target/lib/*.jar into this installation's lib/spark/ (see tools-analyze-spark/README.md)");
    }
}
