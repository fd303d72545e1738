/* Internal to peel-pdf.  Three layers, each in its own files:
 *
 *   model   (model.c, tables.c, fmt.c): one pillar's content taken from the
 *           report's records, as plain data; no libharu.
 *   layout  (doc.c, font.c, wrap.c, flow.c, draw.c, block.c, grid.c, chart.c):
 *           the libharu document, text measuring and wrapping, the page flow
 *           (cursor, page breaks, headers, footers, bookmarks) and the
 *           drawing primitives.
 *   fonts   (glyphs.c, subset.c, tounicode.c, cidmap.c): the characters a
 *           pack prints, the fonts cut down to them with HarfBuzz, and two
 *           mends to the font objects libharu makes.
 *   sections (cover.c, glance.c, figures.c, findings.c, components.c,
 *           checks.c): what an executive reads, in that order -- the cover
 *           and "At a glance" in a minute, the rest in five.
 *
 * libharu reports errors through a handler that longjmps back to pd_doc's
 * caller, so everything allocated while drawing comes from the context's
 * arena or buffers it owns: nothing is lost when a jump skips the frames. */
#ifndef PD_H
#define PD_H

#include <hpdf.h>
#include <setjmp.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "pdf.h"
#include "peel_expr.h"
#include "peel_hpdfmem.h"
#include "peel_mem.h"
#include "peel_rec.h"
#include "peel_table.h"

/* ---------------------------------------------------------------- model */

typedef struct pd_component {
    const char *label, *last_inspected;
    peel_grade grade; /* never PEEL_GRADE_NONE: a component without one is Ungraded */
    int inspected;    /* graded from this year's inspection */
} pd_component;

typedef struct pd_csummary {
    const char *component; /* display label, as in pd_component */
    const char *text;
    long line;
    int section; /* from the area's section: the report sums it up nowhere */
} pd_csummary;

typedef struct pd_finding {
    peel_kind kind;
    const char *component; /* display label */
    const char *text;      /* lead text, then "\n- point" lines for nested points */
    long line, last_line;  /* report lines it spans */
} pd_finding;

typedef struct pd_col {
    const char *key, *label, *unit, *period; /* unit and period of its first cell */
    int is_force;                            /* key starts "force-": the force's own figure */
} pd_col;

typedef struct pd_row {
    const char *label;
    const char **raw; /* per column, as printed; NULL when the cell is absent */
    double *value;    /* per column */
} pd_row;

typedef struct pd_table {
    const char *key, *label;
    const char *unit, *period; /* shared by every cell, or NULL when they differ */
    long first_line, last_line;
    pd_col *col;
    size_t ncol;
    pd_row *row;
    size_t nrow;
    int comparison; /* a force column and a comparator, all numeric: charted */
    /* How a chart's scale prints its numbers: in this unit at this multiple
     * (pd_fmt_amount); NULL: plain numbers. */
    const char *axis_unit;
    double axis_scale;
} pd_table;

typedef struct pd_check {
    peel_verdict status;
    const char *what;   /* what was compared, in words (plain.c) */
    const char *detail; /* the figures: "£1,580m against £1,450m: £130m apart, ..." */
    const char *where;  /* "Report lines 633, 635, 636, 637" */
    const char *note;   /* the catalogue's note, in words; "" for none */
} pd_check;

typedef struct pd_reject {
    const char *file, *line, *field, *value, *reason, *source_line;
} pd_reject;

/* ---------------------------------------------- the layout catalogue */

/* A line of a pack block (layout.c): a list's figure, a grid's row or
 * column.  Strings belong to the layout's arena. */
typedef struct pd_lline {
    const char *name, *label, *source, *total, *note;
    int chart; /* format `chart`: a bar of the block's chart (a series, for a column) */
    long line; /* of the catalogue */
} pd_lline;

typedef struct pd_lblock {
    peel_pillar pillar;
    const char *name, *label, *note;
    const char *total; /* a grid's total row label; "" for none */
    int grid;
    pd_lline *line; /* a list's figures, a grid's columns */
    size_t nline;
    pd_lline *row; /* a grid's rows */
    size_t nrow;
} pd_lblock;

typedef struct pd_keydef {
    const char *key, *definition; /* from pipeline/facts.csv */
} pd_keydef;

