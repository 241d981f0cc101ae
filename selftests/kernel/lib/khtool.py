#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host-side helpers of the kernel test harness (no third-party modules).

  khtool.py cpio OUT LIST      write an uncompressed newc cpio archive.
        LIST has one entry a line, in the style of the kernel's gen_init_cpio:
          dir   <path> <mode>
          file  <path> <host file> <mode>
          slink <path> <target>
          nod   <path> <mode> c|b <major> <minor>
        Paths are relative to the archive root; modes are octal.  Every
        entry is owned by root with mtime 0, so the archive is reproducible.

  khtool.py bulk FILE OUTDIR   split the ttyS1 capture FILE into OUTDIR/<name>.
        The guest writes records "KH-BULK <name> <length> <raw|gz>\\n" followed
        by exactly <length> bytes; gz records are decompressed.  Prints one
        line per record; exits 1 when a record is truncated or malformed.
"""
import gzip
import os
import re
import sys


def cpio(out, listfile):
    ino = 721
    chunks = []

    def entry(name, mode, data=b"", nlink=1, rmaj=0, rmin=0):
        nonlocal ino
        ino += 1
        name_b = name.encode() + b"\0"
        hdr = "070701" + "".join("%08X" % v for v in (
            ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rmaj, rmin,
            len(name_b), 0))
        rec = hdr.encode() + name_b
        rec += b"\0" * (-len(rec) % 4)
        rec += data
        rec += b"\0" * (-len(rec) % 4)
        chunks.append(rec)

    with open(listfile) as f:
        for lineno, line in enumerate(f, 1):
            w = line.split()
            if not w or w[0].startswith("#"):
                continue
            try:
                kind, path = w[0], w[1].lstrip("/")
                if kind == "dir":
                    entry(path, 0o040000 | int(w[2], 8), nlink=2)
                elif kind == "file":
                    with open(w[2], "rb") as src:
                        entry(path, 0o100000 | int(w[3], 8), src.read())
                elif kind == "slink":
                    entry(path, 0o120777, w[2].encode())
                elif kind == "nod":
                    t = {"c": 0o020000, "b": 0o060000}[w[3]]
                    entry(path, t | int(w[2], 8), rmaj=int(w[4]), rmin=int(w[5]))
                else:
                    raise ValueError("unknown entry type " + kind)
            except (IndexError, ValueError, KeyError, OSError) as e:
                sys.exit("khtool cpio: %s:%d: %s" % (listfile, lineno, e))
    entry("TRAILER!!!", 0)
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(b"".join(chunks))
    os.replace(tmp, out)


HDR = re.compile(rb"KH-BULK ([A-Za-z0-9_.-]+) ([0-9]+) (raw|gz)\n")


def bulk(capture, outdir):
    with open(capture, "rb") as f:
        data = f.read()
    os.makedirs(outdir, exist_ok=True)
    pos, bad = 0, 0
    while True:
        i = data.find(b"KH-BULK ", pos)
        if i < 0:
            break
        m = HDR.match(data, i)
        if not m:
            print("bulk: malformed header at byte %d" % i)
            bad = 1
            pos = i + 8
            continue
        name, n, enc = m.group(1).decode(), int(m.group(2)), m.group(3)
        start = m.end()
        body = data[start:start + n]
        if len(body) != n:
            print("bulk: %s truncated: %d of %d bytes" % (name, len(body), n))
            bad = 1
            break
        if enc == b"gz":
            try:
                body = gzip.decompress(body)
            except (OSError, EOFError) as e:
                print("bulk: %s: bad gzip data: %s" % (name, e))
                bad = 1
                pos = start + n
                continue
        with open(os.path.join(outdir, name), "wb") as o:
            o.write(body)
        print("bulk: %s %d bytes (%s %d)" % (name, len(body), enc.decode(), n))
        pos = start + n
    return bad


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "cpio":
        cpio(sys.argv[2], sys.argv[3])
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "bulk":
        return bulk(sys.argv[2], sys.argv[3])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
