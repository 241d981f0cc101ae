// SPDX-License-Identifier: GPL-2.0
/*
 * What one compile unit says about a name (klp-dwarf.h).
 *
 * The unit's DIEs are walked once; the subprogram and variable DIEs are
 * kept with the few attributes that matter.  A DIE is about the name when
 * its DW_AT_name is the name, or when its DW_AT_specification or
 * DW_AT_abstract_origin leads to such a DIE of the same unit: that is how
 * gcc writes a definition after a declaration and an out-of-line (or
 * .isra/.constprop/.part) copy of an inlined function.  References to
 * other units (DW_FORM_ref_addr, as written by LTO or dwz) are not
 * followed: gcc without LTO keeps both ends in one unit, and following
 * them would mean decoding units that no search has pointed at.
 *
 * Then, per unit:
 *  - a function: code (DW_AT_low_pc or DW_AT_ranges on a subprogram DIE)
 *    makes it a function; otherwise an abstract instance (DW_AT_inline)
 *    makes it an inlined function; otherwise a definition (a subprogram
 *    DIE without DW_AT_declaration) is a function the compiler dropped:
 *    gcc describes every function it has seen before it optimises, so an
 *    unused or unreachable static keeps a DIE without code, as do static
 *    inlines whose inlined bodies came to nothing.  DW_TAG_inlined_subroutine
 *    DIEs are inlined copies, not out-of-line code, and do not count;
 *  - a variable: a defined one (not DW_AT_declaration) with a non-empty
 *    DW_AT_location is a variable, one without is optimised away.  Only
 *    variables that can have a symbol count: those at file scope and the
 *    function-local statics (location at a fixed address), not the
 *    automatic variables of every function that happen to share the name;
 *  - declarations alone say nothing (a unit that only uses the name).
 *
 * The walk stays near the top: the DIEs that decide are children of the
 * unit DIE (definitions, declarations, abstract instances, out-of-line
 * copies), except function-local statics, whose DIE holds the name.  So
 * a subtree is entered only when it can hold variables (a subprogram or
 * lexical block) and the search found the name inside it; every other
 * subtree (struct members, function bodies, inlined copies: most of a
 * kernel unit) is jumped over through DW_AT_sibling where the producer
 * wrote one (gcc does for every DIE with children but a last child).
 */
#include <string.h>

#include "klp-dwarf-internal.h"
#include "lib.h"	/* not "xalloc.h": in a kernel tree, scripts/include has one */

#define DW_OP_addr		0x03
#define DW_OP_addrx		0xa1
#define DW_OP_GNU_addr_index	0xfb
#define DW_OP_form_tls_address	0x9b
#define DW_OP_GNU_push_tls_address 0xe0

/* how deep specification/abstract_origin chains are followed */
#define DW_CHAIN_MAX	8

enum { MARK_UNKNOWN, MARK_YES, MARK_NO, MARK_VISITING };

static bool descend_into(uint32_t tag)
{
	return tag == DW_TAG_subprogram || tag == DW_TAG_lexical_block;
}

static void note_location(struct dw_die *die, const struct dw_value *v)
{
	switch (v->cls) {
	case DW_CLASS_BLOCK:
		if (v->u == 0)
			return;	/* an empty expression: no location */
		die->location = true;
		die->static_location =
			v->block[0] == DW_OP_addr || v->block[0] == DW_OP_addrx ||
			v->block[0] == DW_OP_GNU_addr_index ||
			v->block[v->u - 1] == DW_OP_form_tls_address ||
			v->block[v->u - 1] == DW_OP_GNU_push_tls_address;
		return;
	case DW_CLASS_SEC_OFFSET:	/* a location list */
	case DW_CLASS_CONST:		/* DWARF 3: a location list as data4/data8 */
		die->location = true;
		return;
	default:
		return;
	}
}

/* Record attribute @spec of a subprogram/variable DIE. */
static void note_attr(struct klp_dwarf *d, const struct dw_unit *u,
		      const char *name, struct dw_die *die, uint32_t attr,
		      const struct dw_value *v)
{
	const char *s;

	switch (attr) {
	case DW_AT_name:
		s = dw_value_string(d, u, v);
		die->named = s && strcmp(s, name) == 0;
		break;
	case DW_AT_external:
		die->external = v->u != 0;
		break;
	case DW_AT_declaration:
		die->declaration = v->u != 0;
		break;
	case DW_AT_inline:
		die->inlined = true;	/* an abstract instance, whatever DW_INL_* */
		break;
	case DW_AT_low_pc:
	case DW_AT_ranges:
		die->code = true;
		break;
	case DW_AT_location:
		note_location(die, v);
		break;
	case DW_AT_specification:
		if (v->cls == DW_CLASS_REF_UNIT)
			die->spec = v->u;
		break;
	case DW_AT_abstract_origin:
		if (v->cls == DW_CLASS_REF_UNIT)
			die->origin = v->u;
		break;
	}
}

