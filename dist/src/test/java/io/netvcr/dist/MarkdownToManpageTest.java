package io.netvcr.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** netvcr-format(5) is made from FORMAT.md by this converter; asciidoctor and man -l check the rest (dist-check.sh). */
class MarkdownToManpageTest {
    @Test
    void tableRowsBecomeTermsNamedByTheFieldWithTheirQualifiers() {
        String adoc = MarkdownToManpage.convert("""
            ## File header

            | offset | size | type | field | meaning |
            |---:|---:|---|---|---|
            | 8 | 2 | u16 | versionMajor | 1 |
            | 116 | 4 | u32 | headerCrc | CRC-32C of all `4096` header bytes |
            """, "netvcr-format", 5, "the format", "1.2.3");
        assertThat(adoc)
                .startsWith("= netvcr-format(5)\n:doctype: manpage\n")
                .contains(":mansource: NetVCR 1.2.3")
                .contains("== Name\n\nnetvcr-format - the format\n")
                .contains("== File header")
                .contains("*versionMajor* (offset 8, size 2, type u16)::\n1\n")
                .contains("*headerCrc* (offset 116, size 4, type u32)::\nCRC-32C of all `+4096+` header bytes\n")
                .doesNotContain("|===")
                .doesNotContain("---:");
    }

    @Test
    void inlineMarkupAndListsAreTranslatedAndMarkupCharactersPassedThrough() {
        String adoc = MarkdownToManpage.convert("""
            Record *i* starts at byte `4096 + i × recordLength`, see **Versioning** and [FORMAT](FORMAT.md).

            A_B and x^2 stay as written, as does a -- b.

            - one
              continued
            - two

            1. first
            2. second
            """, "x", 5, "y", "1");
        assertThat(adoc)
                .contains("Record _i_ starts at byte `+4096 + i × recordLength+`, see *Versioning* and FORMAT.")
                .contains("pass:[A_B and x^2 stay as written, as does a -- b.]")
                .contains("* one continued\n* two\n")
                .contains(". first\n. second\n");
    }

    @Test
    void theRealSpecificationConvertsWithEverySectionAndEveryHeaderField() throws Exception {
        Path spec = Path.of(System.getProperty("netvcr.project.root", ".."), "formats", "FORMAT.md");
        String md = Files.readString(spec);
        String adoc = MarkdownToManpage.convert(md, "netvcr-format", 5, "the format", "1");
        long sections = md.lines().filter(l -> l.startsWith("## ")).count();
        assertThat(adoc.lines().filter(l -> l.startsWith("== ")).count())
                .isEqualTo(sections + 2); // + Name, Description
        for (String field : new String[] {
            "magic",
            "recordLength",
            "headerCrc",
            "prepParameters",
            "timestampNs",
            "sendOffsetNs",
            "TRUNCATED",
            "OUT_OF_ORDER"
        }) {
            assertThat(adoc).containsPattern("(?m)^\\*(pass:\\[)?" + field + "]?\\* \\(.*::$");
        }
    }
}
