# SPDX-License-Identifier: GPL-2.0
# Guest side of test-harness.sh: the harness's own features.
tok=$(kh_arg khtoken || echo missing)
if [ "$tok" = harness_ok_42 ]; then
	kh_ok "kernel argument reaches the scenario"
else
	kh_fail "kernel argument reaches the scenario" "khtoken=$tok"
fi
kh_check "devtmpfs mounted on /dev" grep -q '^devtmpfs /dev ' /proc/mounts
kh_check "proc and sysfs mounted" test -r /proc/kallsyms -a -d /sys/module
kh_check "extra file shipped at its path" test -f /root/sub/dir/payload.txt
kh_check "extra file content" grep -qx 'payload 17' /root/sub/dir/payload.txt
# bulk records: text (compressed), binary (raw: every byte value), empty
head -c 300000 /dev/urandom >/tmp/bin
seq 1 100000 >/tmp/text
kh_note "md5 bin $(md5sum </tmp/bin | cut -d' ' -f1)"
kh_note "md5 text $(md5sum </tmp/text | cut -d' ' -f1)"
kh_bulk bin raw </tmp/bin
kh_bulk text gz </tmp/text
kh_bulk empty raw </dev/null
kh_ok "bulk records sent"
