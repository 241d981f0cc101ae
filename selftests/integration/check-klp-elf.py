#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the livepatch ELF format of a built module, from readelf's output.

    check-klp-elf.py MODULE.ko [--expect OBJ.NAME,POS]... [--orig LINKED.ko]

MODULE.ko must be a converted livepatch module (livepatch-elf.md section 3):
  - every .klp.rela.<obj>.<sec>: SHT_RELA, flags 0x100042 (ALLOC | INFO_LINK |
    SHF_RELA_LIVEPATCH), sh_link = .symtab, sh_info = the section <sec>,
    entsize 24, addralign 8, a non-empty whole number of entries, and only
    relocations against .klp.sym.<obj>.* symbols;
  - every symbol named .klp.sym.<obj>.<name>,<pos> has st_shndx SHN_LIVEPATCH
    (0xff20), NOTYPE, value 0, size 0, and every SHN_LIVEPATCH symbol has such
    a name;
  - no ordinary relocation section refers to a .klp.sym symbol;
  - the livepatch record (.klp.modpost) is not loaded;
  - --expect: these .klp.sym.<obj>.<name>,<pos> symbols exist;
  - --orig: LINKED.ko is the same module as linked, before conversion: the
    symbol table has the same entries at the same indices (converted ones
    renamed), the sections keep their indices and names, and every
    relocation of a loaded section is still there, in its .rela section or
    in a .klp.rela section for the same target.