typedef struct pd_layout {
    peel_arena arena; /* owns all below */
    char path[4200];  /* workbook.csv, for messages */
    peel_tcat tcat;   /* its table lines */
    pd_lblock *block; /* the pack blocks, in catalogue order */
    size_t nblock;
    pd_keydef *key;
    size_t nkey;
    pd_keydef *unit; /* the catalogue's unit lines: a records' unit and its label */
    size_t nunit;
} pd_layout;

/* The formula dialect of pack lines: [name], sum([name]), + - * / ( ). */
extern const peel_expr_syntax PD_FORMULA;

/* Reads data_dir's workbook.csv (its table lines and pack lines) and
 * facts.csv (the keys' definitions).  PEEL_ENOINPUT when one is missing,
 * PEEL_EDATA naming file, line and field when a line is malformed. */
peel_status pd_layout_load(pd_layout *l, const char *data_dir, peel_err *err);
void pd_layout_release(pd_layout *l);
/* What readers call a records' money unit ("£ per head" for "GBP per
 * head"): the label of its unit line in the catalogue; any other unit (the
 * report's own words) as it is. */
const char *pd_layout_unit(const pd_layout *l, const char *unit);
/* facts.csv's definition of a key (a {group} row stands for every group),
 * NULL when none. */
const char *pd_layout_definition(const pd_layout *l, const char *key);
/* What the packs call a fact key in words: the label of the pack line that
 * shows it, else its definition; NULL for a key the catalogues do not know. */
const char *pd_layout_name(peel_arena *a, const pd_layout *l, const char *key);
/* src with each {name} replaced by its value in `values`
 * ("role=police-officer;group=officers"); unknown names stay (arena). */
const char *pd_layout_subst(peel_arena *a, const char *src, const char *values);

/* ---------------------------------------------------- key figures */

/* A figure of a key-figure block, as the pack prints it. */
typedef struct pd_kcell {
    const char *text;   /* in the report's units ("£1,250m", "56%"); NULL: not stated */
    const char *period; /* as the report states it; "" when it states none */
    const char *lines;  /* report lines, "639, 761"; "" for a computed figure */
    double v;
    const char *unit; /* records' unit */
    double scale;     /* the multiple it is printed at (1e6 for "£1,250m") */
    int computed;     /* a formula over other figures */
} pd_kcell;

typedef struct pd_krow {
    const char *label;
    pd_kcell *cell; /* one per column (a list has one) */
    int chart;      /* a bar of the chart (a list's row) */
    int total;      /* a grid's total row */
} pd_krow;

typedef struct pd_kblock {
    const char *title, *note;
    int grid;
    const char **head; /* a grid's column headings (the row labels' first) */
    size_t ncol;       /* columns of figures */
    pd_krow *row;
    size_t nrow;
    size_t nstated; /* figures the report states */
    pd_table chart; /* what the bar chart draws; nrow 0: no chart */
} pd_kblock;

/* One pack's content.  The arena owns every string and array. */
typedef struct pd_pack {
    peel_arena arena;
    peel_pillar pillar;
    const char *label;
    peel_grade grade; /* the pillar's; Ungraded when the report gives none */
    const char *force, *year, *series, *title, *published, *published_date, *file, *crc32,
        *inspector, *inspector_role;
    pd_component *comp;
    size_t ncomp;
    const char **summary; /* paragraphs of the pillar summary */
    size_t nsummary;
    const char **observation; /* HM Inspector's observations on this pillar or the whole force */
    size_t nobservation;
    pd_csummary *csummary; /* paragraphs of the components' summaries */
    size_t ncsummary;
    pd_finding *finding; /* grouped by kind, report order within a kind */
    size_t nfinding;
    size_t nkind[PEEL_NKIND];
    pd_table *table;
    size_t ntable;
    pd_kblock *kblock; /* the key-figure blocks with a figure stated, in catalogue order */
    size_t nkblock;
    const char *layout_path; /* the layout catalogue the blocks come from (borrowed) */
    const char **unstated;   /* titles of the blocks the report states nothing of */
    size_t nunstated;
    pd_check *check; /* WARN and FAIL of the pillar and the whole report, FAIL first */
    size_t ncheck;
    size_t npass, nwarn, nfail, nskip, nchecks;
    size_t other_fail[PEEL_NPILLAR], other_warn[PEEL_NPILLAR]; /* the other pillars' checks */
    int reconciled; /* the checks are known (reconciliation.csv was there) */
    pd_reject *reject;
    size_t nreject;
} pd_pack;

