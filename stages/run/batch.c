/* peel_run_batch: lock the output folder, clear what a killed run left, find
 * each input's report, skip what is unchanged, build the rest in workers,
 * then write summary.xlsx and manifest.csv (each only when it changes).
 *
 *   1. inputs: operands walked; each report file's size and CRC-32.
 *   2. which report is each input?  An input the manifest knows (same size,
 *      CRC and program) is that report; any other is ingested into a staging
 *      folder (<out>/.peel-stage/) to find out, by a probe that builds it
 *      there too (all but the commit: such an input is always built).  The
 *      second input of a force and year is an error, and nothing of it
 *      reaches the report's folder.
 *   3. sidecars matched to reports by force.
 *   4. each report skipped when its input, sidecars, rules and program are
 *      those the manifest recorded and every output it recorded is intact;
 *      otherwise built in a worker (rn_job_report), or only committed
 *      there when its probe built it.
 *   5. summary.xlsx and manifest.csv, from every report of the folder. */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <link.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "peel_afile.h"
#include "peel_data.h"
#include "peel_stop.h"
#include "peel_text.h"
#include "reconcile.h"

const char *const PEEL_RUN_STAGES[PEEL_RUN_NSTAGE] = {"ingest", "validate", "reconcile", "xlsx",
                                                      "pdf"};

/* ---- events ---- */

static double elapsed(const rn_batch *b)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - b->t0.tv_sec) + (double)(t.tv_nsec - b->t0.tv_nsec) / 1e9;
}

void rn_emit(rn_batch *b, peel_run_event *ev)
{
    ev->elapsed = elapsed(b);
    ev->counted = ev->elapsed - b->count_t0;
    ev->total = b->nbuild;
    ev->done = b->ndone;
    if (b->o->log)
        b->o->log(b->o->log_ctx, ev);
}

void rn_tick(void *b)
{
    peel_run_event ev = {.kind = PEEL_RUN_EV_TICK};
    rn_emit(b, &ev);
}

void rn_count_start(rn_batch *b, size_t n)
{
    b->nbuild = n;
    b->ndone = 0;
    b->count_t0 = elapsed(b);
}

void rn_say(rn_batch *b, peel_run_event_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void rn_say(rn_batch *b, peel_run_event_kind kind, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    peel_run_event ev = {.kind = kind, .msg = msg};
    rn_emit(b, &ev);
}

/* ---- setup ---- */

void rn_worker_said(rn_batch *b, const char *who, const char *slug, const char *input,
                    const char *line)
{
    if (!line[0])
        return;
    /* libxlsxwriter prints "[WARNING]: text", "[ERROR][file.c:N]: text" and
     * "[ERROR] workbook_close(): text": the tags go, the kind says it. */
    int warning = strncmp(line, "[WARNING]", 9) == 0;
    const char *text = line, *from = "";
    if (warning || strncmp(line, "[ERROR]", 7) == 0) {
        while (*text == '[' && strchr(text, ']'))
            text = strchr(text, ']') + 1;
        text += strspn(text, ": ");
        from = "libxlsxwriter: ";
    }
    char msg[2400];
    snprintf(msg, sizeof msg, "%s: %s%s", who, from, text);
    peel_run_event ev = {.kind = warning ? PEEL_RUN_EV_WARNING : PEEL_RUN_EV_ERROR,
                         .msg = msg,
                         .slug = slug,
                         .input = input};
    rn_emit(b, &ev);
}

int rn_by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One CRC over every data file (rules, patterns, layouts) and the user's
 * rules: a change in any of them rebuilds every report. */
static peel_status rules_checksum(rn_batch *b, peel_err *err)
{
    peel_vec names = {0};
    if (peel_csv_files(b->data_dir, &names) != 0)
        return PEEL_FAIL(err, PEEL_ENOINPUT, b->data_dir, 0, "cannot read the data folder: %s",
                         strerror(errno));
    peel_buf all;
    peel_buf_init(&all);
    peel_status st = PEEL_OK;
    for (size_t i = 0; i <= names.n && st == PEEL_OK; i++) {
        char path[8400];
        if (i < names.n)
            peel_path_join(path, sizeof path, NULL, b->data_dir, (char *)names.item[i]);
        else if (b->o->extra_rules)
            snprintf(path, sizeof path, "%s", b->o->extra_rules);
        else
            break;
        long long size;
        uint32_t crc;
        /* A FIFO or device here must not block or spin (see peel_file_crc32). */
        st = peel_file_crc32(path, PEEL_CSV_MAX_BYTES, &crc, &size, err);
        if (st == PEEL_OK)
            peel_buf_printf(&all, "%s:%lld:%08x\n", i < names.n ? (char *)names.item[i] : "+", size,
                            (unsigned)crc);
        else
            st = PEEL_ENOINPUT;
    }
    snprintf(b->rules_crc, sizeof b->rules_crc, "%08x", (unsigned)peel_crc32(all.data, all.len));
    peel_buf_release(&all);
    peel_vec_release(&names, free);
    return st;
}

/* Where the main program's GNU build ID is found: a note in a PT_NOTE
 * segment, 4-aligned fields (8 in a segment aligned so). */
typedef struct build_id {
    char hex[2 * 8 + 1]; /* the first 8 bytes: enough to tell builds apart */
} build_id;

static const unsigned char *note_field_end(const unsigned char *p, size_t n, size_t align)
{
    return p + ((n + align - 1) & ~(align - 1));
}

static void build_id_from_notes(const unsigned char *p, const unsigned char *end, size_t align,
                                build_id *out)
{
    while (!out->hex[0] && (size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
        const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)(const void *)p;
        const unsigned char *name = p + sizeof *nh;
        const unsigned char *desc = note_field_end(name, nh->n_namesz, align);
        const unsigned char *next = note_field_end(desc, nh->n_descsz, align);
        if (next > end || next <= p)
            return;
        if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
            nh->n_descsz >= 8)
            for (size_t i = 0; i < 8; i++)
                snprintf(out->hex + 2 * i, 3, "%02x", desc[i]);
        p = next;
    }
}

