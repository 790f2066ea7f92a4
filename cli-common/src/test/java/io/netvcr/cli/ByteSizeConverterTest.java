package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ByteSizeConverterTest {
    @Test
    void shouldReadBinarySuffixesInEitherSpelling() {
        assertThat(ByteSizeConverter.parseBytes("4096")).isEqualTo(4096L);
        assertThat(ByteSizeConverter.parseBytes("64k")).isEqualTo(65_536L);
        assertThat(ByteSizeConverter.parseBytes("4M")).isEqualTo(4L << 20);
        assertThat(ByteSizeConverter.parseBytes("32MiB")).isEqualTo(32L << 20);
        assertThat(ByteSizeConverter.parseBytes("1G")).isEqualTo(1L << 30);
        assertThat(ByteSizeConverter.parseBytes("1.5gib")).isEqualTo(3L << 29);
    }

    @Test
    void shouldRefuseZeroFractionsOfAByteUnknownUnitsAndOverflow() {
        assertThatThrownBy(() -> ByteSizeConverter.parseBytes("0"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> ByteSizeConverter.parseBytes("0.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> ByteSizeConverter.parseBytes("3 parsecs")).hasMessageContaining("unit");
        assertThatThrownBy(() -> ByteSizeConverter.parseBytes("big")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ByteSizeConverter.parseBytes("1.2.3M")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ByteSizeConverter.parseBytes("99999999T")).hasMessageContaining("too large");
    }
}
