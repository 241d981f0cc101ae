// SPDX-License-Identifier: GPL-2.0
/*
 * modpost --klp-finalize: write the livepatch ELF format into a linked .ko.
 *
 * Linkers keep neither SHN_LIVEPATCH symbols nor SHF_RELA_LIVEPATCH
 * sections, so the format can only be written after the final `ld -r`.
 * Everything needed was recorded by modpost in the module itself (section
 * .klp.modpost, see klp-record.c): no kernel symbol data is read here.
 *
 *  - each recorded symbol becomes .klp.sym.<object>.<name>,<position> with
 *    st_shndx SHN_LIVEPATCH, keeping its symbol table index;
 *  - every relocation against such a symbol from a loaded section moves,
 *    byte for byte, out of its .rela<sec> into .klp.rela.<object>.<sec>
 *    (SHT_RELA, SHF_ALLOC | SHF_INFO_LINK | SHF_RELA_LIVEPATCH, sh_link the
 *    symbol table, sh_info the target), one section per object and target;
 *  - the record and the annotation sections are emptied and no longer
 *    loaded.
 *
 * Existing bytes keep their offsets; the new string tables, the new
 * sections and a new section header table are appended.  The output is
 * written to a temporary file and renamed, so a failure never leaves a
 * damaged module behind; through a symbolic link, the file it names is
 * replaced (the link stays); a device or FIFO given as -o is written in
 * place, never replaced.  A module without a record is left untouched, so
 * running the step twice, or on an ordinary module, changes nothing.
 */
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../include/uapi/linux/livepatch.h"
#include "klp-modes.h"
#include "klp-module.h"
#include "klp-intree.h"
#include "klp-record.h"
#include "klp-relocs.h"
#include "klp-rules.h"
#include "output.h"

/* A new .klp.rela.<object>.<target> section being assembled. */
struct klp_rela_section {
	const char *object;
	unsigned int target;
	struct buffer data;
};

struct finalize {
	const char *path;
	struct elf_file elf;
	struct klp_record record;
	struct elf_section *sections;	/* the output's headers: copies of the input's */
	unsigned int nsections;
	struct klp_record_line **by_symbol; /* symbol index -> its record line, or NULL */
	struct klp_rela_section *relas;
	size_t nrelas;
	struct buffer strtab, shstrtab;
	uint32_t *name_offsets;		/* sh_name of every section (old and new) */
};

/* ---- symbols ---- */

static uint32_t add_string(struct buffer *b, const char *s)
{
	uint32_t off = b->pos;

	buf_write(b, s, strlen(s) + 1);
	return off;
}

static void convert_symbols(struct finalize *f, struct elf_image *im)
{
	f->by_symbol = xcalloc(f->elf.nsyms, sizeof(*f->by_symbol));
	for (unsigned int i = 1; i < f->elf.nsyms; i++) {
		const struct elf_symbol *sym = &f->elf.syms[i];
		struct klp_record_line *e;
		struct buffer name = { 0 };

		if (sym->raw_shndx != SHN_UNDEF ||
		    (sym->bind != STB_GLOBAL && sym->bind != STB_WEAK))
			continue;
		e = klp_record_find(&f->record, sym->name);
		if (!e)
			continue;
		if (!klp_object_name_ok(e->object) || !klp_symbol_name_ok(e->name))
			fatal("%s: cannot name symbol %s as object '%s' symbol '%s': the kernel parses at most %d/%d characters, without '.'/','\n",
			      f->path, sym->name, e->object, e->name,
			      KLP_OBJECT_NAME_MAX, KLP_SYMBOL_NAME_MAX);
		buf_printf(&name, KLP_SYM_PREFIX "%s.%s,%lu", e->object, e->name, e->sympos);
		buf_write(&name, "", 1);
		elf_image_set_symbol(im, i, add_string(&f->strtab, name.p), SHN_LIVEPATCH);
		buf_free(&name);
		f->by_symbol[i] = e;
		e->used = true;
	}
	for (size_t i = 0; i < f->record.n; i++)
		if (!f->record.v[i].used)
			fatal("%s: section %s names '%s', which is not an undefined symbol of the module;\n"
			      "the record belongs to another build: relink the module\n",
			      f->path, KLP_RECORD_SECTION, f->record.v[i].cname);
}

/* ---- relocations ---- */

static struct klp_rela_section *rela_section_for(struct finalize *f, const char *object,
						 unsigned int target)
{
	struct klp_rela_section *r;

	for (size_t i = 0; i < f->nrelas; i++)
		if (f->relas[i].target == target && strcmp(f->relas[i].object, object) == 0)
			return &f->relas[i];
	f->relas = xrealloc(f->relas, (f->nrelas + 1) * sizeof(*f->relas));
	r = &f->relas[f->nrelas++];
	memset(r, 0, sizeof(*r));
	r->object = object;
	r->target = target;
	return r;
}