/* dl_iterate_phdr's first object is the program itself. */
static int main_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        uintptr_t at = info->dlpi_addr + ph->p_vaddr;       /* the loader says where, as a number */
        const unsigned char *p = (const unsigned char *)at; // NOLINT(performance-no-int-to-ptr)
        build_id_from_notes(p, p + ph->p_memsz, ph->p_align == 8 ? 8 : 4, data);
    }
    return 1;
}

/* The program's identity: its version and its build ID (the linker's hash of
 * the executable, read from memory), so a rebuilt peel-run never trusts old
 * outputs; the executable's CRC-32 when it was linked without one. */
static void program_id(rn_batch *b)
{
    build_id id = {{0}};
    dl_iterate_phdr(main_build_id, &id);
    if (id.hex[0]) {
        snprintf(b->program, sizeof b->program, "peel-run %s %s", PEEL_VERSION, id.hex);
        return;
    }
    long long size;
    long long crc = peel_crc32_file("/proc/self/exe", &size);
    if (crc >= 0)
        snprintf(b->program, sizeof b->program, "peel-run %s %08x", PEEL_VERSION, (unsigned)crc);
    else
        snprintf(b->program, sizeof b->program, "peel-run %s", PEEL_VERSION);
}

/* Stray temporaries in a report folder, its data/ and data/sidecars/ (of
 * writers no longer running).  Returns how many were removed. */
int rn_sweep_report(const char *dir)
{
    char q[4500], r[4600];
    peel_path_join(q, sizeof q, NULL, dir, "data");
    peel_path_join(r, sizeof r, NULL, q, "sidecars");
    return peel_afile_sweep(dir) + peel_afile_sweep(q) + peel_afile_sweep(r);
}

/* Stray temporaries of a killed run: in the folder, each report folder, its
 * data/ and data/sidecars/; and the staging folder. */
static void sweep(rn_batch *b)
{
    int n = peel_afile_sweep(b->outdir);
    DIR *d = opendir(b->outdir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            if (rn_entry_kind(d, de) != 'd')
                continue;
            char p[4400];
            peel_path_join(p, sizeof p, NULL, b->outdir, de->d_name);
            n += rn_sweep_report(p);
        }
        closedir(d);
    }
    struct stat st;
    if (lstat(b->stage_root, &st) == 0) {
        rn_remove_tree(b->stage_root);
        n++;
    }
    if (n > 0)
        rn_say(b, PEEL_RUN_EV_WARNING, "%s: removed %d temporar%s left by an interrupted run",
               b->outdir, n, n == 1 ? "y" : "ies");
}

int rn_cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* ---- the run ---- */

static void batch_release(rn_batch *b)
{
    peel_vec_release(&b->to_keep, NULL);
    for (size_t i = 0; i < b->nreport; i++) {
        peel_vec_release(&b->reports[i].sidecars, NULL);
        free(b->reports[i].sidecar_key);
        free(b->reports[i].outputs);
        rn_kept_release(&b->reports[i].res);
    }
    free(b->reports);
    free(b->probes);
    free(b->builds);
    rn_catalogs_release(&b->catalogs);
    peel_vec_release(&b->inputs, rn_input_free);
    peel_vec_release(&b->sidecars, rn_sidecar_free);
    peel_vec_release(&b->missing, free);
    peel_vec_release(&b->old, rn_row_free);
}

