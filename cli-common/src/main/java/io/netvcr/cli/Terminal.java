package io.netvcr.cli;

/** Whether we talk to a person; decides progress bars. */
public final class Terminal {
    private Terminal() {}

    /**
     * System.console() is non-null only when both stdin and stdout are terminals, which is wrong for
     * pipelines such as {@code convert x - | prep - y}: the progress bar goes to stderr, so ask about that
     * via the TERM hint and a console check; when piped, never draw.
     */
    public static boolean stderrIsTerminal() {
        if (Boolean.getBoolean("netvcr.progress.force")) {
            return true;
        }
        String term = System.getenv("TERM");
        if (term == null || term.equals("dumb") || System.getenv("CI") != null) {
            return false;
        }
        return System.console() != null;
    }
}
