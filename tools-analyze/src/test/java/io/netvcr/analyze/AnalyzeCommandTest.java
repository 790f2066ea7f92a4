package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.Packet;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = ToolMain.commandLine("netvcr-analyze", new AnalyzeCommand());
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    Path periodic() throws Exception {
        List<Packet> pk = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            pk.add(Frames.ipv4(
                    1_700_000_000_000_000_000L + i * 250_000L, i % 2 == 0 ? Frames.TCP : Frames.UDP, i, 200));
        }
        return Frames.pcap(dir.resolve("t.pcap"), pk);
    }

    @Test
    void shouldPrintOneJsonObjectWithTheDocumentedFields() throws Exception {
        Run r = run(
                "--json",
                "--interval",
                "10ms",
                "--csv",
                dir.resolve("csv").toString(),
                periodic().toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("packets").asLong()).isEqualTo(300);
        assertThat(j.get("bytes").asLong()).isEqualTo(60_000);
        assertThat(j.get("durationNs").asLong()).isEqualTo(299 * 250_000L);
        for (String k : new String[] {"min", "mean", "stddev", "p50", "p90", "p99", "p999", "max"}) {
            assertThat(j.at("/interArrivalNs/" + k).asDouble())
                    .as(k)
                    .isEqualTo(250_000.0 * (k.equals("stddev") ? 0 : 1));
        }
        assertThat(j.at("/protocols/tcp").asLong()).isEqualTo(150);
        assertThat(j.at("/protocols/udp").asLong()).isEqualTo(150);
        assertThat(j.at("/protocols/icmp").asLong()).isZero();
        assertThat(j.at("/protocols/icmpv6").asLong()).isZero();
        assertThat(j.at("/protocols/other").asLong()).isZero();
        assertThat(j.at("/interfaces/0/packets").asLong()).isEqualTo(300);
        assertThat(j.at("/rate/intervalNs").asLong()).isEqualTo(10_000_000L);
        assertThat(j.at("/rate/peakPps").asDouble()).isEqualTo(4000.0);
        assertThat(j.at("/flows/topFlowsByBytes").size()).isEqualTo(2); // one TCP and one UDP 5-tuple
        assertThat(j.at("/flows/topFlowsByBytes/0/packets").asLong()).isEqualTo(150);
        assertThat(j.at("/burstiness/indexOfDispersion/1ms/indexOfDispersion").asDouble())
                .isZero();
        assertThat(j.get("sizes").get("p50").asLong()).isEqualTo(200);
        List<String> rate = Files.readAllLines(dir.resolve("csv/rate.csv"));
        assertThat(rate.get(0)).isEqualTo("interval,start_ns,start_s,packets,bytes,pps,bps");
        assertThat(rate).hasSize(1 + 8);
        assertThat(rate.get(1).split(",")[3]).isEqualTo("40");
    }

    @Test
    void shouldExitWithSysexitsCodesOnBadInput() throws Exception {
        assertThat(run(dir.resolve("missing.pcap").toString()).code()).isEqualTo(ExitCodes.NO_INPUT);
        Path junk = Files.write(dir.resolve("junk.pcap"), "not a trace at all, not even close".getBytes());
        Run r = run(junk.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.err()).contains("junk.pcap");
        assertThat(run().code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--format", "nope", periodic().toString()).code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void shouldReportEpsilonFromTheReplayersLog() throws Exception {
        Path log = dir.resolve("eps.log");
        try (OutputStream os = Files.newOutputStream(log);
                EpsilonLog.Writer w = new EpsilonLog.Writer(os, 4)) {
            long[] eps = {-300, 0, 1_200, 50_000};
            for (int i = 0; i < eps.length; i++) {
                long deadline = 1_000_000L * i;
                w.write(i, deadline, deadline + eps[i], eps[i]);
            }
        }
        Run r = run(
                "compare",
                "--json",
                "--epsilon-log",
                log.toString(),
                "--plot",
                dir.resolve("plots").toString(),
                "--csv",
                dir.resolve("csv").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.at("/epsilonNs/count").asLong()).isEqualTo(4);
        assertThat(j.at("/epsilonNs/min").asLong()).isEqualTo(-300);
        assertThat(j.at("/epsilonNs/max").asLong()).isEqualTo(50_000);
        assertThat(j.at("/epsilonNs/late").asLong()).isEqualTo(2);
        assertThat(j.at("/epsilonNs/early").asLong()).isEqualTo(1);
        assertThat(dir.resolve("plots/epsilon-vs-index.png")).exists();
        assertThat(Files.readAllLines(dir.resolve("csv/epsilon.csv"))).contains("2,2000000,2001200,1200");

        // a log cut inside a record is an error naming the record and its offset
        byte[] all = Files.readAllBytes(log);
        Path cut = Files.write(dir.resolve("cut.log"), java.util.Arrays.copyOf(all, all.length - 5));
        Run bad = run("compare", "--epsilon-log", cut.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(bad.err()).contains("record 3", "byte offset " + (16 + 3 * 32));
    }

    @Test
    void shouldCompareACaptureFromTheCommandLine() throws Exception {
        Path o = periodic();
        Run r = run("compare", "--json", o.toString(), o.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("matched").asLong()).isEqualTo(300);
        assertThat(j.get("missing").asLong()).isZero();
        assertThat(j.at("/epsilonNs/max").asLong()).isZero();
        assertThat(run("compare", o.toString()).code()).isEqualTo(ExitCodes.USAGE);
    }

    /** --original-format and --capture-format name registry formats, checked while parsing as -F/--format is. */
    @Test
    void shouldTakeTheFormatsOfOriginalAndCaptureFromTheRegistry() throws Exception {
        Path o = periodic();
        Run r = run(
                "compare",
                "--json",
                "--original-format",
                "pcap",
                "--capture-format",
                "pcap",
                o.toString(),
                o.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("matched").asLong()).isEqualTo(300);
        Run bad = run("compare", "--capture-format", "nope", o.toString(), o.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--capture-format", "unknown format 'nope'", "pcapng");
        // A format that cannot read the file is bad data (65), not a silent detection instead.
        Run wrong = run("compare", "--original-format", "erf", o.toString(), o.toString());
        assertThat(wrong.code()).as(wrong.err()).isEqualTo(ExitCodes.DATA_ERROR);
    }
}
