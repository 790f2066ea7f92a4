package io.netvcr.formats.nvcr;

import static io.netvcr.formats.nvcr.NvcrLayout.*;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Flyweight over one record in a Chronicle {@link BytesStore} (a mapped file window, or a heap buffer for
 * streams): {@link #wrap} moves it, getters read fields in place, setters write in place. No object per
 * record; Chronicle's native byte order is little-endian on every platform we run on (checked at open).
 */
public final class NvcrRecord {
    private BytesStore<?, ?> store;
    private long base;
    /** Data bytes the record can hold: a damaged storedLength never reads past the record. */
    private int room = 0xffff;

    public NvcrRecord wrap(BytesStore<?, ?> store, long offset) {
        this.store = store;
        this.base = offset;
        return this;
    }

    /**
     * Moves the flyweight and bounds its stored length by the record's size, so a damaged storedLength field
     * cannot make a reader copy bytes beyond the record (or beyond a mapped window).
     */
    public NvcrRecord wrap(BytesStore<?, ?> store, long offset, int recordLength) {
        this.store = store;
        this.base = offset;
        this.room = recordLength - R_DATA;
        return this;
    }

    public BytesStore<?, ?> store() {
        return store;
    }

    /** Offset of the record in its store. */
    public long offset() {
        return base;
    }

    /** Offset, in the store, of the first stored packet byte. */
    public long dataOffset() {
        return base + R_DATA;
    }

    public long timestampNs() {
        return store.readLong(base + R_TIMESTAMP);
    }

    public long sendOffsetNs() {
        return store.readLong(base + R_SEND_OFFSET);
    }

    public int wireLength() {
        return store.readInt(base + R_WIRE_LENGTH);
    }

    public int sendLength() {
        return store.readInt(base + R_SEND_LENGTH);
    }

    public int storedLength() {
        return Math.min(store.readUnsignedShort(base + R_STORED_LENGTH), room);
    }

    public int linkType() {
        return store.readUnsignedShort(base + R_LINK_TYPE);
    }

    public int flags() {
        return store.readUnsignedShort(base + R_FLAGS);
    }

    public int interfaceId() {
        return store.readUnsignedByte(base + R_INTERFACE);
    }

    public int direction() {
        return store.readUnsignedByte(base + R_DIRECTION);
    }

    public int l3Offset() {
        return store.readUnsignedShort(base + R_L3_OFFSET);
    }

    public int l4Offset() {
        return store.readUnsignedShort(base + R_L4_OFFSET);
    }

    public int l3Type() {
        return store.readUnsignedShort(base + R_L3_TYPE);
    }

    public int l4Protocol() {
        return store.readUnsignedByte(base + R_L4_PROTOCOL);
    }

    public int ipChecksum() {
        return store.readUnsignedShort(base + R_IP_CHECKSUM);
    }

    public int l4Checksum() {
        return store.readUnsignedShort(base + R_L4_CHECKSUM);
    }

    public int l4ChecksumOffset() {
        return store.readUnsignedShort(base + R_L4_CHECKSUM_OFFSET);
    }

    public long payloadOffset() {
        return store.readLong(base + R_PAYLOAD_OFFSET);
    }

    public int payloadLength() {
        return store.readInt(base + R_PAYLOAD_LENGTH);
    }

    /** Stored byte i of the packet. */
    public int dataByte(int i) {
        return store.readUnsignedByte(base + R_DATA + i);
    }

    /** Copies the stored packet bytes to dst[off..]; returns the count. */
    public int copyData(byte[] dst, int off) {
        int n = storedLength();
        store.read(base + R_DATA, dst, off, n);
        return n;
    }

    public NvcrRecord timestampNs(long v) {
        store.writeLong(base + R_TIMESTAMP, v);
        return this;
    }

    public NvcrRecord sendOffsetNs(long v) {
        store.writeLong(base + R_SEND_OFFSET, v);
        return this;
    }

    public NvcrRecord wireLength(int v) {
        store.writeInt(base + R_WIRE_LENGTH, v);
        return this;
    }

    public NvcrRecord sendLength(int v) {
        store.writeInt(base + R_SEND_LENGTH, v);
        return this;
    }

    public NvcrRecord storedLength(int v) {
        store.writeShort(base + R_STORED_LENGTH, (short) v);
        return this;
    }

    public NvcrRecord linkType(int v) {
        store.writeShort(base + R_LINK_TYPE, (short) v);
        return this;
    }

    public NvcrRecord flags(int v) {
        store.writeShort(base + R_FLAGS, (short) v);
        return this;
    }

    public NvcrRecord interfaceId(int v) {
        store.writeByte(base + R_INTERFACE, (byte) v);
        return this;
    }

    public NvcrRecord direction(int v) {
        store.writeByte(base + R_DIRECTION, (byte) v);
        return this;
    }

    public NvcrRecord l3Offset(int v) {
        store.writeShort(base + R_L3_OFFSET, (short) v);
        return this;
    }

    public NvcrRecord l4Offset(int v) {
        store.writeShort(base + R_L4_OFFSET, (short) v);
        return this;
    }

    public NvcrRecord l3Type(int v) {
        store.writeShort(base + R_L3_TYPE, (short) v);
        return this;
    }

    public NvcrRecord l4Protocol(int v) {
        store.writeByte(base + R_L4_PROTOCOL, (byte) v);
        return this;
    }

    public NvcrRecord ipChecksum(int v) {
        store.writeShort(base + R_IP_CHECKSUM, (short) v);
        return this;
    }

    public NvcrRecord l4Checksum(int v) {
        store.writeShort(base + R_L4_CHECKSUM, (short) v);
        return this;
    }

    public NvcrRecord l4ChecksumOffset(int v) {
        store.writeShort(base + R_L4_CHECKSUM_OFFSET, (short) v);
        return this;
    }

    public NvcrRecord payloadOffset(long v) {
        store.writeLong(base + R_PAYLOAD_OFFSET, v);
        return this;
    }

    public NvcrRecord payloadLength(int v) {
        store.writeInt(base + R_PAYLOAD_LENGTH, v);
        return this;
    }

    public NvcrRecord dataByte(int i, int v) {
        store.writeByte(base + R_DATA + i, (byte) v);
        return this;
    }

    /** Writes packet bytes as the stored data and zeroes the rest of the record's data area. */
    public NvcrRecord data(byte[] src, int off, int len, int recordLength) {
        store.write(base + R_DATA, src, off, len);
        store.zeroOut(base + R_DATA + len, base + recordLength);
        storedLength(len);
        return this;
    }

    /** Zeroes the whole record (header fields and data) before filling it. */
    public NvcrRecord clear(int recordLength) {
        store.zeroOut(base, base + recordLength);
        l3Offset(NONE16).l4Offset(NONE16).l4ChecksumOffset(NONE16);
        return this;
    }
}