static void move_relocations(struct finalize *f, struct elf_image *im)
{
	for (unsigned int i = 1; i < f->nsections; i++) {
		const struct elf_section *in = &f->elf.sections[i];
		struct elf_section *rs = &f->sections[i];
		const struct elf_section *target;
		unsigned int entsize;
		struct elf_reloc r;
		size_t kept = 0;

		if (!klp_reloc_section_converted(&f->elf, in))
			continue;
		target = elf_section(&f->elf, in->info);
		for_each_reloc(&f->elf, in, k, &r) {
			struct klp_record_line *e = f->by_symbol[r.sym];
			const unsigned char *raw;

			if (!e) {
				elf_image_copy_reloc(im, in, kept++, k);
				continue;
			}
			if (in->type != SHT_RELA)
				fatal("%s: %s+0x%" PRIx64 " refers to %s through a REL relocation;\n"
				      "livepatch relocation sections must be RELA\n",
				      f->path, target->name, r.offset, e->cname);
			raw = elf_reloc_raw(&f->elf, in, k, &entsize);
			buf_write(&rela_section_for(f, e->object, in->info)->data,
				  (const char *)raw, entsize);
		}
		/*
		 * Keep an emptied section non-empty: with one entry of type 0
		 * ("none" on every livepatch architecture) against symbol 0.
		 * binutils (strip, objcopy) renumbers the symbol indices of a
		 * second relocation section for a target only while the first
		 * one has entries; an empty .rela<sec> next to its
		 * .klp.rela.*.<sec> would leave the latter pointing at stale
		 * indices after `strip --strip-debug`.
		 */
		if (kept == 0 && elf_reloc_count(&f->elf, in) > 0) {
			elf_image_clear_reloc(im, in, 0);
			kept = 1;
		}
		rs->size = kept * elf_reloc_entry_size(&f->elf, in);
	}
}

/* The record and the annotations are build-time data: empty, not loaded. */
static void drop_build_time_sections(struct finalize *f)
{
	for (unsigned int i = 1; i < f->nsections; i++) {
		struct elf_section *s = &f->sections[i];
		const struct elf_section *target;

		if (klp_is_annotation_section(s->name)) {
			s->flags &= ~(uint64_t)SHF_ALLOC;
			s->size = 0;
			continue;
		}
		if (!elf_is_reloc_section(s))
			continue;
		target = elf_section(&f->elf, s->info);
		if (target && klp_is_annotation_section(target->name))
			s->size = 0;
	}
}

/* ---- assembling the output ---- */

static bool needs_finalize(const struct elf_file *elf)
{
	for (unsigned int i = 1; i < elf->nsections; i++) {
		const struct elf_section *s = &elf->sections[i];

		if (klp_is_annotation_section(s->name) && s->size)
			return true;
	}
	return false;
}

static void lay_out(struct finalize *f, struct elf_image *im)
{
	unsigned int total = f->nsections + f->nrelas;
	struct elf_section *strtab = &f->sections[f->sections[f->elf.symtab_index].link];
	struct elf_section *shstrtab = &f->sections[f->elf.shstrndx];
	struct elf_section *all = xcalloc(total, sizeof(*all));

	for (size_t i = 0; i < f->nrelas; i++) {
		struct klp_rela_section *r = &f->relas[i];
		struct buffer name = { 0 };

		buf_printf(&name, KLP_RELA_PREFIX "%s.%s", r->object, f->sections[r->target].name);
		buf_write(&name, "", 1);
		f->name_offsets[f->nsections + i] = add_string(&f->shstrtab, name.p);
		buf_free(&name);
	}

	strtab->offset = elf_image_append(im, f->strtab.p, f->strtab.pos, 1);
	strtab->size = f->strtab.pos;
	shstrtab->offset = elf_image_append(im, f->shstrtab.p, f->shstrtab.pos, 1);
	shstrtab->size = f->shstrtab.pos;

	memcpy(all, f->sections, f->nsections * sizeof(*all));
	for (size_t i = 0; i < f->nrelas; i++) {
		struct elf_section *s = &all[f->nsections + i];
		unsigned int align = elf_addr_size(&f->elf);

		s->type = SHT_RELA;
		s->flags = SHF_ALLOC | SHF_INFO_LINK | SHF_RELA_LIVEPATCH;
		s->link = f->elf.symtab_index;
		s->info = f->relas[i].target;
		s->addralign = align;
		s->entsize = elf_rela_size(&f->elf);
		s->size = f->relas[i].data.pos;
		s->offset = elf_image_append(im, f->relas[i].data.p, f->relas[i].data.pos, align);
	}

	elf_image_put_section_headers(im, all, f->name_offsets, total, f->elf.shstrndx);
	free(all);
}

