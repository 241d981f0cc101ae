// SPDX-License-Identifier: GPL-2.0
/*
 * In-tree builds: the modules a livepatch patches may be built in the
 * same run, so there is no installed .ko to read yet.  Their symbols come
 * from the module objects modpost itself reads (<module>.o): the final
 * `ld -r` keeps the relative symbol-table order of that object's symbols,
 * which is what the loader's positions count.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "klp-index-internal.h"
#include "lib.h"

bool klp_index_add_module_object(struct klp_index *idx, const char *name,
				 const char *path)
{
	struct klp_symtab *obj;
	struct stat st;
	void *map;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0 || st.st_size == 0) {
		close(fd);
		return false;
	}
	map = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return false;

	obj = klp_read_module(path, map, st.st_size);
	munmap(map, st.st_size);
	if (!obj)
		return false;
	/* the object has no "name=" modinfo yet: that comes from its .mod.c */
	char *old = obj->name;

	obj->name = xstrdup(name);
	for (size_t i = 0; i < obj->nsyms; i++)
		obj->syms[i].object = obj->name;
	free(old);
	klp_index_add_module(idx, obj);
	return true;
}
