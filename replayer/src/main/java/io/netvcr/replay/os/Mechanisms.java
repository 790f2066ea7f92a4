package io.netvcr.replay.os;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the replay actually got from the system: each mechanism asked for is listed as in force or not, with
 * the reason, so a report never claims real-time scheduling or locked memory that was refused.
 */
public final class Mechanisms {
    private final List<String> inForce = Collections.synchronizedList(new ArrayList<>());
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());

    public void inForce(String what) {
        inForce.add(what);
    }

    public void refused(String what, String why) {
        refused.add(what + ": " + why);
    }

    public List<String> inForce() {
        synchronized (inForce) {
            return List.copyOf(inForce);
        }
    }

    public List<String> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }
}
