package io.netvcr.prep;

/**
 * Exact a * b / c for non-negative longs through a 128-bit intermediate product, rounded to the nearest
 * integer (halves up). Schedules need it: 10^10 packets at 10^9 ns per second overflow 64 bits long before
 * the result does, and doubles would drift by whole nanoseconds after 2^53 ns.
 */
public final class MulDiv {
    private static final long B = 1L << 32;

    private MulDiv() {}

    /** round(a * b / c); a, b &gt;= 0, c &gt; 0; ArithmeticException if the result exceeds Long.MAX_VALUE. */
    public static long mulDivRound(long a, long b, long c) {
        if (a < 0 || b < 0 || c <= 0) {
            throw new IllegalArgumentException("mulDivRound(" + a + ", " + b + ", " + c + ")");
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (Long.compareUnsigned(hi, c) >= 0) {
            throw new ArithmeticException("schedule offset overflows 64 bits: " + a + " * " + b + " / " + c);
        }
        long q;
        long r;
        if (hi == 0) {
            q = Long.divideUnsigned(lo, c);
            r = Long.remainderUnsigned(lo, c);
        } else {
            long[] qr = divide128(hi, lo, c);
            q = qr[0];
            r = qr[1];
        }
        // r >= c - r  <=>  2r >= c, without overflowing 2r.
        if (Long.compareUnsigned(r, c - r) >= 0) {
            q++;
        }
        if (q < 0) {
            throw new ArithmeticException("schedule offset overflows 63 bits: " + a + " * " + b + " / " + c);
        }
        return q;
    }

    /**
     * Unsigned (u1:u0) / v for u1 &lt; v, as {quotient, remainder}: Knuth's algorithm D on 32-bit digits
     * (Hacker's Delight, divlu). Only reached when the product does not fit 64 bits.
     */
    static long[] divide128(long u1, long u0, long v) {
        int s = Long.numberOfLeadingZeros(v);
        v <<= s;
        long vn1 = v >>> 32;
        long vn0 = v & 0xffffffffL;
        long un32 = s == 0 ? u1 : (u1 << s) | (u0 >>> (64 - s));
        long un10 = u0 << s;
        long un1 = un10 >>> 32;
        long un0 = un10 & 0xffffffffL;

        long q1 = Long.divideUnsigned(un32, vn1);
        long rhat = un32 - q1 * vn1;
        while (Long.compareUnsigned(q1, B) >= 0 || Long.compareUnsigned(q1 * vn0, B * rhat + un1) > 0) {
            q1--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, B) >= 0) {
                break;
            }
        }
        long un21 = un32 * B + un1 - q1 * v;
        long q0 = Long.divideUnsigned(un21, vn1);
        rhat = un21 - q0 * vn1;
        while (Long.compareUnsigned(q0, B) >= 0 || Long.compareUnsigned(q0 * vn0, B * rhat + un0) > 0) {
            q0--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, B) >= 0) {
                break;
            }
        }
        long rem = (un21 * B + un0 - q0 * v) >>> s;
        return new long[] {q1 * B + q0, rem};
    }
}
