package io.netvcr.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.io.Streams;
import io.netvcr.formats.pcap.PcapFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Adding a trace format": one {@link TraceFormat} class (here {@link ToyFormat}, reader and writer inside it)
 * and one registration line. The tools then read it (by content or by --format name), write it (by output
 * extension) and store its source format id, all through the {@link TraceFormats} calls convert, prep and
 * analyze make.
 */
class ToyFormatRegistrationTest {
    @TempDir
    Path dir;

    /** A made-up format: magic "TOYTRACE", then records of i64 time (ns), u16 length, the frame; little-endian. */
    static class ToyFormat implements TraceFormat {
        static final byte[] MAGIC = "TOYTRACE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        @Override
        public String name() {
            return "toy";
        }

        @Override
        public List<String> aliases() {
            return List.of("toytrace");
        }

        @Override
        public String description() {
            return "toy trace of the registration test";
        }

        @Override
        public int sourceFormatId() {
            return 200;
        }

        @Override
        public Confidence probe(byte[] head, int length) {
            return length >= 8 && Arrays.equals(Arrays.copyOf(head, 8), MAGIC) ? Confidence.CERTAIN : Confidence.NONE;
        }

        @Override
        public TraceReader open(TraceSource source) throws IOException {
            InputStream in = source.in();
            byte[] magic = new byte[8];
            Streams.readFully(in, magic, 0, 8);
            return new TraceReader() {
                private final byte[] head = new byte[10];
                private long index = -1;
                private long offset = 8;
                private long next = 8;

                @Override
                public boolean next(Packet p) throws IOException {
                    int got = Streams.readFully(in, head, 0, 10);
                    if (got == 0) {
                        return false;
                    }
                    index++;
                    offset = next;
                    if (got < 10) {
                        throw new TraceFormatException(source.name(), index, offset, "record header cut short");
                    }
                    ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
                    int n = h.getShort(8) & 0xffff;
                    p.clear();
                    p.timestampNs = h.getLong(0);
                    p.linkType = LinkTypes.ETHERNET;
                    if (Streams.readFully(in, p.prepare(n), 0, n) < n) {
                        throw new TraceFormatException(source.name(), index, offset, "frame cut short");
                    }
                    p.wireLength = n;
                    next = offset + 10 + n;
                    return true;
                }

                @Override
                public long recordIndex() {
                    return index;
                }

                @Override
                public long byteOffset() {
                    return offset;
                }

                @Override
                public String formatName() {
                    return name();
                }

                @Override
                public int linkType() {
                    return LinkTypes.ETHERNET;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        @Override
        public List<String> extensions() {
            return List.of(".toy");
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public TraceWriter create(WriteTarget target) throws IOException {
            WritableByteChannel out = target.channel;
            out.write(ByteBuffer.wrap(MAGIC));
            return new TraceWriter() {
                private long count;

                @Override
                public void write(Packet p) throws IOException {
                    ByteBuffer b = ByteBuffer.allocate(10 + p.capturedLength()).order(ByteOrder.LITTLE_ENDIAN);
                    b.putLong(p.timestampNs)
                            .putShort((short) p.capturedLength())
                            .put(p.data(), 0, p.capturedLength())
                            .flip();
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                    count++;
                }

                @Override
                public void finish() {}

                @Override
                public long count() {
                    return count;
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }
    }

    private static List<Packet> frames() {
        List<Packet> list = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Packet p = new Packet();
            byte[] d = p.prepare(60 + i);
            for (int j = 0; j < d.length && j < 60 + i; j++) {
                d[j] = (byte) (j == 0 ? 0x02 : i * 31 + j);
            }
            p.wireLength = 60 + i;
            p.linkType = LinkTypes.ETHERNET;
            p.timestampNs = 1_700_000_000_000_000_000L + i * 1_000_123L;
            list.add(p);
        }
        return list;
    }

    /** What convert does for an output path: the registry picks the writer by extension. */
    private static void write(Path path, List<Packet> packets, int sourceFormat) throws IOException {
        TraceFormat format = TraceFormats.forOutput(path.toString());
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            WriteTarget t = new WriteTarget(ch, path.toString(), true);
            t.sourceFormat = sourceFormat;
            TraceWriter w = format.create(t);
            for (Packet p : packets) {
                w.write(p);
            }
            w.finish();
            assertThat(w.count()).isEqualTo(packets.size());
        }
    }

    /** What convert, prep and analyze do for an input: TraceInput asks the registry (detection or --format). */
    private static List<Packet> read(Path path, String formatName, String expectFormat) throws IOException {
        List<Packet> got = new ArrayList<>();
        try (TraceInput in = TraceInput.open(path.toString(), formatName, ReaderOptions.DEFAULTS)) {
            assertThat(in.reader().formatName()).isEqualTo(expectFormat);
            Packet p = new Packet();
            while (in.reader().next(p)) {
                Packet c = new Packet();
                c.copyFrom(p);
                got.add(c);
            }
        }
        return got;
    }

    private static void assertSamePackets(List<Packet> got, List<Packet> want) {
        assertThat(got).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i).timestampNs).isEqualTo(want.get(i).timestampNs);
            assertThat(Arrays.copyOf(got.get(i).data(), got.get(i).capturedLength()))
                    .isEqualTo(Arrays.copyOf(want.get(i).data(), want.get(i).capturedLength()));
        }
    }