/* What a pack is made from: one report's records and their tables. */
/* plain.c: rec's facts and cells in order of their report line (index
 * order within a line), so that a check finds the figures on its lines
 * without reading every figure of the report: with a table of 8,000 rows
 * that read was most of the stage. */
typedef struct pd_bylines {
    size_t *fact, *cell; /* indexes into rec->facts, rec->cells; owned */
    /* rec->facts' indexes by the first byte of their key, in record order
     * within a byte: those of byte b are by_first[first_at[b] ..
     * first_at[b + 1]), so that a key is looked for in a check's words
     * among the few it may be.  Owned. */
    size_t *by_first;
    size_t first_at[257];
} pd_bylines;
void pd_bylines_build(pd_bylines *b, const peel_records *rec);
void pd_bylines_release(pd_bylines *b);

typedef struct pd_source {
    const peel_records *rec;
    const peel_tindex *tables; /* rec's cells indexed */
    const pd_bylines *bylines; /* rec's figures by line */
    const pd_layout *lay;      /* the pack lines, and which opening tables go where */
    const char *report_dir;    /* where the packs go */
} pd_source;

/* Fills *p for one pillar from the report.  Its strings are in p's arena,
 * or the records' own where pd_clean had nothing to change: src->rec must
 * outlive p. */
void pd_pack_build(pd_pack *p, const pd_source *src, peel_pillar pillar);
void pd_pack_release(pd_pack *p);
/* The pillar's tables (tables.c). */
void pd_pack_tables(pd_pack *p, const pd_source *src);
/* The pillar's key-figure blocks (keyfig.c). */
void pd_pack_keyfigs(pd_pack *p, const pd_source *src);
/* A check in plain English into out's words (plain.c; arena strings). */
void pd_check_words(peel_arena *a, const pd_source *src, const peel_check *k, pd_check *out);

/* "cause of concern" or "causes of concern", as n asks. */
const char *pd_kind_count(peel_kind k, size_t n);

/* Text from a report made printable: tabs and control characters become
 * spaces, CR goes, LF stays, and characters beyond the Basic Multilingual
 * Plane (which libharu's UTF-8 encoder turns into spaces) become U+FFFD, so
 * a reader sees that something is there.  A copy in the arena when
 * something changed; else s itself (borrowed: most text needs nothing, and
 * the records a pack is built from outlive it), "" for NULL. */
const char *pd_clean(peel_arena *a, const char *s);
/* A figure in the report's own units, printed at `scale` (1e9: "£1.58
 * billion", 1e6: "£1,250m", 1e3: "£5k", 0.01: "23p", 1: "£297") with dec
 * decimals (trailing zeros dropped when trim): "GBP/year" "£14.85 a
 * year", "%" "56%", "count" and "" a plain number, any other unit after
 * the number ("16,000 people", "2.1 per 1,000 population"). */
const char *pd_fmt_amount(peel_arena *a, double v, const char *unit, double scale, int dec,
                          int trim);
/* list ("a; b") with each item of `items` (separated by sep too) added
 * unless it is there already (arena; list itself when nothing is added). */
const char *pd_list_add(peel_arena *a, const char *list, const char *items, const char *sep);
/* The decimals a figure printed with dec decimals at multiple `from` (1e9
 * for "£1.58 billion") has at multiple `to`: "£1.58 billion" is £1,580m. */
int pd_dec_at(int dec, double from, double to);
/* "96 97 98" -> "96, 97, 98". */
const char *pd_fmt_lines(peel_arena *a, const char *lines);

/* --------------------------------------------------------------- layout */

#define PD_PAGE_W 595.276f
#define PD_PAGE_H 841.89f
#define PD_LEFT 56.0f
#define PD_RIGHT (PD_PAGE_W - 56.0f)
#define PD_WIDTH (PD_RIGHT - PD_LEFT)
#define PD_TOP (PD_PAGE_H - 74.0f) /* below the running header */
#define PD_BOTTOM 62.0f            /* above the footer */

