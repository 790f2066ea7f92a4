/* Shared by the bench tools: a pcap file mapped read-only, walked record by record without copying. */
#ifndef NVB_PCAPMAP_H
#define NVB_PCAPMAP_H
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PCAP_MAGIC_US 0xa1b2c3d4u
#define PCAP_MAGIC_NS 0xa1b23c4du
#define PCAP_GLOBAL 24
#define PCAP_RECHDR 16

/* Frames of genpcap and `netvcr samples periodic` carry their sequence number, 8 bytes big-endian, here. */
#define SEQ_OFF 42

struct pcap_map {
    const uint8_t *base;
    size_t len;
    int nsec;
};

static inline int pcap_map_open(const char *path, struct pcap_map *m, int advice) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); return -1; }
    struct stat st;
    if (fstat(fd, &st) < 0 || st.st_size < PCAP_GLOBAL) { fprintf(stderr, "%s: not a pcap\n", path); close(fd); return -1; }
    void *p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) { perror("mmap"); return -1; }
    madvise(p, st.st_size, advice);
    uint32_t magic;
    memcpy(&magic, p, 4);
    if (magic != PCAP_MAGIC_US && magic != PCAP_MAGIC_NS) {
        fprintf(stderr, "%s: only native-order pcap (us or ns) is supported\n", path);
        return -1;
    }
    m->base = p;
    m->len = st.st_size;
    m->nsec = magic == PCAP_MAGIC_NS;
    return 0;
}

/* Record at *off: returns its data pointer and sets *len and *ts_ns; advances *off. NULL at the end. */
static inline const uint8_t *pcap_next(const struct pcap_map *m, size_t *off, uint32_t *len, int64_t *ts_ns) {
    if (*off + PCAP_RECHDR > m->len) return NULL;
    const uint8_t *h = m->base + *off;
    uint32_t sec, frac, incl;
    memcpy(&sec, h, 4);
    memcpy(&frac, h + 4, 4);
    memcpy(&incl, h + 8, 4);
    if (*off + PCAP_RECHDR + incl > m->len) return NULL;
    *ts_ns = (int64_t)sec * 1000000000LL + (m->nsec ? frac : (int64_t)frac * 1000);
    *len = incl;
    *off += PCAP_RECHDR + incl;
    return h + PCAP_RECHDR;
}

static inline int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static inline int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static inline int64_t pct(const int64_t *s, size_t n, double p) {
    if (n == 0) return 0;
    size_t k = (size_t)(p * n + 0.999999);
    if (k < 1) k = 1;
    if (k > n) k = n;
    return s[k - 1];
}
#endif
