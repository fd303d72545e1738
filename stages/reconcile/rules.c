/* The rule catalogue: pipeline/rules.csv and a user's --rules FILE.
 *
 *   id,kind,pillar,description,expected,op,actual,unit,tolerance,on_fail,note
 *
 * kind is one of a fixed set (documented in README); op says how actual is
 * compared with expected: "=" (within tolerance), "<=" / ">=" (a bound), or
 * "parts" (actual is a sum of listed parts of the total expected: falling
 * short is a warning, exceeding it a failure).  tolerance empty means "from
 * the printed precision of every figure used"; on_fail WARN caps a failure at
 * a warning (for figures the report itself calls approximate). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rc.h"

static const char *const KINDS[] = {"change",        "sum",  "shares", "proportion",
                                    "weighted_mean", "same", "bound",  "sidecar"};
static const char *const COLUMNS[] = {"id",        "kind",    "pillar", "description",
                                      "expected",  "op",      "actual", "unit",
                                      "tolerance", "on_fail", "note"};
enum { NCOL = sizeof COLUMNS / sizeof *COLUMNS };

static int one_of(const char *s, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, set[i]) == 0)
            return 1;
    return 0;
}

static int parse_op(const char *s, rc_op *op)
{
    static const struct {
        const char *text;
        rc_op op;
    } ops[] = {{"=", RC_EQ}, {"<=", RC_LE}, {">=", RC_GE}, {"parts", RC_PARTS}};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strcmp(s, ops[i].text) == 0) {
            *op = ops[i].op;
            return 1;
        }
    return 0;
}

static peel_status bad(peel_err *err, const char *path, long line, const char *field,
                       const char *why, const char *value)
{
    PEEL_FAIL(err, PEEL_EDATA, path, line, "%s (\"%s\")", why, value);
    peel_err_field(err, field);
    return PEEL_EDATA;
}

static int duplicate(const peel_vec *rules, const char *id)
{
    for (size_t i = 0; i < rules->n; i++)
        if (strcmp(((const rc_rule *)rules->item[i])->check.rule_id, id) == 0)
            return 1;
    return 0;
}

static peel_status read_rule(const peel_csv_doc *doc, size_t r, const int *col, peel_arena *a,
                             peel_vec *rules, peel_err *err)
{
    const char *path = doc->name, *v[NCOL];
    long line = doc->row[r].line;
    for (size_t c = 0; c < NCOL; c++)
        v[c] = peel_csv_text(peel_csv_get(doc, r, col[c]));
    const char *why;
    rc_rule *rule = peel_arena_alloc(a, sizeof *rule);
    if (!v[0][0] || duplicate(rules, v[0]))
        return bad(err, path, line, "id", "a rule needs an id of its own", v[0]);
    if (!one_of(v[1], KINDS, sizeof KINDS / sizeof *KINDS))
        return bad(err, path, line, "kind", "unknown rule kind", v[1]);
    if (v[2][0] && !one_of(v[2], PEEL_PILLARS, 3))
        return bad(err, path, line, "pillar", "unknown pillar", v[2]);
    if (!(rule->expected_expr = peel_expr_parse(a, v[4], &RC_EXPR_SYNTAX, &why)))
        return bad(err, path, line, "expected", why, v[4]);
    if (!parse_op(v[5], &rule->check.op))
        return bad(err, path, line, "op", "op must be =, <=, >= or parts", v[5]);
    if (!(rule->actual_expr = peel_expr_parse(a, v[6], &RC_EXPR_SYNTAX, &why)))
        return bad(err, path, line, "actual", why, v[6]);
    char *end;
    rule->check.tolerance = v[8][0] ? strtod(v[8], &end) : -1;
    /* strtod also reads "nan" and "inf": an infinite tolerance passes
     * anything, a nan one nothing, and neither prints as a number. */
    if (v[8][0] && (*end || !isfinite(rule->check.tolerance) || rule->check.tolerance < 0))
        return bad(err, path, line, "tolerance", "tolerance must be a finite number >= 0", v[8]);
    if (v[9][0] && strcmp(v[9], "WARN") != 0 && strcmp(v[9], "FAIL") != 0)
        return bad(err, path, line, "on_fail", "on_fail must be WARN or FAIL", v[9]);
    rule->check.rule_id = peel_arena_strdup(a, v[0]);
    rule->check.kind = peel_arena_strdup(a, v[1]);
    rule->check.pillar = peel_arena_strdup(a, v[2]);
    rule->check.description = peel_arena_strdup(a, v[3]);
    rule->expected = peel_arena_strdup(a, v[4]);
    rule->actual = peel_arena_strdup(a, v[6]);
    rule->check.unit = peel_arena_strdup(a, v[7]);
    rule->check.cap_warn = strcmp(v[9], "WARN") == 0;
    rule->check.note = peel_arena_strdup(a, v[10]);
    rule->file = peel_arena_strdup(a, path);
    rule->line = line;
    peel_vec_push(rules, rule);
    return PEEL_OK;
}

static peel_status read_rules(const char *path, peel_csv_doc *doc, peel_arena *a, peel_vec *rules,
                              peel_err *err);

peel_status rc_rules_load(const char *path, peel_arena *a, peel_vec *rules, peel_err *err)
{
    peel_csv_doc doc;
    peel_status st = peel_csv_load(path, &doc, err);
    return st == PEEL_OK ? read_rules(path, &doc, a, rules, err) : st;
}

peel_status rc_rules_parse(const char *name, const char *data, size_t len, peel_arena *a,
                           peel_vec *rules, peel_err *err)
{
    peel_csv_doc doc;
    peel_status st = peel_csv_parse(name, data, len, &doc, err);
    return st == PEEL_OK ? read_rules(name, &doc, a, rules, err) : st;
}

/* Reads every rule of doc, then releases doc. */
static peel_status read_rules(const char *path, peel_csv_doc *d, peel_arena *a, peel_vec *rules,
                              peel_err *err)
{
    peel_csv_doc doc = *d;
    peel_status st = peel_csv_check_width(&doc, err);
    int col[NCOL];
    for (size_t c = 0; c < NCOL && st == PEEL_OK; c++)
        if ((col[c] = peel_csv_col(&doc, COLUMNS[c])) < 0)
            st = bad(err, path, 1, COLUMNS[c], "the header lacks a column", COLUMNS[c]);
    for (size_t r = 0; r < doc.nrow && st == PEEL_OK; r++)
        st = read_rule(&doc, r, col, a, rules, err);
    peel_csv_doc_release(&doc);
    return st;
}

void rc_rules_run(const rc_data *d, const peel_vec *rules, rc_out *o)
{
    for (size_t i = 0; i < rules->n; i++) {
        const rc_rule *r = rules->item[i];
        rc_val e, a;
        char missing[256];
        if (!rc_expr_value(d, r->expected_expr, &e, missing, sizeof missing) ||
            !rc_expr_value(d, r->actual_expr, &a, missing, sizeof missing)) {
            char why[300];
            snprintf(why, sizeof why, "not in this report: %s", missing);
            rc_emit_skip(o, &r->check, why);
            continue;
        }
        rc_emit(o, &r->check, &e, &a);
    }
}