/* Colours (0xRRGGBB). */
#define PD_INK 0x1E2328u
#define PD_MUTED 0x5B6670u
#define PD_NAVY 0x1F3A5Fu
#define PD_ACCENT 0x3E6A99u
#define PD_RULE 0xCCD4DCu
#define PD_ZEBRA 0xF2F5F8u
#define PD_HEAD_BG 0xE1E8EFu
#define PD_FAIL 0xC62828u
#define PD_WARN 0xFFB300u
#define PD_PASS 0x2E7D32u

/* A font of the pack, and the widths of its characters asked of libharu
 * once each (wrap.c): measuring asked libharu for every character of every
 * string, a search of the font's cmap each time.  The widths are kept in
 * pages of 256 code points made as a character of theirs is first
 * measured: a pack prints a few hundred characters of the 65,536. */
typedef struct pd_widths {
    peel_arena *arena; /* borrowed: the pages' */
    /* By the code point's high byte, 256 of its width + 1 (0 until asked). */
    unsigned short *page[0x100];
} pd_widths;
typedef struct pd_font {
    HPDF_Font h;  /* the document owns it */
    pd_widths *w; /* arena */
} pd_font;

typedef struct pd_style {
    const pd_font *font; /* the context's */
    float size;          /* points */
    float lead;          /* line height */
    unsigned rgb;
} pd_style;

typedef struct pd_toc {
    const char *title;     /* arena */
    int level;             /* 0 section, 1 sub-section */
    size_t page;           /* 1-based */
    HPDF_Destination dest; /* where its bookmark goes: the contents link there too */
} pd_toc;

/* glyphs.c: sets of BMP code points (the packs print nothing beyond the
 * BMP: pd_clean makes such characters U+FFFD). */
#define PD_CPS_SIZE 0x10000u
#define PD_NOT_CHAR 0xFFFFFFFFu
typedef struct pd_cps {
    unsigned char bit[PD_CPS_SIZE / 8];
} pd_cps;
void pd_cps_add(pd_cps *s, unsigned cp);
int pd_cps_has(const pd_cps *s, unsigned cp);
void pd_cps_add_text(pd_cps *s, const char *text);
/* Printable ASCII and the other characters the layout's own literals print. */
void pd_cps_chrome(pd_cps *s);
/* Decodes the UTF-8 character at str[0..len): returns the bytes it takes
 * (0 only when len is 0) and its code point in *cp, or PD_NOT_CHAR and 1 for
 * a byte that starts no well-formed character. */
size_t pd_utf8_next(const char *str, size_t len, unsigned *cp);

/* subset.c: a TrueType font opened with HarfBuzz, to be subset per pack. */
struct hb_face_t;
struct hb_set_t;
/* Which file a face was read from, taken just before it was read. */
typedef struct pd_file_id {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
} pd_file_id;
typedef struct pd_face {
    char path[4096];
    pd_file_id id;
    struct hb_face_t *face; /* owned; NULL when closed */
    struct hb_set_t *has;   /* the code points its cmap maps; owned */
    struct hb_set_t *drop;  /* tags of the tables libharu does not read; owned */
} pd_face;
/* PEEL_ENOINPUT, naming the file, when it cannot be read or maps nothing. */
peel_status pd_face_open(pd_face *f, const char *path, peel_err *err);
/* Leaves f open on path: as it is when it was opened on path and the file
 * is the same one (device, inode, size, mtime), else checked (pd_font_check)
 * and opened again (pd_face_open), whose errors it gives (f is then
 * closed).  f zeroed or closed is opened. */
peel_status pd_face_keep(pd_face *f, const char *path, peel_err *err);
void pd_face_close(pd_face *f); /* safe on a zeroed or closed face */
int pd_face_has(const pd_face *f, unsigned cp);
/* Makes the subset of f holding want's characters (those f has) and
 * registers it with libharu's memory reader (peel_hpdfmem.h): the name to
 * load it by goes to name ("" on failure).  The subset is HarfBuzz's blob,
 * which the registration owns from then on: the document that loads it
 * releases it when freed; until it is loaded, the caller drops the name
 * (peel_hpdf_mem_drop) on every way out.  PEEL_ENOINPUT, naming the font,
 * when HarfBuzz cannot subset it. */
peel_status pd_face_subset(const pd_face *f, const pd_cps *want, char name[PEEL_HPDF_MEM_NAME],
                           peel_err *err);

