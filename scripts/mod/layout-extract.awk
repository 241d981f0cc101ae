# SPDX-License-Identifier: GPL-2.0
#
# <probe>.s -> <probe>.h: layout probes compiled by kbuild (see
# scripts/mod/Makefile.generated).  Variables: PREFIX (every marker name
# starts with it, e.g. "DT_"), GUARD (the header's include guard), PROBE
# (the probe's source, named in the header comment).
#
# The probe's markers reach the assembly as
#	.ascii "->NAME <imm> <source text>"
# where <imm> is the constant in the target assembler's immediate syntax
# ("$32" on x86, "#32" on arm, plain "32" elsewhere).  Every marker becomes
# "#define NAME (value)".  Lines of kbuild's own comment markers ("->#...")
# are skipped.  Fails when no marker was found, so that a broken probe
# cannot yield an empty header.
BEGIN {
	print "/* SPDX-License-Identifier: GPL-2.0 */"
	printf "/* Generated from %s; do not edit. */\n", PROBE
	printf "#ifndef %s\n#define %s\n", GUARD, GUARD
	print ""
	n = 0
}
/"->[A-Za-z_]/ {
	line = $0
	sub(/^.*"->/, "", line)
	split(line, w, /[ \t]+/)
	value = w[2]
	sub(/^[$#]/, "", value)
	if (index(w[1], PREFIX) != 1 || w[1] !~ /^[A-Za-z0-9_]+$/ || value !~ /^-?[0-9]+$/) {
		printf "%s: cannot parse: %s\n", PROBE, $0 > "/dev/stderr"
		exit 1
	}
	printf "#define %s (%s)\n", w[1], value
	n++
}
END {
	if (n == 0) {
		printf "%s: no layout markers found\n", PROBE > "/dev/stderr"
		exit 1
	}
	print ""
	printf "#endif /* %s */\n", GUARD
}
