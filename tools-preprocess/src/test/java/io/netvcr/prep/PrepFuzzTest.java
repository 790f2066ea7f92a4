package io.netvcr.prep;

import static io.netvcr.formats.nvcr.NvcrLayout.NONE16;
import static io.netvcr.formats.nvcr.NvcrLayout.RECORD_HEADER_LENGTH;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netvcr.cli.Progress;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/**
 * Jazzer target for prep's per-packet path (rewriter, VLAN push/pop, oversize truncation, padding and the
 * checksum precomputation) on arbitrary frames, run through {@link Preparer} exactly as netvcr-prep runs
 * it: the fuzz input becomes a small pcap, the prepared output is opened as a NetVCR file and every
 * record is checked. The contract: no exception at all (the pcap is well formed and the options valid),
 * and each record's lengths and offsets stay inside the record and the frame the replayer builds.
 *
 * <p>Input layout: byte 0 picks link type, VLAN action, TTL/TOS rewrite, payload mode and oversize
 * policy; bytes 1-2 the MTU; then packets, each a 2-byte captured length, a 2-byte extra wire length and
 * the frame bytes. Regression corpus: src/test/resources/io/netvcr/prep/PrepFuzzTestInputs/prep/.
 */
class PrepFuzzTest {
    private static final int MAX_PACKETS = 8;
    private static Path dir;

    @FuzzTest(maxDuration = "10m")
    void prep(byte[] data) throws IOException {
        if (data.length < 3) {
            return;
        }
        int pick = data[0] & 0xff;
        int link = (pick & 1) != 0 ? LinkTypes.RAW : LinkTypes.ETHERNET;
        VlanAction vlan = switch ((pick >>> 1) & 3) {
            case 1 -> new VlanAction(true, 100, 3);
            case 2 -> new VlanAction(false, 0, 0);
            default -> null;
        };
        int ttl = (pick & 8) != 0 ? 17 : -1;
        int tos = (pick & 16) != 0 ? 0xb8 : -1;
        PrepOptions o = new PrepOptions();
        o.payload = (pick & 32) != 0 ? PayloadMode.KEEP : PayloadMode.PAD;
        o.oversize = OversizePolicy.values()[(pick >>> 6) % OversizePolicy.values().length];
        o.mtu = 68 + ((data[1] & 0xff) << 8 | (data[2] & 0xff)) % (9216 - 68);
        o.rewriter = new Rewriter(
                null,
                (pick & 8) != 0 ? new byte[] {2, 0, 0, 0, 0, 9} : null,
                new IpMap().add("198.18.0.0/15=198.19.0.0/15"),
                vlan,
                ttl,
                tos);
        Path in = scratch().resolve("in.pcap");
        Path out = scratch().resolve("out.nvcr");
        Files.write(in, pcap(link, data));
        o.input = in.toString();
        o.output = out.toString();
        PrepResult res = Preparer.run(o, Progress.none());
        try (NvcrFile f = NvcrFile.open(out)) {
            if (f.count() != res.packets) {
                throw new AssertionError(f.count() + " records for " + res.packets + " packets prepared");
            }
            NvcrRecord r = new NvcrRecord();
            for (long i = 0; i < f.count(); i++) {
                check(f.record(i, r), f.recordLength(), i);
            }
        }
    }

    private static void check(NvcrRecord r, int recordLength, long i) {
        int stored = r.storedLength();
        int send = r.sendLength();
        String at = "record " + i + ": ";
        if (stored < 0 || stored > recordLength - RECORD_HEADER_LENGTH) {
            throw new AssertionError(
                    at + "stored length " + stored + " does not fit a " + recordLength + "-byte record");
        }
        if (send <= 0 || send > FrameBuilder.MAX_FRAME || stored > send) {
            throw new AssertionError(at + "send length " + send + " for " + stored + " stored bytes");
        }
        if (r.wireLength() < stored) {
            throw new AssertionError(at + "wire length " + r.wireLength() + " below stored length " + stored);
        }
        int csum = r.l4ChecksumOffset();
        if (csum != NONE16 && csum + 2 > send) {
            throw new AssertionError(at + "checksum offset " + csum + " outside the " + send + "-byte frame");
        }
        // FORMAT.md: offsets into the frame the replayer sends (stored bytes, then zeros), not the stored bytes.
        for (int off : new int[] {r.l3Offset(), r.l4Offset()}) {
            if (off != NONE16 && off > send) {
                throw new AssertionError(at + "header offset " + off + " beyond the " + send + "-byte frame");
            }
        }
    }

    /** A little-endian microsecond pcap holding the packets the input describes. */
    static byte[] pcap(int link, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length + 256);
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(link);
        b.writeBytes(h.array());
        int at = 3;
        for (int n = 0; n < MAX_PACKETS && at + 4 <= data.length; n++) {
            int caplen = Math.min(((data[at] & 0xff) << 8 | (data[at + 1] & 0xff)), data.length - at - 4);
            int extra = (data[at + 2] & 0xff) << 8 | (data[at + 3] & 0xff);
            at += 4;
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt(1000 + n).putInt(n * 10).putInt(caplen).putInt(caplen + extra);
            b.writeBytes(r.array());
            b.write(data, at, caplen);
            at += caplen;
        }
        return b.toByteArray();
    }

    private static synchronized Path scratch() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("netvcr-prep-fuzz-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    @AfterAll
    static void removeScratch() throws IOException {
        if (dir != null) {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