/* glyphs.c: the fonts of one run of the stage (three packs). */
typedef struct pd_fonts {
    pd_face *face;          /* borrowed, two: regular, bold (kept open by the caller) */
    int same;               /* one file for both: face[1] unused */
    pd_cps warned;          /* characters reported missing from a font */
    const char *report_dir; /* borrowed, for messages */
    peel_warnings *warn;    /* borrowed: a character missing from the fonts is one */
} pd_fonts;
/* Opens the fonts in faces[0] (regular) and faces[1] (bold), keeping those
 * already open on the same files (pd_face_keep); faces stays the caller's,
 * to close (faces[1] is left as it is when both are one file). */
peel_status pd_fonts_open(pd_fonts *f, pd_face faces[2], const char *regular, const char *bold,
                          const char *report_dir, peel_warnings *warn, peel_err *err);
/* Fills *want with what pack p prints, reporting (once a run) each
 * character a font lacks. */
void pd_fonts_collect(pd_fonts *f, const pd_pack *p, pd_cps *want);
/* What the warnings' count means when not all were kept. */
void pd_fonts_finish(const pd_fonts *f);

/* chart.c: a chart's row labels wrapped and its rows' heights, kept for
 * the table last charted: a chart is measured to keep it on a page, then
 * its rows measured again as they are drawn, and each label was wrapped
 * for each. */
typedef struct pd_chart_rows {
    const pd_table *table;  /* whose rows these are; NULL: none yet */
    struct pd_line **lines; /* arena: each row's label, wrapped */
    size_t *nlines;
    float *height; /* of each row's band */
} pd_chart_rows;

typedef struct pd_ctx {
    HPDF_Doc pdf;
    jmp_buf jmp;            /* where the libharu error handler returns to */
    HPDF_STATUS hpdf_error; /* what it reported */
    HPDF_STATUS hpdf_detail;
    int hpdf_errno;          /* errno when it reported: why a write failed */
    const char *doing;       /* what was being done, for the message */
    peel_status fail_status; /* what a libharu error then means */
    pd_font *font, *bold;    /* arena; the same one when one file serves both */
    const pd_fonts *fonts;   /* borrowed */
    pd_cps glyphs;           /* what the pack prints: its subset fonts hold these */
    const char *loading;     /* the font file being loaded, for messages */
    HPDF_Encoder enc;
    const pd_pack *pack;     /* borrowed */
    peel_arena arena;        /* per pack scratch: wrapped lines, labels */
    peel_buf buf;            /* NUL-terminated copies of text slices to draw */
    peel_vec pages;          /* HPDF_Page in order; the document owns them */
    HPDF_Page page;          /* the page being filled */
    float y;                 /* the cursor: top of the next block */
    HPDF_Outline outline[3]; /* the last bookmark made at each level */
    pd_toc toc[32];
    size_t ntoc;
    float contents_top; /* where the cover's contents go, once pages are known */
    /* The subsets' names in memory (peel_hpdfmem.h); "" once loaded. */
    char font_name[2][PEEL_HPDF_MEM_NAME];
    /* Styles, set once the fonts are loaded. */
    pd_style body, small, note, bold_body, h1, h2, h3;
    pd_chart_rows chart_rows;
} pd_ctx;

/* doc.c: the document and its fonts, metadata and file.  pd_doc_new loads
 * the subsets named in c->font_name, which the document then holds. */
void pd_doc_new(pd_ctx *c);
void pd_doc_info(pd_ctx *c);
void pd_doc_save(pd_ctx *c, const char *path);
/* Runs the error handler as libharu would (used when a call returns an
 * error code without raising it). */
void pd_doc_fail(pd_ctx *c, HPDF_STATUS code);
/* Stops the pack for a fault of peel-pdf itself; msg (arena) says what. */
void pd_doc_fault(pd_ctx *c, const char *msg);
/* Drops the subsets' names still held (every exit path): a subset never
 * opened is released; one libharu opened is the document's already. */
void pd_doc_drop_fonts(pd_ctx *c);
/* glyphs.c: stops the pack (pd_doc_fault) when s[0..len) holds a
 * character the subset fonts were not made with. */
void pd_glyphs_check(pd_ctx *c, const char *s, size_t len);
/* tounicode.c: replaces libharu's malformed /ToUnicode of a UTF-8 font with
 * the identity map, so readers copy and search text without warnings. */
