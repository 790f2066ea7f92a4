package io.netvcr.replay.report;

import io.netvcr.cli.OptionWord;

/** Which clock read a packet's ε is measured from (--epsilon-at); the ε log holds both. */
public enum EpsilonAt implements OptionWord {
    /** Just before the send call. */
    CALL,
    /** After the send call returned: the paper's gettimeofday() after sendto(). */
    RETURN
}