static struct dw_die *push_die(struct klp_dwarf *d)
{
	if (d->ndies == d->dies_cap) {
		d->dies_cap = d->dies_cap ? 2 * d->dies_cap : 256;
		d->dies = xrealloc(d->dies, d->dies_cap * sizeof(*d->dies));
	}
	memset(&d->dies[d->ndies], 0, sizeof(d->dies[0]));
	return &d->dies[d->ndies++];
}

/* The unit DIE: the unit's name and its .debug_str_offsets contribution. */
static const char *read_unit_die(struct klp_dwarf *d, struct dw_cursor *c,
				 struct dw_unit *u, const struct dw_abbrev *ab,
				 const struct dw_abbrevs *abbrevs)
{
	struct dw_value v, name = { .cls = DW_CLASS_CONST };
	const char *s;

	for (uint32_t i = 0; i < ab->nattrs; i++) {
		const struct dw_attrspec *spec = &abbrevs->specs[ab->first + i];

		if (!dw_read_value(d, c, u, spec, &v))
			return NULL;
		if (spec->name == DW_AT_name)
			name = v;
		else if (spec->name == DW_AT_str_offsets_base)
			u->str_offsets_base = v.u;
	}
	/* after the loop: a strx name needs the base, which may come later */
	s = dw_value_string(d, u, &name);
	return s ? s : "";
}

/* The sorted hits of a unit, consumed as the walk moves forward. */
struct hit_cursor {
	const uint64_t *next, *end;
};

/* Is there a hit in [@from, @to)?  Walks only forward. */
static bool hit_within(struct hit_cursor *h, uint64_t from, uint64_t to)
{
	while (h->next < h->end && *h->next < from)
		h->next++;
	return h->next < h->end && *h->next < to;
}

/*
 * Most DIEs cannot matter: other tags than subprogram and variable, and
 * those that neither hold a hit (their name) nor refer to another DIE.
 * When all their forms have a fixed size they are stepped over without
 * decoding, reading only DW_AT_sibling.  True when @c was moved past it.
 */
static bool skip_undecoded(const struct klp_dwarf *d, struct dw_cursor *c,
			   const struct dw_unit *u, const struct dw_abbrev *ab,
			   struct hit_cursor *hits, uint64_t *sibling)
{
	uint64_t at = c->p - d->info.data;

	if (ab->size < 0 || (uint64_t)ab->size > (uint64_t)(c->end - c->p))
		return false;	/* decoding reads it, or notes the damage */
	if ((ab->tag == DW_TAG_subprogram || ab->tag == DW_TAG_variable) &&
	    (ab->chains || hit_within(hits, at, at + ab->size)))
		return false;
	if (ab->sibling_at >= 0) {
		struct dw_cursor s = dw_cursor_at(d, &d->info, at + ab->sibling_at, u->end);

		*sibling = dw_fixed(&s, ab->sibling_size);
		if (!ab->sibling_absolute)
			*sibling += u->off;
	}
	c->p += ab->size;
	return true;
}

/* Walk the DIEs below the unit DIE into d->dies.  False at damage (noted). */
static bool walk(struct klp_dwarf *d, struct dw_cursor *c, const struct dw_unit *u,
		 const struct dw_abbrevs *abbrevs, struct hit_cursor *hits,
		 const char *name)
{
	uint64_t limit = c->end - d->info.data;
	unsigned int depth = 1;

	while (depth > 0 && c->p < c->end) {
		uint64_t off = c->p - d->info.data, sibling = 0, code;
		const struct dw_abbrev *ab;
		struct dw_die *die = NULL;
		struct dw_value v;

		code = dw_uleb(c);
		if (code == 0) {
			depth--;
			continue;
		}
		ab = dw_abbrev_find(abbrevs, code);
		if (!ab) {
			dw_damage(d, ".debug_info: unit at 0x%llx: DIE at 0x%llx uses abbrev code %llu, which is not defined",
				  (unsigned long long)u->off, (unsigned long long)off,
				  (unsigned long long)code);
			return false;
		}
		if (skip_undecoded(d, c, u, ab, hits, &sibling))
			goto children;
		if (ab->tag == DW_TAG_subprogram || ab->tag == DW_TAG_variable) {
			die = push_die(d);
			die->off = off;
			die->tag = ab->tag;
			die->top = depth == 1;
		}
		for (uint32_t i = 0; i < ab->nattrs; i++) {
			const struct dw_attrspec *spec = &abbrevs->specs[ab->first + i];

			if (!dw_read_value(d, c, u, spec, &v))
				return false;
			if (spec->name == DW_AT_sibling && v.cls == DW_CLASS_REF_UNIT)
				sibling = v.u;
			else if (die)
				note_attr(d, u, name, die, spec->name, &v);
		}
children:
		if (!ab->children)
			continue;
		/*
		 * A subtree matters when it can hold a variable with a symbol
		 * and the name is referred to inside it (the named DIE itself is
		 * there).  Without DW_AT_sibling its end is unknown: go in.
		 */
		off = c->p - d->info.data;
		if (sibling > off && sibling <= limit &&
		    !(descend_into(ab->tag) && hit_within(hits, off, sibling)))
			c->p = d->info.data + sibling;
		else
			depth++;
	}
	if (c->bad) {
		dw_damage(d, ".debug_info: unit at 0x%llx is truncated",
			  (unsigned long long)u->off);
		return false;
	}
	return true;
}

