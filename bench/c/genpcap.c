/*
 * genpcap: writes a periodic synthetic trace as a nanosecond pcap, fast enough for multi-GB files.
 * The frames are those of `netvcr samples periodic` (samples/UdpFrames): Ethernet 02:00:00:00:00:01 ->
 * 02:00:00:00:00:02, IPv4 198.18.0.1 -> 198.18.0.2 (DF, id = sequence), UDP 40000 -> 9, valid IP and UDP
 * checksums, the packet's sequence number as 8 bytes big-endian at frame offset 42 (the receiver matches
 * frames to their schedule by it), the rest zero.
 * usage: genpcap --count N --delta-ns D [--size S | --imix] OUT.pcap
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include "pcapmap.h"

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t s) {
    for (size_t i = 0; i + 1 < n; i += 2) s += (p[i] << 8) | p[i + 1];
    if (n & 1) s += p[n - 1] << 8;
    return s;
}
static uint16_t fold(uint32_t s) {
    while (s >> 16) s = (s & 0xffff) + (s >> 16);
    return (uint16_t)~s;
}

int main(int argc, char **argv) {
    long long count = 0, delta = 0;
    int size = 64, imix = 0;
    static struct option o[] = {{"count", 1, 0, 'n'}, {"delta-ns", 1, 0, 'd'}, {"size", 1, 0, 's'}, {"imix", 0, 0, 'x'}, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "n:d:s:x", o, NULL)) != -1) {
        if (c == 'n') count = atoll(optarg);
        else if (c == 'd') delta = atoll(optarg);
        else if (c == 's') size = atoi(optarg);
        else if (c == 'x') imix = 1;
        else return 64;
    }
    if (optind != argc - 1 || count <= 0 || delta < 0 || size < 50 || size > 9000) {
        fprintf(stderr, "usage: genpcap --count N --delta-ns D [--size S(50..9000) | --imix] OUT.pcap\n");
        return 64;
    }
    FILE *f = fopen(argv[optind], "wb");
    if (!f) { perror(argv[optind]); return 73; }
    setvbuf(f, NULL, _IOFBF, 1 << 22);
    uint32_t g[6] = {PCAP_MAGIC_NS, 0x00040002u, 0, 0, 65535, 1};
    fwrite(g, 4, 6, f);
    static const int imix_sizes[12] = {64, 64, 64, 64, 64, 64, 64, 576, 576, 576, 576, 1514};
    uint8_t fr[9000 + 16];
    const int64_t t0 = 1700000000LL * 1000000000LL;
    for (long long i = 0; i < count; i++) {
        int len = imix ? imix_sizes[i % 12] : size;
        memset(fr, 0, 16 + len);
        uint8_t *h = fr + 16, *ip = h + 14, *udp = ip + 20, *pl = udp + 8;
        int64_t ts = t0 + i * delta;
        uint32_t rh[4] = {(uint32_t)(ts / 1000000000LL), (uint32_t)(ts % 1000000000LL), (uint32_t)len, (uint32_t)len};
        memcpy(fr, rh, 16);
        memcpy(h, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00", 14);
        int iplen = len - 14;
        ip[0] = 0x45; ip[2] = iplen >> 8; ip[3] = iplen; ip[4] = i >> 8; ip[5] = i; ip[6] = 0x40; ip[8] = 64; ip[9] = 17;
        memcpy(ip + 12, "\xc6\x12\x00\x01\xc6\x12\x00\x02", 8);
        uint16_t ic = fold(sum16(ip, 20, 0));
        ip[10] = ic >> 8; ip[11] = ic;
        int ulen = iplen - 20;
        udp[0] = 40000 >> 8; udp[1] = 40000 & 0xff; udp[3] = 9; udp[4] = ulen >> 8; udp[5] = ulen;
        for (int k = 0; k < 8; k++) pl[k] = (uint8_t)((unsigned long long)i >> (56 - 8 * k));
        /* pseudo-header + UDP header + payload (all zero past the sequence number, so only 16 bytes count) */
        uint32_t s = sum16(ip + 12, 8, 0) + 17 + ulen;
        s = sum16(udp, 16, s);
        uint16_t uc = fold(s);
        if (uc == 0) uc = 0xffff;
        udp[6] = uc >> 8; udp[7] = uc;
        if (fwrite(fr, 1, 16 + len, f) != (size_t)(16 + len)) { perror("write"); return 74; }
    }
    if (fclose(f) != 0) { perror("close"); return 74; }
    return 0;
}
