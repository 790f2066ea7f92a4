package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.TraceFormats;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class InputFormatOptionTest {
    @Command(name = "reader")
    static final class Reader {
        @Mixin
        InputFormatOption inputFormat = new InputFormatOption();
    }

    private static Reader parse(String... args) {
        Reader r = new Reader();
        new CommandLine(r).parseArgs(args);
        return r;
    }

    @Test
    void anAliasNamesTheRegisteredFormat() {
        Reader r = parse("--format", "LibPcap");
        assertThat(r.inputFormat.name()).isEqualTo("pcap");
        assertThat(r.inputFormat.format()).isSameAs(TraceFormats.byName("pcap").orElseThrow());
        assertThat(parse("-F", "legacy-eth").inputFormat.name()).isEqualTo("legacy-eth");
    }

    @Test
    void withoutTheOptionTheFormatIsDetected() {
        assertThat(parse().inputFormat.format()).isNull();
        assertThat(parse().inputFormat.name()).isNull();
    }

    @Test
    void anUnknownNameIsAUsageErrorListingTheRegistry() {
        assertThatThrownBy(() -> parse("--format", "nope"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("unknown format 'nope'")
                .hasMessageContaining(String.join(", ", TraceFormats.names()));
    }

    @Test
    void completionAndHelpOfferTheRegistryNames() {
        CommandLine cl = new CommandLine(new Reader());
        Iterable<String> candidates = cl.getCommandSpec().findOption("--format").completionCandidates();
        assertThat(candidates).containsExactlyElementsOf(TraceFormats.names());
        assertThat(cl.getUsageMessage()).contains("nvcr, pcap, pcapng");
    }
}
