package io.netvcr.cli;

import io.netvcr.formats.nvcr.PayloadSidecar;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Outputs that belong together (shards, a .nvcr and its payload sidecar, a report's CSV and plot files, a
 * replay's pcap sink and ε log): they take their names together or not at all.
 *
 * <p>A tool begins a set naming its inputs; every {@link Output#open} until the set is closed joins it, from
 * any thread. Opening refuses an output that is one of the inputs (or their payload sidecars), through hard
 * links and symlinks (exit 64, before anything is written). {@link #commit()} needs every member complete;
 * it then keeps each file about to be replaced as a hard-linked backup, renames every temporary file over its
 * target, and only when all renames succeeded drops the backups; a failed rename puts the old files back.
 * Closing a set that was not committed removes its temporary files. An {@link Output} opened outside any
 * set is a set of one, committed by its own {@link Output#commit()}.
 *
 * <p>A signal (SIGINT/SIGTERM) during a commit waits for it to finish: {@link #stopAll} then tells what was
 * kept and what removed, and nothing can commit afterwards.
 */
public final class OutputSet implements AutoCloseable {
    /** Sets begun and not yet closed, innermost last. */
    private static final Deque<OutputSet> SCOPES = new ConcurrentLinkedDeque<>();
    /** Every set with temporary files on disk, for the signal path. */
    private static final Set<OutputSet> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Names of the files committed by this process, in order: a signal's notice must not call them removed. */
    private static final List<String> COMMITTED = java.util.Collections.synchronizedList(new ArrayList<>());
    /** What the first stop by signal did (every later hook reports the same). */
    private static Stopped stopped;

    private enum State {
        OPEN,
        COMMITTED,
        ABANDONED
    }

    private final boolean scoped;
    private final List<Path> inputs = new ArrayList<>();
    private final List<Output> members = new ArrayList<>();
    private final List<Path> expected = new ArrayList<>();
    private final Set<Path> temps = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.OPEN;
    private String abandonedBy;

    private OutputSet(boolean scoped, Collection<String> inputs) {
        this.scoped = scoped;
        for (String in : inputs) {
            if (in == null || in.equals("-") || in.startsWith("<")) {
                continue;
            }
            this.inputs.add(Path.of(in));
            this.inputs.add(Path.of(PayloadSidecar.nameFor(in)));
        }
    }

    /** Begins a set for a run reading these inputs ("-" and null are skipped); close it when done. */
    public static OutputSet begin(Collection<String> inputs) {
        OutputSet s = new OutputSet(true, inputs);
        SCOPES.addLast(s);
        return s;
    }

    public static OutputSet begin(String... inputs) {
        return begin(java.util.Arrays.asList(inputs));
    }

    static OutputSet current() {
        OutputSet s = SCOPES.peekLast();
        return s != null ? s : new OutputSet(false, List.of());
    }

    /**
     * Checks, before the run starts, an output that will be opened later (a replay's sink file or ε log):
     * refused at once if it is an input or another expected output.
     */
    public OutputSet expect(String output) throws IOException {
        if (output == null || output.equals("-")) {
            return this;
        }
        Path p = OutputTarget.real(output);
        refuseInput(output, p);
        if (Files.exists(p) && !Files.isRegularFile(p)) {
            return this; // a device or FIFO is written through: two outputs may share /dev/null
        }
        for (Path e : expected) {
            if (OutputTarget.same(e, p)) {
                throw ToolException.usage(
                        output + " is given as two outputs (the same file): each output needs its own file");
            }
        }
        expected.add(p);
        return this;
    }

    private void refuseInput(String name, Path p) {
        for (Path in : inputs) {
            if (Files.exists(in) && OutputTarget.same(in, p)) {
                throw ToolException.usage(name + " is an input of this run (" + in + ", the same file): "
                        + "refusing to overwrite it; write the output to another file");
            }
        }
    }

    synchronized Output open(String path) throws IOException {
        if (state != State.OPEN) {
            throw new IllegalStateException("output set already " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (Output.isStdout(path)) {
            Output o = Output.stdout(this);
            members.add(o);
            return o;
        }
        OutputTarget t = OutputTarget.resolve(path);
        refuseInput(path, t.path);
        expected.removeIf(e -> OutputTarget.same(e, t.path));
        for (Output m : members) {
            if (t.kind == OutputTarget.Kind.REPLACE
                    && m.target() != null
                    && OutputTarget.same(m.target().path, t.path)) {
                throw ToolException.usage(
                        path + " is given as two outputs (the same file): each output needs its own file");
            }
        }
        Output o = Output.create(path, t, this);
        members.add(o);
        return o;
    }

    void track(Path temp) {
        temps.add(temp);
        LIVE.add(this);
    }

    void untrack(Path temp) {
        temps.remove(temp);
    }

    /** A member is complete: a set of one commits now. */
    void completed(Output o) throws IOException {
        if (!scoped) {
            commit();
        }
    }

    /** A member was closed before it was complete: nothing of the set will be committed. */
    void abandon(Output o) throws IOException {
        lock.lock();
        try {
            if (state == State.OPEN) {
                abandonedBy = o.name();
                removeTemps();
                state = State.ABANDONED;
            }
        } finally {
            lock.unlock();
        }
    }

    /** True when every expected output was opened, every member is complete and the set was not abandoned. */
    public synchronized boolean complete() {
        return state != State.ABANDONED
                && expected.isEmpty()
                && members.stream().allMatch(Output::complete);
    }

    /**
     * Puts every member in place, or none. Throws when a member is not complete (or was abandoned), or when a
     * rename fails; the message says what was put back.
     */
    public void commit() throws IOException {
        List<Output> files = new ArrayList<>();
        synchronized (this) {
            if (state == State.COMMITTED) {
                return;
            }
            if (state == State.ABANDONED) {
                throw new IOException("outputs not written: " + abandonedBy + " was not completed");
            }
            if (!expected.isEmpty()) {
                throw new IllegalStateException(expected.get(0) + " was never opened");
            }
            for (Output m : members) {
                if (!m.complete()) {
                    throw new IllegalStateException(m.name() + " is not complete");
                }
                if (m.temp() != null) {
                    files.add(m);
                }
            }
        }
        lock.lock();
        try {
            if (state != State.OPEN) {
                throw new IOException("outputs not written: stopped before they were complete");
            }
            commitFiles(files);
            state = State.COMMITTED;
            for (Output o : files) {
                COMMITTED.add(o.name());
            }
            LIVE.remove(this);
        } catch (IOException | RuntimeException e) {
            removeTemps();
            state = State.ABANDONED;
            abandonedBy = "the commit";
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private void commitFiles(List<Output> files) throws IOException {
        Path[] backups = new Path[files.size()];
        try {
            if (files.size() > 1) {
                // A single rename replaces atomically by itself; a set needs the old files to put back.
                for (int i = 0; i < files.size(); i++) {
                    Path target = files.get(i).target().path;
                    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                        Path b = files.get(i).target().sibling(OutputTarget.BACKUP_TAG);
                        try {
                            Files.createLink(b, target);
                        } catch (IOException | UnsupportedOperationException noLink) {
                            // No hard links here (vfat, some FUSE) or no inode left for one: move the old file
                            // aside instead; the rollback moves it back either way.
                            try {
                                move(target, b);
                            } catch (IOException e) {
                                String undone = rollBack(files, backups, 0);
                                throw new OutputException(
                                        files.get(i).name(),
                                        "cannot keep the old file while replacing it (" + OutputTarget.reason(e) + "); "
                                                + undone,
                                        e);
                            }
                        }
                        backups[i] = b;
                    }
                }
            }
            for (int i = 0; i < files.size(); i++) {
                Output o = files.get(i);
                try {
                    move(o.temp(), o.target().path);
                    temps.remove(o.temp());
                } catch (IOException e) {
                    String undone = rollBack(files, backups, i);
                    throw new OutputException(
                            o.name(), "cannot put it in place (" + OutputTarget.reason(e) + "); " + undone, e);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A backup that could not be put back is the only old copy left: keep it.
            java.util.Arrays.fill(backups, null);
            throw e;
        } finally {
            for (Path b : backups) {
                if (b != null) {
                    Files.deleteIfExists(b);
                }
            }
        }
        Set<Path> dirs = new LinkedHashSet<>();
        for (Output o : files) {
            dirs.add(o.target().path.getParent());
        }
        for (Path d : dirs) {
            syncDirectory(d);
        }
    }

    /**
     * Undoes a commit whose renames 0..failed-1 were done: every old file back from its backup (a hard link,
     * or the file itself moved aside), new files that replaced nothing removed; says what it did.
     */
    private static String rollBack(List<Output> files, Path[] backups, int failed) {
        List<String> lost = new ArrayList<>();
        for (int j = 0; j < files.size(); j++) {
            Path target = files.get(j).target().path;
            try {
                if (backups[j] != null) {
                    move(backups[j], target);
                    backups[j] = null;
                } else if (j < failed) {
                    Files.deleteIfExists(target);
                }
            } catch (IOException e) {
                lost.add(files.get(j).name()
                        + (backups[j] != null
                                ? " (its old version is kept beside it as " + backups[j].getFileName() + ")"
                                : ""));
            }
        }
        if (!lost.isEmpty()) {
            return "could not put back " + String.join(", ", lost);
        }
        return failed == 0 ? "nothing was replaced" : "the outputs already replaced were put back as they were";
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void syncDirectory(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // some file systems cannot sync a directory; the data itself was synced before the renames
        }
    }

    private void removeTemps() {
        for (Path t : temps) {
            try {
                Files.deleteIfExists(t);
            } catch (IOException ignored) {
                // best effort: the leftover carries our PID and the next run removes it
            }
        }
        temps.clear();
        LIVE.remove(this);
    }

    /** Ends the set: if it was not committed, its temporary files are removed and nothing takes their names. */
    @Override
    public void close() throws IOException {
        SCOPES.remove(this);
        List<Output> open;
        synchronized (this) {
            open = new ArrayList<>(members);
        }
        for (Output m : open) {
            try {
                m.close();
            } catch (IOException ignored) {
                // the set is abandoned below either way
            }
        }
        lock.lock();
        try {
            if (state == State.OPEN) {
                removeTemps();
                state = State.ABANDONED;
                abandonedBy = "the run";
            }
        } finally {
            lock.unlock();
        }
    }

    /** What a stop by signal did to the outputs: names committed before it, names removed. */
    public record Stopped(List<String> kept, List<String> removed) {}

    /**
     * For the shutdown hook: waits (bounded) for a commit in progress, then removes every uncommitted
     * temporary file; the lock is kept so no commit can start afterwards.
     */
    public static synchronized Stopped stopAll(int committedBefore) {
        // Nested runs (replay --prep) each have a hook: the second one must not wait on the locks the first holds.
        if (stopped != null) {
            return stopped;
        }
        List<String> kept = new ArrayList<>();
        synchronized (COMMITTED) {
            kept.addAll(COMMITTED.subList(Math.min(committedBefore, COMMITTED.size()), COMMITTED.size()));
        }
        List<String> removed = new ArrayList<>();
        List<OutputSet> all = new ArrayList<>(LIVE);
        all.addAll(SCOPES);
        for (OutputSet s : new LinkedHashSet<>(all)) {
            try {
                s.lock.tryLock(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<String> names = new ArrayList<>();
            for (Output m : s.membersSnapshot()) {
                if (m.temp() != null) {
                    names.add(m.name());
                }
            }
            if (s.state != State.COMMITTED) {
                if (s.state == State.OPEN) {
                    removed.addAll(names);
                }
                s.removeTemps();
                s.state = State.ABANDONED;
                s.abandonedBy = "a signal";
            }
        }
        stopped = new Stopped(kept, removed);
        return stopped;
    }

    /** How many files this process has committed so far (a mark for {@link #stopAll}). */
    public static int committedCount() {
        return COMMITTED.size();
    }

    private synchronized List<Output> membersSnapshot() {
        return new ArrayList<>(members);
    }
}
