/* A report's outputs as the manifest records them: "path:size:crc32" for
 * every file under its folder, and the check that they are still intact. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "peel_text.h"
#include "rn.h"

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
        char sub[4400], full[4700];
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", de->d_name);
        peel_path_join(full, sizeof full, NULL, root, sub);
        struct stat st;
        if (lstat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            walk(root, sub, names, depth + 1);
        else if (S_ISREG(st.st_mode) && !strchr(sub, ' ') && !strchr(sub, ':'))
            peel_vec_push(names, peel_xstrdup(sub));
    }
    closedir(d);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void rn_outputs_list(const char *report_dir, peel_buf *out)
{
    peel_vec names = {0};
    walk(report_dir, "", &names, 0);
    if (names.n > 1)
        qsort(names.item, names.n, sizeof *names.item, by_name);
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

int rn_outputs_intact(const char *dir, const char *list)
{
    if (!list[0])
        return 0;
    char *copy = peel_xstrdup(list), *save = NULL;
    int ok = 1;
    for (char *item = strtok_r(copy, " ", &save); ok && item; item = strtok_r(NULL, " ", &save)) {
        char *c2 = strrchr(item, ':');
        if (!c2) {
            ok = 0;
            break;
        }
        *c2 = '\0';
        char *c1 = strrchr(item, ':');
        if (!c1) {
            ok = 0;
            break;
        }
        *c1 = '\0';
        char path[4700], *end;
        peel_path_join(path, sizeof path, NULL, dir, item);
        long long want_size = strtoll(c1 + 1, &end, 10);
        unsigned long want_crc = strtoul(c2 + 1, NULL, 16);
        struct stat st;
        /* The size first: a changed file is usually found without reading it. */
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != want_size) {
            ok = 0;
            break;
        }
        long long size;
        long long crc = peel_crc32_file(path, &size);
        ok = crc >= 0 && size == want_size && (unsigned long)crc == want_crc;
    }
    free(copy);
    return ok;
}
