package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.Packet;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepCommandTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path tmp;

    private Path trace(String name, boolean pcap) throws Exception {
        List<Packet> ps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ps.add(Frames.packet(
                    T0 + i * 1_000_000L,
                    Frames.ip(Frames.v4("198.18.0.1"), Frames.v4("198.19.0.1"), 17, 1000 + i, 53, 0, 100 * i, -1)));
        }
        Path p = tmp.resolve(name);
        if (pcap) {
            Frames.writePcap(p, ps);
        } else {
            Frames.writeNvcr(p, ps);
        }
        return p;
    }

    private JsonNode runJson(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true));
            List<String> a = new ArrayList<>(List.of("--json"));
            a.addAll(List.of(args));
            code = ToolMain.run("netvcr-prep", new PrepCommand(), a.toArray(new String[0]));
        } finally {
            System.setOut(old);
        }
        assertThat(code).as("exit code, output %s", buf).isEqualTo(ExitCodes.OK);
        return new ObjectMapper().readTree(buf.toString());
    }

    @Test
    void shouldWriteAPreparedHeaderWithTheScheduleAndParameters() throws Exception {
        Path in = trace("in.nvcr", false);
        Path out = tmp.resolve("out.nvcr");
        JsonNode j = runJson("--pps", "1000", "--ttl", "9", in.toString(), out.toString());
        assertThat(j.get("packets").asLong()).isEqualTo(10);
        assertThat(j.get("scheduleDurationNs").asLong()).isEqualTo(9_000_000);
        assertThat(j.get("rate").get("pps").asDouble())
                .isEqualTo(10 / 0.009, org.assertj.core.data.Offset.offset(0.01));
        assertThat(j.get("checksumsWritten").asLong()).isEqualTo(20);
        assertThat(j.get("padded").asLong()).isEqualTo(9);
        // --json comes from a typed record: scripts rely on these keys in this order
        java.util.List<String> keys = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "input",
                        "inputFormat",
                        "outputs",
                        "packets",
                        "padded",
                        "checksumsWritten",
                        "checksumsUntouched",
                        "checksumsKept",
                        "checksums",
                        "nonIp",
                        "oversize",
                        "truncated",
                        "dropped",
                        "empty",
                        "outOfOrder",
                        "sendBytes",
                        "scheduleMode",
                        "scheduleDurationNs",
                        "loopPeriodNs",
                        "rate",
                        "elapsedNs");
        assertThat(j.get("rate").size()).isEqualTo(2);
        assertThat(j.get("scheduleMode").asText()).isEqualTo("pps");
        try (NvcrFile f = NvcrFile.open(out)) {
            NvcrHeader h = f.header();
            assertThat(h.isPrepared()).isTrue();
            assertThat(h.scheduleMode).isEqualTo(NvcrLayout.SCHEDULE_PPS);
            assertThat(h.scheduleParam).isEqualTo(1000.0);
            assertThat(h.scheduleDurationNs).isEqualTo(9_000_000);
            assertThat(h.loopPeriodNs).isEqualTo(10_000_000);
            assertThat(h.payloadMode).isEqualTo(NvcrLayout.PAYLOAD_PAD);
            assertThat(h.prepParameters).contains("--pps 1000").contains("--ttl 9");
            NvcrRecord r = new NvcrRecord();
            for (int i = 0; i < 10; i++) {
                f.record(i, r);
                assertThat(r.sendOffsetNs()).isEqualTo(i * 1_000_000L);
                assertThat(r.sendLength()).isEqualTo(14 + 20 + 8 + 100 * i);
                assertThat(r.dataByte(r.l3Offset() + 8)).isEqualTo(9);
            }
        }
    }

    @Test
    void shouldCapGapsGivenWithUnits() throws Exception {
        Path in = trace("in.nvcr", false);
        Path out = tmp.resolve("gap.nvcr");
        JsonNode j = runJson("--max-gap", "250us", in.toString(), out.toString());
        assertThat(j.get("scheduleDurationNs").asLong()).isEqualTo(9 * 250_000L);
        try (NvcrFile f = NvcrFile.open(out)) {
            assertThat(f.header().maxGapNs).isEqualTo(250_000L);
            assertThat(f.header().scheduleMode).isEqualTo(NvcrLayout.SCHEDULE_MULTIPLIER);
            assertThat(f.header().loopPeriodNs).isEqualTo(10 * 250_000L);
            NvcrRecord r = new NvcrRecord();
            f.record(3, r);
            assertThat(r.sendOffsetNs()).isEqualTo(750_000L);
        }
    }

    @Test
    void shouldConvertARawTraceOnTheFlyAndReadStdin() throws Exception {
        Path in = trace("in.pcap", true);
        Path out = tmp.resolve("a.nvcr");
        JsonNode j = runJson("--topspeed", in.toString(), out.toString());
        assertThat(j.get("inputFormat").asText()).isEqualTo("pcap");
        try (NvcrFile f = NvcrFile.open(out)) {
            assertThat(f.header().fileFlags & NvcrLayout.FILE_TOPSPEED).isNotZero();
            assertThat(f.count()).isEqualTo(10);
        }
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(trace("in2.nvcr", false))));
            JsonNode k = runJson("--multiplier", "2", "-", tmp.resolve("b.nvcr").toString());
            assertThat(k.get("packets").asLong()).isEqualTo(10);
            assertThat(k.get("scheduleDurationNs").asLong()).isEqualTo(4_500_000);
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void shouldRefuseBadOptionsWithUsageAndMissingInputWithNoInput() throws Exception {
        Path in = trace("in.nvcr", false);
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream()));
            assertThat(ToolMain.run("netvcr-prep", new PrepCommand(), new String[] {
                        "--vlan",
                        "add:5000",
                        in.toString(),
                        tmp.resolve("o.nvcr").toString()
                    }))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(ToolMain.run("netvcr-prep", new PrepCommand(), new String[] {
                        "--pps",
                        "1",
                        "--mbps",
                        "2",
                        in.toString(),
                        tmp.resolve("o.nvcr").toString()
                    }))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(ToolMain.run("netvcr-prep", new PrepCommand(), new String[] {
                        "--ip-map",
                        "198.18.0.0/16=2001:db8::/16",
                        in.toString(),
                        tmp.resolve("o.nvcr").toString()
                    }))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(ToolMain.run(
                            "netvcr-prep", new PrepCommand(), new String[] {"--shards", "2", in.toString(), "-"}))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(ToolMain.run("netvcr-prep", new PrepCommand(), new String[] {
                        tmp.resolve("missing.nvcr").toString(),
                        tmp.resolve("o.nvcr").toString()
                    }))
                    .isEqualTo(ExitCodes.NO_INPUT);
        } finally {
            System.setErr(err);
        }
        assertThat(tmp.resolve("o.nvcr")).doesNotExist();
    }

    /** --payload and --oversize: each word, in any case, reaches the prepared header as the word. */
    @Test
    void shouldTakeEveryPayloadAndOversizeWord() throws Exception {
        Path in = trace("in.pcap", true);
        String[][] cases = {
            {"--payload", "pad"}, {"--payload", "null"}, {"--payload", "keep"}, {"--payload", "NULL"},
            {"--oversize", "truncate"}, {"--oversize", "drop"}, {"--oversize", "keep"}, {"--oversize", "Drop"}
        };
        int[] payloadIds = {
            NvcrLayout.PAYLOAD_PAD, NvcrLayout.PAYLOAD_NULL, NvcrLayout.PAYLOAD_KEEP, NvcrLayout.PAYLOAD_NULL
        };
        for (int i = 0; i < cases.length; i++) {
            Path out = tmp.resolve("w" + i + ".nvcr");
            runJson(cases[i][0], cases[i][1], in.toString(), out.toString());
            try (NvcrFile f = NvcrFile.open(out)) {
                NvcrHeader h = f.header();
                String word = cases[i][1].toLowerCase(java.util.Locale.ROOT);
                assertThat(h.prepParameters).contains(cases[i][0] + " " + word);
                if (i < payloadIds.length) {
                    assertThat(h.payloadMode).as(word).isEqualTo(payloadIds[i]);
                    assertThat(h.prepParameters).contains("--oversize truncate");
                } else {
                    assertThat(h.prepParameters).contains("--payload pad");
                }
            }
        }
    }

    @Test
    void shouldRefuseAnUnknownWordNamingTheOptionAndListThemInHelp() throws Exception {
        Path in = trace("in.nvcr", false);
        String[][] bad = {
            {"--payload", "zero", "expected pad, null or keep, not 'zero'"},
            {"--oversize", "split", "expected truncate, drop or keep, not 'split'"}
        };
        for (String[] b : bad) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream err = System.err;
            int code;
            try {
                System.setErr(new PrintStream(buf, true));
                code = ToolMain.run("netvcr-prep", new PrepCommand(), new String[] {
                    b[0], b[1], in.toString(), tmp.resolve("o.nvcr").toString()
                });
            } finally {
                System.setErr(err);
            }
            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(buf.toString().lines().findFirst().orElseThrow())
                    .isEqualTo("netvcr-prep: Invalid value for option '" + b[0] + "': " + b[2]);
        }
        assertThat(tmp.resolve("o.nvcr")).doesNotExist();
        picocli.CommandLine cl = ToolMain.commandLine("netvcr-prep", new PrepCommand());
        assertThat(cl.getCommandSpec().findOption("--payload").completionCandidates())
                .containsExactly("pad", "null", "keep");
        assertThat(cl.getCommandSpec().findOption("--oversize").completionCandidates())
                .containsExactly("truncate", "drop", "keep");
        String help = cl.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        assertThat(help)
                .contains("--payload=MODE pad, null, keep (default pad).")
                .contains("--oversize=ACTION Frames longer than --mtu: truncate, drop, keep (default truncate;");
    }
}
