package io.netvcr.analyze.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Spark and Hadoop log a lot at INFO; netvcr-analyze shows none of it, and WARN and up with --debug. */
final class SparkLogging {
    private SparkLogging() {}

    static void configure(boolean debug) {
        java.net.URL cfg = SparkLogging.class.getResource("log4j2-netvcr.properties");
        if (cfg != null && System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", cfg.toString());
            try {
                Configurator.reconfigure(cfg.toURI());
            } catch (java.net.URISyntaxException e) {
                // a jar URL is always a URI; if not, the property still applies at first use
            }
        }
        Configurator.setRootLevel(debug ? Level.WARN : Level.OFF);
    }
}
