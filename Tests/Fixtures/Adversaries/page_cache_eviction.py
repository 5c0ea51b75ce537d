# expect: ok stdout=refused refused
# The host's page cache is shared by every sandbox: a program that could drop a file's pages
# and time its reads would keep bits there across calls, sandboxes and runs (an audit's
# sample memoized its answers that way). Dropping pages is refused; other advice passes.
import mmap
import os

fd = os.open("/usr/bin/python3.11", os.O_RDONLY)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_RANDOM)
try:
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    print("dropped", end=" ")
except PermissionError:
    print("refused", end=" ")
pages = mmap.mmap(fd, 4 * mmap.PAGESIZE, prot=mmap.PROT_READ)
pages.madvise(mmap.MADV_WILLNEED)
try:
    pages.madvise(21)  # MADV_PAGEOUT
    print("paged out")
except PermissionError:
    print("refused")
