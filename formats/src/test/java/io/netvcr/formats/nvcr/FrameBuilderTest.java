package io.netvcr.formats.nvcr;

import static org.assertj.core.api.Assertions.assertThat;

import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

class FrameBuilderTest {
    private final byte[] recordBytes = new byte[192 * 3];
    private final BytesStore<?, byte[]> store = BytesStore.wrap(recordBytes);

    private NvcrRecord record(int slot, int stored, int sendLength, int fill, int csumAt, int csum) {
        NvcrRecord r = new NvcrRecord().wrap(store, slot * 192L).clear(192);
        byte[] data = new byte[stored];
        java.util.Arrays.fill(data, (byte) fill);
        r.data(data, 0, stored, 192)
                .sendLength(sendLength)
                .wireLength(sendLength)
                .l4ChecksumOffset(csumAt)
                .l4Checksum(csum);
        return r;
    }

    @Test
    void shouldPadWithZerosUpToTheSendLength() {
        FrameBuilder b = new FrameBuilder();
        int len = b.build(record(0, 60, 1000, 0x11, NvcrLayout.NONE16, 0));
        byte[] out = new byte[len];
        b.copyTo(out, len);
        assertThat(len).isEqualTo(1000);
        for (int i = 0; i < 60; i++) {
            assertThat(out[i]).isEqualTo((byte) 0x11);
        }
        for (int i = 60; i < 1000; i++) {
            assertThat(out[i]).as("byte %d", i).isZero();
        }
    }

    @Test
    void shouldBuildIntoItsOwnSlotOfASharedBufferWithItsOwnDirtyMark() {
        BytesStore<?, Void> shared = BytesStore.nativeStoreWithFixedCapacity(2 * 2048);
        shared.writeLong(0, -1L); // garbage the slot builder must clear
        FrameBuilder a = new FrameBuilder(shared, 0, 2048);
        FrameBuilder b = new FrameBuilder(shared, 2048, 2048);
        assertThat(b.address()).isEqualTo(a.address() + 2048);
        a.build(record(0, 120, 1500, 0x77, 100, 0xabcd));
        int lenB = b.build(record(1, 40, 1400, 0x22, 60, 0x1234));
        // a's long dirty frame did not leak into b's slot, and b's build did not touch a's bytes
        byte[] out = new byte[lenB];
        b.copyTo(out, lenB);
        assertThat(out[39]).isEqualTo((byte) 0x22);
        assertThat(out[60]).isEqualTo((byte) 0x12);
        assertThat(out[61]).isEqualTo((byte) 0x34);
        for (int i = 62; i < lenB; i++) {
            assertThat(out[i]).as("b byte %d", i).isZero();
        }
        assertThat(shared.readByte(119)).isEqualTo((byte) 0x77);
        assertThat(shared.readByte(100)).isEqualTo((byte) 0xab);
        // a's next, shorter frame is cleaned where a's previous frame left bytes
        int lenA = a.build(record(2, 10, 1500, 0x33, NvcrLayout.NONE16, 0));
        for (int i = 10; i < lenA; i++) {
            assertThat(shared.readByte(i)).as("a byte %d", i).isZero();
        }
        // a frame longer than the slot is cut to it (callers check frameLength first)
        assertThat(a.build(record(0, 120, 3000, 0x77, NvcrLayout.NONE16, 0))).isEqualTo(2048);
        assertThat(FrameBuilder.frameLength(record(0, 120, 3000, 0x77, NvcrLayout.NONE16, 0)))
                .isEqualTo(3000);
        assertThat(shared.readByte(2048)).isEqualTo((byte) 0x22);
        shared.releaseLast();
    }

    @Test
    void shouldZeroWhatTheLongerPreviousFrameLeftBehind() {
        FrameBuilder b = new FrameBuilder();
        b.build(record(0, 120, 1500, 0x77, 100, 0xabcd));
        int len = b.build(record(1, 40, 1400, 0x22, NvcrLayout.NONE16, 0));
        byte[] out = new byte[len];
        b.copyTo(out, len);
        for (int i = 40; i < len; i++) {
            assertThat(out[i]).as("byte %d", i).isZero();
        }
        // and bytes beyond a short frame stay accounted for: the next long frame is still clean
        b.build(record(0, 120, 1500, 0x77, NvcrLayout.NONE16, 0));
        b.build(record(1, 40, 64, 0x22, NvcrLayout.NONE16, 0));
        len = b.build(record(2, 10, 1500, 0x33, NvcrLayout.NONE16, 0));
        out = new byte[len];
        b.copyTo(out, len);
        for (int i = 10; i < len; i++) {
            assertThat(out[i]).as("byte %d", i).isZero();
        }
    }

    @Test
    void shouldWriteThePrecomputedChecksumInThePaddingBigEndian() {
        FrameBuilder b = new FrameBuilder();
        int len = b.build(record(0, 54, 300, 0x01, 200, 0xbeef));
        byte[] out = new byte[len];
        b.copyTo(out, len);
        assertThat(out[200] & 0xff).isEqualTo(0xbe);
        assertThat(out[201] & 0xff).isEqualTo(0xef);
        assertThat(out[199]).isZero();
        assertThat(out[202]).isZero();
    }

    @Test
    void shouldUseTheWireLengthForUnpreparedRecords() {
        FrameBuilder b = new FrameBuilder();
        NvcrRecord r = record(0, 20, 0, 0x05, NvcrLayout.NONE16, 0).wireLength(80);
        assertThat(b.build(r)).isEqualTo(80);
    }

    @Test
    void shouldNeverCopyBeyondTheRecordWhenStoredLengthIsDamaged() {
        byte[] one = new byte[192];
        BytesStore<?, byte[]> small = BytesStore.wrap(one);
        NvcrRecord r = new NvcrRecord().wrap(small, 0, 192).clear(192);
        r.sendLength(1500).wireLength(1500);
        small.writeShort(NvcrLayout.R_STORED_LENGTH, (short) 60000);
        assertThat(r.storedLength()).isEqualTo(192 - 64);
        int len = new FrameBuilder().build(r);
        assertThat(len).isEqualTo(1500);
    }
}