static peel_status prepare(rn_batch *b, peel_err *err)
{
    const peel_run_opts *o = b->o;
    if (!o->outdir || !o->outdir[0])
        return PEEL_FAIL(err, PEEL_EUSAGE, NULL, 0, "no output folder (-o OUTDIR)");
    if (o->ninput == 0)
        return PEEL_FAIL(err, PEEL_EUSAGE, NULL, 0, "no input: name report files or folders");
    peel_status st = peel_path_join(b->outdir, sizeof b->outdir, err, o->outdir);
    size_t n = strlen(b->outdir);
    while (n > 1 && b->outdir[n - 1] == '/')
        b->outdir[--n] = '\0';
    if (st == PEEL_OK)
        st = peel_path_join(b->stage_root, sizeof b->stage_root, err, b->outdir, ".peel-stage");
    if (st == PEEL_OK)
        st = peel_data_given(o->data_dir, err);
    if (st != PEEL_OK)
        return st;
    snprintf(b->data_dir, sizeof b->data_dir, "%s", o->data_dir);
    if (o->extra_rules && access(o->extra_rules, R_OK) != 0)
        return PEEL_FAIL(err, PEEL_ENOINPUT, o->extra_rules, 0, "cannot read the rules file: %s",
                         strerror(errno));
    st = rules_checksum(b, err);
    /* A bad rule stops the run here, once, before any work. */
    if (st == PEEL_OK)
        st = peel_reconcile_rules_check(b->data_dir, o->extra_rules, err);
    if (st != PEEL_OK)
        return st;
    program_id(b);
    return peel_mkdirs(b->outdir, err);
}

peel_status peel_run_batch(const peel_run_opts *o, peel_run_result *res, peel_err *err)
{
    rn_batch b = {.o = o, .res = res};
    memset(res, 0, sizeof *res);
    clock_gettime(CLOCK_MONOTONIC, &b.t0);
    peel_status st = prepare(&b, err);
    if (st != PEEL_OK)
        return st;
    rn_lock lock;
    char stale[512];
    st = rn_lock_take(&lock, b.outdir, stale, sizeof stale, err);
    if (st != PEEL_OK)
        return st;
    if (stale[0])
        rn_say(&b, PEEL_RUN_EV_WARNING, "%s: %s", b.outdir, stale);
    sweep(&b);

    peel_err me = {0};
    char mpath[4400];
    peel_vec damaged = {0};
    peel_path_join(mpath, sizeof mpath, NULL, b.outdir, "manifest.csv");
    if (rn_manifest_load(mpath, &b.old, &damaged, &me) != PEEL_OK) {
        char msg[1300];
        peel_err_format(&me, msg, sizeof msg);
        rn_say(&b, PEEL_RUN_EV_WARNING, "%s; every report is rebuilt", msg);
    }
    for (size_t i = 0; i < damaged.n; i++)
        rn_say(&b, PEEL_RUN_EV_WARNING, "%s", (char *)damaged.item[i]);
    peel_vec_release(&damaged, free);

    peel_vec walk_notes = {0};
    rn_inputs_collect(o->inputs, o->ninput, b.outdir, &b.inputs, &b.sidecars, &b.missing,
                      &walk_notes);
    for (size_t i = 0; i < walk_notes.n; i++)
        rn_say(&b, PEEL_RUN_EV_WARNING, "%s", (char *)walk_notes.item[i]);
    peel_vec_release(&walk_notes, free);
    for (size_t i = 0; i < b.missing.n; i++) {
        rn_say(&b, PEEL_RUN_EV_ERROR, "%s: no such file or folder", (char *)b.missing.item[i]);
        b.any_missing = 1;
    }
    if (b.inputs.n == 0 && b.missing.n == 0) {
        /* Name what was given: a folder where a report was meant is the
         * usual cause, and the user needs to see which. */
        size_t folders = 0;
        for (size_t i = 0; i < o->ninput; i++) {
            struct stat ist;
            if (stat(o->inputs[i], &ist) == 0 && S_ISDIR(ist.st_mode)) {
                rn_say(&b, PEEL_RUN_EV_ERROR,
                       "%s: a folder: no report found in it (reports are .md or .txt files)",
                       o->inputs[i]);
                folders++;
            }
        }
        if (folders < o->ninput)
            rn_say(&b, PEEL_RUN_EV_ERROR, "no report found (reports are .md or .txt files)");
        b.any_missing = 1;
    }

    rn_resolve(&b);
    rn_match_sidecars(&b);
    rn_plan(&b);
    if (b.nbuild > 0 && !peel_stop_requested())
        rn_build(&b);
    if (!peel_stop_requested())
        rn_write_outputs(&b);
    rn_remove_tree(b.stage_root);
    /* Stopped while summary.xlsx was being written: its worker, ended by
     * the signal, left its temporary (the workers' own are in staging). */
    if (peel_stop_requested())
        peel_afile_sweep(b.outdir);

    res->nothing_to_do = !b.wrote && b.nprobe == 0 && !peel_stop_requested();
    res->exit = b.cant_write    ? PEEL_ECANTCREAT
                : b.any_missing ? PEEL_ENOINPUT
                : b.any_bad     ? PEEL_EDATA
                                : PEEL_OK;
    rn_lock_release(&lock);
    batch_release(&b);
    return PEEL_OK;
}
