package io.netvcr.formats.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place a test declares what it needs from the machine (root, a tool, the shared trace corpus, a kernel
 * feature). Where it is missing the test is skipped with the reason, except when the environment sets
 * {@code NETVCR_REQUIRE_ALL=1} (CI does): then the test fails, so a missing install step or a lost corpus cannot
 * turn a regression into a silent skip.
 */
public final class Prerequisites {
    private Prerequisites() {}

    /** Whether a missing prerequisite fails the test instead of skipping it. */
    public static boolean requireAll() {
        return "1".equals(System.getenv("NETVCR_REQUIRE_ALL"));
    }

    /** Skips (or, under NETVCR_REQUIRE_ALL=1, fails) the calling test unless {@code available}. */
    public static void require(boolean available, String whyMissing) {
        if (!available) {
            missing(whyMissing);
        }
    }

    /** Skips (or fails) the calling test, naming the missing prerequisite; returns only to satisfy the compiler. */
    public static void missing(String why) {
        if (requireAll()) {
            Assertions.fail("prerequisite missing and NETVCR_REQUIRE_ALL=1: " + why);
        }
        Assumptions.abort(why);
    }
}