static struct dw_die *find_die(struct klp_dwarf *d, uint64_t off)
{
	size_t lo = 0, hi = d->ndies;

	while (lo < hi) {	/* d->dies is in offset order */
		size_t mid = lo + (hi - lo) / 2;

		if (d->dies[mid].off == off)
			return &d->dies[mid];
		if (d->dies[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Is @die about the name, directly or through its chain? */
static bool about_name(struct klp_dwarf *d, struct dw_die *die, unsigned int hops)
{
	struct dw_die *next;
	bool yes = die->named;

	if (die->mark == MARK_YES || die->mark == MARK_NO)
		return die->mark == MARK_YES;
	if (die->mark == MARK_VISITING || hops > DW_CHAIN_MAX)
		return false;	/* a loop, or a chain no producer writes */
	die->mark = MARK_VISITING;
	if (!yes && die->spec && (next = find_die(d, die->spec)))
		yes = about_name(d, next, hops + 1);
	if (!yes && die->origin && (next = find_die(d, die->origin)))
		yes = about_name(d, next, hops + 1);
	die->mark = yes ? MARK_YES : MARK_NO;
	return yes;
}

static void add_fact(struct klp_dwarf_fact *out, size_t max, size_t *n,
		     enum klp_dwarf_kind kind, const char *cu_name, bool external)
{
	for (size_t i = 0; i < *n; i++)
		if (out[i].kind == kind && strcmp(out[i].cu_name, cu_name) == 0) {
			out[i].external |= external;
			return;
		}
	if (*n < max) {
		out[*n].kind = kind;
		out[*n].cu_name = cu_name;
		out[*n].external = external;
		(*n)++;
	}
}

/* Turn the DIEs about the name into facts. */
static void classify(struct klp_dwarf *d, const char *cu_name,
		     struct klp_dwarf_fact *out, size_t max, size_t *n)
{
	bool fn_code = false, fn_inline = false, fn_def = false, fn_ext = false;
	bool var_loc = false, var_def = false, var_ext = false;

	for (size_t i = 0; i < d->ndies; i++) {
		struct dw_die *die = &d->dies[i];

		if (!about_name(d, die, 0))
			continue;
		if (die->tag == DW_TAG_subprogram) {
			fn_ext |= die->external;
			fn_code |= die->code && !die->declaration;
			fn_inline |= die->inlined;
			fn_def |= !die->declaration;
		} else if (die->top || die->static_location) {
			var_ext |= die->external;
			if (die->declaration)
				continue;
			if (die->location)
				var_loc = true;
			else
				var_def = true;
		}
	}
	if (fn_code)
		add_fact(out, max, n, KLP_DWARF_FUNCTION, cu_name, fn_ext);
	else if (fn_inline)
		add_fact(out, max, n, KLP_DWARF_INLINED_FUNCTION, cu_name, fn_ext);
	else if (fn_def)
		add_fact(out, max, n, KLP_DWARF_REMOVED_FUNCTION, cu_name, fn_ext);
	if (var_loc)
		add_fact(out, max, n, KLP_DWARF_VARIABLE, cu_name, var_ext);
	else if (var_def)
		add_fact(out, max, n, KLP_DWARF_OPTIMISED_VARIABLE, cu_name, var_ext);
}

void dw_unit_facts(struct klp_dwarf *d, const struct dw_unit_span *span,
		   const uint64_t *hits, size_t nhits, const char *name,
		   struct klp_dwarf_fact *out, size_t max, size_t *n)
{
	struct hit_cursor h = { hits, hits + nhits };
	struct dw_abbrevs abbrevs;
	struct dw_cursor c = { .elf = &d->elf };
	const struct dw_abbrev *ab;
	const char *cu_name;
	struct dw_unit u;

	if (!dw_unit_header(d, span, &u))
		return;
	/* type units describe types; skeleton units keep their DIEs elsewhere */
	if (u.unit_type != DW_UT_compile && u.unit_type != DW_UT_partial)
		return;
	if (!dw_read_abbrevs(d, u.abbrev_off, &abbrevs))
		return;
	dw_abbrevs_layout(&abbrevs, &u);
	c.p = d->info.data + u.die_off;
	c.end = d->info.data + u.end;
	ab = dw_abbrev_find(&abbrevs, dw_uleb(&c));
	if (!ab) {
		dw_damage(d, ".debug_info: unit at 0x%llx: no unit DIE",
			  (unsigned long long)u.off);
		goto out;
	}
	cu_name = read_unit_die(d, &c, &u, ab, &abbrevs);
	if (!cu_name || !ab->children)
		goto out;
	d->ndies = 0;
	/* a damaged unit says nothing: half of it could say the wrong thing */
	if (walk(d, &c, &u, &abbrevs, &h, name))
		classify(d, cu_name, out, max, n);
out:
	dw_abbrevs_free(&abbrevs);
}
