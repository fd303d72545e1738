#include "peel_schema.h"

#include <stddef.h>
#include <string.h>

#include "peel_rec.h"

#define X PEEL_FIELD_EXTRA
#define F(T, name, type, flags, check, member)                                                     \
    {                                                                                              \
        name, PEEL_FT_##type, flags, PEEL_VC_##check, offsetof(T, member)                          \
    }

static const peel_field META[] = {
    F(peel_meta, "key", STR, 0, ID, key),
    F(peel_meta, "value", TEXT, 0, META_VALUE, value),
    F(peel_meta, "source_line", LINE, 0, LINE_OPT, line),
};

static const peel_field JUDGMENTS[] = {
    F(peel_judgment, "pillar", PILLAR, 0, PILLAR, pillar),
    F(peel_judgment, "component", STR, 0, COMPONENT, component),
    F(peel_judgment, "label", TEXT, X, TEXT, label),
    F(peel_judgment, "grade", GRADE, 0, GRADE, grade),
    F(peel_judgment, "last_inspected", STR, 0, LAST_INSPECTED, last_inspected),
    F(peel_judgment, "source_line", LINE, 0, LINE_IF_GRADED, line),
    F(peel_judgment, "inspected", YESNO, X, YES_NO, inspected),
    F(peel_judgment, "summary_grade", GRADE, X, GRADE_OPT, summary_grade),
    F(peel_judgment, "summary_line", LINE, X, LINE_OPT, summary_line),
    F(peel_judgment, "section_grade", GRADE, X, GRADE_OPT, section_grade),
    F(peel_judgment, "section_line", LINE, X, LINE_OPT, section_line),
    F(peel_judgment, "scope_line", LINE, X, LINE_OPT, scope_line),
};

static const peel_field TABLES[] = {
    F(peel_cell, "table", STR, 0, ID, table),
    F(peel_cell, "row", STR, 0, ID, trow),
    F(peel_cell, "column", STR, 0, ID, column),
    F(peel_cell, "value", VALUE, 0, CELL_VALUE, value),
    F(peel_cell, "unit", STR, 0, UNIT, unit),
    F(peel_cell, "period", TEXT, 0, PERIOD_YEARS, period),
    F(peel_cell, "raw", TEXT, 0, TEXT, raw),
    F(peel_cell, "source_line", LINE, 0, LINE, line),
    F(peel_cell, "pillar", PILLAR, X, PILLAR_OPT, pillar),
    F(peel_cell, "table_label", TEXT, X, NONE, table_label),
    F(peel_cell, "row_label", TEXT, X, NONE, row_label),
    F(peel_cell, "column_label", TEXT, X, NONE, column_label),
};

static const peel_field FINDINGS[] = {
    F(peel_finding, "pillar", PILLAR, 0, PILLAR, pillar),
    F(peel_finding, "component", STR, 0, COMPONENT, component),
    F(peel_finding, "kind", KIND, 0, KIND, kind),
    F(peel_finding, "text", TEXT, 0, TEXT, text),
    F(peel_finding, "source_line", LINE, 0, LINE, line),
    F(peel_finding, "number", INT, X, INT_OPT, number),
    F(peel_finding, "last_line", LINE, X, LINE_OPT, last_line),
};

static const peel_field FIGURES[] = {
    F(peel_figure, "value", VALUE, 0, FIGURE_VALUE, value),
    F(peel_figure, "unit", UNIT, 0, FIGURE_UNIT, unit),
    F(peel_figure, "raw", TEXT, 0, TEXT, raw),
    F(peel_figure, "sentence", TEXT, 0, TEXT, sentence),
    F(peel_figure, "source_line", LINE, 0, LINE, line),
    F(peel_figure, "high", VALUE, X, FIGURE_HIGH, high),
    F(peel_figure, "pillar", PILLAR, X, PILLAR_OPT, pillar),
    F(peel_figure, "component", STR, X, COMPONENT, component),
    F(peel_figure, "block", INT, X, INT_OPT, block),
    F(peel_figure, "item", INT, X, INT_OPT, item),
    F(peel_figure, "intro", YESNO, X, NONE, intro),
};

static const peel_field FACTS[] = {
    F(peel_fact, "key", STR, 0, ID, key),
    F(peel_fact, "value", VALUE, 0, FACT_VALUE, value),
    F(peel_fact, "unit", STR, 0, UNIT, unit),
    F(peel_fact, "period", TEXT, 0, PERIOD_YEARS, period),
    F(peel_fact, "source_line", LINE, 0, LINE, line),
    F(peel_fact, "raw", TEXT, X, TEXT, raw),
    F(peel_fact, "pillar", PILLAR, X, PILLAR_OPT, pillar),
    F(peel_fact, "label", TEXT, X, NONE, label),
    F(peel_fact, "pattern", STR, X, NONE, pattern),
    F(peel_fact, "sentence", TEXT, X, NONE, sentence),
};

