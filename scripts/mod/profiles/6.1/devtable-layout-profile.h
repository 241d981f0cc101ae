/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linux 6.1's part of the device-table layout probe
 * (scripts/mod/devtable-layout/devtable-layout.c): 6.1 has no types
 * beyond the common ones.
 */
static void devtable_layout_profile(void)
{
}
