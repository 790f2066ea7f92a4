package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {
    @Test
    void shouldParseEveryUnitToNanoseconds() {
        assertThat(DurationConverter.parseNs("70us")).isEqualTo(70_000L);
        assertThat(DurationConverter.parseNs("1.5ms")).isEqualTo(1_500_000L);
        assertThat(DurationConverter.parseNs("2s")).isEqualTo(2_000_000_000L);
        assertThat(DurationConverter.parseNs("250")).isEqualTo(250L);
        assertThat(DurationConverter.parseNs("250ns")).isEqualTo(250L);
        assertThat(DurationConverter.parseNs("1min")).isEqualTo(60_000_000_000L);
    }

    @Test
    void shouldRoundSubNanosecondValuesToNearest() {
        assertThat(DurationConverter.parseNs("0.0015us")).isEqualTo(2L);
    }

    @Test
    void shouldRejectUnknownUnitsAndGarbage() {
        assertThatThrownBy(() -> DurationConverter.parseNs("5 parsecs"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("unit");
        assertThatThrownBy(() -> DurationConverter.parseNs("fast"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> DurationConverter.parseNs("99999999999h"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("too large");
    }
}
