# SPDX-License-Identifier: GPL-2.0
#
# devtable-layout.s -> devtable-layout.h
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
	print "/* Generated from scripts/mod/devtable-layout/devtable-layout.c; do not edit. */"
	print "#ifndef DEVTABLE_LAYOUT_H"
	print "#define DEVTABLE_LAYOUT_H"
	print ""
	n = 0
}
/"->[A-Za-z_]/ {
	line = $0
	sub(/^.*"->/, "", line)
	split(line, w, /[ \t]+/)
	value = w[2]
	sub(/^[$#]/, "", value)
	if (w[1] !~ /^DT_[A-Za-z0-9_]+$/ || value !~ /^-?[0-9]+$/) {
		printf "devtable-layout: cannot parse: %s\n", $0 > "/dev/stderr"
		exit 1
	}
	printf "#define %s (%s)\n", w[1], value
	n++
}
END {
	if (n == 0) {
		print "devtable-layout: no layout markers found" > "/dev/stderr"
		exit 1
	}
	print ""
	print "#endif /* DEVTABLE_LAYOUT_H */"
}
