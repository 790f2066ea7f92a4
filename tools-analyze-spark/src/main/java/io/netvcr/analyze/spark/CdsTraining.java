package io.netvcr.analyze.spark;

import io.netvcr.analyze.AnalyzeCommand;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.pcap.PcapWriter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the Spark engine's class-data archive (bin/netvcr-analyze runs it once under
 * -XX:ArchiveClassesAtExit when the archive is missing or was made for other jars): a few tiny traces it writes
 * itself, analysed as {@code --engine spark} runs are, so that Spark's, Scala's and Hadoop's classes are parsed
 * and verified once instead of at every start (JVM and session start of a run: about 5 s of CPU less).
 * No network, nothing read but what it writes; a failing step does not stop the rest.
 */
public final class CdsTraining {
    private CdsTraining() {}

    /** DIR: an empty scratch directory (the caller removes it). Prints nothing on stdout. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path a = dir.resolve("a.nvcr");
        Path b = dir.resolve("b.nvcr");
        Path c = dir.resolve("c.pcap");
        write(a, 0, true);
        write(b, 500_000, true);
        write(c, 250_000, false);
        List<List<String>> runs = List.of(
                List.of("--json", "--debug", a.toString(), c.toString()),
                List.of("--json", "--merged", a.toString(), b.toString()),
                // a split size of a few records: several splits per file, as big inputs have
                List.of(
                        "--csv",
                        dir.resolve("csv").toString(),
                        "--spark-conf",
                        "spark.hadoop.mapreduce.input.fileinputformat.split.maxsize=4096",
                        b.toString()));
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (PrintStream none = new PrintStream(OutputStream.nullOutputStream())) {
            System.setOut(none);
            System.setErr(none);
            for (List<String> run : runs) {
                List<String> args2 = new ArrayList<>(List.of("--engine", "spark", "--master", "local[2]"));
                args2.addAll(run);
                try {
                    ToolMain.commandLine("netvcr-analyze", new AnalyzeCommand()).execute(args2.toArray(new String[0]));
                } catch (RuntimeException | LinkageError e) {
                    // a smaller archive is still an archive
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** 200 Ethernet/IPv4 packets of a few TCP and UDP flows in 198.18.0.0/15, 1 ms apart from startUs. */
    private static void write(Path file, long startUs, boolean nvcr) throws Exception {
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            io.netvcr.formats.TraceWriter w =
                    nvcr ? new NvcrWriter(ch, new NvcrHeader()) : new PcapWriter(ch, file.toString());
            Packet p = new Packet();
            for (int i = 0; i < 200; i++) {
                byte[] d = p.prepare(64);
                java.util.Arrays.fill(d, (byte) 0);
                d[0] = 0x02; // locally administered MACs, as all synthetic traffic of the project
                d[5] = 0x02;
                d[6] = 0x02;
                d[11] = 0x01;
                d[12] = 0x08; // IPv4
                d[14] = 0x45;
                d[17] = 50; // total length
                d[22] = 64;
                d[23] = (byte) (i % 3 == 0 ? 17 : 6);
                d[26] = (byte) 198; // 198.18.0.0/15, the RFC 2544 benchmarking range
                d[27] = 18;
                d[29] = (byte) (1 + i % 7);
                d[30] = (byte) 198;
                d[31] = 18;
                d[33] = (byte) (100 + i % 5);
                d[34] = (byte) 0x80;
                d[35] = (byte) i;
                d[37] = 80;
                p.timestampNs = (startUs + i * 1000L) * 1000L;
                p.wireLength = 64;
                p.linkType = LinkTypes.ETHERNET;
                w.write(p);
            }
            w.finish();
        }
    }
}
