/* A report's outputs as the manifest records them: "path:size:crc32" for
 * every file under its folder, and the check that they are still intact. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "peel_text.h"
#include "rn.h"

int rn_entry_kind(DIR *d, const struct dirent *de)
{
    /* ext4, tmpfs and most others say in the entry itself: no stat a file. */
    if (de->d_type == DT_REG)
        return 'f';
    if (de->d_type == DT_DIR)
        return 'd';
    if (de->d_type != DT_UNKNOWN)
        return 0;
    struct stat st;
    if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return 0;
    return S_ISREG(st.st_mode) ? 'f' : S_ISDIR(st.st_mode) ? 'd' : 0;
}

static void walk(const char *root, const char *rel, peel_vec *names, int depth)
{
    char path[4400];
    snprintf(path, sizeof path, "%s%s%s", root, rel[0] ? "/" : "", rel);
    DIR *d = opendir(path);
    if (!d || depth > 4) {
        if (d)
            closedir(d);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        /* Dot files: ".", "..", our temporaries, editors' backups. */
        if (de->d_name[0] == '.')
            continue;
        char sub[4400];
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", de->d_name);
        int kind = rn_entry_kind(d, de);
        if (kind == 'd')
            walk(root, sub, names, depth + 1);
        else if (kind == 'f' && !strchr(sub, ' ') && !strchr(sub, ':'))
            peel_vec_push(names, peel_xstrdup(sub));
    }
    closedir(d);
}

void rn_outputs_list(const char *report_dir, peel_buf *out)
{
    peel_vec names = {0};
    walk(report_dir, "", &names, 0);
    if (names.n > 1)
        qsort(names.item, names.n, sizeof *names.item, rn_by_name);
    for (size_t i = 0; i < names.n; i++) {
        char path[4700];
        peel_path_join(path, sizeof path, NULL, report_dir, (char *)names.item[i]);
        long long size;
        long long crc = peel_crc32_file(path, &size);
        if (crc < 0)
            continue;
        peel_buf_printf(out, "%s%s:%lld:%08x", out->len ? " " : "", (char *)names.item[i], size,
                        (unsigned)crc);
    }
    peel_vec_release(&names, free);
}

/* One item of a list, "path:size:crc32": path not empty, size all digits,
 * crc32 eight hex digits.  Cuts `item` at the colons.  0 when it is not one. */
static int parse_item(char *item, const char **path, long long *size, unsigned long *crc)
{
    char *c2 = strrchr(item, ':');
    if (!c2)
        return 0;
    *c2 = '\0';
    char *c1 = strrchr(item, ':');
    if (!c1 || c1 == item)
        return 0;
    *c1 = '\0';
    const char *sz = c1 + 1, *hex = c2 + 1;
    if (!sz[0] || strspn(sz, "0123456789") != strlen(sz) || strlen(sz) > 18 || strlen(hex) != 8 ||
        strspn(hex, "0123456789abcdef") != 8)
        return 0;
    *path = item;
    *size = strtoll(sz, NULL, 10);
    *crc = strtoul(hex, NULL, 16);
    return 1;
}

int rn_outputs_parse_ok(const char *list)
{
    char *copy = peel_xstrdup(list), *save = NULL;
    int ok = 1;
    for (char *item = strtok_r(copy, " ", &save); ok && item; item = strtok_r(NULL, " ", &save)) {
        const char *path;
        long long size;
        unsigned long crc;
        ok = parse_item(item, &path, &size, &crc);
    }
    free(copy);
    return ok;
}

static int file_intact(const char *dir, const char *rel, long long want_size,
                       unsigned long want_crc)
{
    char path[4700];
    peel_path_join(path, sizeof path, NULL, dir, rel);
    struct stat st;
    /* The size first: a changed file is usually found without reading it. */
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != want_size)
        return 0;
    long long size;
    long long crc = peel_crc32_file(path, &size);
    return crc >= 0 && size == want_size && (unsigned long)crc == want_crc;
}

int rn_outputs_intact(const char *dir, const char *list, int whole)
{
    if (!list[0])
        return 0;
    char *copy = peel_xstrdup(list), *save = NULL;
    peel_vec named = {0};
    int ok = 1;
    for (char *item = strtok_r(copy, " ", &save); ok && item; item = strtok_r(NULL, " ", &save)) {
        const char *rel;
        long long size;
        unsigned long crc;
        ok = parse_item(item, &rel, &size, &crc) && file_intact(dir, rel, size, crc);
        if (ok)
            peel_vec_push(&named, (void *)rel);
    }
    if (ok && whole) {
        /* Every file there must be named: a row cut short at an item's end
         * still parses, and would vouch for nothing it lost. */
        peel_vec there = {0};
        walk(dir, "", &there, 0);
        if (named.n > 1)
            qsort(named.item, named.n, sizeof *named.item, rn_by_name);
        for (size_t i = 0; ok && i < there.n; i++) {
            const char *key = there.item[i];
            ok = named.n > 0 &&
                 bsearch(&key, named.item, named.n, sizeof *named.item, rn_by_name) != NULL;
        }
        peel_vec_release(&there, free);
    }
    peel_vec_release(&named, NULL);
    free(copy);
    return ok;
}