    @Test
    void aRegisteredFormatIsReadWrittenAndNamedThroughTheRegistry() throws IOException {
        List<Packet> frames = frames();
        Path toy = dir.resolve("a.toy");
        try (TraceFormats.Registration reg = TraceFormats.register(new ToyFormat())) {
            assertThat(TraceFormats.names()).contains("toy");
            assertThat(TraceFormats.forOutput(toy.toString())).isInstanceOf(ToyFormat.class);
            write(toy, frames, TraceFormats.sourceFormatId("pcap"));

            assertSamePackets(read(toy, null, "toy"), frames);
            assertSamePackets(read(toy, "TOYTRACE", "toy"), frames);
            assertThat(TraceFormats.sourceFormatId("toy")).isEqualTo(200);

            // toy -> pcap -> toy, every hop chosen by the registry, keeps every packet.
            Path pcap = dir.resolve("b.pcap");
            write(pcap, read(toy, null, "toy"), TraceFormats.sourceFormatId("toy"));
            assertSamePackets(read(pcap, null, "pcap"), frames);
            Path back = dir.resolve("c.toy");
            write(back, read(pcap, null, "pcap"), TraceFormats.sourceFormatId("pcap"));
            assertSamePackets(read(back, null, "toy"), frames);
        }
        assertThat(TraceFormats.byName("toy")).isEmpty();
        assertThatThrownBy(() -> TraceFormats.forOutput(toy.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".nvcr, .pcap or .pcapng");
        assertThatThrownBy(() -> TraceInput.open(toy.toString(), null, ReaderOptions.DEFAULTS))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("unrecognised trace format")
                .hasMessageContaining("headerless formats (legacy-atm, legacy-eth, legacy-pos, tsh) need --format");
    }

    @Test
    void aFormatMayNotTakeANameOrSourceIdInUse() {
        TraceFormat clash = new ToyFormat() {
            @Override
            public List<String> aliases() {
                return List.of("libpcap");
            }
        };
        assertThatThrownBy(() -> TraceFormats.register(clash)).hasMessageContaining("'libpcap' is taken");
        TraceFormat sameId = new ToyFormat() {
            @Override
            public int sourceFormatId() {
                return new PcapFormat().sourceFormatId();
            }
        };
        assertThatThrownBy(() -> TraceFormats.register(sameId)).hasMessageContaining("source format id 1 is taken");
        assertThat(TraceFormats.byName("toy")).isEmpty();
    }

    @Test
    void builtInSourceFormatIdsAreFormatMdsAndDistinct() {
        // formats/FORMAT.md, header field sourceFormat.
        assertThat(TraceFormats.sourceFormatId("pcap")).isEqualTo(1);
        assertThat(TraceFormats.sourceFormatId("pcapng")).isEqualTo(2);
        assertThat(TraceFormats.sourceFormatId("erf")).isEqualTo(3);
        assertThat(TraceFormats.sourceFormatId("legacy-atm")).isEqualTo(4);
        assertThat(TraceFormats.sourceFormatId("legacy-eth")).isEqualTo(5);
        assertThat(TraceFormats.sourceFormatId("legacy-pos")).isEqualTo(6);
        assertThat(TraceFormats.sourceFormatId("tsh")).isEqualTo(7);
        assertThat(TraceFormats.sourceFormatId("nvcr")).isEqualTo(8);
        assertThat(TraceFormats.sourceFormatId("no-such")).isZero();
        assertThat(TraceFormats.all().stream()
                        .mapToInt(TraceFormat::sourceFormatId)
                        .distinct()
                        .count())
                .isEqualTo(TraceFormats.all().size());
        assertThat(TraceFormats.forOutput("-").name()).isEqualTo("nvcr");
        assertThat(TraceFormats.forOutput("X.PCAPNG").name()).isEqualTo("pcapng");
        assertThat(TraceFormats.forOutput("x.dmp").name()).isEqualTo("pcap");
        assertThat(TraceFormats.headerlessNames()).containsExactly("legacy-atm", "legacy-eth", "legacy-pos", "tsh");
    }
}
