#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Expected srcversion values for test-srcversion.c, computed independently.

This is a second, separate implementation of the stock srcversion rules,
written in Python from RFC 1320 and the behaviour described in
docs/modpost-spec.md section 6, so that the C unit test does not check the C
code against itself:

  * MD4 itself is validated against the RFC 1320 appendix A.5 test suite;
  * the stock variant is expressed as a transformation of the *padded
    message* (every 4-byte group reversed except the 8 length bytes), which
    is a different formulation from the C code's big-endian word loads;
  * the lexical filter is a small state machine over the text;
  * the whole pipeline is checked against values observed from the stock
    modpost (the empty-input constant, runs of 'k', pata_netcell.c).

Usage: gen-srcversion-vectors.py [KERNEL_SOURCE_DIR] > srcversion-vectors.h
"""

import os
import struct
import sys

MASK = 0xFFFFFFFF


def rol(x, n):
    x &= MASK
    return ((x << n) | (x >> (32 - n))) & MASK


def md4_blocks(padded):
    """MD4 compression over an already padded message (RFC 1320 3.4),
    words taken little-endian as the RFC says; returns the four state
    words."""
    a, b, c, d = 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476
    assert len(padded) % 64 == 0
    for off in range(0, len(padded), 64):
        X = list(struct.unpack('<16I', padded[off:off + 64]))
        aa, bb, cc, dd = a, b, c, d

        def r1(a, b, c, d, k, s):
            return rol(a + ((b & c) | (~b & d)) + X[k], s)

        def r2(a, b, c, d, k, s):
            return rol(a + ((b & c) | (b & d) | (c & d)) + X[k] + 0x5A827999, s)

        def r3(a, b, c, d, k, s):
            return rol(a + (b ^ c ^ d) + X[k] + 0x6ED9EBA1, s)

        for k in (0, 4, 8, 12):
            a = r1(a, b, c, d, k, 3)
            d = r1(d, a, b, c, k + 1, 7)
            c = r1(c, d, a, b, k + 2, 11)
            b = r1(b, c, d, a, k + 3, 19)
        for k in (0, 1, 2, 3):
            a = r2(a, b, c, d, k, 3)
            d = r2(d, a, b, c, k + 4, 5)
            c = r2(c, d, a, b, k + 8, 9)
            b = r2(b, c, d, a, k + 12, 13)
        for k in (0, 2, 1, 3):
            a = r3(a, b, c, d, k, 3)
            d = r3(d, a, b, c, k + 8, 9)
            c = r3(c, d, a, b, k + 4, 11)
            b = r3(b, c, d, a, k + 12, 15)
        a, b, c, d = (a + aa) & MASK, (b + bb) & MASK, (c + cc) & MASK, (d + dd) & MASK
    return a, b, c, d


def rfc_pad(msg):
    """RFC 1320 3.1/3.2 padding: 0x80, zeros to 56 mod 64, 64-bit LE length."""
    bits = (len(msg) * 8) & 0xFFFFFFFFFFFFFFFF
    pad = b'\x80' + b'\0' * ((55 - len(msg)) % 64)
    return msg + pad + struct.pack('<Q', bits)


def md4_hex(msg):
    words = md4_blocks(rfc_pad(msg))
    return struct.pack('<4I', *words).hex()


def stock_digest(msg):
    """Full 32-digit digest of the stock variant (little-endian host)."""
    padded = bytearray(rfc_pad(msg))
    last = len(padded) - 8
    # stock loads message words with ntohl: reverse each 4-byte group,
    # except the length, which it stores as plain numbers
    for off in range(0, last, 4):
        padded[off:off + 4] = padded[off:off + 4][::-1]
    words = md4_blocks(bytes(padded))
    # htonl, then %08X: the bytes of each word in memory order
    return struct.pack('<4I', *words).hex().upper()


def srcversion(msg):
    return stock_digest(msg)[:23]


WHITESPACE = b' \t\n\v\f\r'


def significant(text):
    """The bytes stock feeds to the hash for one file (spec section 6)."""
    text = text.split(b'\0', 1)[0]      # read as a C string
    out = bytearray()
    state = 'code'
    prev = None
    i = 0
    n = len(text)
    while i < n:
        ch = text[i:i + 1]
        if state == 'code':
            if ch == b'\\' and text[i + 1:i + 2] == b'\n':
                i += 2
                continue
            if ch in (b' ', b'\t', b'\n', b'\v', b'\f', b'\r'):
                i += 1
                continue
            if ch == b'"':
                out += ch
                state = 'string'
                prev = ch
                i += 1
                continue
            if ch == b'/' and text[i + 1:i + 2] == b'*':
                state = 'comment'
                prev = b'*'     # the opener's star counts for "*/"
                i += 2
                continue
            out += ch
            i += 1
        elif state == 'string':
            out += ch
            if ch == b'"' and prev != b'\\':
                state = 'code'
            prev = ch
            i += 1
        else:  # comment
            if ch == b'/' and prev == b'*':
                state = 'code'
            prev = ch
            i += 1
    return bytes(out)


RFC1320_SUITE = [
    (b'', '31d6cfe0d16ae931b73c59d7e0c089c0'),
    (b'a', 'bde52cb31de33e46245e05fbdbd6fb24'),
    (b'abc', 'a448017aaf21d8525fc10ae87aa6729d'),
    (b'message digest', 'd9130a8164549fe818874806e1c7014b'),
    (b'abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'),
    (b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
     '043f8582f241db351ce627e153e7f0e4'),
    (b'1234567890' * 8, 'e33b4ddc9c38f2199c3e7b164fcc0536'),
]

# Observed from the stock modpost (Debian 6.12.117, x86_64): a module whose
# only source holds the given hashed bytes.
STOCK_OBSERVED = [
    (b'', '533BB7E5866E52F63B9ACCB'),
    (b'k' * 1, 'AC08C1A825274B2BF19EE60'),
    (b'k' * 55, 'BB506316DD13A099DAACF19'),
    (b'k' * 56, 'BCD790E53A31D44850258AB'),
    (b'k' * 64, '37E40D906CB68DDBFD4D319'),
    (b'k' * 120, '9A25B1B4CBB3DA353056B00'),
    (b'k' * 128, '5BC58DF86C9D8B8B146DA55'),
]

# Raw inputs fed straight to the hash (files without any whitespace, quotes,
# backslashes or comments, so the filter passes them unchanged).
HASH_INPUTS = [b'', b'a', b'abc', b'messagedigest',
               b'abcdefghijklmnopqrstuvwxyz',
               b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
               b'1234567890' * 8] + \
              [b'k' * n for n in (55, 56, 57, 63, 64, 65, 119, 120, 121, 1000)] + \
              [bytes(range(0x21, 0x7f)).replace(b'"', b'').replace(b'\\', b'')
               .replace(b'/', b'') * 3,
               bytes(range(0x80, 0x100))]

# Texts that exercise the filter.
FILTER_INPUTS = [
    b'int x = 1;\n',
    b'\tint\r\n\v\fy ;',
    b'#define A \\\n  1\n',
    b'a\\ \nb',                          # backslash not followed by newline
    b'a\\',                              # backslash at end of file
    b'x\\\n\\\ny',
    b'char *s = "two  spaces\\t\n";',
    b'"esc \\" quote" after',
    b'"bs\\\\" still inside " out side',  # stock: \\" does not end a string
    b'""x""',
    b'"unterminated  string \n with spaces',
    b'a"',
    b'// kept comment "with string" /* x */\nint y;',
    b'/* dropped */int z;/* multi\nline */',
    b'/*/ self-closing */ after',
    b'/**/x/***/y/* * / */z',
    b'open /* never closed',
    b'tail/*',
    b'a/ *b*/c',
    b"char c = '\"'; int d;",
    b'nul\0 ignored after the nul',
    b'\xa0\x85\xff high bytes are not space \xe2\x80\x8b',
    b' \t\n\v\f\r',
]


def c_bytes(b):
    out = []
    for ch in b:
        if ch in (0x22, 0x5C):
            out.append('\\' + chr(ch))
        elif 0x20 <= ch < 0x7F and ch != 0x3F:   # avoid trigraphs
            out.append(chr(ch))
        else:
            out.append('\\%03o' % ch)
    return '"' + ''.join(out) + '"'


def self_check(ksrc):
    for msg, want in RFC1320_SUITE:
        got = md4_hex(msg)
        assert got == want, (msg, got, want)
    for msg, want in STOCK_OBSERVED:
        got = srcversion(msg)
        assert got == want, (msg, got, want)
    if ksrc:
        with open(os.path.join(ksrc, 'drivers/ata/pata_netcell.c'), 'rb') as f:
            got = srcversion(significant(f.read()))
        assert got == 'F1D169F1AD58196242EDA1F', got
        print('/* checked: pata_netcell.c gives F1D169F1AD58196242EDA1F */')


def main():
    ksrc = sys.argv[1] if len(sys.argv) > 1 else None
    print('/* SPDX-License-Identifier: GPL-2.0 */')
    print('/* Generated by gen-srcversion-vectors.py: do not edit. */')
    self_check(ksrc)
    print('/* checked: RFC 1320 A.5 suite and stock-observed values */')
    print()
    print('struct sv_vector {')
    print('\tconst char *text;\t/* source file contents; NULL: len times \'k\' */')
    print('\tunsigned int len;')
    print('\tconst char *digest;\t/* all 32 digits */')
    print('};')
    print()
    print('/* files passed through the filter unchanged: the hash alone */')
    print('static const struct sv_vector hash_vectors[] = {')
    for msg in HASH_INPUTS:
        assert significant(msg) == msg
        text = c_bytes(msg)
        if len(msg) > 50 and msg == b'k' * len(msg):
            text = 'NULL'
        print('\t{ %s, %d, "%s" },' % (text, len(msg), stock_digest(msg)))
    print('};')
    print()
    print('/* files exercising the whitespace, string and comment rules */')
    print('static const struct sv_vector filter_vectors[] = {')
    for text in FILTER_INPUTS:
        print('\t/* hashes %s */' % c_bytes(significant(text)).replace('*/', '*\\/').replace('/*', '/\\*'))
        print('\t{ %s, %d, "%s" },' % (c_bytes(text), len(text),
                                        stock_digest(significant(text))))
    print('};')


if __name__ == '__main__':
    main()
