package io.netvcr.analyze.spark;

import io.netvcr.analyze.AnalysisEngine;
import io.netvcr.analyze.Stretches;
import io.netvcr.analyze.TraceAnalyzer;
import io.netvcr.analyze.TrafficStats;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.Progress;
import io.netvcr.cli.ToolException;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrStreamReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import scala.reflect.ClassTag;

/**
 * netvcr-analyze --engine spark: the same statistics, computed by Apache Spark over splits of the inputs.
 * Each split (a run of NetVCR records, or a whole trace of another format; see {@link TraceInputFormat}) is
 * analysed by the local engine's accumulators into a {@link TrafficStats}; the driver folds them in trace
 * order ({@link Stretches}), which gives the one-pass answer exactly. With --merged, packets are first sorted
 * into the order TraceMerger emits them ({@link MergeKey}) and the sorted partitions are folded the same way.
 */
public final class SparkEngine implements AnalysisEngine {
    /** What the driver knows of one input before Spark reads it. */
    private record Input(
            String name,
            Path path,
            long size,
            String format,
            Long firstTs,
            boolean mayBeOutOfOrder,
            int recordLength) {}

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<TraceAnalyzer.Result> analyze(Request request) throws IOException {
        SparkLogging.configure(request.common().debug);
        long start = System.nanoTime();
        SparkSession session = SparkSession.getDefaultSession().getOrElse(() -> null);
        SparkContext existing = session != null ? session.sparkContext() : null;
        // A new session starts on another thread while this one probes the inputs: both are serial time, which
        // local[2] pays as local[1] does (start-up ~3 s, probe ~1 s with the class-data archive).
        CompletableFuture<SparkContext> starting = existing != null ? null : start(request);
        Configuration hadoop = hadoopConf(request.conf());
        List<Input> inputs = new ArrayList<>();
        try {
            for (String t : request.traces()) {
                inputs.add(probe(t, request.format(), hadoop));
            }
        } catch (IOException | RuntimeException e) {
            if (starting != null) {
                starting.thenAccept(SparkContext::stop);
            }
            throw e;
        }
        // --debug: the driver's phases and Spark's per-stage totals on stderr (where a run's time went)
        java.util.Map<String, Long> phases = new java.util.LinkedHashMap<>();
        phases.put("probe", (System.nanoTime() - start) / 1_000_000);
        long t = System.nanoTime();
        SparkContext spark = existing != null ? existing : started(starting);
        // what the session start took beyond the probe
        phases.put("session", (System.nanoTime() - t) / 1_000_000);
        StageMetrics metrics = request.common().debug ? new StageMetrics() : null;
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark);
            if (metrics != null) {
                jsc.sc().addSparkListener(metrics);
            }
            List<JavaPairRDD<LongWritable, Packet>> rdds = new ArrayList<>();
            int[] firstPartition = new int[inputs.size() + 1];
            long least = localSplitSize(jsc, inputs);
            for (int i = 0; i < inputs.size(); i++) {
                JavaPairRDD<LongWritable, Packet> rdd = read(jsc, inputs.get(i), request.format(), least);
                rdds.add(rdd);
                firstPartition[i + 1] = firstPartition[i] + rdd.getNumPartitions();
            }
            @SuppressWarnings("unchecked")
            JavaPairRDD<LongWritable, Packet> all = jsc.union(rdds.toArray(new JavaPairRDD[0]));
            int partitions = firstPartition[inputs.size()];
            // split tasks, then the flow count's reduce tasks (--merged: the sort's two stages before them)
            long expectedTasks =
                    (request.merged() ? 3L * partitions : partitions) + Math.min(partitions, jsc.defaultParallelism());
            try (Progress progress =
                    Progress.start(request.common(), "analyze (spark tasks)", expectedTasks, " tasks", 1)) {
                TaskProgress listener = new TaskProgress(progress);
                jsc.sc().addSparkListener(listener);
                try {
                    long run = System.nanoTime();
                    Union u = new Union(all, inputs, firstPartition);
                    List<TraceAnalyzer.Result> out = request.merged()
                            ? merged(u, request.settings(), start)
                            : perTrace(u, request.settings(), start);
                    if (metrics != null) {
                        phases.put("jobs and folding", (System.nanoTime() - run) / 1_000_000);
                        jsc.sc().listenerBus().waitUntilEmpty();
                        metrics.print(System.err, (System.nanoTime() - start) / 1_000_000, phases);
                    }
                    return out;
                } finally {
                    jsc.sc().removeSparkListener(listener);
                    if (metrics != null) {
                        jsc.sc().removeSparkListener(metrics);
                    }
                }
            }
        } catch (Exception e) {
            // Spark's SparkException is checked in Java's eyes but thrown unchecked from Scala
            throw translate(e);
        } finally {
            if (existing == null) {
                spark.stop();
            }
        }
    }

    /**
     * The inputs read as one RDD, input i in partitions firstPartition[i] .. firstPartition[i + 1] - 1: what both
     * ways of analysing them (per trace, merged) start from. Driver side only: Spark closures capture its parts.
     */
    private record Union(JavaPairRDD<LongWritable, Packet> all, List<Input> inputs, int[] firstPartition) {
        int partitions() {
            return firstPartition[inputs.size()];
        }
    }

    // ---- per trace

    private static List<TraceAnalyzer.Result> perTrace(Union u, TrafficStats.Settings settings, long start)
            throws IOException {
        JavaPairRDD<LongWritable, Packet> all = u.all();
        List<Input> inputs = u.inputs();
        int[] firstPartition = u.firstPartition();
        int partitions = u.partitions();
        long[] origin = new long[partitions];
        int[] traceOf = new int[partitions];
        for (int i = 0; i < inputs.size(); i++) {
            Long o = inputs.get(i).firstTs();
            java.util.Arrays.fill(origin, firstPartition[i], firstPartition[i + 1], o == null ? 0 : o);
            java.util.Arrays.fill(traceOf, firstPartition[i], firstPartition[i + 1], i);
        }
        int reducers = reducers(all, partitions);
        JavaRDD<Tuple2<Integer, Object>> pieces = all.mapPartitionsWithIndex(
                (idx, it) -> FlowCounts.split(
                        idx, traceOf[idx], stretch(it, settings, TrafficStats.Carry.origin(origin[idx])), reducers),
                true);
        FlowCounts.Collected parts = collect(pieces, partitions, reducers, settings);
        recount(
                parts,
                all.rdd(),
                origin,
                traceOf,
                reducers,
                settings.flowCapacity,
                (it, carry) -> stretch(it, settings, carry));
        List<TraceAnalyzer.Result> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            TrafficStats stats;
            if (in.firstTs() == null) {
                stats = new TrafficStats(settings);
            } else {
                int first = firstPartition[i];
                stats = Stretches.fold(
                                settings,
                                in.firstTs(),
                                parts.stats(first, firstPartition[i + 1]),
                                (k, carry) -> FlowCounts.withoutFlows(
                                        again(all.rdd(), first + k, (idx, it) -> one(stretch(it, settings, carry)))
                                                .get(0)))
                        .stats();
                parts.restore(stats, i, first, firstPartition[i + 1]);
            }
            out.add(new TraceAnalyzer.Result(in.name(), in.format(), stats, in.size(), System.nanoTime() - start));
        }
        return out;
    }

    /** Reduce tasks of the flow count: one per core, no more than the splits. */
    private static int reducers(JavaPairRDD<?, ?> rdd, int partitions) {
        return Math.max(1, Math.min(partitions, rdd.context().defaultParallelism()));
    }

    /** Runs the split tasks and the flow count; the driver receives small statistics and at most the kept keys. */
    private static FlowCounts.Collected collect(
            JavaRDD<Tuple2<Integer, Object>> pieces, int partitions, int reducers, TrafficStats.Settings settings) {
        int capacity = settings.flowCapacity;
        List<Object> got = JavaPairRDD.fromJavaRDD(pieces)
                .partitionBy(new org.apache.spark.HashPartitioner(reducers))
                .mapPartitions(it -> FlowCounts.reduce(it, capacity))
                .collect();
        return new FlowCounts.Collected(got, partitions, capacity);
    }

    /** Analyses a partition's packets after what carry describes. */
    private interface Analyse<T> extends java.io.Serializable {
        TrafficStats apply(Iterator<T> packets, TrafficStats.Carry carry) throws Exception;
    }

    /**
     * Reads again the splits whose own flow or talker table filled, counting the kept keys of their trace alone
     * (see {@link FlowCounts}); nothing runs when no table filled (the usual case with the default capacity).
     */
    private static <T> void recount(
            FlowCounts.Collected parts,
            org.apache.spark.rdd.RDD<T> rdd,
            long[] origin,
            int[] traceOf,
            int reducers,
            int capacity,
            Analyse<T> analyse) {
        int partitions = traceOf.length;
        boolean[][] filled = new boolean[partitions][];
        List<Integer> some = new ArrayList<>();
        io.netvcr.analyze.FlowTable[] kept = new io.netvcr.analyze.FlowTable[traceOf[partitions - 1] + 1];
        for (int p = 0; p < partitions; p++) {
            filled[p] = parts.filled(p);
            if (filled[p] != null) {
                some.add(p);
                if (kept[traceOf[p]] == null) {
                    kept[traceOf[p]] = parts.kept(traceOf[p]);
                }
            }
        }
        if (some.isEmpty()) {
            return;
        }
        // a pruned RDD numbers its partitions anew, in the parent's order
        int[] originalOf = some.stream().mapToInt(Integer::intValue).toArray();
        PartitionPruningRDD<T> pruned = PartitionPruningRDD.create(rdd, new SomePartitions(originalOf));
        JavaRDD<Tuple2<Integer, Object>> pieces = new JavaRDD<>(pruned, rdd.elementClassTag())
                .mapPartitionsWithIndex(
                        (i, it) -> {
                            int p = originalOf[i];
                            TrafficStats s =
                                    analyse.apply(it, new TrafficStats.Carry(origin[p], null, kept[traceOf[p]]));
                            return FlowCounts.recount(traceOf[p], s, filled[p], reducers);
                        },
                        true);
        parts.recount(JavaPairRDD.fromJavaRDD(pieces)
                .partitionBy(new org.apache.spark.HashPartitioner(reducers))
                .mapPartitions(it -> FlowCounts.reduce(it, capacity))
                .collect());
    }

    private static final class SomePartitions extends scala.runtime.AbstractFunction1<Object, Object>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final int[] partitions;

        SomePartitions(int[] sorted) {
            this.partitions = sorted;
        }

        @Override
        public Object apply(Object index) {
            return java.util.Arrays.binarySearch(partitions, (Integer) index) >= 0;
        }
    }

    static TrafficStats stretch(
            Iterator<Tuple2<LongWritable, Packet>> it, TrafficStats.Settings settings, TrafficStats.Carry carry) {
        TrafficStats t = new TrafficStats(settings, carry);
        while (it.hasNext()) {
            t.accept(it.next()._2());
        }
        return t;
    }

    private static <T> Iterator<T> one(T t) {
        return Collections.singletonList(t).iterator();
    }

    /** Runs f on one partition of rdd only (a stretch analysed again with what came before it). */
    private static <T, R> List<R> again(
            org.apache.spark.rdd.RDD<T> rdd,
            int partition,
            org.apache.spark.api.java.function.Function2<Integer, Iterator<T>, Iterator<R>> f) {
        ClassTag<T> tag = rdd.elementClassTag();
        PartitionPruningRDD<T> one = PartitionPruningRDD.create(rdd, new OnePartition(partition));
        return new JavaRDD<>(one, tag).mapPartitionsWithIndex(f, true).collect();
    }

    private static final class OnePartition extends scala.runtime.AbstractFunction1<Object, Object>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final int partition;

        OnePartition(int partition) {
            this.partition = partition;
        }

        @Override
        public Object apply(Object index) {
            return (Integer) index == partition;
        }
    }

    // ---- merged

    private static List<TraceAnalyzer.Result> merged(Union u, TrafficStats.Settings settings, long start)
            throws IOException {
        JavaPairRDD<LongWritable, Packet> all = u.all();
        List<Input> inputs = u.inputs();
        int[] firstPartition = u.firstPartition();
        int partitions = u.partitions();
        int[] inputOf = new int[partitions];
        boolean[] needMax = new boolean[partitions];
        boolean anyNeedMax = false;
        Long origin = null;
        long size = 0;
        LinkedHashSet<String> formats = new LinkedHashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            boolean split = firstPartition[i + 1] - firstPartition[i] > 1;
            for (int p = firstPartition[i]; p < firstPartition[i + 1]; p++) {
                inputOf[p] = i;
                needMax[p] = split && in.mayBeOutOfOrder();
                anyNeedMax |= needMax[p];
            }
            if (in.firstTs() != null) {
                origin = origin == null ? in.firstTs() : Math.min(origin, in.firstTs());
            }
            size += in.size();
            formats.add(in.format());
        }
        String format = String.join("+", formats);
        String name = String.join(" + ", inputs.stream().map(Input::name).toList());
        if (origin == null) {
            return List.of(new TraceAnalyzer.Result(
                    name, format, new TrafficStats(settings), size, System.nanoTime() - start));
        }
        // The latest timestamp before each split of its input: only out-of-order NetVCR files cut in several
        // splits need it (elsewhere a split's own running maximum is the input's), and only they pay a read.
        long[] before = new long[partitions];
        java.util.Arrays.fill(before, Long.MIN_VALUE);
        if (anyNeedMax) {
            List<Long> max = all.mapPartitionsWithIndex(
                            (idx, it) -> {
                                long m = Long.MIN_VALUE;
                                if (needMax[idx]) {
                                    while (it.hasNext()) {
                                        m = Math.max(m, it.next()._2().timestampNs);
                                    }
                                }
                                return one(m);
                            },
                            true)
                    .collect();
            for (int p = 1; p < partitions; p++) {
                if (inputOf[p] == inputOf[p - 1]) {
                    before[p] = Math.max(before[p - 1], max.get(p - 1));
                }
            }
        }
        JavaRDD<Tuple2<MergeKey, PacketRow>> rows =
                all.mapPartitionsWithIndex((idx, it) -> keyed(it, inputOf[idx], before[idx]), true);
        JavaPairRDD<MergeKey, PacketRow> sorted = JavaPairRDD.fromJavaRDD(rows).sortByKey(true, partitions);
        long o = origin;
        int reducers = reducers(sorted, partitions);
        FlowCounts.Collected parts = collect(
                sorted.mapPartitionsWithIndex(
                        (idx, it) ->
                                FlowCounts.split(idx, 0, ordered(it, settings, TrafficStats.Carry.origin(o)), reducers),
                        true),
                partitions,
                reducers,
                settings);
        long[] origins = new long[partitions];
        java.util.Arrays.fill(origins, o);
        recount(
                parts,
                sorted.rdd(),
                origins,
                new int[partitions],
                reducers,
                settings.flowCapacity,
                (it, carry) -> ordered(it, settings, carry));
        TrafficStats stats = Stretches.fold(
                        settings,
                        o,
                        parts.stats(0, partitions),
                        (k, carry) -> FlowCounts.withoutFlows(
                                again(sorted.rdd(), k, (idx, it) -> one(ordered(it, settings, carry)))
                                        .get(0)))
                .stats();
        parts.restore(stats, 0, 0, partitions);
        stats.renumberInterfaces();
        return List.of(new TraceAnalyzer.Result(name, format, stats, size, System.nanoTime() - start));
    }

    private static Iterator<Tuple2<MergeKey, PacketRow>> keyed(
            Iterator<Tuple2<LongWritable, Packet>> it, int input, long before) {
        return new Iterator<>() {
            long runningMax = before;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Tuple2<MergeKey, PacketRow> next() {
                Tuple2<LongWritable, Packet> t = it.next();
                Packet p = t._2();
                runningMax = Math.max(runningMax, p.timestampNs);
                return new Tuple2<>(new MergeKey(runningMax, input, t._1().get()), PacketRow.of(p, input));
            }
        };
    }

    static TrafficStats ordered(
            Iterator<Tuple2<MergeKey, PacketRow>> it, TrafficStats.Settings settings, TrafficStats.Carry carry) {
        TrafficStats t = new TrafficStats(settings, carry);
        Packet p = new Packet();
        while (it.hasNext()) {
            it.next()._2().fill(p);
            t.accept(p);
        }
        return t;
    }

    // ---- inputs, session, errors

    private static Configuration hadoopConf(List<String> conf) {
        Configuration c = new Configuration();
        for (String kv : conf) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.startsWith("spark.hadoop.")) {
                c.set(kv.substring("spark.hadoop.".length(), eq), kv.substring(eq + 1));
            }
        }
        return c;
    }

    /** Checks an input exists and is a readable trace, and reads what the plan needs: format, first timestamp. */
    private static Input probe(String trace, String format, Configuration conf) throws IOException {
        if (TraceInput.isStdio(trace)) {
            throw ToolException.usage("the spark engine reads files, not stdin ('-')");
        }
        Path path = new Path(trace);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus st;
        try {
            st = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new ToolException(ExitCodes.NO_INPUT, "no such file: " + trace);
        }
        if (st.isDirectory()) {
            throw new ToolException(ExitCodes.NO_INPUT, trace + ": is a directory, not a trace");
        }
        try (TraceInput in = TraceInput.open(trace, fs.open(path), st.getLen(), format, ReaderOptions.DEFAULTS)) {
            Packet p = new Packet();
            Long first = in.reader().next(p) ? p.timestampNs : null;
            boolean outOfOrder = !(in.reader() instanceof NvcrStreamReader r)
                    || (r.header().fileFlags & (NvcrLayout.FILE_OUT_OF_ORDER | NvcrLayout.FILE_STREAMED)) != 0;
            int recordLength = in.reader() instanceof NvcrStreamReader nvcr ? nvcr.header().recordLength : 0;
            return new Input(
                    trace,
                    fs.makeQualified(path),
                    st.getLen(),
                    in.reader().formatName(),
                    first,
                    outOfOrder,
                    recordLength);
        } catch (TraceFormatException e) {
            throw new ToolException(ExitCodes.DATA_ERROR, e.getMessage(), e);
        }
    }

    /** How many splits per core a local master gets at most (see {@link #localSplitSize}). */
    static final int LOCAL_SPLITS_PER_CORE = 2;

    /**
     * The least split size for an embedded (local) master: the inputs in about {@link #LOCAL_SPLITS_PER_CORE}
     * splits per core, never under {@link TraceInputFormat#DEFAULT_MIN_SPLIT}; 0 for a cluster, whose cores are
     * not known before its executors register. Every split costs a fresh flow table, the drain of its ~50 000
     * flows and talkers into the shuffle, the reduce of those keys and its serialized statistics: 8 GB in 8 files,
     * local[1], 64 splits of 128 MB took 33.0 s of process CPU (task thread 17.8 s, flow reduce 3.2 s, C2 5.5 s),
     * 8 whole files 23.8 s (13.0, 0.7, 3.8), the same answer. Two splits per core leave a core that finishes
     * early another split to take.
     */
    private static long localSplitSize(JavaSparkContext jsc, List<Input> inputs) {
        if (!jsc.isLocal()) {
            return 0;
        }
        long total = 0;
        for (Input in : inputs) {
            total += in.size();
        }
        return Math.max(
                TraceInputFormat.DEFAULT_MIN_SPLIT, total / ((long) LOCAL_SPLITS_PER_CORE * jsc.defaultParallelism()));
    }

    private static JavaPairRDD<LongWritable, Packet> read(JavaSparkContext jsc, Input in, String format, long least)
            throws IOException {
        Configuration c = new Configuration(jsc.hadoopConfiguration());
        c.set(TraceInputFormat.NAME, in.name());
        long split = TraceInputFormat.DEFAULT_MIN_SPLIT;
        if (least > 0 && in.recordLength() > 0) {
            split = Math.max(split, TraceInputFormat.equalSplitSize(in.size(), in.recordLength(), least));
        }
        TraceInputFormat.defaultSplitSize(c, split);
        if (format != null) {
            c.set(TraceInputFormat.FORMAT, format);
        }
        Job job = Job.getInstance(c);
        FileInputFormat.setInputPaths(job, in.path());
        return jsc.newAPIHadoopRDD(job.getConfiguration(), TraceInputFormat.class, LongWritable.class, Packet.class);
    }

    private static CompletableFuture<SparkContext> start(Request r) {
        CompletableFuture<SparkContext> f = new CompletableFuture<>();
        // a daemon: a run that fails before it waits (a bad input) exits without waiting for Spark
        Thread th = new Thread(
                () -> {
                    try {
                        f.complete(session(r));
                    } catch (Throwable e) {
                        f.completeExceptionally(e);
                    }
                },
                "netvcr-spark-session");
        th.setDaemon(true);
        th.start();
        return f;
    }

    /** The session start's own outcome, its exception unwrapped as if it had started on this thread. */
    private static SparkContext started(CompletableFuture<SparkContext> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            // Spark's exceptions are checked in Java's eyes (SparkException) but thrown unchecked from Scala
            throw SparkEngine.<RuntimeException>unchecked(e.getCause() != null ? e.getCause() : e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E unchecked(Throwable e) throws E {
        throw (E) e;
    }

    /**
     * A new embedded or cluster context; an application that already runs a session (tests, spark-shell) is
     * reused. A bare SparkContext, not a SparkSession: the engine uses RDDs only, and a session's SQL state cost
     * start-up time that local[2] pays as local[1] does.
     */
    private static SparkContext session(Request r) {
        // under spark-submit the master comes from its --master (as the spark.master property)
        String master = r.master() != null ? r.master() : System.getProperty("spark.master", "local[*]");
        SparkConf c = new SparkConf()
                .setAppName("netvcr-analyze")
                .setMaster(master)
                .set("spark.ui.enabled", String.valueOf(r.ui()))
                .set("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local") && !r.ui()) {
            // embedded: driver and block manager listen on loopback only
            c.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
        }
        for (String kv : r.conf()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw ToolException.usage("--spark-conf wants KEY=VALUE, got '" + kv + "'");
            }
            c.set(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return new SparkContext(c);
    }

    /** Exceptions of tasks reach the driver as text in Spark's message: "class: message" on its first line. */
    private static final java.util.regex.Pattern TASK_FAILURE = java.util.regex.Pattern.compile(
            "(io\\.netvcr\\.formats\\.TraceFormatException|java\\.io\\.FileNotFoundException|"
                    + "java\\.nio\\.file\\.NoSuchFileException|java\\.io\\.IOException): ([^\\n]*)");

    /** One line naming the file for bad or missing inputs; Spark's own trace only under --debug (as the cause). */
    static ToolException translate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ToolException te) {
                return te;
            }
            if (t instanceof TraceFormatException) {
                return new ToolException(ExitCodes.DATA_ERROR, t.getMessage(), e);
            }
            if (t instanceof FileNotFoundException || t instanceof NoSuchFileException) {
                return new ToolException(ExitCodes.NO_INPUT, t.getMessage(), e);
            }
            java.util.regex.Matcher m = TASK_FAILURE.matcher(String.valueOf(t.getMessage()));
            if (t instanceof org.apache.spark.SparkException && m.find()) {
                int code = switch (m.group(1)) {
                    case "io.netvcr.formats.TraceFormatException" -> ExitCodes.DATA_ERROR;
                    case "java.io.IOException" -> ExitCodes.IO_ERROR;
                    default -> ExitCodes.NO_INPUT;
                };
                return new ToolException(code, m.group(2), e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        int code = root instanceof IOException ? ExitCodes.IO_ERROR : ExitCodes.SOFTWARE;
        String m = root.getMessage();
        return new ToolException(
                code,
                "spark: "
                        + (m == null
                                ? root.getClass().getSimpleName()
                                : m.lines().findFirst().orElse("")),
                e);
    }
}
