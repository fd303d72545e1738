/* Internals of the reconcile stage.
 *
 * A value carries its tolerance: `err` is how far the true figure may lie
 * from `v` given how it was printed (half its last digit, or more for
 * "around 27,000"), and it propagates through arithmetic, so a check's
 * tolerance follows the rounding of every figure it used. */
#ifndef RC_H
#define RC_H

#include <stddef.h>

#include "peel_csv.h"
#include "peel_err.h"
#include "peel_expr.h"
#include "peel_mem.h"
#include "peel_rec.h"
#include "peel_table.h"

enum { RC_MAX_LINES = 48 };

typedef struct rc_val {
    double v;
    double err;
    long line[RC_MAX_LINES]; /* report lines of the figures used */
    int nline;
} rc_val;

void rc_val_number(rc_val *out, double v);
void rc_val_merge_lines(rc_val *into, const rc_val *from);

/* The report's figures, addressable by reference (see refs.c): its
 * validated records, sidecar rows included (those validation rejected, and
 * sidecars that do not parse, are left out). */
typedef struct rc_data {
    const peel_records *rec;   /* borrowed */
    const peel_tindex *tables; /* borrowed: rec's cells indexed */
} rc_data;

/* Resolves one reference ("fact:reserves.opening", "table:force-workforce/
 * police-officer/@latest", "sidecar:reserves.balance@last") to its values:
 * a wildcard gives several.  Returns how many (0 when missing). */
size_t rc_resolve(const rc_data *d, const char *ref, rc_val *out, size_t max);

/* Expressions over references (the expression engine, peel_expr.h, in the
 * rules' dialect): + - * / ( ), numbers, sum(REF), count(REF),
 * sumproduct(REF, REF).  rc_expr_check parses without evaluating (for rule
 * validation).  Errors go to *why. */
extern const peel_expr_syntax RC_EXPR_SYNTAX;
int rc_expr_check(const char *expr, const char **why);
/* Returns 1 and fills *out, or 0 with *missing naming the first reference
 * that is not in the report (rc_expr_value: of a parsed expression). */
int rc_expr_eval(const rc_data *d, const char *expr, rc_val *out, char *missing, size_t cap);
int rc_expr_value(const rc_data *d, const peel_expr *e, rc_val *out, char *missing, size_t cap);

/* One check, as a row of reconciliation.csv. */
typedef enum rc_op { RC_EQ, RC_LE, RC_GE, RC_PARTS } rc_op;

typedef struct rc_check {
    const char *rule_id, *kind, *pillar, *description, *unit, *note;
    rc_op op;
    int cap_warn;     /* a failure of this check is only a warning */
    double tolerance; /* < 0: from the printed precision */
} rc_check;

/* Where checks go: records of reconciliation.csv, appended to rec, and
 * counted by status. */
typedef struct rc_out {
    peel_records *rec; /* borrowed */
    long pass, warn, fail, skip;
} rc_out;

/* Compares and adds a record. */
void rc_emit(rc_out *o, const rc_check *c, const rc_val *expected, const rc_val *actual);
void rc_emit_skip(rc_out *o, const rc_check *c, const char *why);
/* A check of text (grades): PASS when `same`, else FAIL (or WARN if capped). */
void rc_emit_text(rc_out *o, const rc_check *c, const char *expected, const char *actual,
                  const rc_val *lines, int same);

/* The catalogue (rules.c). */
typedef struct rc_rule {
    rc_check check;
    const char *expected, *actual;
    const peel_expr *expected_expr, *actual_expr; /* parsed once, in the rules' arena */
    const char *file;
    long line;
} rc_rule;

peel_status rc_rules_load(const char *path, peel_arena *a, peel_vec *rules, peel_err *err);
/* The same over a buffer (`name` is used in errors). */
peel_status rc_rules_parse(const char *name, const char *data, size_t len, peel_arena *a,
                           peel_vec *rules, peel_err *err);

/* The built-in checks that need no rule (generic.c); `rules` only tells
 * which sidecar keys the catalogue uses. */
void rc_generic_checks(const rc_data *d, const peel_vec *rules, rc_out *o);
void rc_rules_run(const rc_data *d, const peel_vec *rules, rc_out *o);

#endif
