import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * bench/paper's tables as pictures (PNG and SVG), and a notice picture for a figure this build cannot make,
 * so RESULTS.md has one picture per figure and table of the paper whatever the build offers. Run with the
 * source launcher on NetVCR's own class path (VectorGraphics2D, XChart's SVG back end, is in it):
 *   java -cp 'app/target/lib/*' bench/paper/Render.java table OUT_BASE TITLE FILE.tsv
 *   java -cp 'app/target/lib/*' bench/paper/Render.java notice OUT_BASE TITLE LINE...
 * A table file is tab-separated, its first row the header.
 */
public final class Render {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font HEAD = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font BODY = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final int PAD = 10;
    static final int ROW = 26;

    interface Painter {
        void paint(Graphics2D g);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (args.length < 3) {
            System.err.println("usage: Render table OUT_BASE TITLE FILE.tsv | notice OUT_BASE TITLE LINE...");
            System.exit(64);
        }
        String base = args[1];
        String title = args[2];
        if (args[0].equals("table")) {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(args[3]))) {
                if (!line.isBlank()) {
                    rows.add(line.split("\t", -1));
                }
            }
            table(base, title, rows);
        } else if (args[0].equals("notice")) {
            notice(base, title, Arrays.asList(args).subList(3, args.length));
        } else {
            System.err.println("Render: unknown mode " + args[0]);
            System.exit(64);
        }
    }

    static FontMetrics metrics(Font f) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics m = g.getFontMetrics(f);
        g.dispose();
        return m;
    }

    static void table(String base, String title, List<String[]> rows) throws Exception {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(1);
        int[] w = new int[cols];
        FontMetrics hm = metrics(HEAD);
        FontMetrics bm = metrics(BODY);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).length; c++) {
                w[c] = Math.max(w[c], (r == 0 ? hm : bm).stringWidth(rows.get(r)[c]) + 2 * PAD);
            }
        }
        int width = Math.max(Arrays.stream(w).sum(), metrics(TITLE).stringWidth(title) + 2 * PAD) + 2 * PAD;
        int height = 50 + rows.size() * ROW + PAD;
        save(base, title, width, height, g -> {
            g.setFont(TITLE);
            g.drawString(title, PAD, 30);
            int y = 45;
            for (int r = 0; r < rows.size(); r++) {
                if (r == 0) {
                    g.setColor(new Color(0xE8E8E8));
                    g.fillRect(PAD, y, Arrays.stream(w).sum(), ROW);
                    g.setColor(Color.BLACK);
                }
                int x = PAD;
                g.setFont(r == 0 ? HEAD : BODY);
                for (int c = 0; c < cols; c++) {
                    String s = c < rows.get(r).length ? rows.get(r)[c] : "";
                    g.drawString(s, x + PAD, y + ROW - 8);
                    g.drawRect(x, y, w[c], ROW);
                    x += w[c];
                }
                y += ROW;
            }
        });
    }

    static void notice(String base, String title, List<String> lines) throws Exception {
        FontMetrics bm = metrics(BODY);
        int width = Math.max(800, lines.stream().mapToInt(bm::stringWidth).max().orElse(0) + 4 * PAD);
        width = Math.max(width, metrics(TITLE).stringWidth(title) + 4 * PAD);
        int height = 70 + lines.size() * ROW + PAD;
        save(base, title, width, height, g -> {
            g.setFont(TITLE);
            g.drawString(title, 2 * PAD, 35);
            g.setFont(BODY);
            int y = 70;
            for (String l : lines) {
                g.drawString(l, 2 * PAD, y);
                y += ROW;
            }
        });
    }

    static void save(String base, String title, int width, int height, Painter p) throws Exception {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        prepare(g, width, height);
        p.paint(g);
        g.dispose();
        Path png = Path.of(base + ".png");
        Path tmp = Path.of(base + ".png.tmp");
        try (OutputStream os = Files.newOutputStream(tmp)) {
            ImageIO.write(img, "png", os);
        }
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING);

        VectorGraphics2D vg = new VectorGraphics2D();
        prepare(vg, width, height);
        p.paint(vg);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, width, height)).writeTo(buf);
        String svg = buf.toString("UTF-8");
        int open = svg.indexOf("<svg");
        int end = open < 0 ? -1 : svg.indexOf('>', open);
        if (end > 0) {
            svg = svg.substring(0, end + 1) + "\n  <title>" + title.replace("&", "&amp;").replace("<", "&lt;")
                + "</title>" + svg.substring(end + 1);
        }
        Path svgTmp = Path.of(base + ".svg.tmp");
        Files.writeString(svgTmp, svg);
        Files.move(svgTmp, Path.of(base + ".svg"), StandardCopyOption.REPLACE_EXISTING);
    }

    static void prepare(Graphics2D g, int width, int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }
}
