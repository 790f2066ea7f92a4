package io.netvcr.formats.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.dag.LegacyDagFormat;
import io.netvcr.formats.dag.LegacyKind;
import io.netvcr.formats.erf.ErfFormat;
import io.netvcr.formats.tsh.TshFormat;

/**
 * Jazzer targets for the capture-card formats (ERF, the three legacy DAG layouts, TSH), against the same
 * contract as {@link ReaderFuzzTest} ({@link ReaderFuzzing#drain}). Regression corpus:
 * src/test/resources/io/netvcr/formats/fuzz/LegacyReaderFuzzTestInputs/METHOD/ (heads of the shared traces).
 * The last input byte picks the reader options, so both the native link type and the Ethernet
 * re-encapsulation (--link-ethernet) paths get fuzzed.
 */
class LegacyReaderFuzzTest {
    @FuzzTest(maxDuration = ReaderFuzzTest.BUDGET)
    void erf(byte[] data) {
        ReaderFuzzing.drain(new ErfFormat(), data, options(data));
    }

    @FuzzTest(maxDuration = ReaderFuzzTest.BUDGET)
    void dagAtm(byte[] data) {
        ReaderFuzzing.drain(new LegacyDagFormat(LegacyKind.ATM), data, options(data));
    }

    @FuzzTest(maxDuration = ReaderFuzzTest.BUDGET)
    void dagEth(byte[] data) {
        ReaderFuzzing.drain(new LegacyDagFormat(LegacyKind.ETH), data, options(data));
    }

    @FuzzTest(maxDuration = ReaderFuzzTest.BUDGET)
    void dagPos(byte[] data) {
        ReaderFuzzing.drain(new LegacyDagFormat(LegacyKind.POS), data, options(data));
    }

    @FuzzTest(maxDuration = ReaderFuzzTest.BUDGET)
    void tsh(byte[] data) {
        ReaderFuzzing.drain(new TshFormat(), data, options(data));
    }

    private static ReaderOptions options(byte[] data) {
        ReaderOptions o = new ReaderOptions();
        int pick = data.length == 0 ? 0 : data[data.length - 1];
        o.linkEthernet = (pick & 1) != 0;
        o.salvage = (pick & 2) != 0;
        return o;
    }
}