/* @out replaced atomically (through a symbolic link), with the mode of @in */
static void write_output(const struct elf_image *im, const char *in, const char *out)
{
	struct stat st;

	write_file_through_links(out, im->p, im->size,
			      stat(in, &st) == 0 ? (int)(st.st_mode & 07777) : -1);
}

static void finalize_one(const char *in, const char *out, const char *vmlinux,
			 bool vmlinux_given)
{
	struct finalize f = { .path = in };
	struct elf_image im;
	const struct elf_section *shstr;
	unsigned int strtab_index;

	switch (elf_open(&f.elf, in)) {
	case ELF_OPEN_OK:
		break;
	case ELF_OPEN_NOT_ELF:
		fatal("%s: not an ELF file\n", in);
	case ELF_OPEN_MISSING:
		/* what mmap() says of an empty file, of a directory or FIFO */
		if (errno == EINVAL)
			fatal("%s: not an ELF file (empty)\n", in);
		if (errno == ENODEV)
			fatal("%s: not a regular file\n", in);
		fatal("%s: %s\n", in, strerror(errno));
	}
	/* kbuild in a kernel tree: the klp_func entries meet the final vmlinux */
	if (vmlinux_given)
		klp_intree_check_funcs(&f.elf, in, vmlinux);
	if (error_occurred()) {
		elf_close(&f.elf);
		fatal("%s: refused: the kernel would not apply this livepatch\n", in);
	}
	if (!needs_finalize(&f.elf)) {
		/* nothing to convert (an ordinary module, or done already) */
		if (strcmp(in, out) != 0) {
			elf_image_init(&im, &f.elf);
			write_output(&im, in, out);
			elf_image_free(&im);
		}
		elf_close(&f.elf);
		return;
	}

	klp_record_read(&f.elf, in, KLP_RECORD_STRICT, &f.record);
	/* in-tree: positions in vmlinux come from the final vmlinux (klp-intree.h) */
	if (!klp_intree_settle(&f.record, in, vmlinux))
		fatal("%s: not converted\n", in);

	f.nsections = f.elf.nsections;
	f.sections = xcalloc(f.nsections, sizeof(*f.sections));
	memcpy(f.sections, f.elf.sections, f.nsections * sizeof(*f.sections));
	f.name_offsets = xcalloc(f.nsections, sizeof(*f.name_offsets));
	shstr = &f.elf.sections[f.elf.shstrndx];
	for (unsigned int i = 0; i < f.nsections; i++)
		f.name_offsets[i] = (uint32_t)(f.elf.sections[i].name - (const char *)shstr->data);
	strtab_index = f.elf.sections[f.elf.symtab_index].link;
	buf_write(&f.strtab, (const char *)f.elf.sections[strtab_index].data,
		  f.elf.sections[strtab_index].size);
	buf_write(&f.shstrtab, (const char *)shstr->data, shstr->size);

	elf_image_init(&im, &f.elf);
	convert_symbols(&f, &im);
	move_relocations(&f, &im);
	drop_build_time_sections(&f);
	f.name_offsets = xrealloc(f.name_offsets,
				  (f.nsections + f.nrelas) * sizeof(*f.name_offsets));
	lay_out(&f, &im);
	write_output(&im, in, out);

	elf_image_free(&im);
	klp_record_free(&f.record);
	elf_close(&f.elf);
}

static int run(int argc, char **argv)
{
	const char *out = NULL, *vmlinux = KLP_INTREE_VMLINUX;
	bool vmlinux_given = false;
	int first = 1;

	if (argc > first + 1 && strcmp(argv[first], "--vmlinux") == 0) {
		vmlinux = argv[first + 1];
		vmlinux_given = true;
		first += 2;
	}
	if (argc > first + 1 && strcmp(argv[first], "-o") == 0) {
		out = argv[first + 1];
		first += 2;
	}
	if (first >= argc || (out && argc - first != 1)) {
		fprintf(stderr, "usage: modpost --klp-finalize [--vmlinux VMLINUX] [-o OUT.ko] IN.ko...\n");
		return 1;
	}
	for (int i = first; i < argc; i++)
		finalize_one(argv[i], out ? out : argv[i], vmlinux, vmlinux_given);
	/* every refusal above is fatal; this keeps a future error() honest */
	return error_occurred() ? 1 : 0;
}

const struct klp_mode klp_mode_finalize = {
	.name = "finalize",
	.usage = "[--vmlinux VMLINUX] [-o OUT.ko] IN.ko...",
	.summary = "write the livepatch ELF format into linked livepatch modules (in place without -o)",
	.run = run,
};
