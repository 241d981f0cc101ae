#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
Minimise a fuzz reproducer out of process: tmin.py TARGET_BINARY INPUT OUTPUT [PATTERN]

Each candidate runs in a fresh process (a libFuzzer or driver binary of
selftests/fuzz), so that findings libFuzzer's -minimize_crash cannot shrink
still can: UBSan reports a source location once per process, so after the
first report every mutant "passes" in-process.  A candidate still fails
when the run exits non-zero and its output contains PATTERN (default: the
first "runtime error:", "ERROR: AddressSanitizer" or "ASSERTION FAILED"
line of the original, without addresses).  Chunks are removed, then bytes
set to zero, until nothing changes.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# a failing run leaves its scratch directory behind: all of them in one place
scratch = tempfile.mkdtemp(prefix='fuzz-tmin.')
env = dict(os.environ, ASAN_OPTIONS='detect_leaks=0', UBSAN_OPTIONS='halt_on_error=1',
           FUZZ_TMPDIR=scratch)


def run(binary, data):
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(data)
        path = f.name
    try:
        p = subprocess.run([binary, path], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=env, timeout=60)
        return p.returncode, p.stderr.decode(errors='replace')
    except subprocess.TimeoutExpired:
        return -1, 'timeout'
    finally:
        os.unlink(path)


def signature(text):
    m = re.search(r'(\S+:\d+:\d+: runtime error: [^0-9]*|ERROR: AddressSanitizer: [\w-]+|'
                  r'ASSERTION FAILED at \S+)', text)
    return m.group(1) if m else None


def main():
    binary, src, dst = sys.argv[1:4]
    data = open(src, 'rb').read()
    rc, out = run(binary, data)
    pattern = sys.argv[4] if len(sys.argv) > 4 else signature(out)
    if rc == 0 or not pattern or pattern not in out:
        sys.exit('tmin: the input does not fail (status %d): %s' % (rc, out[-500:]))

    def fails(d):
        rc, out = run(binary, d)
        return rc != 0 and pattern in out

    chunk = len(data) // 2
    while chunk >= 1:
        i, changed = 0, False
        while i < len(data):
            cand = data[:i] + data[i + chunk:]
            if fails(cand):
                data, changed = cand, True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    for i in range(len(data)):
        if data[i] and fails(data[:i] + b'\0' + data[i + 1:]):
            data = data[:i] + b'\0' + data[i + 1:]
    open(dst, 'wb').write(data)
    print('tmin: %d bytes, still failing with: %s' % (len(data), pattern))


try:
    main()
finally:
    shutil.rmtree(scratch, ignore_errors=True)
