/* Internals of the xlsx stage, shared by its files.
 *
 * One workbook (xl_book) is built per pillar.  Everything it allocates lives
 * in its arena; libxlsxwriter objects belong to the lxw_workbook, which
 * workbook_close frees.  Files:
 *   kit.c      what every workbook of ours shares (the report's and
 *              summary.xlsx): the file, first error, format cache, grade
 *              colours, text widths
 *   layout.c   pipeline/workbook.csv: units, formats, pillar sheets (data)
 *   fmt.c      cell formats and number formats, cached per workbook
 *   put.c      cell writing: widths, notes, sources, first write error
 *   page.c     row heights and page breaks, once the widths are known
 *   figure.c   figures in the records: facts, table cells, how printed
 *   expr.c     expressions over named cells: formula text and value
 *   sym.c      named cells: evaluated on demand and written
 *   data.c     the Data sheet: every table of the pillar, derived columns
 *   pillar.c   the pillar sheets the layout describes (lists and grids)
 *   summary.c  grades, counts, key figures, contents
 *   findings.c causes of concern, recommendations, areas for improvement
 *   checks.c   reconciliation checks and validation rejects
 *   sources.c  every figure shown, with its line and sentence
 *   about.c    what the workbook holds, colour key, units, caveats, source
 *   fails.c    figures that fail reconciliation, marked where they are used
 *   charts.c   force against comparator, per comparison table
 *   book.c     column widths, print setup, defined names, properties
 *   xlsx.c     peel_xlsx_run: one workbook per pillar, written atomically
 *   overview.c peel_xlsx_overview_write: peel-run's summary.xlsx */
#ifndef PEEL_XL_H
#define PEEL_XL_H

#include <stddef.h>
#include <xlsxwriter.h>

#include "peel_afile.h"
#include "peel_err.h"
#include "peel_mem.h"
#include "peel_rec.h"
#include "peel_table.h"

#define XL_MAXCOL 24 /* columns any sheet of ours uses */
/* The list sheets' native tables: names no defined name of the layout may
 * take (workbook names share one namespace). */
#define XL_TABLE_NAMES                                                                             \
    {                                                                                              \
        "Findings_List", "Checks_List", "Rejects_List", "Sources_List"                             \
    }
#define XL_MAXSHEET 16 /* sheets of one workbook */

/* ---- layout (layout.c) ------------------------------------------------- */

/* How a kind of figure is shown: from a `unit` line (a record unit) or a
 * `format` line (derived figures) of workbook.csv. */
typedef struct xl_family {
    const char *name;    /* "FTE", "%", "GBP@m", "pct", "ratio" */
    const char *label;   /* short unit for headers: "£m", "%" */
    const char *pattern; /* number format with {.d} where decimals go */
    double divisor;      /* record value / divisor = cell value (100 for %) */
    int additive;        /* rows of it may be totalled */
    const char *note;    /* what it is, for the About sheet ("" when the layout says nothing) */
    /* What xl_numwidth reads of the pattern and label, found once
     * (xl_family_widths): a cell shows millions, a percentage; the
     * characters the unit adds. */
    int millions, percent;
    double unit_chars;
} xl_family;

typedef struct xl_lcol { /* a grid column, or a list item */
    long line;           /* in workbook.csv, for errors */
    const char *name, *label, *source, *format, *total, *define, *note;
    int each; /* list item repeated for every fact of its key */
} xl_lcol;

typedef struct xl_lrow { /* an explicit grid row */
    const char *name, *label, *vars;
} xl_lrow;

typedef struct xl_lsection {
    long line;
    const char *name, *label, *note;
    const char *table;       /* grid over this table's rows ("table:GLOB"), or NULL */
    const char *total_label; /* label of the total row; NULL: no total row */
    int grid;                /* 1 grid (columns x rows), 0 list (one item a row) */
    xl_lcol *col;
    size_t ncol;
    xl_lrow *row;
    size_t nrow;
} xl_lsection;

typedef struct xl_lsheet {
    peel_pillar pillar;
    const char *name, *label, *note;
    xl_lsection *sec;
    size_t nsec;
} xl_lsheet;

