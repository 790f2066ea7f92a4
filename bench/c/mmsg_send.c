/*
 * mmsg_send: the minimal top-speed anchor. Sends the frames of a pcap (mapped, not copied) onto an
 * interface with sendmmsg in batches, as fast as the kernel takes them. Bounded by --count and the file.
 * usage: mmsg_send -i IF [-n MAX] [-b BATCH(32)] FILE.pcap
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <sys/uio.h>
#include "pcapmap.h"
#include "sock.h"

#define MAXB 256

int main(int argc, char **argv) {
    const char *ifname = NULL;
    long long max = -1;
    int batch = 32, c;
    while ((c = getopt(argc, argv, "i:n:b:")) != -1) {
        if (c == 'i') ifname = optarg;
        else if (c == 'n') max = atoll(optarg);
        else if (c == 'b') batch = atoi(optarg);
        else return 64;
    }
    if (!ifname || optind != argc - 1 || batch < 1 || batch > MAXB) {
        fprintf(stderr, "usage: mmsg_send -i IF [-n MAX] [-b BATCH<=256] FILE.pcap\n");
        return 64;
    }
    struct pcap_map m;
    if (pcap_map_open(argv[optind], &m, MADV_SEQUENTIAL) < 0) return 66;
    int fd = tx_socket(ifname);
    if (fd < 0) return 71;
    struct mmsghdr msgs[MAXB];
    struct iovec iov[MAXB];
    memset(msgs, 0, sizeof msgs);
    size_t off = PCAP_GLOBAL;
    long long sent = 0, bytes = 0, retries = 0;
    int64_t t0 = now_ns();
    for (;;) {
        int k = 0;
        uint32_t len;
        int64_t ts;
        while (k < batch && (max < 0 || sent + k < max)) {
            const uint8_t *d = pcap_next(&m, &off, &len, &ts);
            if (!d) break;
            iov[k].iov_base = (void *)d;
            iov[k].iov_len = len;
            msgs[k].msg_hdr.msg_iov = &iov[k];
            msgs[k].msg_hdr.msg_iovlen = 1;
            k++;
        }
        if (k == 0) break;
        int done = 0;
        while (done < k) {
            int r = sendmmsg(fd, msgs + done, k - done, 0);
            if (r < 0) {
                if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR) { retries++; continue; }
                perror("sendmmsg");
                goto out;
            }
            for (int j = done; j < done + r; j++) bytes += iov[j].iov_len;
            done += r;
        }
        sent += k;
    }
out:;
    int64_t el = now_ns() - t0;
    printf("sent=%lld bytes=%lld elapsed_ns=%lld pps=%.0f retries=%lld\n", sent, bytes, (long long)el,
           el > 0 ? sent * 1e9 / el : 0.0, retries);
    return 0;
}