Prints one line per problem and exits 1 if there is any.
"""
import re
import subprocess
import sys

SHN_LIVEPATCH = 0xff20
KLP_FLAGS = 0x100042


def readelf(opt, path):
    return subprocess.run(["readelf", opt, "-W", path], check=True, capture_output=True,
                          text=True).stdout.splitlines()


def sections(path):
    out, cur = [], None
    lines = readelf("-t", path)
    i = 0
    while i < len(lines):
        m = re.match(r"^\s*\[\s*(\d+)\]\s?(.*)$", lines[i])
        if m and i + 2 < len(lines):
            f = lines[i + 1].split()
            fl = re.match(r"^\s*\[([0-9a-f]+)\]", lines[i + 2])
            cur = {"idx": int(m.group(1)), "name": m.group(2).strip(), "type": f[0],
                   "size": int(f[3], 16), "es": int(f[4], 16), "lk": int(f[5]),
                   "inf": int(f[6]), "al": int(f[7]), "flags": int(fl.group(1), 16)}
            out.append(cur)
            i += 3
            continue
        i += 1
    return out


SYM_RE = re.compile(r"^\s*(\d+):\s+([0-9a-f]+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+"
                    r"(OS \[0x[0-9a-f]+\]|PRC\[0x[0-9a-f]+\]|\S+)\s*(.*)$")


def symbols(path):
    out = []
    for line in readelf("-s", path):
        m = SYM_RE.match(line)
        if not m:
            continue
        ndx = m.group(7)
        if ndx.startswith("OS ["):
            ndx = int(ndx[4:-1], 16)
        out.append({"idx": int(m.group(1)), "value": int(m.group(2), 16),
                    "size": int(m.group(3), 0), "type": m.group(4), "ndx": ndx,
                    "name": m.group(8)})
    return out


def relocations(path):
    """{section name: [(offset, symbol index, type), ...]}"""
    out, cur = {}, None
    for line in readelf("-r", path):
        m = re.match(r"^Relocation section '([^']*)'", line)
        if m:
            cur = out.setdefault(m.group(1), [])
            continue
        f = line.split()
        if cur is not None and len(f) >= 3 and re.fullmatch(r"[0-9a-f]{16}", f[0]) \
                and re.fullmatch(r"[0-9a-f]{16}", f[1]):
            cur.append((int(f[0], 16), int(f[1], 16) >> 32, f[2]))
    return out


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    path, expect, orig = args[0], [], None
    i = 1
    while i < len(args):
        if args[i] == "--expect":
            expect.append(args[i + 1])
            i += 2
        elif args[i] == "--orig":
            orig = args[i + 1]
            i += 2
        else:
            print("unknown argument " + args[i])
            return 2
    problems = []
    secs = sections(path)
    byname = {s["name"]: s for s in secs}
    syms = symbols(path)
    rels = relocations(path)
    symtab = byname.get(".symtab")
    if not symtab:
        print(path + ": no .symtab")
        return 1

    klp_secs = [s for s in secs if s["name"].startswith(".klp.rela.")]
    if not klp_secs:
        problems.append("no .klp.rela.* section")
    for s in klp_secs:
        m = re.match(r"^\.klp\.rela\.([^.]+)\.(.+)$", s["name"])
        n = s["name"]
        if not m:
            problems.append(n + ": name is not .klp.rela.<obj>.<section>")
            continue
        target = byname.get(m.group(2))
        if s["type"] != "RELA":
            problems.append(n + ": type " + s["type"])
        if s["flags"] != KLP_FLAGS:
            problems.append(n + ": flags 0x%x, not 0x%x" % (s["flags"], KLP_FLAGS))
        if s["lk"] != symtab["idx"]:
            problems.append(n + ": sh_link %d, not .symtab %d" % (s["lk"], symtab["idx"]))
        if not target or s["inf"] != target["idx"]:
            problems.append(n + ": sh_info %d is not section %s" % (s["inf"], m.group(2)))
        if s["es"] != 24 or s["al"] != 8:
            problems.append(n + ": entsize %d / addralign %d" % (s["es"], s["al"]))
        if s["size"] == 0 or s["size"] % 24:
            problems.append(n + ": size %d" % s["size"])
        for off, sym, _ in rels.get(n, []):
            sname = syms[sym]["name"] if sym < len(syms) else "?"
            if not sname.startswith(".klp.sym.%s." % m.group(1)):
                problems.append("%s+0x%x: symbol %s of another object" % (n, off, sname))

    klp_names = set()
    for y in syms:
        named = y["name"].startswith(".klp.sym.")
        if named:
            klp_names.add(y["name"])
            if not re.match(r"^\.klp\.sym\.[^.]+\..+,\d+$", y["name"]):
                problems.append(y["name"] + ": not .klp.sym.<obj>.<name>,<pos>")
            if y["ndx"] != SHN_LIVEPATCH:
                problems.append("%s: st_shndx %s, not SHN_LIVEPATCH" % (y["name"], y["ndx"]))
            if y["type"] != "NOTYPE" or y["value"] or y["size"]:
                problems.append(y["name"] + ": not NOTYPE/0/0")
        elif y["ndx"] == SHN_LIVEPATCH:
            problems.append(y["name"] + ": SHN_LIVEPATCH without a .klp.sym name")
    if not klp_names:
        problems.append("no .klp.sym.* symbol")
    for e in expect:
        if ".klp.sym." + e not in klp_names:
            problems.append("missing symbol .klp.sym." + e)

    for rname, entries in rels.items():
        if rname.startswith(".klp.rela."):
            continue
        for off, sym, _ in entries:
            if sym < len(syms) and syms[sym]["name"].startswith(".klp.sym."):
                problems.append("%s+0x%x still refers to %s" % (rname, off, syms[sym]["name"]))

    rec = byname.get(".klp.modpost")
    if rec and rec["flags"] & 0x2:
        problems.append(".klp.modpost is still SHF_ALLOC")

    if orig:
        osecs, osyms, orels = sections(orig), symbols(orig), relocations(orig)
        if len(osyms) != len(syms):
            problems.append("symbol count %d, linked module had %d" % (len(syms), len(osyms)))
        for a, b in zip(osyms, syms):
            # a converted symbol is renamed (the C name may differ from the
            # target's, with annotations); every other entry stays as it was
            if a["name"] != b["name"] and not (
                    b["name"].startswith(".klp.sym.") and a["ndx"] == "UND"):
                problems.append("symbol %d: %s became %s" % (a["idx"], a["name"], b["name"]))
        for a in osecs:
            if a["idx"] >= len(secs) or secs[a["idx"]]["name"] != a["name"]:
                problems.append("section %d (%s) moved or renamed" % (a["idx"], a["name"]))
        obyname = {s["name"]: s for s in osecs}
        for rname, entries in orels.items():
            r = obyname[rname]
            if r["inf"] >= len(osecs) or not osecs[r["inf"]]["flags"] & 0x2:
                continue  # not a loaded section: finalize leaves it alone
            if osecs[r["inf"]]["name"].startswith(".klp."):
                continue  # annotations: emptied on purpose
            tname = osecs[r["inf"]]["name"]
            now = set(rels.get(rname, []))
            for s in klp_secs:
                if s["inf"] == r["inf"]:
                    now |= set(rels.get(s["name"], []))
            for e in entries:
                if e not in now:
                    problems.append("relocation %s+0x%x (symbol %d) lost" % (tname, e[0], e[1]))

    for p in problems:
        print("%s: %s" % (path, p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