static const peel_field SUMMARIES[] = {
    F(peel_summary, "pillar", PILLAR, 0, PILLAR_OPT, pillar),
    F(peel_summary, "component", STR, 0, COMPONENT, component),
    F(peel_summary, "text", TEXT, 0, TEXT, text),
    F(peel_summary, "source_line", LINE, 0, LINE, line),
};

static const peel_field COVERAGE[] = {
    F(peel_coverage, "line", INT, 0, LINE, line),
    F(peel_coverage, "kind", STR, 0, COVERAGE_KIND, kind),
    F(peel_coverage, "detail", TEXT, X, NONE, detail),
    F(peel_coverage, "pillar", PILLAR, X, NONE, pillar),
    F(peel_coverage, "component", STR, X, NONE, component),
};

static const peel_field REJECTS[] = {
    F(peel_reject, "file", TEXT, 0, NONE, file),
    F(peel_reject, "line", LINE, 0, NONE, line),
    F(peel_reject, "field", TEXT, 0, NONE, field),
    F(peel_reject, "value", TEXT, 0, NONE, value),
    F(peel_reject, "reason", TEXT, 0, NONE, reason),
    F(peel_reject, "source_line", LINE, X, NONE, source_line),
    F(peel_reject, "message", TEXT, X, NONE, message),
};

static const peel_field RECONCILIATION[] = {
    F(peel_check, "rule_id", TEXT, 0, NONE, rule_id),
    F(peel_check, "kind", STR, 0, NONE, kind),
    F(peel_check, "pillar", PILLAR, 0, NONE, pillar),
    F(peel_check, "description", TEXT, 0, NONE, description),
    F(peel_check, "expected", CVAL, 0, NONE, expected),
    F(peel_check, "actual", CVAL, 0, NONE, actual),
    F(peel_check, "difference", CVAL, 0, NONE, difference),
    F(peel_check, "tolerance", CVAL, 0, NONE, tolerance),
    F(peel_check, "status", VERDICT, 0, NONE, status),
    F(peel_check, "source_lines", STR, 0, NONE, source_lines),
    F(peel_check, "unit", TEXT, X, NONE, unit),
    F(peel_check, "note", TEXT, X, NONE, note),
};

/* Finance and HR figures: force,key,value,unit,period,source. */
static const peel_field SIDECAR[] = {
    F(peel_sidecar, "force", STR, 0, FORCE, force),
    F(peel_sidecar, "key", STR, 0, ID, key),
    F(peel_sidecar, "value", VALUE, 0, SIDECAR_VALUE, value),
    F(peel_sidecar, "unit", STR, 0, SIDECAR_UNIT, unit),
    F(peel_sidecar, "period", TEXT, 0, PERIOD, period),
    F(peel_sidecar, "source", TEXT, 0, NONE, source),
};

#define N(a) (sizeof(a) / sizeof *(a))
#define S(id, name, fields, line, T, users)                                                        \
    {                                                                                              \
        name, fields, N(fields), line, sizeof(T), id, users                                        \
    }

static const peel_file_schema SCHEMAS[PEEL_NFILE] = {
    S(PEEL_META, "meta.csv", META, "source_line", peel_meta, 0),
    S(PEEL_JUDGMENTS, "judgments.csv", JUDGMENTS, "source_line", peel_judgment, 0),
    S(PEEL_TABLES, "tables.csv", TABLES, "source_line", peel_cell, 0),
    S(PEEL_FINDINGS, "findings.csv", FINDINGS, "source_line", peel_finding, 0),
    S(PEEL_FIGURES, "figures.csv", FIGURES, "source_line", peel_figure, 0),
    S(PEEL_FACTS, "facts.csv", FACTS, "source_line", peel_fact, 0),
    S(PEEL_SUMMARIES, "summaries.csv", SUMMARIES, "source_line", peel_summary, 0),
    S(PEEL_COVERAGE, "coverage.csv", COVERAGE, "line", peel_coverage, 0),
    S(PEEL_REJECTS, "rejects.csv", REJECTS, NULL, peel_reject, 0),
    S(PEEL_RECONCILIATION, "reconciliation.csv", RECONCILIATION, NULL, peel_check, 0),
    S(PEEL_SIDECAR, "sidecars/NAME.csv", SIDECAR, NULL, peel_sidecar, 1),
};

const peel_file_schema *peel_schema(peel_file f)
{
    return f < PEEL_NFILE ? &SCHEMAS[f] : NULL;
}

const peel_field *peel_schema_field(const peel_file_schema *s, const char *name)
{
    for (size_t i = 0; i < s->nfield; i++)
        if (strcmp(s->field[i].name, name) == 0)
            return &s->field[i];
    return NULL;
}

size_t peel_schema_header(peel_file f, char *out, size_t cap)
{
    size_t n = 0;
    if (cap == 0)
        return 0;
    out[0] = '\0';
    for (size_t i = 0; f < PEEL_NFILE && i < SCHEMAS[f].nfield; i++) {
        const char *name = SCHEMAS[f].field[i].name;
        size_t len = strlen(name);
        if (n + len + 2 > cap)
            break;
        if (i)
            out[n++] = ',';
        memcpy(out + n, name, len + 1);
        n += len;
    }
    return n;
}