/* A chart of a pillar sheet's figures: `cells` draws named cells (or the
 * members of an `each` group) as the bars of one series; `series` draws
 * each named grid column as a series over the grid's rows (and its total
 * row, when `total`). */
typedef struct xl_lchart {
    long line;
    peel_pillar pillar;
    const char *sheet, *name, *label, *note;
    int series; /* 1 series: a series per name; 0 cells */
    int total;  /* series: the grids' total rows too */
    const char **ref;
    size_t nref;
} xl_lchart;

typedef struct xl_layout {
    char path[4096];
    peel_csv_doc doc; /* owns every string below */
    peel_arena arena; /* owns the arrays below */
    xl_family *fam;
    size_t nfam;
    peel_tcat tcat; /* the table lines: force, comparator, opening */
    xl_lsheet *sheet;
    size_t nsheet;
    xl_lchart *chart;
    size_t nchart;
} xl_layout;

/* Loads and checks `path`.  PEEL_ENOINPUT when missing; PEEL_EDATA naming
 * the line and field of anything malformed. */
peel_status xl_layout_load(xl_layout *lay, const char *path, peel_err *err);
/* The same over a buffer (`name` is used in errors).  Release either way. */
peel_status xl_layout_parse(xl_layout *lay, const char *name, const char *data, size_t len,
                            peel_err *err);
void xl_layout_release(xl_layout *lay);
/* The layout of a stage catalogue (xlsx.c; borrowed, as long as c lives). */
typedef struct peel_xlsx_catalog peel_xlsx_catalog;
const xl_layout *xl_catalog_layout(const peel_xlsx_catalog *c);
const xl_family *xl_family_find(const xl_layout *lay, const char *name);
/* The family of a record unit: "<unit>@m" when printed in millions or more
 * and such a line exists, else "<unit>", else "*". */
const xl_family *xl_family_of_unit(const xl_layout *lay, const char *unit, double scale);
/* Nonzero when name is a defined name we may pass to libxlsxwriter. */
int xl_name_ok(const char *name);
/* Nonzero when name is a worksheet name we may pass to libxlsxwriter. */
int xl_sheet_name_ok(const char *name);

typedef struct xl_book xl_book;

/* ---- the file and what every workbook shares (kit.c) ------------------- */

typedef struct xl_fmt_slot {
    char *key;
    lxw_format *fmt;
} xl_fmt_slot;

/* A number format asked for before: xl_kit_numfmt's arguments, the pattern
 * by address (the layout's text, or a literal), and what they made. */
typedef struct xl_numfmt_slot {
    const char *pattern;
    int dec;
    unsigned flags;
    lxw_format *fmt;
} xl_numfmt_slot;

/* One workbook being written: by a report's book and by summary.xlsx. */
typedef struct xl_kit {
    lxw_workbook *wb;
    peel_afile af;
    char path[4200];
    lxw_error lxerr; /* first libxlsxwriter error */
    char lxwhere[160];
    lxw_error closed;  /* what workbook_close returned (LXW_ERROR_CREATING_TMPFILE: scratch) */
    peel_vec fmts;     /* xl_fmt_slot*: formats made on demand */
    peel_vec numfmts;  /* xl_numfmt_slot*: xl_kit_numfmt's calls, found without a key's text */
    peel_arena *arena; /* borrowed: owns the slots */
} xl_kit;

/* Starts path's workbook in a temporary beside it (libxlsxwriter's scratch
 * files in tmpdir); `flat`: constant_memory mode (rows strictly in order, no
 * tables or merged ranges), for summary.xlsx. */
peel_status xl_kit_open(xl_kit *k, const char *path, const char *tmpdir, int flat,
                        peel_arena *arena, peel_err *err);
/* Ends it: renamed into place when st (how building it went) is PEEL_OK and
 * libxlsxwriter reported nothing (PEEL_ESOFTWARE naming the first call that
 * failed, PEEL_ECANTCREAT when the file could not be written), else the
 * temporary removed.  Returns the status. */
