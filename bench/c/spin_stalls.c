/*
 * spin_stalls: the platform's floor for senders that spin on every CPU. N threads, thread i pinned to CPU i, each
 * reads CLOCK_MONOTONIC in a tight loop for S seconds and counts the gaps between two reads longer than 100 us
 * and 1 ms: times its CPU was taken from it (another task, an interrupt, or the hypervisor running something else
 * on that vCPU). Nothing is sent. Run with N = 1 and N = CPUs to see what a replayer with a spinning sender on
 * every CPU must live with. Prints one line per thread:
 *   cpu=I stalls100us=N stalls1ms=N max_us=X stalled_ms=Y
 * usage: spin_stalls SECONDS THREADS
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds;

static long long mono(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *spin(void *arg) {
    long cpu = (long) arg;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0) {
        fprintf(stderr, "spin_stalls: cannot pin to CPU %ld\n", cpu);
        return NULL;
    }
    long long end = mono() + (long long) (seconds * 1e9), prev = mono(), max = 0, stalled = 0;
    long over100 = 0, over1000 = 0;
    for (;;) {
        long long now = mono(), gap = now - prev;
        prev = now;
        if (gap > 100000) {
            over100++;
            stalled += gap;
            if (gap > 1000000) over1000++;
        }
        if (gap > max) max = gap;
        if (now > end) break;
    }
    printf("cpu=%ld stalls100us=%ld stalls1ms=%ld max_us=%.1f stalled_ms=%.1f\n", cpu, over100, over1000, max / 1e3,
           stalled / 1e6);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3 || (seconds = atof(argv[1])) <= 0 || seconds > 600 || atoi(argv[2]) < 1 || atoi(argv[2]) > 64) {
        fprintf(stderr, "usage: spin_stalls SECONDS(0-600] THREADS(1-64)\n");
        return 64;
    }
    int n = atoi(argv[2]);
    pthread_t t[64];
    for (long i = 0; i < n; i++) pthread_create(&t[i], NULL, spin, (void *) i);
    for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
    return 0;
}
