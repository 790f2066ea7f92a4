package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MacTest {
    @Test
    void shouldParseColonAndDashFormsToTheSameSixBytes() {
        Mac colon = Mac.parse("02:AA:bb:0c:d:ff");
        assertThat(colon.bytes()).containsExactly(0x02, 0xaa, 0xbb, 0x0c, 0x0d, 0xff);
        assertThat(Mac.parse(" 02-aa-bb-0c-0d-ff ")).isEqualTo(colon);
        assertThat(colon).hasToString("02:aa:bb:0c:0d:ff");
        assertThat(Mac.parse(colon.toString())).isEqualTo(colon);
    }

    @Test
    void shouldHandOutACopySoTheOptionValueCannotBeChanged() {
        Mac m = Mac.parse("02:00:00:00:00:01");
        m.bytes()[5] = 9;
        assertThat(m.bytes()[5]).isEqualTo((byte) 1);
    }

    @Test
    void shouldRefuseWrongLengthsAndNonHexBytesNamingTheText() {
        assertThatThrownBy(() -> Mac.parse("02:00:00:00:00"))
                .hasMessageContaining("'02:00:00:00:00'")
                .hasMessageContaining("six hex bytes");
        assertThatThrownBy(() -> Mac.parse("02:00:00:00:00:01:02")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mac.parse("02:00:00:00:00:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mac.parse("02:00:00:00:0g:01")).hasMessageContaining("'0g' is not a hex byte");
        assertThatThrownBy(() -> Mac.parse("02:00:00:00:100:01")).hasMessageContaining("'100'");
        assertThatThrownBy(() -> Mac.parse("02:00:00:00:+1:01")).hasMessageContaining("'+1'");
        assertThatThrownBy(() -> new Mac.Converter().convert("nope"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
