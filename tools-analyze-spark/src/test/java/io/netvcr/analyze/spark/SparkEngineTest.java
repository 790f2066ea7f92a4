package io.netvcr.analyze.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netvcr.analyze.AnalyzeCommand;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.testing.SharedTraces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --engine spark (local[2]) against --engine local on the shared traces: the JSON must be the same field by
 * field, per trace and merged, and a NetVCR file cut into many splits must give the one-split answer. One
 * SparkSession serves the whole class (the engine reuses a running session).
 */
class SparkEngineTest {
    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("netvcr-test")
                .config("spark.ui.enabled", false)
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", 4)
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return withoutTimings(new ObjectMapper().readTree(out));
        }
    }

    static synchronized Run run(List<String> args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = ToolMain.commandLine("netvcr-analyze", new AnalyzeCommand());
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int code = cl.execute(args.toArray(new String[0]));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static List<String> args(String engine, List<String> extra, List<Path> traces) {
        List<String> a = new ArrayList<>(List.of("--json", "--engine", engine));
        a.addAll(extra);
        traces.forEach(t -> a.add(t.toString()));
        return a;
    }

    /** Run time and throughput differ between engines by nature; everything else must not. */
    static JsonNode withoutTimings(JsonNode j) {
        if (j.has("traces")) {
            j.get("traces").forEach(SparkEngineTest::withoutTimings);
        }
        if (j instanceof ObjectNode o) {
            o.remove("elapsedNs");
            o.remove("megabytesPerSecond");
        }
        return j;
    }

    static void assertSameAnswer(List<String> extra, List<Path> traces) throws Exception {
        Run local = run(args("local", extra, traces));
        Run spark = run(args("spark", extra, traces));
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.json()).as("%s %s", extra, traces).isEqualTo(local.json());
    }

    /** Every shared trace the local engine reads (formats detected by content), one result each. */
    static List<Path> readableSharedTraces() throws Exception {
        Path root = SharedTraces.require();
        List<Path> out = new ArrayList<>();
        for (String d : List.of("pcap", "pcapng", "erf", "compressed")) {
            try (Stream<Path> s = Files.list(root.resolve(d))) {
                for (Path p : s.sorted().toList()) {
                    if (readsWhole(p)) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** Whether the project's readers get through the file (malformed and headerless ones are left out). */
    static boolean readsWhole(Path p) {
        try (TraceInput in = TraceInput.open(p.toString(), null, ReaderOptions.DEFAULTS)) {
            Packet pk = new Packet();
            while (in.reader().next(pk)) {
                // read to the end: damage anywhere disqualifies
            }
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    @Test
    void shouldGiveTheLocalAnswerForEverySharedTrace() throws Exception {
        List<Path> traces = readableSharedTraces();
        assertThat(traces).hasSizeGreaterThan(40);
        assertSameAnswer(List.of(), traces);
    }

    @Test
    void shouldGiveTheLocalAnswerForOneTraceAndFineIntervalsAndSmallFlowTables() throws Exception {
        Path root = SharedTraces.require();
        assertSameAnswer(
                List.of("--interval", "100us", "--max-flows", "20", "--top", "5"),
                List.of(root.resolve("compressed/zeek_echo-connections.pcap.gz")));
        assertSameAnswer(List.of(), List.of(root.resolve("pcapng/zeek_pcapng-multi-interface.pcapng")));
    }

    @Test
    void shouldSayWhereTheTimeWentWithDebug() throws Exception {
        Path trace = SharedTraces.require().resolve("compressed/zeek_echo-connections.pcap.gz");
        Run plain = run(args("spark", List.of(), List.of(trace)));
        Run debug = run(args("spark", List.of("--debug"), List.of(trace)));
        assertThat(debug.code()).as(debug.err()).isZero();
        assertThat(debug.json()).isEqualTo(plain.json());
        long packets = debug.json().at("/packets").asLong();
        // stage 0 reads the trace (one split: not a plain .nvcr), then the flow count's reduce tasks
        java.util.regex.Matcher read = java.util.regex.Pattern.compile(
                        "(?m)^spark: stage \\d+ .*: 1 tasks, wall [0-9.]+ s, .* cores busy; input [0-9.]+ MB in (\\d+) records")
                .matcher(debug.err());
        assertThat(read.find()).as(debug.err()).isTrue();
        assertThat(Long.parseLong(read.group(1))).isEqualTo(packets).isPositive();
        assertThat(debug.err())
                .containsPattern("(?m)^spark: stage \\d+ .*: [12] tasks, .* read [0-9.]+ MB")
                .containsPattern("(?m)^spark: driver: wall [0-9.]+ s, in stages [0-9.]+ s, probe [0-9.]+ s, session")
                .containsPattern("(?m)^spark: process: cpu [0-9.]+ s");
        assertThat(plain.err()).doesNotContain("spark: stage");
    }

    @Test
    void shouldGiveTheLocalAnswerForSeveralTracesMerged() throws Exception {
        Path root = SharedTraces.require();
        List<Path> set = List.of(
                root.resolve("compressed/zeek_echo-connections.pcap.gz"),
                root.resolve("pcapng/zeek_pcapng-multi-interface.pcapng"),
                root.resolve("erf/libtrace_fragtest.erf"),
                root.resolve("pcap/libtrace_100_packets.pcap"),
                root.resolve("compressed/libtrace_100_packets.pcapng.xz"));
        assertSameAnswer(List.of("--merged"), set);
        assertSameAnswer(List.of("--merged", "--max-flows", "30", "--interval", "10ms"), set);
    }

    @Test
    void shouldWriteTheSameCsvFilesAndPlots() throws Exception {
        Path trace = SharedTraces.require().resolve("pcap/zeek_http_bro.org.pcap");
        List<String> names = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (String engine : List.of("local", "spark")) {
            Path csv = dir.resolve("csv-" + engine);
            Path plots = dir.resolve("plots-" + engine);
            Run r = run(args(engine, List.of("--csv", csv.toString(), "--plot", plots.toString()), List.of(trace)));
            assertThat(r.code()).as(r.err()).isZero();
            StringBuilder all = new StringBuilder();
            try (Stream<Path> s = Files.list(csv)) {
                for (Path p : s.sorted().toList()) {
                    all.append(p.getFileName()).append('\n').append(Files.readString(p));
                }
            }
            contents.add(all.toString());
            try (Stream<Path> s = Files.list(plots)) {
                names.add(
                        s.map(p -> p.getFileName().toString()).sorted().toList().toString());
            }
        }
        assertThat(contents.get(0)).isNotBlank();
        assertThat(contents.get(1)).isEqualTo(contents.get(0));
        assertThat(names.get(1)).isEqualTo(names.get(0)).contains(".png");
    }

    /** A shared trace rewritten as NetVCR (keeps its out-of-order packets, so the header says so). */
    static Path asNvcr(Path trace, String name) throws Exception {
        Path out = dir.resolve(name);
        try (TraceInput in = TraceInput.open(trace.toString(), null, ReaderOptions.DEFAULTS);
                FileChannel ch = FileChannel.open(
                        out,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                NvcrWriter w = new NvcrWriter(ch, new NvcrHeader())) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                w.write(p);
            }
            w.finish();
        }
        return out;
    }

    @Test
    void shouldGiveTheSameAnswerFromManySplitsOfOneNvcrFile() throws Exception {
        Path root = SharedTraces.require();
        Path nvcr = asNvcr(root.resolve("compressed/zeek_echo-connections.pcap.gz"), "echo.nvcr");
        Path other = asNvcr(root.resolve("erf/libtrace_fragtest.erf"), "frag.nvcr");
        var hadoop = spark.sparkContext().hadoopConfiguration();
        String key = "mapreduce.input.fileinputformat.split.maxsize";
        AtomicInteger tasks = new AtomicInteger();
        SparkListener count = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd e) {
                tasks.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(count);
        try {
            hadoop.setLong(key, Long.MAX_VALUE);
            Run whole = run(args("spark", List.of("--max-flows", "40"), List.of(nvcr)));
            // 82582 records of 192 bytes in splits of 256 KiB: 61 splits
            hadoop.setLong(key, 256 * 1024);
            tasks.set(0);
            Run split = run(args("spark", List.of("--max-flows", "40"), List.of(nvcr)));
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertThat(tasks.get()).isGreaterThanOrEqualTo(61);
            Run local = run(args("local", List.of("--max-flows", "40"), List.of(nvcr)));
            assertThat(split.code()).as(split.err()).isZero();
            assertThat(split.json()).isEqualTo(whole.json()).isEqualTo(local.json());
            assertThat(split.json().at("/outOfOrder").asLong()).isPositive();
            // merged with a split, out-of-order NetVCR file: the running maximum crosses splits
            assertSameAnswer(List.of("--merged", "--interval", "1ms"), List.of(nvcr, other));
        } finally {
            hadoop.unset(key);
            spark.sparkContext().removeSparkListener(count);
        }
    }

    @Test
    void shouldNameAMissingOrDamagedFileInOneLine() throws Exception {
        Run missing = run(List.of("--engine", "spark", dir.resolve("nope.pcap").toString()));
        assertThat(missing.code()).isEqualTo(66);
        assertThat(missing.err()).contains("nope.pcap").doesNotContain("\tat ");
        Path bad = dir.resolve("bad.nvcr");
        Path good = asNvcr(SharedTraces.require().resolve("pcap/libtrace_100_packets.pcap"), "good.nvcr");
        byte[] b = Files.readAllBytes(good);
        // record 57's stored length beyond its room: damage inside a split, found by an executor
        int rec = 4096 + 57 * 192;
        b[rec + 24] = (byte) 0xff;
        b[rec + 25] = (byte) 0x7f;
        Files.write(bad, b);
        Run damaged = run(List.of("--engine", "spark", bad.toString()));
        assertThat(damaged.code()).as(damaged.err()).isEqualTo(65);
        assertThat(damaged.err())
                .contains("bad.nvcr")
                .contains("record 57")
                .doesNotContain("\tat ")
                .hasLineCount(1);
        Run notTrace = run(List.of(
                "--engine",
                "spark",
                SharedTraces.require()
                        .resolve("malformed/libtrace_100_packets.duck")
                        .toString()));
        assertThat(notTrace.code()).isEqualTo(65);
        assertThat(notTrace.err()).contains("libtrace_100_packets.duck").hasLineCount(1);
    }
}
