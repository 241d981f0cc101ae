// SPDX-License-Identifier: GPL-2.0
/*
 * modpost: the step of a kernel module build that runs between compiling
 * and the final link.  It reads the module objects (and vmlinux.o in-tree)
 * plus the symbol dumps of what they build against, checks that every
 * undefined symbol is exported by someone (with the right license and
 * namespace), and writes <module>.mod.c and the Module.symvers dump.
 *
 * The passes: read dumps, read objects, let the extensions claim the
 * undefined symbols they take over (livepatch modules' references), then
 * the kernel profile's checks and .mod.c writes (all checks first in
 * 6.12, per module in 6.1), then the namespace-deps file and the symbol
 * dump.  Any error suppresses the outputs written after it and
 * makes the exit status 1.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks.h"
#include "dispatch.h"
#include "extension.h"
#include "modpost.h"
#include "objects.h"
#include "profile.h"
#include "symvers.h"

struct run_files {
	const char **dumps;		/* -i, in order */
	size_t ndumps;
	const char *dump_write;		/* -o */
	const char *files_source;	/* -T */
	const char *unused_exports_white_list;	/* -u */
	const char *missing_namespace_deps;	/* -d */
};

/*
 * What each option does, for --help.  One table for the options of every
 * supported kernel: the listing shows the letters of the profile's option
 * string only, in its order, so it describes the series built in.
 */
static const struct option_help {
	char letter;
	const char *arg;	/* shown when the option string takes one */
	const char *text;
	/* instead of @text when "-T -" reads standard input (6.1's kbuild) */
	const char *text_stdin_list;
} option_help[] = {
	{ 'e', NULL, "the modules are external (M=<dir>): not marked intree", NULL },
	{ 'i', "FILE", "read the symbol dump FILE (Module.symvers) first; repeatable", NULL },
	{ 'M', NULL, "the kernel has modules (CONFIG_MODULES): check the exports' sections", NULL },
	{ 'm', NULL, "CONFIG_MODVERSIONS: write the symbol CRCs into each .mod.c", NULL },
	{ 'n', NULL, "skip missing objects with a message (make -i, make -k)", NULL },
	{ 'T', "FILE", "read the object names from FILE, one a line",
	  "read the object names from FILE ('-': standard input), one a line" },
	{ 't', NULL, "CONFIG_TRIM_UNUSED_KSYMS: keep only the exports a module uses", NULL },
	{ 'o', "FILE", "write the symbol dump (Module.symvers) to FILE", NULL },
	{ 'a', NULL, "CONFIG_MODULE_SRCVERSION_ALL: a srcversion for every module", NULL },
	{ 'u', "FILE", "with -t: the exports named in FILE count as used", NULL },
	{ 'W', NULL, "extra warnings (W=1)", NULL },
	{ 'w', NULL, "unresolved symbols are warnings, not errors (KBUILD_MODPOST_WARN)", NULL },
	{ 'E', NULL, "section mismatches are errors (no CONFIG_SECTION_MISMATCH_WARN_ONLY)", NULL },
	{ 'N', NULL, "missing namespace imports are warnings, not errors", NULL },
	{ 'd', "FILE", "write the missing namespace imports to FILE (make nsdeps)", NULL },
};

static const char usage_head[] = "usage: %s [options] [OBJECT.o...]\n"
	"options (those kbuild passes to modpost for Linux %s):\n";
static const char usage_help[] = "  -h, --help  this listing (as the first argument)\n";
/*
 * kbuild never passes -h or --help, and stock modpost rejects both like any
 * unknown option; only a first argument asks for the listing, so that every
 * other command line is parsed by getopt() exactly as before.
 */
static bool is_help_argument(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

static void print_usage(const char *prog)
{
	printf(usage_head, prog, kprofile.series);
	for (const char *p = kprofile.optstring; *p; p++) {
		const struct option_help *h = NULL;
		bool takes_arg = p[1] == ':';

		if (*p == ':')
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(option_help); i++)
			if (option_help[i].letter == *p)
				h = &option_help[i];
		printf("  -%c %-8s %s\n", *p,
		       takes_arg ? (h && h->arg ? h->arg : "ARG") : "",
		       !h ? "" : kprofile.object_list_from_stdin && h->text_stdin_list ?
		       h->text_stdin_list : h->text);
	}
	fputs(usage_help, stdout);
	fflush(stdout);
	/* the extensions list their tool modes from where the modes are defined */
	extensions_print_modes(stdout, prog);
}

/* The options of every supported kernel; the profile says which exist. */
static void parse_command_line(int argc, char **argv, struct run_files *f)
{
	int opt;

	f->dumps = xcalloc(argc, sizeof(*f->dumps));
	while ((opt = getopt(argc, argv, kprofile.optstring)) != -1) {
		switch (opt) {
		case 'e': opts.external_module = true; break;
		case 'i': f->dumps[f->ndumps++] = optarg; break;
		case 'M': opts.module_enabled = true; break;
		case 'm': opts.modversions = true; break;
		case 'n': opts.ignore_missing_files = true; break;
		case 'o': f->dump_write = optarg; break;
		case 'a': opts.all_versions = true; break;
		case 'T': f->files_source = opts.object_list = optarg; break;
		case 't': opts.trim_unused_exports = true; break;
		case 'u': f->unused_exports_white_list = optarg; break;
		case 'W': opts.extra_warn = true; break;
		case 'w': opts.warn_unresolved = true; break;
		case 'E': opts.sec_mismatch_warn_only = false; break;
		case 'N': opts.allow_missing_ns_imports = true; break;
		case 'd': f->missing_namespace_deps = optarg; break;
		default: exit(1);	/* getopt() has said what is wrong */
		}
	}
}

int main(int argc, char **argv)
{
	struct run_files f = { 0 };
	struct modpost_run run;
	char *stdin_object;
	int status;

	if (argc >= 2 && is_help_argument(argv[1])) {
		print_usage(argv[0]);
		return 0;
	}
	if (extensions_run_mode(argc, argv, &status))
		return status;

	profile_check_build_tree();
	parse_command_line(argc, argv, &f);
	stdin_object = dispatch_probe(optind < argc ? argv[optind] : NULL,
				      f.files_source);

	for (size_t i = 0; i < f.ndumps; i++)
		read_dump(f.dumps[i]);
	while (optind < argc)
		read_symbols(argv[optind++]);
	if (stdin_object) {
		read_symbols(stdin_object);
		free(stdin_object);	/* read_symbols() keeps copies */
	}
	if (f.files_source)
		read_symbols_from_files(f.files_source);

	extensions_claim_symbols();

	run.unused_exports_white_list = f.unused_exports_white_list;
	kprofile.check_and_write_modules(&run);

	if (f.missing_namespace_deps)
		write_namespace_deps_file(f.missing_namespace_deps);
	if (f.dump_write)
		write_dump(f.dump_write);

	if (section_mismatch_count() && !opts.sec_mismatch_warn_only)
		error("Section mismatches detected.\n"
		      "Set CONFIG_SECTION_MISMATCH_WARN_ONLY=y to allow them.\n");
	report_suppressed_unresolved();

	free(f.dumps);
	return error_occurred() ? 1 : 0;
}
