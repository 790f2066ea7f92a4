import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.io.Compression;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Decompression throughput of NetVCR's input path, for bench/decompress.sh. Per file, in MB/s of
 * decompressed bytes: "netvcr" = Compression.decompress as TraceInput uses it, read to the end in 64 KiB
 * reads; "raw" = the bare commons-compress stream read in 1 MiB reads (no buffering layer, no guard);
 * "jdk-gzip" = java.util.zip.GZIPInputStream (gzip only); "reader" = TraceInput + the format's reader,
 * i.e. decompression and record parsing together.
 * Run: java -cp "app/target/netvcr-app.jar:app/target/lib/*" bench/DecompressBench.java FILE...
 */
public final class DecompressBench {
    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%-28s %-8s %10s %10s %10s %10s%n", "file", "method", "MB", "seconds", "MB/s", "packets");
        for (String f : args) {
            warm(f);
            run(f, "netvcr", () -> Compression.decompress(new BufferedInputStream(new FileInputStream(f), Compression.BUFFER)), 64 << 10);
            if (isCompressed(f)) {
                run(f, "raw", () -> new CompressorStreamFactory(true).createCompressorInputStream(
                    new BufferedInputStream(new FileInputStream(f), 1 << 16)), 1 << 20);
            }
            if (f.endsWith(".gz")) {
                run(f, "jdk-gzip", () -> new GZIPInputStream(new FileInputStream(f), 1 << 16), 1 << 20);
            }
            long t0 = System.nanoTime();
            long n = 0;
            try (TraceInput in = TraceInput.open(f, null, ReaderOptions.DEFAULTS)) {
                Packet p = new Packet();
                while (in.reader().next(p)) {
                    n++;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%-28s %-8s %10s %10.2f %10s %10d%n", name(f), "reader", "-", s, "-", n);
        }
    }

    interface Opener {
        InputStream open() throws Exception;
    }

    private static void run(String f, String method, Opener o, int chunk) throws Exception {
        byte[] buf = new byte[chunk];
        long t0 = System.nanoTime();
        long total = 0;
        try (InputStream in = o.open()) {
            int r;
            while ((r = in.read(buf, 0, buf.length)) >= 0) {
                total += r;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-28s %-8s %10.1f %10.2f %10.1f %10s%n", name(f), method, total / 1e6, s, total / 1e6 / s, "-");
    }

    /** Reads the file once untimed, so the first method measured does not pay for the disk. */
    private static void warm(String f) throws IOException {
        byte[] buf = new byte[1 << 20];
        try (InputStream in = new FileInputStream(f)) {
            while (in.read(buf) >= 0) {
                // page cache only
            }
        }
    }

    private static boolean isCompressed(String f) throws IOException {
        try (InputStream in = new FileInputStream(f)) {
            byte[] h = in.readNBytes(8);
            return Compression.detect(h, h.length) != Compression.NONE;
        }
    }

    private static String name(String f) {
        return f.substring(f.lastIndexOf('/') + 1);
    }
}
