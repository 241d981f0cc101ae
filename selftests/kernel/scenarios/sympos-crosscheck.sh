# SPDX-License-Identifier: GPL-2.0
# Guest side of test-sympos-crosscheck.sh: load the target module, then send
# its section addresses and the whole /proc/kallsyms to the host over ttyS1.
if out=$(kh_insmod /root/klp_homonyms.ko); then
	kh_ok "insmod klp_homonyms.ko"
else
	kh_fail "insmod klp_homonyms.ko" "$out"
fi
secdir=/sys/module/klp_homonyms/sections
if [ -d "$secdir" ]; then
	kh_ok "klp_homonyms is live in /sys/module"
	for f in "$secdir"/.* "$secdir"/*; do
		[ -f "$f" ] && echo "${f##*/} $(cat "$f")"
	done | kh_bulk sections raw
else
	kh_fail "klp_homonyms is live in /sys/module" "no $secdir"
fi
kh_note "kallsyms: $(grep -c . /proc/kallsyms) lines, $(grep -c '\[klp_homonyms\]$' /proc/kallsyms) of klp_homonyms"
kh_bulk kallsyms gz </proc/kallsyms
