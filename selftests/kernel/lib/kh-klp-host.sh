# SPDX-License-Identifier: GPL-2.0
# Host-side livepatch helpers for kernel tests (bash), after lib/harness.sh.
#
#   P=(...) / result DESC     problems noted for one result; ok when none
#   klp_check_converted SUMMARY KO WANT_SYM WANT_SEC
#       note in P what is wrong with a converted module, from its
#       `klpelf.py summary` SUMMARY: the .klp.sym symbols (SHN_LIVEPATCH,
#       NOTYPE) must be WANT_SYM ("<obj>.<name>,<pos> ...", sorted), the
#       .klp.rela sections (SHF_ALLOC, SHF_RELA_LIVEPATCH) WANT_SEC
#       ("<obj>..<sec>:<target> ...", sorted); no ordinary relocation may
#       use a livepatch symbol; every undefined symbol left must be a
#       versioned export; modinfo livepatch must be Y.

P=()
result() {
	if [ "${#P[@]}" = 0 ]; then
		kh_ok "$1"
	else
		kh_fail "$1" "${P[@]}"
	fi
	P=()
}

klp_check_converted() {
	local s=$1 ko=$2 want_sym=$3 want_sec=$4 got_sym got_sec odd bad vers u
	got_sym=$(sed -n 's/^sym \.klp\.sym\.\([^ ]*\) shndx=0xff20 NOTYPE .*/\1/p' "$s" | sort | tr '\n' ' ')
	[ "$got_sym" = "$want_sym " ] ||
		P+=(".klp.sym symbols (SHN_LIVEPATCH): '$got_sym'" "expected:                         '$want_sym '")
	odd=$(grep '^sym ' "$s" | grep -v ' shndx=0xff20 NOTYPE ' || true)
	[ -z "$odd" ] || P+=("symbols not SHN_LIVEPATCH/NOTYPE: $odd")
	got_sec=$(sed -n 's/^sec \.klp\.rela\.\([^ ]*\) RELA alloc=1 livepatch=1 target=\(.*\)/\1:\2/p' "$s" | sort | tr '\n' ' ')
	[ "$got_sec" = "$want_sec " ] ||
		P+=(".klp.rela sections (A, SHF_RELA_LIVEPATCH): '$got_sec'" "expected:                                  '$want_sec '")
	bad=$(grep '^bad ' "$s" || true)
	[ -z "$bad" ] || P+=("ordinary relocations against livepatch symbols:" "$bad")
	# every symbol left undefined must be a versioned export (vmlinux)
	vers=$(modprobe --dump-modversions "$ko" 2>/dev/null | awk '{ print $2 }' | sort)
	for u in $(sed -n 's/^und //p' "$s"); do
		grep -qx -- "$u" <<<"$vers" || P+=("undefined symbol $u has no __versions entry: the kernel will not resolve it")
	done
	[ "$(modinfo -F livepatch "$ko")" = Y ] || P+=("modinfo livepatch is not Y")
}