peel_status xl_kit_close(xl_kit *k, peel_status st, peel_err *err);
/* Keeps the first error of a libxlsxwriter call (`what`: where). */
void xl_kit_check(xl_kit *k, lxw_error e, const char *what);
/* A format made before under key, or NULL; and one to find again. */
lxw_format *xl_kit_cached(const xl_kit *k, const char *key);
lxw_format *xl_kit_remember(xl_kit *k, const char *key, lxw_format *f);
/* A new format in the font every workbook of ours uses. */
lxw_format *xl_kit_format(xl_kit *k);
/* The number format `pattern` with `dec` decimals ({.d}) and XL_* style
 * flags, made once.  A call is found again by `pattern`'s address: its text
 * must stay as it is while k lives (a literal, or the catalogue's). */
lxw_format *xl_kit_numfmt(xl_kit *k, const char *pattern, int dec, unsigned flags);
/* The same for a pattern made for one call (a buffer of the caller's): found
 * by its text only, so the calls by address stay few whatever the rows. */
lxw_format *xl_kit_numfmt_text(xl_kit *k, const char *pattern, int dec, unsigned flags);
/* f in the grade colours of peel_vocab.h, with a thin border of `border`. */
void xl_grade_paint(lxw_format *f, peel_grade g, lxw_color_t border);
/* "<a><sep><b>", as peel_concat. */
const char *xl_join(char *out, size_t cap, const char *a, char sep, const char *b);
/* v as "%ld" prints it, at out (XL_LONG_TEXT bytes); returns out.  For
 * names and notes made for every cell, which printf would cost a thousand
 * instructions each. */
#define XL_LONG_TEXT 24
const char *xl_ltoa(char *out, long v);
/* The cell's A1 name ("$A$1" when abs) at out, NUL-terminated; returns out.
 * The text lxw_rowcol_to_cell (lxw_rowcol_to_cell_abs with both absolute)
 * makes, without its snprintf: every reference and link of ours is named
 * here.  out holds XL_CELL_NAME bytes. */
#define XL_CELL_NAME 24
char *xl_cell_name(char *out, lxw_row_t row, lxw_col_t col, int abs);
/* The UTF-8 characters of s[0..n) (its bytes but continuation bytes). */
size_t xl_chars(const char *s, size_t n);
/* The characters text shows on its widest line (a UTF-8 sequence is one). */
double xl_text_width(const char *text);
/* The same for s[0..n), whose lines end at LF; *lines (may be NULL) gets
 * how many lines it has. */
size_t xl_widest_line(const char *s, size_t n, size_t *lines);

/* ---- the workbook being built ------------------------------------------ */

typedef struct xl_sheet {
    xl_book *book; /* borrowed back-pointer */
    lxw_worksheet *ws;
    const char *name;
    double width[XL_MAXCOL]; /* widest content per column, in characters */
    double cap[XL_MAXCOL];   /* widest allowed (text wraps beyond it) */
    lxw_row_t head_row;      /* rows frozen above the scrolling part (0: none) */
    lxw_col_t head_col;      /* columns frozen */
    lxw_row_t repeat_last;   /* the header row repeated on printed pages (0: none) */
    int one_page;            /* print on one page (the Summary) */
    lxw_row_t max_row;       /* used range */
    lxw_col_t max_col;
    size_t nurl;                  /* links written as URLs (a sheet holds at most 65,530) */
    const char *const *list_head; /* a list sheet's captions (xl_list_head), borrowed */
    const char *list_looks;
    peel_buf wraps; /* xl_wrap records back to back: wrapped cells, for row heights */
    peel_vec keeps; /* xl_keep_rows*: blocks kept on one printed page */
} xl_sheet;

typedef struct xl_keep_rows {
    lxw_row_t first, last;
} xl_keep_rows;

#define XL_TITLE_HEIGHT 21.0
#define XL_FAIL_FILL 0xEF9A9A /* the Reconciliation sheet's FAIL colour */
/* The inks: figures typed in from a source in blue, links to another sheet
 * in green (the finance modelling habit), notes grey, headers on blue-grey. */
