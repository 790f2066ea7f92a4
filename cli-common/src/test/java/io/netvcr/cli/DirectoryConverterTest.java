package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DirectoryConverterTest {
    @Test
    void shouldRefuseStandardOutputAndKeepAnyOtherName() {
        DirectoryConverter c = new DirectoryConverter();
        assertThatThrownBy(() -> c.convert("-"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("give a directory");
        assertThat(c.convert("figs")).isEqualTo("figs");
        assertThat(c.convert("./-")).isEqualTo("./-");
        assertThat(c.convert("-x")).isEqualTo("-x");
    }
}
