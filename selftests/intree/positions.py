#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Positions of an in-tree build (selftests/intree/run.sh).

positions.py VMLINUX VMLINUX_O
    What the post-link step relies on (scripts/livepatch/klp-intree.h): for
    every name, the local symbols of that name in vmlinux.o (ELF type and
    STT_FILE source, in symbol-table order) are the first local symbols of
    that name in the final vmlinux.  Also counts the names whose kernel
    order (by address) differs from their vmlinux.o order: the reason the
    positions are taken after the link.

positions.py --reordered VMLINUX VMLINUX_O
    One name with two local symbols (functions or objects, C identifiers,
    nothing else of that name) whose order by address in the final vmlinux
    is not their vmlinux.o order: "NAME SOURCE1 SOURCE2", the sources in
    the kernel's order.  Nothing when the build has none.

positions.py --kallsyms KALLSYMS VMLINUX MODULE.ko...
    Every .klp.sym.vmlinux.NAME,POS of the modules names a symbol the kernel
    finds: POS 0 -> NAME is unique in KALLSYMS (lines of the booted kernel's
    /proc/kallsyms), else its POS-th entry exists; and that entry's address
    is one of NAME's in VMLINUX (booted with nokaslr).
"""
import subprocess
import sys
from collections import defaultdict


def symbols(path):
    """(locals: name -> [(type, source, value)], all: name -> [value])"""
    out = subprocess.run(['readelf', '-sW', path], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    source = None
    local = defaultdict(list)
    every = defaultdict(list)
    for line in out:
        f = line.split()
        if len(f) < 8 or not f[0].rstrip(':').isdigit():
            continue
        value, typ, bind, ndx, name = f[1], f[3], f[4], f[6], f[7]
        if typ == 'FILE':
            source = name
            continue
        if typ == 'SECTION' or ndx == 'UND':
            continue
        every[name].append(int(value, 16))
        if bind == 'LOCAL':
            local[name].append((typ, source, int(value, 16)))
    return local, every


def check_prefix(vmlinux, vmlinux_o):
    fin, _ = symbols(vmlinux)
    obj, _ = symbols(vmlinux_o)
    bad = []
    reordered = 0
    for name, seq in obj.items():
        got = fin.get(name, [])
        if not got:
            continue        # all in sections the final link discards
        if [(t, s) for t, s, _ in got[:len(seq)]] != [(t, s) for t, s, _ in seq]:
            bad.append(name)
        elif len(seq) > 1:
            addrs = [v for _, _, v in got[:len(seq)]]
            if addrs != sorted(addrs):
                reordered += 1
    for name in bad[:10]:
        print(f'{name}: vmlinux.o {obj[name][:4]}, vmlinux {fin[name][:4]}')
    print(f'{len(obj)} local names of vmlinux.o, {len(bad)} not a prefix of the final '
          f'vmlinux\'s, {reordered} duplicated names in another order by address')
    return not bad


def reordered(vmlinux, vmlinux_o):
    fin, every = symbols(vmlinux)
    obj, _ = symbols(vmlinux_o)
    for name in sorted(obj):
        seq = obj[name]
        got = fin.get(name, [])
        if (len(seq) != 2 or len(got) != 2 or len(every.get(name, [])) != 2 or
                not name.isidentifier() or name.startswith('__') or
                any(t not in ('FUNC', 'OBJECT') for t, _, _ in got) or
                got[0][1] == got[1][1]):
            continue
        if got[0][2] > got[1][2]:
            first, second = got[1][1], got[0][1]
            print(f'{name} {first} {second}')
            return True
    return True


def check_kallsyms(kallsyms, vmlinux, modules):
    entries = defaultdict(list)
    with open(kallsyms) as f:
        for line in f:
            f3 = line.split()
            if len(f3) == 3:            # vmlinux symbols have no [module]
                entries[f3[2]].append(int(f3[0], 16))
    _, every = symbols(vmlinux)
    problems = []
    n = 0
    for ko in modules:
        out = subprocess.run(['readelf', '-sW', ko], capture_output=True, text=True,
                             check=True).stdout.split()
        for word in out:
            if not word.startswith('.klp.sym.vmlinux.'):
                continue
            name, pos = word[len('.klp.sym.vmlinux.'):].rsplit(',', 1)
            pos = int(pos)
            have = entries.get(name, [])
            n += 1
            if pos == 0 and len(have) != 1:
                problems.append(f'{ko}: {word}: {len(have)} entries in kallsyms')
            elif pos > len(have):
                problems.append(f'{ko}: {word}: only {len(have)} entries in kallsyms')
            elif have[max(pos, 1) - 1] not in every.get(name, []):
                problems.append(f'{ko}: {word}: kallsyms address {have[max(pos, 1) - 1]:#x} '
                                f'is not one of vmlinux\'s')
    for p in problems:
        print(p)
    print(f'{n} .klp.sym symbols found at their position, {len(problems)} not')
    return n > 0 and not problems


if __name__ == '__main__':
    a = sys.argv[1:]
    if a and a[0] == '--reordered' and len(a) == 3:
        sys.exit(0 if reordered(a[1], a[2]) else 1)
    if a and a[0] == '--kallsyms' and len(a) >= 4:
        sys.exit(0 if check_kallsyms(a[1], a[2], a[3:]) else 1)
    if len(a) == 2:
        sys.exit(0 if check_prefix(a[0], a[1]) else 1)
    sys.exit(__doc__)
