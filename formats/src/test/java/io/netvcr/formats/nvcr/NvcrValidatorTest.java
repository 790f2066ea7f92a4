package io.netvcr.formats.nvcr;

import static io.netvcr.formats.nvcr.NvcrLayout.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.TraceFormatException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each field the replayer acts on, damaged in an otherwise valid prepared file, is refused by name and offset. */
class NvcrValidatorTest {
    private static final int N = 10;
    private static final long GAP = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void shouldAcceptAWellFormedPreparedFile() throws IOException {
        Path f = prepared("ok.nvcr", h -> {});
        assertThatCode(() -> NvcrValidator.validate(f)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseANegativeSendLengthNamingTheRecordAndOffset() throws IOException {
        Path f = prepared("a.nvcr", h -> {});
        patchInt(f, 3, R_SEND_LENGTH, -5);
        long rec = recordOffset(3, DEFAULT_RECORD_LENGTH);
        assertThatThrownBy(() -> NvcrValidator.validate(f))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(f + ": record 3 at byte offset " + rec + ": send length 4294967291 is out of range (1.."
                        + FrameBuilder.MAX_FRAME + ") (field at byte offset " + (rec + R_SEND_LENGTH) + ")");
    }

    @Test
    void shouldRefuseASendLengthBeyondTheLargestFrame() throws IOException {
        Path f = prepared("b.nvcr", h -> {});
        patchInt(f, 0, R_SEND_LENGTH, FrameBuilder.MAX_FRAME + 1);
        assertThatThrownBy(() -> NvcrValidator.validate(f))
                .hasMessageContaining("record 0 at byte offset 4096: send length " + (FrameBuilder.MAX_FRAME + 1)
                        + " is out of range");
    }

    @Test
    void shouldRefuseASendOffsetOfTwoToTheSixtyTwoBeyondTheHeaderDuration() throws IOException {
        Path f = prepared("c.nvcr", h -> {});
        patchLong(f, N - 1, R_SEND_OFFSET, 1L << 62);
        assertThatThrownBy(() -> NvcrValidator.validate(f))
                .hasMessageContaining("record 9 at byte offset "
                        + recordOffset(N - 1, DEFAULT_RECORD_LENGTH)
                        + ": send offset 4611686018427387904 ns is out of range (0.."
                        + (N - 1) * GAP + ", the header's schedule duration)");
    }

    @Test
    void shouldRefuseSendOffsetsThatGoBackwards() throws IOException {
        Path f = prepared("d.nvcr", h -> {});
        patchLong(f, 5, R_SEND_OFFSET, 2 * GAP);
        assertThatThrownBy(() -> NvcrValidator.validate(f))
                .hasMessageContaining("record 5 at byte offset " + recordOffset(5, DEFAULT_RECORD_LENGTH)
                        + ": send offset 2000000 ns is earlier than the previous record's 4000000 ns");
    }

    @Test
    void shouldBoundOffsetsOfAStreamedFileWithoutADurationByTheLongestSchedule() throws IOException {
        Path f = prepared("e.nvcr", h -> h.scheduleDurationNs = 0);
        assertThatCode(() -> NvcrValidator.validate(f)).doesNotThrowAnyException();
        patchLong(f, N - 1, R_SEND_OFFSET, NvcrValidator.MAX_SCHEDULE_NS + 1);
        assertThatThrownBy(() -> NvcrValidator.validate(f))
                .hasMessageContaining("record 9")
                .hasMessageContaining("send offset " + (NvcrValidator.MAX_SCHEDULE_NS + 1) + " ns is out of range (0.."
                        + NvcrValidator.MAX_SCHEDULE_NS + ")");
    }

    @Test
    void shouldRefuseAStoredLengthBeyondTheSnapLength() throws IOException {
        Path f = prepared("f.nvcr", h -> {});
        patchShort(f, 7, R_STORED_LENGTH, DEFAULT_SNAP + 1);
        assertThatThrownBy(() -> NvcrValidator.validate(f))
                .hasMessageContaining("record 7")
                .hasMessageContaining("stored length 129 exceeds the snap length 128");
    }

    @Test
    void shouldRefuseAWireLengthBelowTheStoredLength() throws IOException {
        Path f = prepared("g.nvcr", h -> {});
        patchInt(f, 2, R_WIRE_LENGTH, 10);
        assertThatThrownBy(() -> NvcrValidator.validate(f))
                .hasMessageContaining("record 2")
                .hasMessageContaining("wire length 10 is less than the stored length 60");
    }

    @Test
    void shouldRefuseANegativePayloadReference() throws IOException {
        Path f = prepared("h.nvcr", h -> {});
        patchShort(f, 4, R_FLAGS, PacketFlags.PREPARED | PacketFlags.HAS_PAYLOAD_REF);
        patchLong(f, 4, R_PAYLOAD_OFFSET, -1);
        assertThatThrownBy(() -> NvcrValidator.validate(f))
                .hasMessageContaining("record 4")
                .hasMessageContaining("payload reference 18446744073709551615+0 is out of range");
    }

    @Test
    void shouldNotRequireTheRecordPreparedFlagWhichNoReaderActsOn() throws IOException {
        Path f = prepared("i.nvcr", h -> {});
        patchShort(f, 1, R_FLAGS, 0);
        assertThatCode(() -> NvcrValidator.validate(f)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseNonZeroOffsetsInATopspeedFile() throws IOException {
        Path f = prepared("j.nvcr", h -> h.fileFlags |= FILE_TOPSPEED);
        assertThatThrownBy(() -> NvcrValidator.validate(f))
                .hasMessageContaining("record 1")
                .hasMessageContaining("send offset 1000000 ns is out of range (0..0)");
    }

    @Test
    void shouldFindDamageBeyondTheFirstScanBufferAtTheSameRecordAsTheMappedScan() throws IOException {
        int count = 12_000; // 2.2 MB: three 1 MiB scan buffers
        Path f = prepared("big.nvcr", count, h -> {});
        assertThatCode(() -> NvcrValidator.validate(f)).doesNotThrowAnyException();
        patchLong(f, 11_000, R_SEND_OFFSET, 1L << 62);
        String expected =
                f + ": record 11000 at byte offset " + recordOffset(11_000, DEFAULT_RECORD_LENGTH) + ": send offset";
        assertThatThrownBy(() -> NvcrValidator.validate(f)).hasMessageStartingWith(expected);
        try (NvcrFile mapped = NvcrFile.open(f)) {
            assertThatThrownBy(() -> NvcrValidator.validate(mapped)).hasMessageStartingWith(expected);
        }
    }

    @Test
    void shouldRefuseHeaderSchedulesOutOfRange() {
        NvcrHeader h = new NvcrHeader();
        h.fileFlags = FILE_PREPARED;
        h.scheduleDurationNs = 1L << 62;
        assertThatThrownBy(() -> NvcrValidator.checkHeader("x.nvcr", h))
                .hasMessageStartingWith(
                        "x.nvcr: byte offset 64: schedule duration 4611686018427387904 ns is out of range");
        h.scheduleDurationNs = 100;
        h.loopPeriodNs = 50;
        assertThatThrownBy(() -> NvcrValidator.checkHeader("x.nvcr", h))
                .hasMessage("x.nvcr: byte offset 72: loop period 50 ns is shorter than the schedule duration 100 ns");
        h.loopPeriodNs = -1;
        assertThatThrownBy(() -> NvcrValidator.checkHeader("x.nvcr", h))
                .hasMessageContaining("loop period -1 ns is out of range");
    }

    @Test
    void shouldCheckARecordWithoutAllocating() throws IOException {
        Path f = prepared("k.nvcr", h -> {});
        try (NvcrFile file = NvcrFile.open(f)) {
            NvcrRecord r = new NvcrRecord();
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            for (int round = 0; round < 3; round++) {
                NvcrValidator v = new NvcrValidator("k", file.header());
                long before = mx.getThreadAllocatedBytes(tid);
                for (int i = 0; i < N; i++) {
                    v.check(file.record(i, r), i, 0);
                }
                long allocated = mx.getThreadAllocatedBytes(tid) - before;
                if (round == 2) {
                    assertThat(allocated).isZero();
                }
            }
        }
    }

    /** N prepared Ethernet records 1 ms apart; the header's schedule duration and loop period as prep writes them. */
    private Path prepared(String name, Consumer<NvcrHeader> tweak) throws IOException {
        return prepared(name, N, tweak);
    }

    private Path prepared(String name, int count, Consumer<NvcrHeader> tweak) throws IOException {
        Path f = dir.resolve(name);
        NvcrHeader h = new NvcrHeader();
        h.fileFlags = FILE_PREPARED;
        h.scheduleMode = SCHEDULE_MULTIPLIER;
        h.scheduleParam = 1;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                NvcrWriter w = new NvcrWriter(ch, h)) {
            Packet p = new Packet();
            for (int i = 0; i < count; i++) {
                p.prepare(60)[0] = 0x02;
                p.timestampNs = 1_600_000_000_000_000_000L + i * GAP;
                p.wireLength = 60;
                p.linkType = LinkTypes.ETHERNET;
                NvcrRecord r = w.fill(p);
                r.sendOffsetNs(i * GAP).sendLength(60).flags(r.flags() | PacketFlags.PREPARED);
                w.commitRecord();
            }
            w.header().scheduleDurationNs = (count - 1) * GAP;
            w.header().loopPeriodNs = count * GAP;
            tweak.accept(w.header());
            w.finish();
        }
        return f;
    }

    private static void patch(Path f, long index, int field, ByteBuffer value) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(value.flip(), recordOffset(index, DEFAULT_RECORD_LENGTH) + field);
        }
    }

    private static void patchLong(Path f, long index, int field, long v) throws IOException {
        patch(
                f,
                index,
                field,
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v));
    }

    private static void patchInt(Path f, long index, int field, int v) throws IOException {
        patch(
                f,
                index,
                field,
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v));
    }

    private static void patchShort(Path f, long index, int field, int v) throws IOException {
        patch(
                f,
                index,
                field,
                ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v));
    }
}
