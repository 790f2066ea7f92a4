/*
 * page_touch: what the first read of each page of a mapped, already populated file costs the reading thread, and
 * whether a read by another thread of the process takes that cost off it (issue 11: the trace windows' helper
 * thread). Maps FILE with MAP_POPULATE (page tables filled by the kernel, page cache warm) and reads one byte per
 * page: (1) first read by this thread, (2) a second read, (3) after a helper thread read every page first; then
 * the kernel's reads of the same pages (a pwrite of one byte of each page into a memory file, as a send call copies
 * a frame): (4) first, after user space read them all, (5) second. On a VM whose hypervisor fills its own view of
 * the page tables on first use, (1) costs microseconds a page though the kernel filled the page tables, (3) costs
 * what (2) does, and (4) costs about a microsecond more than (5): user space and the kernel each pay their first
 * read. Bounded: a few passes over FILE.
 * usage: page_touch FILE        e.g. ./page_touch trace.prep.nvcr
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

struct range {
    const volatile uint8_t *p;
    size_t n;
    uint64_t sum;
};

static void *read_pages(void *arg) {
    struct range *r = arg;
    for (size_t i = 0; i < r->n; i += PAGE) r->sum += r->p[i];
    return NULL;
}

/* ns per page of one pass over r by the calling thread */
static double pass(struct range *r) {
    int64_t t = now_ns();
    read_pages(r);
    return (double)(now_ns() - t) / (double)(r->n / PAGE);
}

/* ns per page of the kernel reading one byte of each page of r (pwrite from the page into fd) */
static double kernel_pass(int fd, struct range *r) {
    int64_t t = now_ns();
    for (size_t i = 0; i < r->n; i += PAGE) {
        if (pwrite(fd, (const void *)(r->p + i), 1, 0) != 1) return -1;
    }
    return (double)(now_ns() - t) / (double)(r->n / PAGE);
}

static int map(int fd, size_t n, struct range *r) {
    void *p = mmap(NULL, n, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) return -1;
    r->p = p;
    r->n = n;
    r->sum = 0;
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: page_touch FILE\n");
        return 64;
    }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || st.st_size < PAGE) {
        perror(argv[1]);
        return 66;
    }
    size_t n = (size_t)st.st_size / PAGE * PAGE;
    struct range r;
    if (map(fd, n, &r) < 0) return 71;
    read_pages(&r); /* page cache warm for all passes */
    munmap((void *)r.p, n);

    if (map(fd, n, &r) < 0) return 71;
    double first = pass(&r), second = pass(&r);
    munmap((void *)r.p, n);

    if (map(fd, n, &r) < 0) return 71;
    pthread_t helper;
    struct range h = r;
    pthread_create(&helper, NULL, read_pages, &h);
    pthread_join(helper, NULL);
    double after_helper = pass(&r);
    int mfd = memfd_create("page_touch", 0);
    if (mfd < 0) return 71;
    double kernel_first = kernel_pass(mfd, &r), kernel_second = kernel_pass(mfd, &r);
    munmap((void *)r.p, n);

    printf("pages=%zu first_read_ns=%.0f second_read_ns=%.0f after_helper_read_ns=%.0f kernel_first_read_ns=%.0f "
           "kernel_second_read_ns=%.0f (sum %llu)\n",
           n / PAGE, first, second, after_helper, kernel_first, kernel_second, (unsigned long long)(r.sum + h.sum));
    return 0;
}
