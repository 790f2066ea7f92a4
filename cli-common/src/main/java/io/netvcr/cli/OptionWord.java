package io.netvcr.cli;

import java.util.Locale;

/**
 * An enum whose constants an option names by words ({@code --payload null}, {@code --prefetch inline}). Engines
 * implement it on their own enums and stay free of picocli; the command line reads the words through
 * {@link OptionWords}, and reports print them with {@link #word()}, so both spell a constant the same way.
 */
public interface OptionWord {
    /** Every enum has it; declared so that {@link #word()} can be derived from it. */
    String name();

    /**
     * The constant as users write it: its name in lower case, which also lets a word be a Java keyword or
     * literal (an enum cannot have a constant called null). An enum may spell one otherwise.
     */
    default String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