void pd_tounicode_fix(pd_ctx *c, HPDF_Font font);
/* cidmap.c: cuts libharu's 65,535-entry CIDToGIDMap of a UTF-8 font after
 * the highest character of c->glyphs, the highest the pack draws. */
void pd_cidmap_trim(pd_ctx *c, HPDF_Font font);

/* font.c: the TrueType fonts, found at run time.  pd_font_find gives the
 * paths of the regular and bold fonts, PEEL_ENOINPUT naming one that is not
 * there or not readable; pd_font_check is PEEL_ENOINPUT, with what to do,
 * when path is not a TrueType font libharu can embed (pd_face_keep checks
 * each font it opens). */
peel_status pd_font_find(const peel_pdf_opts *o, char *regular, char *bold, size_t cap,
                         peel_err *err);
peel_status pd_font_check(const char *path, peel_err *err);

/* wrap.c: measuring and wrapping UTF-8 text. */
typedef struct pd_line {
    const char *s; /* borrowed from the text wrapped */
    size_t len;
    float width;
} pd_line;

/* The font h (the document's) with no widths asked yet, in the arena. */
pd_font *pd_font_new(peel_arena *a, HPDF_Font h);
/* The width of s[0..len) at `size` points, as HPDF_Font_TextWidth gives it. */
float pd_width(const pd_font *f, float size, const char *s, size_t len);
float pd_swidth(const pd_font *f, float size, const char *s);
/* Wraps text to lines no wider than `width`: at spaces, at LF, and inside
 * words too long for a line (after / - . ? & = _ when one is near the end of
 * what fits, else between characters).  Never splits a UTF-8 sequence.
 * Returns the number of lines; *out is allocated in the arena. */
size_t pd_wrap(peel_arena *a, const pd_font *f, float size, const char *text, float width,
               pd_line **out);
/* s itself when it fits `width`, else its longest prefix that fits with
 * an ellipsis after it (a copy in the arena): for one-line labels. */
const char *pd_fit(pd_ctx *c, const pd_font *f, float size, const char *s, float width);

/* flow.c: pages, cursor, header and footer, bookmarks, contents. */
void pd_page_new(pd_ctx *c, int running_header);
/* Starts a new page unless a block `h` points high fits above the bottom
 * margin; returns nonzero when it started one. */
int pd_need(pd_ctx *c, float h);
void pd_space(pd_ctx *c, float h);        /* a gap, dropped at the top of a page */
float pd_room(const pd_ctx *c);           /* height left on the page */
#define PD_FULL_PAGE (PD_TOP - PD_BOTTOM) /* height of an empty page */
/* A bookmark at the cursor, under the last one made at level-1, recorded
 * in the contents too. */
void pd_bookmark(pd_ctx *c, int level, const char *title);
/* Footers on every page ("Page n of N"), once all pages exist. */
void pd_footers(pd_ctx *c);

/* draw.c: primitives.  Coordinates in points from the bottom left. */
void pd_fill_rgb(pd_ctx *c, unsigned rgb);
void pd_stroke_rgb(pd_ctx *c, unsigned rgb);
void pd_rect(pd_ctx *c, float x, float y, float w, float h, unsigned rgb);
void pd_round_rect(pd_ctx *c, float x, float y, float w, float h, float r, unsigned rgb);
void pd_line_at(pd_ctx *c, float x0, float y0, float x1, float y1, float width, unsigned rgb);
/* Text on one baseline; the slice need not be NUL-terminated. */
void pd_text(pd_ctx *c, const pd_style *st, float x, float baseline, const char *s, size_t len);
void pd_stext(pd_ctx *c, const pd_style *st, float x, float baseline, const char *s);
void pd_stext_right(pd_ctx *c, const pd_style *st, float right, float baseline, const char *s);
void pd_stext_center(pd_ctx *c, const pd_style *st, float cx, float baseline, const char *s);
/* Baseline of a line of `st` whose box starts at `top`. */
float pd_baseline(const pd_style *st, float top);
/* A badge: a rounded box in `bg` with bold text in `fg`, its top at `top`.
 * Returns its width; pd_badge_width gives it without drawing, and
 * pd_grade_badge draws a grade in the grade's own colours. */
