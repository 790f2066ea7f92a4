package io.netvcr.formats;

/** Exact conversions of the fixed-point and scaled timestamps trace formats use into epoch nanoseconds. */
public final class Timestamps {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Timestamps() {}

    /**
     * ticks (unsigned 64-bit) of 10^-digits seconds to ns. Finer than ns truncates toward zero (the ns is the
     * start of the interval the tick falls in). Throws ArithmeticException if the result does not fit a
     * non-negative long (a signed multiply would turn ticks of 2^63 and more into times before 1970).
     */
    public static long decimalTicksToNs(long ticks, int digits) {
        if (digits <= 9) {
            return Math.multiplyExact(unsignedAsLong(ticks), POW10[9 - digits]);
        }
        if (digits - 9 >= POW10.length) {
            return 0;
        }
        return Long.divideUnsigned(ticks, POW10[digits - 9]);
    }

    /**
     * ticks of 2^-bits seconds to ns, rounding the fraction to the nearest ns (as Wireshark does for ERF's
     * 32.32 fixed point). Ticks are unsigned; ArithmeticException if the result does not fit a long.
     */
    public static long binaryTicksToNs(long ticks, int bits) {
        if (bits == 0) {
            return Math.multiplyExact(unsignedAsLong(ticks), 1_000_000_000L);
        }
        long seconds = bits >= 64 ? 0 : ticks >>> bits;
        long frac = bits >= 64 ? ticks : ticks & ((1L << bits) - 1);
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), fractionToNs(frac, bits));
    }

    /** An unsigned 64-bit count as a long, or ArithmeticException when it is 2^63 or more. */
    private static long unsignedAsLong(long ticks) {
        if (ticks < 0) {
            throw new ArithmeticException("unsigned " + Long.toUnsignedString(ticks) + " exceeds 2^63 - 1");
        }
        return ticks;
    }

    /** frac / 2^bits seconds in ns, rounded to nearest (ties up); frac &lt; 2^bits, bits in 1..64. */
    public static long fractionToNs(long frac, int bits) {
        // 128-bit product frac * 1e9, then shift right by bits with rounding.
        long lo = frac * 1_000_000_000L;
        long hi = Math.multiplyHigh(frac, 1_000_000_000L) + ((frac >> 63) & 1_000_000_000L); // unsigned high word
        // add 2^(bits-1) for rounding
        long add = bits - 1 < 64 ? 1L << (bits - 1) : 0;
        long newLo = lo + add;
        if (Long.compareUnsigned(newLo, lo) < 0) {
            hi++;
        }
        lo = newLo;
        if (bits == 64) {
            return hi;
        }
        return (lo >>> bits) | (hi << (64 - bits));
    }
}
