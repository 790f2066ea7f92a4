/*
 * wake_cpu: what one wake-up from clock_nanosleep(TIMER_ABSTIME) costs the sleeping thread in CPU, by gap: N gaps of
 * GAP us, each slept until SPIN us before its deadline and spun the rest (SPIN 0: slept whole). Prints the thread's
 * CPU (CLOCK_THREAD_CPUTIME_ID) per gap and as a share of the wall time. On a VM a vCPU that halted for milliseconds
 * costs the woken thread far more than one that halted briefly, which sets the floor of any sender's CPU at long
 * gaps (issue 11: CPU at 2.5 ms gaps). Timer slack 1 ns. Bounded: N gaps.
 * usage: wake_cpu N GAP_US [SPIN_US]      e.g. ./wake_cpu 1200 2500 && ./wake_cpu 1200 2500 50 && ./wake_cpu 4000 300
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>

static int64_t ns(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: wake_cpu N GAP_US [SPIN_US]\n");
        return 64;
    }
    int n = atoi(argv[1]);
    int64_t gap = atoll(argv[2]) * 1000, spin = argc > 3 ? atoll(argv[3]) * 1000 : 0;
    if (n <= 0 || gap <= 0 || spin < 0 || spin > gap) {
        fprintf(stderr, "wake_cpu: N > 0, GAP_US > 0, 0 <= SPIN_US <= GAP_US\n");
        return 64;
    }
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    int64_t cpu0 = ns(CLOCK_THREAD_CPUTIME_ID), t0 = ns(CLOCK_MONOTONIC), deadline = t0 + gap;
    for (int i = 0; i < n; i++, deadline += gap) {
        int64_t wake = deadline - spin;
        struct timespec t = {.tv_sec = wake / 1000000000LL, .tv_nsec = wake % 1000000000LL};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
        while (ns(CLOCK_MONOTONIC) < deadline) {
        }
    }
    int64_t cpu = ns(CLOCK_THREAD_CPUTIME_ID) - cpu0, wall = ns(CLOCK_MONOTONIC) - t0;
    printf("gap %lld us, spin %lld us: thread CPU %.2f %%, %.1f us per gap\n", (long long)(gap / 1000),
           (long long)(spin / 1000), 100.0 * cpu / wall, cpu / 1e3 / n);
    return 0;
}
