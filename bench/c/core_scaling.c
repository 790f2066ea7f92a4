/*
 * core_scaling: how much work two processes get done against one, for four kinds of work, on this machine: the
 * ceiling of any 1 -> 2 core scaling figure here (issue 15: Spark local[1] -> local[2]). Each kind runs SECS seconds
 * in one process, then in two at once; the ratio is the two's work over the one's. alu: a multiply-add chain (no
 * memory); stream: one byte of every cache line of a 256 MB buffer; mmap: map FILE, read one byte of every page,
 * unmap (page-table and first-touch work); read: read() FILE in 1 MB chunks (page-cache copies). Bounded: 8 x SECS
 * plus set-up. Run it a few times: on a shared VM one run's ratio can be far off.
 * usage: core_scaling FILE [SECS (4)]        e.g. ./core_scaling /var/tmp/spark-bench/set-5208333-1.nvcr
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096
#define STREAM (256u << 20)

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/*
 * Units of work of the given kind done in secs after its set-up: millions of multiply-adds, MB streamed, pages
 * mapped and first touched, MB read. The clock is read every unit, so a partial pass still counts.
 */
static uint64_t work(const char *kind, const char *file, double secs) {
    uint64_t units = 0, x = 1;
    uint8_t *buf = NULL;
    int fd = -1;
    size_t n = 0;
    if (!strcmp(kind, "stream")) {
        buf = malloc(STREAM);
        memset(buf, 1, STREAM);
    } else if (strcmp(kind, "alu")) {
        struct stat st;
        fd = open(file, O_RDONLY);
        if (fd < 0 || fstat(fd, &st) < 0) return 0;
        n = (size_t)st.st_size / PAGE * PAGE;
        buf = malloc(1 << 20);
    }
    double end = now_s() + secs;
    for (;;) {
        if (!strcmp(kind, "alu")) {
            for (int i = 0; i < 1000000; i++) x = x * 6364136223846793005ULL + 1;
            units++;
        } else if (!strcmp(kind, "stream")) {
            for (size_t m = 0; m < STREAM; m += 1 << 20) {
                for (size_t i = m; i < m + (1 << 20); i += 64) x += buf[i];
                units++;
                if (now_s() >= end) return units + (x == 42);
            }
        } else if (!strcmp(kind, "mmap")) {
            volatile uint8_t *p = mmap(NULL, n, PROT_READ, MAP_SHARED, fd, 0);
            if (p == MAP_FAILED) return 0;
            for (size_t i = 0; i < n; i += PAGE) {
                x += p[i];
                units++;
                if ((units & 255) == 0 && now_s() >= end) break;
            }
            munmap((void *)p, n);
        } else {
            ssize_t r;
            lseek(fd, 0, SEEK_SET);
            while ((r = read(fd, buf, 1 << 20)) > 0) {
                x += buf[0];
                units++;
                if (now_s() >= end) break;
            }
        }
        if (now_s() >= end) break;
    }
    return units + (x == 42); /* keeps x alive */
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: core_scaling FILE [SECS]\n");
        return 64;
    }
    double secs = argc > 2 ? atof(argv[2]) : 4;
    const char *kinds[] = {"alu", "stream", "mmap", "read"};
    for (int k = 0; k < 4; k++) {
        uint64_t one = work(kinds[k], argv[1], secs);
        int fds[2][2];
        uint64_t two = 0;
        for (int c = 0; c < 2; c++) {
            if (pipe(fds[c]) < 0) return 71;
            if (fork() == 0) {
                uint64_t u = work(kinds[k], argv[1], secs);
                if (write(fds[c][1], &u, sizeof u) != sizeof u) _exit(1);
                _exit(0);
            }
        }
        for (int c = 0; c < 2; c++) {
            uint64_t u = 0;
            if (read(fds[c][0], &u, sizeof u) != sizeof u) return 70;
            two += u;
        }
        while (wait(NULL) > 0) {
        }
        printf("%-6s one process %8llu units, two %8llu: %.2fx\n", kinds[k], (unsigned long long)one,
               (unsigned long long)two, one ? (double)two / (double)one : 0.0);
        fflush(stdout);
    }
    return 0;
}
