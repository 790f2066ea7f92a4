package io.netvcr.prep;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.AsReplayedReader;
import io.netvcr.formats.pcapng.PcapngWriter;
import io.netvcr.formats.testing.Prerequisites;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tshark as the independent judge of exported frames; tests skip with a reason when it is absent. */
final class Tshark {
    static final String[] CHECKS = {
        "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"
    };

    private Tshark() {}

    static void require() {
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed: skipped");
    }

    /** tshark -T fields output, one String[] per frame (tab separated, empty strings for absent fields). */
    static List<String[]> fields(Path file, String filter, String... fields) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        cmd.addAll(List.of(CHECKS));
        if (filter != null) {
            cmd.add("-Y");
            cmd.add(filter);
        }
        cmd.addAll(List.of("-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        return run(cmd).stream().map(l -> l.split("\t", -1)).toList();
    }

    static List<String> run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark timed out");
        }
        String s = new String(out, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }

    /** The value tshark's "Bad" checksum status has in this version (0 in 4.x, found from -G values). */
    static synchronized String badStatus() throws IOException, InterruptedException {
        if (bad == null) {
            bad = findBadStatus();
        }
        return bad;
    }

    private static String bad;

    private static String findBadStatus() throws IOException, InterruptedException {
        for (String l : run(List.of("tshark", "-G", "values"))) {
            String[] v = l.split("\t");
            if (v.length >= 4 && v[1].equals("ip.checksum.status") && v[3].equals("Bad")) {
                return v[2];
            }
            if (v.length >= 4 && v[1].equals("icmp.checksum.status") && v[3].equals("Bad")) {
                return v[2];
            }
        }
        throw new IllegalStateException("tshark -G values lists no Bad checksum status");
    }

    /** Exports a prepared file as replayed (what netvcr-convert --as-replayed does) to pcapng. */
    static Path asReplayed(Path prepared, Path out) throws IOException {
        try (TraceInput in = TraceInput.open(prepared.toString(), null, new ReaderOptions());
                FileChannel ch = FileChannel.open(
                        out,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                PcapngWriter w = new PcapngWriter(ch)) {
            AsReplayedReader r = AsReplayedReader.over(in.reader(), in.name());
            Packet p = new Packet();
            while (r.next(p)) {
                w.write(p);
            }
            w.finish();
        }
        return out;
    }
}
