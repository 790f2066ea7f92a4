/* An AF_PACKET raw socket bound to one interface for sending only (protocol 0: it receives nothing). */
#ifndef NVB_SOCK_H
#define NVB_SOCK_H
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static inline int tx_socket(const char *ifname) {
    int fd = socket(AF_PACKET, SOCK_RAW, 0);
    if (fd < 0) { perror("socket(AF_PACKET)"); return -1; }
    struct sockaddr_ll a;
    memset(&a, 0, sizeof a);
    a.sll_family = AF_PACKET;
    a.sll_ifindex = if_nametoindex(ifname);
    if (a.sll_ifindex == 0) { fprintf(stderr, "no interface %s\n", ifname); close(fd); return -1; }
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); close(fd); return -1; }
    return fd;
}
#endif
