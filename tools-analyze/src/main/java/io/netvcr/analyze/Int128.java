package io.netvcr.analyze;

import java.math.BigInteger;

/**
 * An exact unsigned sum of squares in two longs (no allocation per value): squares of 64-bit values need
 * 126 bits, and exactness is what lets partial sums from different machines add up to the same answer.
 * Past 2^128 (2^64 squares of the largest values) the excess is parked in a BigInteger.
 */
final class Int128 implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private long lo;
    private long hi;
    private BigInteger spill = BigInteger.ZERO;

    void addSquare(long v) {
        long a = v == Long.MIN_VALUE ? v : Math.abs(v);
        if (v == Long.MIN_VALUE) {
            // (2^63)^2 = 2^126: hi gets 2^62
            addParts(0, 1L << 62);
            return;
        }
        addParts(a * a, Math.multiplyHigh(a, a));
    }

    void add(Int128 o) {
        addParts(o.lo, o.hi);
        spill = spill.add(o.spill);
    }

    private void addParts(long l, long h) {
        long nl = lo + l;
        long carry = Long.compareUnsigned(nl, lo) < 0 ? 1 : 0;
        long t = hi + h;
        boolean over = Long.compareUnsigned(t, hi) < 0;
        long nh = t + carry;
        if (over || (carry == 1 && nh == 0)) {
            spill = spill.add(BigInteger.ONE.shiftLeft(128));
        }
        lo = nl;
        hi = nh;
    }

    BigInteger value() {
        BigInteger v =
                new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
        return v.add(spill);
    }
}
