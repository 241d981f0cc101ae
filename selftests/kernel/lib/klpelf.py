#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Livepatch ELF helpers for kernel tests (ELF64 little endian, no third-party modules).

  klpelf.py summary KO
        What the kernel's livepatch loader reads from KO, one fact a line,
        sorted (symbol indices are not printed, so a module whose symbol
        table was renumbered consistently gives the same summary):
          sym  <name> shndx=<0x...> <type> <bind>   every .klp.sym.* symbol
          sec  <name> <sh_type> alloc=<0|1> livepatch=<0|1> target=<name>
                                                    every .klp.rela.* section
          rel  <section> <r_offset> <type> <symbol> <addend>
                                                    every entry of those sections
          und  <name>                               every undefined symbol
          bad  <what>                               a relocation of an ordinary
                                                    .rela section of a loaded
                                                    section against a
                                                    SHN_LIVEPATCH symbol
  klpelf.py flags KO
        "<section> 0x<sh_flags>" for every .klp.rela.* section.
  klpelf.py setpos KO OUT OBJECT SYMBOL OLDPOS NEWPOS
        copy KO to OUT with the string .klp.sym.OBJECT.SYMBOL,OLDPOS of the
        symbol string table changed in place to ...,NEWPOS (same length
        required; the string must occur exactly once there).
"""
import struct
import sys

SHT_SYMTAB, SHT_RELA = 2, 4
SHF_ALLOC, SHF_RELA_LIVEPATCH = 0x2, 0x00100000
SHN_LIVEPATCH = 0xff20
STT = {0: "NOTYPE", 1: "OBJECT", 2: "FUNC", 3: "SECTION", 4: "FILE"}
STB = {0: "LOCAL", 1: "GLOBAL", 2: "WEAK"}
RTYPES = {1: "R_X86_64_64", 2: "R_X86_64_PC32", 4: "R_X86_64_PLT32",
          10: "R_X86_64_32", 11: "R_X86_64_32S", 24: "R_X86_64_PC64"}


class Elf:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        d = self.data
        if d[:4] != b"\x7fELF" or d[4] != 2 or d[5] != 1:
            sys.exit("klpelf: %s: not an ELF64 little-endian file" % path)
        (self.shoff,) = struct.unpack_from("<Q", d, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", d, 0x3a)
        self.sections = []
        for i in range(shnum):
            (name, typ, flags, addr, off, size, link, info, align,
             entsize) = struct.unpack_from("<IIQQQQIIQQ", d, self.shoff + i * shentsize)
            self.sections.append(dict(name=name, type=typ, flags=flags, off=off,
                                      size=size, link=link, info=info))
        shstr = self.sections[shstrndx]
        for s in self.sections:
            s["sname"] = self.cstr(shstr["off"] + s["name"])
        self.symtab = next(i for i, s in enumerate(self.sections) if s["type"] == SHT_SYMTAB)
        st = self.sections[self.symtab]
        self.strtab = self.sections[st["link"]]
        self.syms = []
        for o in range(st["off"], st["off"] + st["size"], 24):
            name, info, other, shndx, value, size = struct.unpack_from("<IBBHQQ", d, o)
            self.syms.append(dict(name=self.cstr(self.strtab["off"] + name),
                                  type=STT.get(info & 15, str(info & 15)),
                                  bind=STB.get(info >> 4, str(info >> 4)), shndx=shndx))

    def cstr(self, off):
        end = self.data.index(b"\0", off)
        return self.data[off:end].decode("latin-1")

    def symname(self, i):
        if i < len(self.syms):
            return self.syms[i]["name"]
        return "<symbol index %d beyond the %d symbols>" % (i, len(self.syms))

    def symshndx(self, i):
        return self.syms[i]["shndx"] if i < len(self.syms) else None

    def relas(self, s):
        for o in range(s["off"], s["off"] + s["size"], 24):
            off, info, addend = struct.unpack_from("<QQq", self.data, o)
            yield off, info & 0xffffffff, info >> 32, addend


def summary(path):
    e = Elf(path)
    out = []
    for s in e.syms:
        if s["name"].startswith(".klp.sym."):
            out.append("sym %s shndx=%#x %s %s" % (s["name"], s["shndx"], s["type"], s["bind"]))
        elif s["shndx"] == 0 and s["name"]:
            out.append("und %s" % s["name"])
    for s in e.sections:
        if s["type"] != SHT_RELA or s["info"] >= len(e.sections):
            continue
        target = e.sections[s["info"]]
        if s["sname"].startswith(".klp.rela."):
            out.append("sec %s RELA alloc=%d livepatch=%d target=%s" % (
                s["sname"], bool(s["flags"] & SHF_ALLOC),
                bool(s["flags"] & SHF_RELA_LIVEPATCH), target["sname"]))
            for off, typ, sym, addend in e.relas(s):
                out.append("rel %s %#x %s %s %d" % (s["sname"], off, RTYPES.get(typ, str(typ)),
                                                     e.symname(sym), addend))
        elif target["flags"] & SHF_ALLOC:
            for off, typ, sym, addend in e.relas(s):
                if e.symshndx(sym) == SHN_LIVEPATCH:
                    out.append("bad %s %#x against %s" % (s["sname"], off, e.symname(sym)))
    for line in sorted(out):
        print(line)


def flags(path):
    e = Elf(path)
    for s in e.sections:
        if s["sname"].startswith(".klp.rela."):
            print("%s %#x" % (s["sname"], s["flags"]))


def setpos(path, out, obj, sym, old, new):
    e = Elf(path)
    a = (".klp.sym.%s.%s,%s\0" % (obj, sym, old)).encode()
    b = (".klp.sym.%s.%s,%s\0" % (obj, sym, new)).encode()
    if len(a) != len(b):
        sys.exit("klpelf setpos: positions %s and %s differ in length" % (old, new))
    lo, hi = e.strtab["off"], e.strtab["off"] + e.strtab["size"]
    region = e.data[lo:hi]
    n = region.count(a)
    # the string must start a name (preceded by a NUL), exactly once
    starts = [i for i in range(len(region)) if region.startswith(a, i) and i > 0 and region[i - 1] == 0]
    if n != 1 or len(starts) != 1:
        sys.exit("klpelf setpos: %s occurs %d times in the symbol string table of %s"
                 % (a[:-1].decode(), n, path))
    data = bytearray(e.data)
    data[lo + starts[0]:lo + starts[0] + len(b)] = b
    with open(out, "wb") as f:
        f.write(data)


def main():
    a = sys.argv[1:]
    if len(a) == 2 and a[0] == "summary":
        summary(a[1])
    elif len(a) == 2 and a[0] == "flags":
        flags(a[1])
    elif len(a) == 7 and a[0] == "setpos":
        setpos(*a[1:])
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