float pd_badge(pd_ctx *c, float x, float top, float size, const char *text, unsigned bg,
               unsigned fg);
float pd_badge_width(pd_ctx *c, float size, const char *text);
float pd_badge_height(float size);
float pd_grade_badge(pd_ctx *c, float x, float top, float size, peel_grade grade);

/* block.c: runs of wrapped lines drawn together, kept on one page when
 * they fit one, never split inside a line. */
typedef struct pd_bline {
    const char *s;
    size_t len;
    float x;
    float lead;
    const pd_style *st; /* NULL: a gap */
    const char *marker; /* bullet or number drawn left of the line */
    float marker_x;
    unsigned marker_bg, marker_fg; /* marker_bg != 0: the marker is a badge */
} pd_bline;

typedef struct pd_block {
    pd_bline *l; /* arena */
    size_t n, cap;
    float height;
    unsigned accent;    /* bar down the left side; 0 for none */
    size_t accent_from; /* the line the bar starts at */
} pd_block;

void pd_block_init(pd_block *b);
/* Adds text wrapped to the width from `x` to PD_RIGHT; `marker` (may be
 * NULL) goes on its first line at marker_x. */
void pd_block_text(pd_ctx *c, pd_block *b, const pd_style *st, const char *text, float x,
                   const char *marker, float marker_x);
void pd_block_gap(pd_ctx *c, pd_block *b, float h);
/* Makes the marker added last a badge in these colours. */
void pd_block_badge(pd_block *b, unsigned bg, unsigned fg);
/* keep: move to a new page first when the block fits on one but not here. */
void pd_block_draw(pd_ctx *c, const pd_block *b, int keep);
/* A paragraph of body text across the full width, split between lines only. */
void pd_paragraph(pd_ctx *c, const pd_style *st, const char *text);
/* Section heading (level 0: a new page unless this one is mostly empty, a
 * bookmark and a contents entry always) and sub-headings (levels 1 and 2,
 * a bookmark when asked), kept with the start of what follows. */
void pd_heading(pd_ctx *c, int level, const char *title, int bookmark);

/* grid.c: tables with wrapped cells, header repeated after a page break. */
typedef enum pd_align { PD_AL_LEFT, PD_AL_RIGHT, PD_AL_CENTER } pd_align;
typedef struct pd_cell {
    const char *text;
    peel_grade badge; /* a grade shown as a badge instead of text; PEEL_GRADE_NONE: none */
    int bold;
    unsigned rgb; /* text colour; 0 means ink */
} pd_cell;
struct pd_laid_row;
typedef struct pd_grid {
    size_t ncol;
    const float *width;    /* column widths, summing to the table width */
    const pd_align *align; /* per column */
    const char *const *head;
    float x;
    size_t nrows_drawn; /* zebra stripes */
    /* The header and rows pd_grid_height laid out (arena; NULL: none), so
     * that drawing them does not lay them out again; nrows_done counts the
     * rows drawn since pd_grid_begin. */
    const struct pd_laid_row *laid;
    size_t nlaid, nrows_done;
} pd_grid;
void pd_grid_begin(pd_ctx *c, pd_grid *g);
void pd_grid_row(pd_ctx *c, pd_grid *g, const pd_cell *cells);
/* Height the header and `nrows` rows of cells (ncol each) take drawn; the
 * layout is kept in g for pd_grid_begin and pd_grid_row. */
float pd_grid_height(pd_ctx *c, pd_grid *g, const pd_cell *rows, size_t nrows);

/* chart.c: a horizontal bar chart of a comparison table, and its height
 * when drawn whole. */
void pd_chart(pd_ctx *c, const pd_table *t);
float pd_chart_height(pd_ctx *c, const pd_table *t);

/* ------------------------------------------------------------- sections */

void pd_cover(pd_ctx *c);
void pd_cover_contents(pd_ctx *c); /* once pages are numbered */
void pd_glance(pd_ctx *c);
void pd_figures(pd_ctx *c);
void pd_findings(pd_ctx *c);
void pd_components(pd_ctx *c);
void pd_checks(pd_ctx *c);
/* "The report has 1 failing check elsewhere (legitimacy)." for the other
 * pillars' FAIL and WARN checks; "" when they have none (checks.c). */
const char *pd_elsewhere(pd_ctx *c);

#endif
