package io.netvcr.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Markdown that formats/FORMAT.md uses (headings, paragraphs, bullet and numbered lists, pipe
 * tables, code spans, bold, italics, links) as an AsciiDoc manpage, so netvcr-format(5) is made from the
 * specification itself rather than kept as a second copy that drifts.
 */
final class MarkdownToManpage {
    private static final Pattern INLINE =
            Pattern.compile("`([^`]+)`|\\*\\*(.+?)\\*\\*|\\*([^*\\s][^*]*?)\\*|\\[([^\\]]+)\\]\\(([^)]+)\\)");
    private static final Pattern ASCIIDOC_SPECIAL =
            Pattern.compile("[*_#^~{}\\[\\]<>`+\\\\|]|--|\\.\\.\\.|\\(C\\)|\\(R\\)|\\(TM\\)|->|=>|<-|<=");

    private MarkdownToManpage() {}

    static String convert(String markdown, String name, int volume, String purpose, String version) {
        StringBuilder out = new StringBuilder();
        out.append("= ")
                .append(name)
                .append('(')
                .append(volume)
                .append(")\n")
                .append(":doctype: manpage\n:manmanual: NetVCR Manual\n:mansource: NetVCR ")
                .append(version)
                .append('\n')
                .append(":man-linkstyle: pass:[blue R < >]\n\n")
                .append("== Name\n\n")
                .append(name)
                .append(" - ")
                .append(purpose)
                .append("\n\n")
                .append("== Description\n\n");
        String[] lines = markdown.replace("\r", "").split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            String t = line.trim();
            if (t.isEmpty()) {
                i++;
            } else if (t.startsWith("#")) {
                int level = 0;
                while (level < t.length() && t.charAt(level) == '#') {
                    level++;
                }
                String title = inline(t.substring(level).trim());
                if (level == 1) {
                    out.append("*").append(title).append("*\n\n");
                } else {
                    out.append("=".repeat(level)).append(' ').append(title).append("\n\n");
                }
                i++;
            } else if (t.startsWith("|")) {
                List<String[]> rows = new ArrayList<>();
                while (i < lines.length && lines[i].trim().startsWith("|")) {
                    rows.add(cells(lines[i].trim()));
                    i++;
                }
                table(out, rows);
            } else if (t.startsWith("- ") || t.matches("\\d+\\. .*")) {
                while (i < lines.length && !lines[i].trim().isEmpty()) {
                    String item = lines[i].trim();
                    boolean bullet = item.startsWith("- ");
                    StringBuilder text =
                            new StringBuilder(bullet ? item.substring(2) : item.replaceFirst("^\\d+\\. ", ""));
                    i++;
                    while (i < lines.length
                            && !lines[i].trim().isEmpty()
                            && !lines[i].trim().startsWith("- ")
                            && !lines[i].trim().matches("\\d+\\. .*")) {
                        text.append(' ').append(lines[i].trim());
                        i++;
                    }
                    out.append(bullet ? "* " : ". ")
                            .append(inline(text.toString()))
                            .append('\n');
                }
                out.append('\n');
            } else {
                StringBuilder para = new StringBuilder();
                while (i < lines.length
                        && !lines[i].trim().isEmpty()
                        && !lines[i].trim().startsWith("#")
                        && !lines[i].trim().startsWith("|")) {
                    para.append(para.length() > 0 ? " " : "").append(lines[i].trim());
                    i++;
                }
                out.append(inline(para.toString())).append("\n\n");
            }
        }
        return out.toString();
    }

    private static String[] cells(String row) {
        String r = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
        String[] c = r.split("\\|", -1);
        for (int k = 0; k < c.length; k++) {
            c[k] = c[k].trim();
        }
        return c;
    }

    /**
     * A pipe table as a definition list: man pages are read at 80 columns, where a five-column table leaves
     * each column a few characters and troff cannot break the field names. The next-to-last column (the field
     * or flag name) becomes the term, the columns before it its qualifiers, the last column the text:
     * "magic (offset 0, size 8, type bytes)" followed by the meaning.
     */
    private static void table(StringBuilder out, List<String[]> rows) {
        String[] header = rows.get(0);
        int n = header.length;
        for (String[] r : rows.subList(1, rows.size())) {
            if (r[0].matches(":?-+:?") || r.length < n) {
                continue;
            }
            StringBuilder term =
                    new StringBuilder("*").append(inline(r[Math.max(0, n - 2)])).append('*');
            List<String> qualifiers = new ArrayList<>();
            for (int c = 0; c < n - 2; c++) {
                qualifiers.add(inline(header[c] + " " + r[c]));
            }
            if (!qualifiers.isEmpty()) {
                term.append(" (").append(String.join(", ", qualifiers)).append(')');
            }
            out.append(term)
                    .append("::\n")
                    .append(n >= 2 ? inline(r[n - 1]) : "")
                    .append('\n');
        }
        out.append('\n');
    }

    /** Markdown inline markup to AsciiDoc; everything else passes through literally. */
    static String inline(String md) {
        StringBuilder out = new StringBuilder();
        Matcher m = INLINE.matcher(md);
        int last = 0;
        while (m.find()) {
            out.append(plain(md.substring(last, m.start())));
            if (m.group(1) != null) {
                out.append("`+").append(m.group(1)).append("+`");
            } else if (m.group(2) != null) {
                out.append("*").append(inline(m.group(2))).append("*");
            } else if (m.group(3) != null) {
                out.append("_").append(inline(m.group(3))).append("_");
            } else {
                out.append(plain(m.group(4)));
                if (m.group(5).startsWith("http")) {
                    out.append(" (").append(plain(m.group(5))).append(")");
                }
            }
            last = m.end();
        }
        out.append(plain(md.substring(last)));
        return out.toString();
    }

    /** Text with characters AsciiDoc would read as markup goes through an unconstrained passthrough. */
    private static String plain(String s) {
        if (s.isEmpty() || !ASCIIDOC_SPECIAL.matcher(s).find()) {
            return s;
        }
        return "pass:[" + s.replace("]", "\\]") + "]";
    }
}
