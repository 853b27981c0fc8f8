"""The dashboard's charts, drawn on the server as SVG: bars in the text colour (so the high
contrast and dark themes draw them too), no script and no style attribute (the CSP forbids
both), and always beside the table with the same figures."""

import html

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from portal.selectors import Cell, Chart, Table

register = template.Library()

ROW, LABEL, WIDTH, VALUE = 28, 90, 640, 70  # one bar's height; the label, chart and value columns


@register.simple_tag
def bar_chart(chart: Chart | None, slug: str) -> SafeString | str:
    """A horizontal bar for each of the chart's rows, scaled to its largest value (or to 100 for
    percentages), with the value written at the bar's end and an optional target line."""
    if chart is None or not chart.bars:
        return ""
    top = 100.0 if chart.percent else max((value for _, value in chart.bars if value is not None), default=0) or 1
    span = WIDTH - LABEL - VALUE
    height = ROW * len(chart.bars) + 10

    def bar(index: int, label: str, value: float | None) -> tuple:
        y = index * ROW + 5
        length = 0 if value is None else max(1, round(span * value / top))
        text = "No data" if value is None else (f"{value:g}%" if chart.percent else f"{value:,g}")
        # The value in a column of its own, clear of the bars and the target line.
        return (y + 18, label, LABEL, y + 4, length, LABEL + span + 10, y + 18, text)

    bars = format_html_join(
        "",
        '<text x="0" y="{}" fill="currentColor">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="18" fill="currentColor"></rect>'
        '<text x="{}" y="{}" fill="currentColor">{}</text>',
        (bar(index, label, value) for index, (label, value) in enumerate(chart.bars)),
    )
    target = ""
    if chart.target is not None:
        x = LABEL + round(span * chart.target / top)
        target = format_html(
            '<line x1="{}" y1="0" x2="{}" y2="{}" stroke="currentColor" stroke-width="2"'
            ' stroke-dasharray="6 4"></line>',
            x, x, height,
        )  # fmt: skip
    # The box scrolls on a narrow screen (app-chart), so keyboard users can focus it to scroll.
    return format_html(
        '<figure class="govuk-!-margin-0 govuk-!-margin-bottom-4">'
        '<div class="app-chart" role="region" aria-label="{}" tabindex="0">'
        '<svg role="img" aria-labelledby="{}-chart" viewBox="0 0 {} {}" width="100%" font-size="14"'
        ' font-family="arial, sans-serif"><title id="{}-chart">{}</title>{}{}</svg></div>'
        '<figcaption class="govuk-body-s">{} The figures are in the table below.</figcaption></figure>',
        chart.title, slug, WIDTH, height, slug, chart.title, bars, target, chart.caption,
    )  # fmt: skip


def _text(value: object) -> str:
    # html.escape, the function Django's escape calls, without its wrapper for lazy text: a
    # whole council's tables have thousands of cells.
    return html.escape(str(value))


def _cell(cell: Cell) -> str:
    if cell.href:
        return f'<a class="govuk-link" href="{_text(cell.href)}">{_text(cell.text)}</a>'
    return _text(cell.text)


@register.simple_tag
def table_rows(table: Table) -> SafeString:
    """A dashboard table's body rows: the first cell heads its row, the others are figures. In
    Python rather than template loops, every text escaped: a whole council's tables have
    thousands of cells."""
    return mark_safe(  # noqa: S308 - every text and link above is escaped
        "\n".join(
            f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{_text(row[0].text)}</th>'
            + "".join(
                f'<td class="govuk-table__cell govuk-table__cell--numeric">{_cell(cell)}</td>' for cell in row[1:]
            )
            + "</tr>"
            for row in table.rows
        )
    )
