/*
 * timed_send: the minimal timed anchor. Packet i is due at start + (ts_i - ts_0); the sender sleeps with
 * clock_nanosleep(TIMER_ABSTIME) until the deadline minus a margin (50 us), then spins, then send()s one
 * frame. Timer slack 1 ns; optional SCHED_FIFO. The trace is mapped with MADV_SEQUENTIAL and read as it
 * goes (no preload), so a cold file costs what it costs. Prints its own lateness (send call start -
 * deadline) percentiles and the first packet's. Bounded by --count and the file. -s starts the time line at
 * an absolute CLOCK_REALTIME instant (ns since the epoch) instead of 1 ms after start-up: the synchronised-start
 * control of bench/shards (two of these, each in its own namespace, with the same instant).
 * usage: timed_send -i IF [-n MAX] [-m MARGIN_US(50)] [-r RTPRIO] [-s START_REALTIME_NS] FILE.pcap
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <sys/prctl.h>
#include "pcapmap.h"
#include "sock.h"

int main(int argc, char **argv) {
    const char *ifname = NULL;
    long long max = -1;
    int64_t margin = 50000;
    int rtprio = 0, c;
    long long start_at = 0;
    while ((c = getopt(argc, argv, "i:n:m:r:s:")) != -1) {
        if (c == 'i') ifname = optarg;
        else if (c == 'n') max = atoll(optarg);
        else if (c == 'm') margin = atoll(optarg) * 1000;
        else if (c == 'r') rtprio = atoi(optarg);
        else if (c == 's') start_at = atoll(optarg);
        else return 64;
    }
    if (!ifname || optind != argc - 1) {
        fprintf(stderr, "usage: timed_send -i IF [-n MAX] [-m MARGIN_US] [-r RTPRIO] [-s START_REALTIME_NS] FILE.pcap\n");
        return 64;
    }
    struct pcap_map m;
    if (pcap_map_open(argv[optind], &m, MADV_SEQUENTIAL) < 0) return 66;
    int fd = tx_socket(ifname);
    if (fd < 0) return 71;
    if (rtprio > 0) {
        struct sched_param sp = {.sched_priority = rtprio};
        if (sched_setscheduler(0, SCHED_FIFO, &sp) < 0) perror("sched_setscheduler (continuing without)");
    }
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    size_t cap = max > 0 ? (size_t)max : (m.len - PCAP_GLOBAL) / (PCAP_RECHDR + 42) + 1;
    int64_t *late = malloc(cap * sizeof *late);
    if (!late) { perror("malloc"); return 71; }
    size_t off = PCAP_GLOBAL, n = 0;
    uint32_t len;
    int64_t ts, ts0 = 0, start = now_ns() + 1000000; /* first deadline 1 ms ahead */
    if (start_at > 0) {
        struct timespec rt;
        clock_gettime(CLOCK_REALTIME, &rt);
        start = now_ns() + (start_at - (rt.tv_sec * 1000000000LL + rt.tv_nsec));
    }
    long long bytes = 0, retries = 0;
    const uint8_t *d;
    while ((max < 0 || (long long)n < max) && n < cap && (d = pcap_next(&m, &off, &len, &ts))) {
        if (n == 0) ts0 = ts;
        int64_t dl = start + (ts - ts0);
        int64_t now = now_ns();
        if (dl - now > margin) {
            int64_t w = dl - margin;
            struct timespec t = {.tv_sec = w / 1000000000LL, .tv_nsec = w % 1000000000LL};
            while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR) {}
        }
        while ((now = now_ns()) < dl) {}
        late[n++] = now - dl;
        while (send(fd, d, len, 0) < 0) {
            if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR) { retries++; continue; }
            perror("send");
            goto out;
        }
        bytes += len;
    }
out:;
    int64_t el = now_ns() - start, first = n ? late[0] : 0;
    qsort(late, n, sizeof *late, cmp_i64);
    printf("sent=%zu bytes=%lld elapsed_ns=%lld retries=%lld own_p50_ns=%lld own_p99_ns=%lld own_max_ns=%lld first_late_ns=%lld\n", n, bytes,
           (long long)el, retries, (long long)pct(late, n, .5), (long long)pct(late, n, .99), (long long)(n ? late[n - 1] : 0), (long long)first);
    return 0;
}