#define XL_INK_BLUE 0x1F3F9A
#define XL_INK_GREEN 0x1B6B2F
#define XL_INK_GREY 0x666666
#define XL_HEAD_BG 0xDCE6F1
#define XL_SECTION_INK 0x1F3864
#define XL_NO_PERIOD "not stated" /* a figure's period when the report gives none */

/* A cell whose text wraps: rows get the height their text needs, since
 * neither libxlsxwriter nor LibreOffice's import sizes them. */
typedef struct xl_wrap {
    const char *text; /* borrowed (xl_text_kept) or an arena copy */
    lxw_row_t row;
    lxw_col_t col;
    unsigned char bold;
    /* Its widest line's characters and its lines, as the cell's width was
     * measured: text as wide as its column at most is a line a line
     * without being walked again (a cell holds 32,767 characters). */
    unsigned short widest, lines;
} xl_wrap; /* 24 bytes: a long table has some sixteen a row */

/* A figure from the report placed in a cell: one line of the Sources sheet. */
/* The rest -- its place, value, look, period, line, other lines and failing
 * check -- is the cell's own (a held figure's cell is final once written). */
typedef struct xl_source {
    const struct xl_sym *cell; /* the cell holding it */
    const char *what;          /* what the figure is */
    const char *raw;           /* as printed */
    const char *unit, *sentence;
} xl_source;

/* Number cell looks: a figure as printed, a link to one, a total. */
/* XL_FAIL: a figure that fails reconciliation, or a cell built on one. */
enum { XL_BLUE = 1, XL_BOLD = 2, XL_TOTAL = 4, XL_GREEN = 8, XL_FAIL = 16 };

typedef struct xl_style {
    lxw_format *title, *subtitle, *head, *head_num, *text, *wrap, *bold, *muted, *na, *section,
        *link, *total_text, *note, *msg, *indent, *lines, *right, *head_indent, *head_center,
        *center, *period;
} xl_style;

/* Where a symbol is in its evaluation: BUSY twice over is a cycle. */
typedef enum xl_state { XL_PENDING = 0, XL_BUSY, XL_DONE } xl_state;

typedef struct xl_sym xl_sym;

struct xl_book {
    xl_kit kit;       /* the file, its first error and formats */
    lxw_workbook *wb; /* kit.wb */
    peel_arena arena; /* owns everything below that is not lxw's */
    /* Scratch: texts that live only until libxlsxwriter has its copy (notes,
     * references, formulas' text and parse trees), rewound after each cell
     * is evaluated (xl_sym_eval), each Data row and each Sources row, so a
     * long table's cells do not keep them all.  Nothing kept past the call
     * that made it may point here. */
    peel_arena tmp;
    const peel_records *rec; /* borrowed */
    const xl_layout *lay;    /* borrowed */
    peel_pillar pillar;
    const char *force, *year; /* from meta */
    const peel_tindex *tix;   /* borrowed: the report's tables */
    xl_style st;
    xl_sheet *sheet[XL_MAXSHEET];
    size_t nsheet;
    xl_sheet *summary, *about, *data, *charts, *findings, *recon, *rejects, *sources;
    unsigned char *fam_used;      /* per layout family: a cell is shown in it */
    peel_buf sources_list;        /* xl_source records back to back */
    peel_vec syms;                /* xl_sym* */
    peel_map sym_names;           /* name -> the last xl_sym* of that name */
    xl_sym **table_sym;           /* per cell record: the Data cell holding it, or NULL */
    xl_sym **fact_sym;            /* per fact record: the first cell holding it, or NULL */
    const peel_check **cell_fail; /* per cell record: a FAIL check of it, or NULL */
    const peel_check **fact_fail; /* per fact record: a FAIL check of it, or NULL */
    peel_vec names;               /* defined names: xl_sym* with sym->define set */
    peel_vec chart_tables;        /* xl_data_table* placed on Data, for charts */
    peel_vec absent;              /* const char*: sections whose table this report lacks */
    /* Where the Summary's counts look (set by findings.c and checks.c). */
    lxw_row_t find_first, find_last, recon_first, recon_last, rej_first, rej_last;
    size_t nfind, nrecon, nrej;
    peel_err *err; /* borrowed: layout errors found while building */
    peel_status status;
};

