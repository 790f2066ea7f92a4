package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.Packet;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrValidator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules that do not fit are refused (65, naming the record), never wrapped into offsets in the past. */
class SendOffsetsRangeTest {
    private static final long T0 = 1_000_000_000_000_000_000L;
    private static final long DAY = 86_400_000_000_000L;

    @TempDir
    Path tmp;

    @Test
    void shouldRefuseAnOffsetBeyondTheLongestScheduleInsteadOfWrapping() {
        SendOffsets s = new SendOffsets(ScheduleMode.MULTIPLIER, Ratio.parse("--multiplier", "0.001"), 0, false);
        assertThat(s.next(T0, 60)).isZero();
        assertThat(s.next(T0 + DAY, 60)).isEqualTo(1000 * DAY);
        // 20 days at 1/1000 speed: 54.8 years, beyond what the replayer accepts
        long twentyDays = s.next(T0 + 20 * DAY, 60);
        assertThatThrownBy(() -> SendOffsets.requireReplayable("send offset", twentyDays))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage(
                        "send offset 1728000000000000000 ns (54.8 years) exceeds the longest schedule NetVCR replays, "
                                + "2^58 ns (9.1 years); use a higher --multiplier, --pps or --mbps, or --max-gap");
        assertThat(SendOffsets.requireReplayable("send offset", NvcrValidator.MAX_SCHEDULE_NS))
                .isEqualTo(NvcrValidator.MAX_SCHEDULE_NS);
        // 300 days at 1/1000 speed: 822 years, beyond 64 bits
        assertThatThrownBy(() -> s.next(T0 + 300 * DAY, 60))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("send offset of record 3 exceeds 2^63 ns (292 years)");
    }

    @Test
    void shouldRefuseCaptureTimesTooFarApartToSubtract() {
        SendOffsets s = new SendOffsets(ScheduleMode.MULTIPLIER, Ratio.parse("--multiplier", "1e9"), 0, false);
        s.next(Long.MIN_VALUE + 1, 60);
        assertThatThrownBy(() -> s.next(Long.MAX_VALUE, 60))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("more than 292 years after the first packet's");
    }

    @Test
    void shouldRefuseALoopPeriodBeyondTheLongestSchedule() {
        SendOffsets s = new SendOffsets(ScheduleMode.PPS, Ratio.parse("--pps", "1"), 0, false);
        long n = NvcrValidator.MAX_SCHEDULE_NS / 1_000_000_000L;
        // jump the packet counter without calling next() 2.9e8 times: the last offset fits, the period does not
        for (long i = 0; i < 3; i++) {
            s.next(T0, 60);
        }
        assertThat(s.loopPeriodNs()).isEqualTo(3_000_000_000L);
        SendOffsets big = new SendOffsets(ScheduleMode.MULTIPLIER, Ratio.parse("--multiplier", "1"), 0, false);
        big.next(T0, 60);
        big.next(T0 + NvcrValidator.MAX_SCHEDULE_NS - 10, 60);
        assertThat(n).isPositive();
        // one mean gap past the last offset: the loop period no longer fits
        assertThat(big.loopPeriodNs()).isEqualTo(2 * (NvcrValidator.MAX_SCHEDULE_NS - 10));
        assertThatThrownBy(() -> SendOffsets.requireReplayable("loop period", big.loopPeriodNs()))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("loop period");
        SendOffsets huge = new SendOffsets(ScheduleMode.MULTIPLIER, Ratio.parse("--multiplier", "1"), 0, false);
        huge.next(0, 60);
        huge.next(Long.MAX_VALUE - 1, 60);
        assertThatThrownBy(huge::loopPeriodNs).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldExitSixtyFiveNamingTheRecordWhenTheScheduleDoesNotFit() throws Exception {
        List<Packet> ps = new ArrayList<>();
        long[] times = {T0, T0 + DAY, T0 + 20 * DAY};
        for (long t : times) {
            ps.add(Frames.packet(
                    t, Frames.ip(Frames.v4("198.18.0.1"), Frames.v4("198.19.0.1"), 17, 1000, 53, 0, 10, -1)));
        }
        Path in = tmp.resolve("long.pcap");
        Frames.writePcap(in, ps);
        Path out = tmp.resolve("out.nvcr");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = ToolMain.run("netvcr-prep", new PrepCommand(), new String[] {
                "--multiplier", "0.001", in.toString(), out.toString()
            });
        } finally {
            System.setErr(oldErr);
        }
        assertThat(code).isEqualTo(ExitCodes.DATA_ERROR);
        long third = 24 + 2 * (16 + ps.get(0).capturedLength());
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("netvcr-prep: " + in + ": record 2 at byte offset " + third
                        + ": send offset 1728000000000000000 ns (54.8 years) exceeds the longest schedule");
        assertThat(out).doesNotExist();
        assertThat(NvcrLayout.HEADER_LENGTH).isEqualTo(4096);
    }
}
