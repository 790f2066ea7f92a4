/*
 * wake_lateness: how late clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME) wakes, by sleep length (timer slack
 * 1 ns), and the hybrid timer's plan for a long gap: one long sleep ending LONG us early, then sleeps of at most
 * STEP us until SPIN us before the deadline, then a spin. On a VM a vCPU halted briefly is resumed at once, one
 * halted for milliseconds waits for the host's scheduler: lateness grows with the sleep's length.
 * usage: wake_lateness [-n COUNT(2000)] [-l LONG_US(300)] [-s STEP_US(100)] [-m SPIN_US(20)] SLEEP_US... [gGAP_US...]
 * A number is a plain sleep of that length; g and a number a gap planned as above (lateness measured at
 * the end of the last sleep against deadline - SPIN; wake-ups per gap printed). Bounded: COUNT sleeps per argument.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}
static void sleep_until(int64_t d) {
    struct timespec t = {.tv_sec = d / 1000000000LL, .tv_nsec = d % 1000000000LL};
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
}
static int cmp(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}
static void report(const char *what, long long us, int64_t *l, int n, double wakeups) {
    qsort(l, n, sizeof *l, cmp);
    printf("%-10s %6lld us: late p50 %7.1f p90 %7.1f p99 %7.1f p99.9 %7.1f max %8.1f us", what, us, l[n / 2] / 1e3,
           l[n * 9 / 10] / 1e3, l[n * 99 / 100] / 1e3, l[n * 999 / 1000] / 1e3, l[n - 1] / 1e3);
    if (wakeups > 0) printf("  wake-ups/gap %.2f", wakeups);
    printf("\n");
}

int main(int argc, char **argv) {
    int n = 2000, c;
    int64_t lng = 300000, step = 100000, spin = 20000;
    while ((c = getopt(argc, argv, "n:l:s:m:")) != -1) {
        if (c == 'n') n = atoi(optarg);
        else if (c == 'l') lng = atoll(optarg) * 1000;
        else if (c == 's') step = atoll(optarg) * 1000;
        else if (c == 'm') spin = atoll(optarg) * 1000;
        else return 64;
    }
    if (n < 10 || optind >= argc) {
        fprintf(stderr, "usage: wake_lateness [-n COUNT] [-l LONG_US] [-s STEP_US] [-m SPIN_US] SLEEP_US... [gGAP_US...]\n");
        return 64;
    }
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    int64_t *l = malloc(n * sizeof *l);
    if (!l) return 71;
    for (int a = optind; a < argc; a++) {
        int planned = argv[a][0] == 'g';
        long long us = atoll(argv[a] + planned);
        if (us <= 0) {
            fprintf(stderr, "wake_lateness: '%s' is not a length in us\n", argv[a]);
            return 64;
        }
        if (planned) {
            int64_t gap = us * 1000;
            long wakeups = 0;
            for (int i = 0; i < n; i++) {
                int64_t dl = now_ns() + gap, t;
                if (gap > lng) { sleep_until(dl - lng); wakeups++; }
                while ((t = now_ns()) < dl - spin) {
                    int64_t to = dl - spin;
                    if (to - t > step) to = t + step;
                    sleep_until(to);
                    wakeups++;
                }
                l[i] = now_ns() - (dl - spin);
                while (now_ns() < dl) {}
            }
            report("planned", us, l, n, (double)wakeups / n);
        } else {
            for (int i = 0; i < n; i++) {
                int64_t d = now_ns() + us * 1000;
                sleep_until(d);
                l[i] = now_ns() - d;
            }
            report("sleep", us, l, n, 0);
        }
    }
    return 0;
}