/* ---- formats (fmt.c) --------------------------------------------------- */

void xl_styles_init(xl_book *b);
/* Number format of `fam` with `dec` decimals and XL_* style flags. */
lxw_format *xl_numfmt(xl_book *b, const xl_family *fam, int dec, unsigned flags);
/* A family's pattern with `dec` decimals, as a number format. */
void xl_pattern(const char *pattern, int dec, char *out, size_t cap);
/* The grade colours of peel_vocab.h as a cell format. */
lxw_format *xl_gradefmt(xl_book *b, peel_grade grade);
/* Estimated width, in characters, of v shown in `fam` with `dec` decimals. */
double xl_numwidth(const xl_family *fam, double v, int dec);
/* Sets fam's millions, percent and unit_chars from its pattern and label
 * (every cell's width asks for them). */
void xl_family_widths(xl_family *fam);

/* ---- cells (put.c) ----------------------------------------------------- */

xl_sheet *xl_sheet_add(xl_book *b, const char *name);
void xl_check(xl_book *b, lxw_error e, const char *what);
/* Text, always as a string (never a formula, whatever it starts with). */
void xl_text(xl_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f);
/* The same for a text that lives as long as the book (the records', the
 * table index's, b->arena's): a wrapped cell's row height is found from it
 * without a copy (xl_text copies it, for the page layout). */
void xl_text_kept(xl_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f);
void xl_num(xl_sheet *s, lxw_row_t r, lxw_col_t c, double v, lxw_format *f, double width);
/* A formula (our own text, without the '=') with its computed value cached. */
void xl_formula(xl_sheet *s, lxw_row_t r, lxw_col_t c, const char *formula, double v, lxw_format *f,
                double width);
void xl_note(xl_sheet *s, lxw_row_t r, lxw_col_t c, const char *text);
void xl_link(xl_sheet *s, lxw_row_t r, lxw_col_t c, const xl_sheet *to, lxw_row_t tr, lxw_col_t tc,
             const char *text);
void xl_width(xl_sheet *s, lxw_col_t c, double chars);
void xl_cap(xl_sheet *s, lxw_col_t c, double chars);
/* "C7" or "'Data'!C7" as seen from sheet `from`; absolute with $ when abs.
 * It and xl_range's text are in b->tmp (scratch: hand them on, never keep). */
const char *xl_ref(xl_book *b, const xl_sheet *from, const xl_sheet *to, lxw_row_t r, lxw_col_t c,
                   int abs);
const char *xl_range(xl_book *b, const xl_sheet *from, const xl_sheet *to, lxw_row_t r0,
                     lxw_col_t c0, lxw_row_t r1, lxw_col_t c1);
/* Rows first..last (a table, a section) go on one printed page if they fit. */
void xl_keep(xl_sheet *s, lxw_row_t first, lxw_row_t last);
/* Once the column widths are final: the heights of rows whose wrapped text
 * needs more than one line, and page breaks that keep blocks whole (page.c). */
void xl_page_layout(xl_sheet *s, const double *final_width);
/* A sheet's title and subtitle rows (rows 0 and 1). */
void xl_sheet_title(xl_sheet *s, const char *title, const char *subtitle);
/* A list sheet (findings, checks, rejects, sources): its header row (row
 * 3), each column's header in the look `looks` gives it: 'h' plain, 'n'
 * over numbers, 'i' indented, 'c' centred (head and looks are kept, for
 * xl_list_end: static arrays of the caller). */
void xl_list_head(xl_sheet *s, const char *const *head, const char *looks);
/* Its end, at row r after its nrows rows: `empty` in column col when it
 * has none; a native table named `table` (one of XL_TABLE_NAMES) from the
 * header over ncol columns, with its filter buttons; the header frozen and
 * repeated on every printed page.  Returns the last row. */
lxw_row_t xl_list_end(xl_sheet *s, const char *table, lxw_row_t r, size_t nrows, lxw_col_t col,
                      const char *empty, lxw_col_t ncol);
/* Records a figure placed in a cell, for the Sources sheet and its note
 * (a copy of *src in b->sources_list, whose texts must live as long as b). */
