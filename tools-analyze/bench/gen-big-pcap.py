#!/usr/bin/env python3
"""Writes a large synthetic pcap (ns timestamps, Poisson gaps of mean 2 us, 50000 TCP/UDP flows in
198.18.0.0/15, frame sizes 64..1500) for measuring netvcr-analyze against capinfos and tracestats.
Usage: gen-big-pcap.py OUT.pcap PACKETS   (1600000 packets = about 1.0 GB)"""
import struct, random, sys
random.seed(1)
n = int(sys.argv[2])
out = open(sys.argv[1], 'wb', buffering=1<<22)
out.write(struct.pack('<IHHiIII', 0xa1b23c4d, 2, 4, 0, 0, 262144, 1))
payload = bytes(random.getrandbits(8) for _ in range(1600))
t = 1_700_000_000 * 10**9
buf = []
for i in range(n):
    t += int(random.expovariate(1/2000)) + 1
    size = random.choice((64, 64, 64, 128, 576, 1500, 1500, 1000))
    flow = random.randrange(50000)
    proto = 6 if flow % 3 else 17
    eth = b'\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00'
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, size - 14, i & 0xffff, 0, 64, proto, 0,
                     bytes((198, 18, flow >> 8 & 0xff, flow & 0xff)), bytes((198, 19, 0, 1)))
    l4 = struct.pack('!HHI', 1024 + flow % 30000, 80, i)
    frame = (eth + ip + l4 + payload)[:size]
    buf.append(struct.pack('<IIII', t // 10**9, t % 10**9, size, size) + frame)
    if len(buf) == 10000:
        out.write(b''.join(buf)); buf = []
out.write(b''.join(buf))
out.close()
