package io.netvcr.replay.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.IgnoreError;

/**
 * The few libc calls the replayer needs that jnr-posix lacks. Pointers are passed as {@code long} native
 * addresses (buffers are preallocated off-heap), so no call marshals or allocates. No signature has six
 * primitive arguments: jnr-ffi corrupts the sixth on x86-64 (docs/LINUX-NOTES.md#jnr-ffi-and-jnr-posix), which is why frames go out with
 * {@code send()} on a bound socket rather than {@code sendto()}.
 */
public final class LinuxNative {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int PR_SET_TIMERSLACK = 29;
    public static final int PR_GET_TIMERSLACK = 30;
    public static final int SCHED_FIFO = 1;
    public static final int MCL_CURRENT = 1;
    public static final int MADV_RANDOM = 1;
    public static final int MADV_SEQUENTIAL = 2;
    public static final int MADV_WILLNEED = 3;
    public static final int MADV_DONTNEED = 4;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int TIMER_ABSTIME = 1;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int SOL_PACKET = 263;
    public static final int PACKET_TX_RING = 13;
    public static final int PACKET_VERSION = 10;
    public static final int PACKET_QDISC_BYPASS = 20;
    public static final int TPACKET_V2 = 1;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int PROT_READ_WRITE = 3;
    public static final int MAP_SHARED = 1;
    public static final long MAP_FAILED = -1L;
    public static final long SIOCGIFMTU = 0x8921;
    public static final int EINVAL = 22;
    public static final int EMSGSIZE = 90;

    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EPERM = 1;
    public static final int EACCES = 13;
    public static final int ENOBUFS = 105;
    public static final int ECONNREFUSED = 111;

    /** The libc functions, bound once. */
    public interface LibC {
        int socket(int domain, int type, int protocol);

        int bind(int fd, long sockaddr, int length);

        int connect(int fd, long sockaddr, int length);

        long send(int fd, long buffer, long length, int flags);

        /** msgvec: raw mmsghdr array laid out by the caller (see MmsgSink for the x86-64 offsets). */
        int sendmmsg(int fd, long msgvec, int vlen, int flags);

        /** Six arguments: addr is a Pointer (pass null) so the signature is not all primitives (jnr-ffi bug). */
        long mmap(jnr.ffi.Pointer addr, long length, int prot, int flags, int fd, long offset);

        int munmap(long address, long length);

        int ioctl(int fd, long request, long arg);

        int setsockopt(int fd, int level, int option, long value, int length);

        @IgnoreError
        int if_nametoindex(String name);

        int close(int fd);

        int prctl(int option, long arg2, long arg3, long arg4, long arg5);

        int sched_setscheduler(int pid, int policy, long param);

        int sched_setaffinity(int pid, long size, long mask);

        /** Returns the bytes of the mask the kernel wrote (the syscall's answer; glibc returns 0). */
        int sched_getaffinity(int pid, long size, long mask);

        @IgnoreError
        int getpid();

        /** glibc 2.30 and later. */
        @IgnoreError
        int gettid();

        int mlockall(int flags);

        int mlock(long address, long length);

        int madvise(long address, long length, int advice);

        int memfd_create(String name, int flags);

        long pwritev(int fd, long iov, int iovcnt, long offset);

        @IgnoreError
        int clock_nanosleep(int clock, int flags, long request, long remain);

        @IgnoreError
        int clock_gettime(int clock, long timespec);

        int setns(int fd, int nstype);

        int open(String path, int flags);

        /** Returns the error number itself (0 on success), not -1 and errno. */
        @IgnoreError
        int posix_fadvise(int fd, long offset, long length, int advice);
    }

    private static volatile LibC libc;
    private static volatile Runtime runtime;
    private static volatile Throwable loadFailure;

    private LinuxNative() {}

    /** libc, or null when it cannot be bound (then {@link #loadFailure()} says why). */
    public static LibC libc() {
        if (libc == null && loadFailure == null) {
            synchronized (LinuxNative.class) {
                if (libc == null && loadFailure == null) {
                    try {
                        LibC l = LibraryLoader.create(LibC.class).load("c");
                        runtime = Runtime.getRuntime(l);
                        libc = l;
                    } catch (Throwable t) {
                        loadFailure = t;
                    }
                }
            }
        }
        return libc;
    }

    /** libc or an exception naming why native calls are impossible here. */
    public static LibC require() {
        LibC l = libc();
        if (l == null) {
            throw new IllegalStateException(
                    "native calls unavailable (jnr-ffi could not bind libc: " + loadFailure + ")");
        }
        return l;
    }

    public static Throwable loadFailure() {
        return loadFailure;
    }

    /** errno of the last failed call on this thread. */
    public static int errno() {
        return runtime == null ? 0 : runtime.getLastError();
    }

    /** "EPERM (Operation not permitted)" style text for an errno. */
    public static String describe(int errno) {
        String name;
        switch (errno) {
            case EPERM:
                name = "EPERM";
                break;
            case EACCES:
                name = "EACCES";
                break;
            case EAGAIN:
                name = "EAGAIN";
                break;
            case ENOBUFS:
                name = "ENOBUFS";
                break;
            case ECONNREFUSED:
                name = "ECONNREFUSED";
                break;
            case EINTR:
                name = "EINTR";
                break;
            case 12:
                name = "ENOMEM";
                break;
            case 19:
                name = "ENODEV";
                break;
            case 22:
                name = "EINVAL";
                break;
            case 90:
                name = "EMSGSIZE";
                break;
            case 100:
                name = "ENETDOWN";
                break;
            case 6:
                name = "ENXIO";
                break;
            default:
                name = "errno " + errno;
        }
        try {
            return name + " (" + Posix.get().strerror(errno) + ")";
        } catch (RuntimeException | LinkageError noNativePosix) {
            return name;
        }
    }
}