void xl_source_add(xl_book *b, const xl_source *src);
/* Rounds v to what the file keeps (%.16G), so cached results match a reader's. */
double xl_kept(double v);
/* Subtraction and addition as spreadsheets do them: a result within 2^-48
 * of the operands' size is zero. */
double xl_sub(double a, double c);
double xl_add(double a, double c);
/* Layout error at workbook.csv line `line`; returns PEEL_EDATA. */
peel_status xl_layout_fail(xl_book *b, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- figures (figure.c), named cells (sym.c), expressions (expr.c) ---- */

/* A figure's origin in the report records. */
typedef struct xl_figure {
    double value; /* cell value (record value / divisor) */
    const xl_family *fam;
    int dec;
    long line;
    const char *raw, *unit, *period, *what, *sentence, *also;
    long table_row, fact_row; /* index of its cell or fact record, -1 when not that kind */
} xl_figure;

struct xl_sym {
    /* Ordered so that no field pads the next: a long table has some ten
     * cells a row, so the struct's size is a share of the stage's memory. */
    const char *name;     /* "section.row.col", "section.item" */
    const char *scope[2]; /* prefixes tried for [x]: "section.row", "section" */
    const char *expr;     /* source expression, vars substituted; NULL: placed already */
    const char *format;   /* layout format: auto, same, pct:1... */
    const char *define;   /* defined name for this cell, or NULL */
    const char *label;    /* row label, for notes */
    long lay_line;        /* workbook.csv line, for errors */
    xl_sheet *sheet;
    double v;
    const xl_family *fam;
    long line;            /* report line of a figure, 0 for derived cells */
    const char *period;   /* as shown: a figure's own, a derived cell's from its inputs */
    const char **periods; /* the distinct stated periods it is built on (arena; never
                           * written in place, so a cell may share its input's) */
    const xl_sym *first_in, *last_in; /* the first and last cell its formula uses */
    const char *mixed;       /* a ratio of figures stated for different periods: which, or NULL */
    const xl_sym *undated;   /* a figure with no stated period it is (built on), or NULL */
    const peel_check *fail;  /* a FAIL check of the figure or of one it is built on, or NULL */
    const char *also;        /* other report lines stating the figure */
    xl_sym *like;            /* shown like this cell, one more decimal (totals of figures) */
    const peel_table *table; /* for @SEL leaves: the grid's table and row */
    const char *trow;
    xl_sym **member; /* a group ("each" items, grid columns) */
    lxw_row_t row;
    unsigned flags; /* XL_BOLD | XL_TOTAL for total rows */
    int dec;
    unsigned nperiod;
    unsigned nin;     /* cells its formula uses */
    unsigned nmember; /* of a group */
    lxw_col_t col;
    unsigned char state;    /* xl_state */
    unsigned char ok;       /* value known */
    unsigned char fail_own; /* the figure itself is the one the check found wanting */
    unsigned char held;     /* the figure is typed in here (other cells link to it) */
};

/* A new cell named `name`, which it keeps: a string of b->arena (or one
 * that lives as long), never copied (a long table's cells are many). */
xl_sym *xl_sym_new(xl_book *b, const char *name);
/* Cell `in` is an input of self's formula (expr.c says so for each). */
void xl_sym_uses(xl_book *b, xl_sym *self, const xl_sym *in);
/* The distinct stated periods of cells, joined by "; " ("" when none);
 * *mixed gets the first cell's note of mixed periods, or NULL. */
const char *xl_periods_join(xl_book *b, xl_sym *const *cells, size_t n, const char **mixed);
/* A row saying each column's period under a header row: cells[i] holds the
 * n[i] cells of column col0 + i. */
void xl_period_row(xl_sheet *s, lxw_row_t r, lxw_col_t col0, xl_sym **const *cells, const size_t *n,
                   size_t ncol);
xl_sym *xl_sym_find(xl_book *b, const char *name);
/* Evaluates and writes the cell (and what it needs first).  PEEL_EDATA on a
 * layout error (unknown name, cycle), with the workbook.csv line. */
peel_status xl_sym_eval(xl_book *b, xl_sym *s);
/* Substitutes {var} from "a=x;b=y" (and {row} = row) into src. */
const char *xl_subst(xl_book *b, const char *src, const char *vars, const char *row);
/* Nonzero when src is a single figure: fact:KEY[#N], table:GLOB/ROW/SEL,
 * @SEL (the grid's table row) or #N (a tables record). */
int xl_expr_is_leaf(const char *src);
/* The result of an expression (expr.c). */
typedef struct xl_expr_value {
    double v;
    int ok;               /* every input known and the result finite */
    const char *missing;  /* the first input not known */
    const xl_family *fam; /* shown like its first input */
    int dec;              /* with the most decimals of its inputs */
    const xl_sym *link;   /* the one cell a bare [name] refers to, or NULL */
    const char *formula;  /* text without '=', in the book's scratch arena */
} xl_expr_value;

/* Evaluates self->expr (not a figure) for the cell self.  PEEL_EDATA on a
 * syntax or layout error, reported once with the workbook.csv line. */
peel_status xl_expr_eval(xl_book *b, xl_sym *self, xl_expr_value *out);
/* Checks an expression's syntax; returns a message or NULL. */
const char *xl_expr_check(const char *src);
/* Resolves fact:KEY or table:GLOB/ROW/SEL (or @SEL over `table`). */
int xl_figure_find(xl_book *b, const char *src, const peel_table *table, const char *row,
                   xl_figure *out);
/* The cell of table t at the row and column keys of cell record tr when it
 * holds the same value (the same figure printed again), else -1. */
long xl_twin_cell(const xl_book *b, const peel_table *t, long tr);
/* Fills a figure from one cell record / fact record.  A table figure's
 * `what` and `sentence` are made in b->tmp (copy them to keep them); the
 * other texts are the records' or b->arena's. */
void xl_figure_of_table(xl_book *b, long tr, xl_figure *out);
void xl_figure_of_fact(xl_book *b, long fr, xl_figure *out);
/* The display decimals xl_figure_of_table gives cell record tr, without
 * the figure's texts. */
int xl_figure_decimals(const xl_book *b, long tr);
/* "Report line 96: ..." note text for a figure (in b->tmp). */
const char *xl_figure_note(xl_book *b, const xl_figure *f);

/* Why a printed table row has no figure in a column: a validation reject
 * on its line (with the reason), or nothing printed there (in b->tmp). */
const char *xl_missing_note(xl_book *b, long line);

/* ---- figures that fail reconciliation (fails.c) ------------------------ */

/* Sets cell_fail and fact_fail from the report's FAIL checks. */
void xl_fails_find(xl_book *b);
/* The note of a cell marked failing ("This figure fails reconciliation
 * check ..."), in b->tmp, or NULL when it is not. */
const char *xl_fail_note(xl_book *b, const xl_sym *s);

/* ---- sheets ------------------------------------------------------------ */

peel_status xl_data_write(xl_book *b);
/* Adds the layout's sheets for the pillar (in order), then fills them. */
peel_status xl_pillars_add(xl_book *b);
peel_status xl_pillars_write(xl_book *b);
void xl_findings_write(xl_book *b);
void xl_checks_write(xl_book *b);
void xl_rejects_write(xl_book *b);
void xl_summary_write(xl_book *b);
void xl_sources_write(xl_book *b);
void xl_about_write(xl_book *b);
peel_status xl_charts_write(xl_book *b);
void xl_book_finish(xl_book *b, const char *created_date);

/* A table as laid out on the Data sheet, for the charts. */
typedef struct xl_data_table {
    const peel_table *t;
    lxw_row_t title_row, head_row, first, last; /* value rows first..last */
    lxw_col_t col0;                             /* column of t->col[0] */
} xl_data_table;

/* Most decimals the table prints in column ci, as its cells are shown. */
int xl_table_decimals(xl_book *b, const peel_table *t, int ci);

/* Columns the Summary counts over. */
#define XL_RECON_STATUS_COL 9
/* Every reject has a reason; not every one has a record line (a pillar
 * missing from the whole report has none), so the count is over reasons. */
#define XL_REJECT_REASON_COL 4

#endif
