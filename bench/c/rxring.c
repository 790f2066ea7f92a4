/*
 * rxring: the bench's receiver. Counts the frames arriving on an interface through an AF_PACKET
 * PACKET_RX_RING (TPACKET_V3), keeping each frame's kernel receive timestamp (ns). Frames made by genpcap
 * (and by `netvcr samples periodic`: UDP to port 9 from 02:00:00:00:00:01) are matched to their schedule
 * by the sequence number they carry (8 bytes big-endian at offset 42); other frames by arrival order.
 * With -S SCHEDULE.pcap it computes the receiver-side send-time error
 *   eps_i = (capture_i - capture_first) - (scheduled_i - scheduled_first)
 * and prints its percentiles, and those of |eps_i - median(eps)| (the constant offset removed).
 * With -E FILE (and -S) it also writes every matched packet's eps_i as a NetVCR epsilon log ("NVCREPS1",
 * record count, then little-endian int64 index, scheduled offset, capture offset, eps), so that
 * `netvcr-analyze plot` draws receiver-side eps exactly as it draws the replayer's own log.
 * Stops on SIGINT/SIGTERM, after -n frames, or at the -t timeout; prints one key=value line.
 * usage: rxring -i IF [-n EXPECT] [-t TIMEOUT_S(600)] [-S SCHEDULE.pcap] [-R READY_FILE] [-M RING_MB(256)] [-E EPS_LOG]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include "pcapmap.h"

static volatile sig_atomic_t stop;
static void on_sig(int s) { (void)s; stop = 1; }

struct rx { int64_t ts; int64_t seq; };

int main(int argc, char **argv) {
    const char *ifname = NULL, *sched = NULL, *ready = NULL, *epslog = NULL;
    long long expect = -1;
    int timeout_s = 600, ring_mb = 256, c;
    while ((c = getopt(argc, argv, "i:n:t:S:R:M:E:")) != -1) {
        if (c == 'i') ifname = optarg;
        else if (c == 'n') expect = atoll(optarg);
        else if (c == 't') timeout_s = atoi(optarg);
        else if (c == 'S') sched = optarg;
        else if (c == 'R') ready = optarg;
        else if (c == 'M') ring_mb = atoi(optarg);
        else if (c == 'E') epslog = optarg;
        else return 64;
    }
    if (!ifname) { fprintf(stderr, "usage: rxring -i IF [-n EXPECT] [-t S] [-S SCHED.pcap] [-R READY] [-M MB] [-E EPS_LOG]\n"); return 64; }

    /* schedule: offsets of each record from the first */
    int64_t *off = NULL;
    size_t nsched = 0;
    if (sched) {
        struct pcap_map m;
        if (pcap_map_open(sched, &m, MADV_SEQUENTIAL) < 0) return 66;
        size_t cap = (m.len - PCAP_GLOBAL) / (PCAP_RECHDR + 14) + 1, o = PCAP_GLOBAL;
        if (expect > 0 && (size_t)expect < cap) cap = expect; /* the sender was told to send the first EXPECT only */
        off = malloc(cap * sizeof *off);
        uint32_t len;
        int64_t ts, ts0 = 0;
        while (nsched < cap && pcap_next(&m, &o, &len, &ts)) {
            if (nsched == 0) ts0 = ts;
            off[nsched++] = ts - ts0;
        }
        munmap((void *)m.base, m.len);
        if (expect < 0) expect = nsched;
    }
    size_t cap = expect > 0 ? (size_t)expect + 1024 : 4u << 20;
    struct rx *rx = malloc(cap * sizeof *rx);
    if (!rx) { perror("malloc"); return 71; }

    int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (fd < 0) { perror("socket"); return 71; }
    int v = TPACKET_V3;
    if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &v, sizeof v) < 0) { perror("PACKET_VERSION"); return 71; }
    struct tpacket_req3 req;
    memset(&req, 0, sizeof req);
    req.tp_block_size = 1 << 22;
    req.tp_frame_size = 2048;
    req.tp_block_nr = ring_mb / 4;
    req.tp_frame_nr = req.tp_block_size / req.tp_frame_size * req.tp_block_nr;
    req.tp_retire_blk_tov = 10;
    if (setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req) < 0) { perror("PACKET_RX_RING"); return 71; }
    size_t ringlen = (size_t)req.tp_block_size * req.tp_block_nr;
    uint8_t *ring = mmap(NULL, ringlen, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_LOCKED, fd, 0);
    if (ring == MAP_FAILED) ring = mmap(NULL, ringlen, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (ring == MAP_FAILED) { perror("mmap ring"); return 71; }
    struct sockaddr_ll a;
    memset(&a, 0, sizeof a);
    a.sll_family = AF_PACKET;
    a.sll_protocol = htons(ETH_P_ALL);
    a.sll_ifindex = if_nametoindex(ifname);
    if (!a.sll_ifindex) { fprintf(stderr, "no interface %s\n", ifname); return 66; }
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); return 71; }
    struct tpacket_stats_v3 st;
    socklen_t sl = sizeof st;
    getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &sl); /* reset counters */

    signal(SIGINT, on_sig);
    signal(SIGTERM, on_sig);
    signal(SIGALRM, on_sig);
    alarm(timeout_s);
    if (ready) { FILE *f = fopen(ready, "w"); if (f) fclose(f); }

    size_t n = 0;
    long long frames = 0, bytes = 0, other = 0;
    unsigned blk = 0;
    int draining = 0;
    int64_t drain_until = 0;
    for (;;) {
        struct tpacket_block_desc *b = (void *)(ring + (size_t)blk * req.tp_block_size);
        if (!(b->hdr.bh1.block_status & TP_STATUS_USER)) {
            if (stop && !draining) { draining = 1; drain_until = now_ns() + 50000000; }
            if (draining && now_ns() > drain_until) break;
            if (expect > 0 && frames >= expect) break;
            struct pollfd p = {.fd = fd, .events = POLLIN | POLLERR};
            poll(&p, 1, draining ? 10 : 100);
            continue;
        }
        struct tpacket3_hdr *h = (void *)((uint8_t *)b + b->hdr.bh1.offset_to_first_pkt);
        for (unsigned i = 0; i < b->hdr.bh1.num_pkts; i++) {
            const uint8_t *f = (uint8_t *)h + h->tp_mac;
            int ours = h->tp_snaplen >= 14 && f[6] == 0x02 && f[12] == 0x08 && f[13] == 0x00;
            if (ours) {
                frames++;
                bytes += h->tp_len;
                if (n < cap) {
                    int64_t seq = -1;
                    if (h->tp_snaplen >= SEQ_OFF + 8 && f[11] == 0x01 && f[14 + 9] == 17 && f[36] == 0 && f[37] == 9) {
                        uint64_t s = 0;
                        for (int k = 0; k < 8; k++) s = s << 8 | f[SEQ_OFF + k];
                        seq = s > (uint64_t)INT64_MAX ? -1 : (int64_t)s;
                    }
                    rx[n].ts = (int64_t)h->tp_sec * 1000000000LL + h->tp_nsec;
                    rx[n].seq = seq;
                    n++;
                }
            } else {
                other++;
            }
            h = (void *)((uint8_t *)h + h->tp_next_offset);
        }
        b->hdr.bh1.block_status = TP_STATUS_KERNEL;
        blk = (blk + 1) % req.tp_block_nr;
    }
    sl = sizeof st;
    getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &sl);

    int64_t dur = n > 1 ? rx[n - 1].ts - rx[0].ts : 0;
    printf("rx_frames=%lld rx_bytes=%lld other=%lld kernel_drops=%u freeze=%u dur_ns=%lld pps=%.0f gbps=%.4f",
           frames, bytes, other, st.tp_drops, st.tp_freeze_q_cnt, (long long)dur,
           dur > 0 ? (n - 1) * 1e9 / dur : 0.0, dur > 0 ? bytes * 8.0 / dur : 0.0);
    if (off && n > 0) {
        /* arrival-order fallback when frames carry no marker */
        for (size_t i = 0; i < n; i++) if (rx[i].seq < 0) rx[i].seq = (int64_t)i;
        int64_t s0 = rx[0].seq, t0 = rx[0].ts;
        int64_t *eps = malloc(n * sizeof *eps), *adj = malloc(n * sizeof *adj);
        size_t m = 0;
        long long reordered = 0, dups = 0;
        uint8_t *seen = calloc(nsched, 1);
        int64_t maxseq = -1, last_eps = 0;
        FILE *log = NULL;
        if (epslog) {
            int64_t unknown = -1;
            log = fopen(epslog, "wb");
            if (!log || fwrite("NVCREPS1", 8, 1, log) != 1 || fwrite(&unknown, 8, 1, log) != 1) { perror(epslog); return 73; }
        }
        for (size_t i = 0; i < n; i++) {
            int64_t s = rx[i].seq;
            if (s < 0 || (size_t)s >= nsched) continue;
            if (seen[s]) { dups++; continue; }
            seen[s] = 1;
            if (s < maxseq) reordered++; else maxseq = s;
            eps[m++] = (rx[i].ts - t0) - (off[s] - off[s0]);
            last_eps = eps[m - 1];
            if (log) {
                int64_t r[4] = {s, off[s] - off[s0], rx[i].ts - t0, last_eps}; /* x86-64: already little-endian */
                fwrite(r, sizeof r, 1, log);
            }
        }
        if (log) {
            int64_t cnt = (int64_t)m;
            if (fseek(log, 8, SEEK_SET) != 0 || fwrite(&cnt, 8, 1, log) != 1 || fclose(log) != 0) {
                perror(epslog);
                return 74;
            }
        }
        long long unique = m;
        qsort(eps, m, sizeof *eps, cmp_i64);
        int64_t med = pct(eps, m, .5);
        for (size_t i = 0; i < m; i++) adj[i] = llabs(eps[i] - med);
        qsort(adj, m, sizeof *adj, cmp_i64);
        printf(" lost=%lld reordered=%lld dups=%lld eps_p50=%lld eps_p99=%lld eps_p999=%lld eps_max=%lld eps_last=%lld"
               " adj_p50=%lld adj_p99=%lld adj_p999=%lld adj_max=%lld",
               (long long)nsched - unique, reordered, dups, (long long)med, (long long)pct(eps, m, .99),
               (long long)pct(eps, m, .999), (long long)eps[m - 1], (long long)last_eps,
               (long long)pct(adj, m, .5), (long long)pct(adj, m, .99), (long long)pct(adj, m, .999), (long long)adj[m - 1]);
    }
    printf("\n");
    return 0;
}
