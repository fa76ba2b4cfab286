"""The strategic plan as a PDF a CEO takes to the board, built on the server from the printable view's data.

A4, in the reader's language (Hebrew and Arabic right to left, English left to right): a title page (cluster, plan,
version, status, approval), then the vision and strategic goals, the logic model by horizon and action channel with
the goals measuring each outcome, the timeline, and the pilots with their six-month measurement and nine-month
decision review; "page X of Y" in every footer.

fpdf2 lays the pages out and HarfBuzz (uharfbuzz) shapes the text, so Arabic letters join and each paragraph's mix
of Hebrew, Arabic, Latin and numbers is ordered by the Unicode bidirectional algorithm. The fonts are Noto Sans,
Noto Sans Hebrew and Noto Sans Arabic from static/vendor/fonts, loaded by path: no system font, no network.
"""

import logging
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF, ViewerPreferences
from fpdf.bidi import auto_detect_base_direction
from fpdf.enums import Align, TextDirection, VAlign, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.syntax import Name

from .models import Channel, Horizon, Pilot, StrategicPlan

FONT_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "fonts"
# family -> file name stem; the first is the main font, the others supply the glyphs it lacks (Hebrew, Arabic)
FONTS = {"sans": "NotoSans", "hebrew": "NotoSansHebrew", "arabic": "NotoSansArabic"}

# fontTools reports every glyph of every subset it makes at INFO
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

TEXT_SIZE = 10.5
TABLE_SIZE = 9.5
INK = (33, 37, 41)
MUTED = (95, 99, 104)
ACCENT = (13, 60, 110)
RULE = (170, 178, 189)
HEADING_FILL = (232, 237, 243)


def _line_height(size: float) -> float:
    """Millimetres per line for a font size in points (1.45 × the size)."""
    return size * 0.3528 * 1.45


def _clean(text) -> str:
    """Text as it may be drawn: control characters (but line breaks) dropped, tabs as spaces, Windows line ends
    folded, so a stray character typed into a field cannot draw a missing-glyph box or break the layout."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


def _day(value) -> str:
    if value is None:
        return "—"
    if hasattr(value, "hour"):
        value = timezone.localdate(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")


class ReadingOrder(ViewerPreferences):
    """The viewer's preferences with the document's reading order, which fpdf2 2.8.9 writes as a bare word (`LTR`)
    where PDF wants the name /L2R or /R2L (a viewer lays facing pages out by it)."""

    def __init__(self, *, rtl: bool):
        self.rtl = rtl
        super().__init__(display_doc_title=True)

    @property
    def direction(self):
        return Name("R2L" if self.rtl else "L2R")

    @direction.setter
    def direction(self, value) -> None:
        """Set by `rtl` only."""


class PlanDocument(FPDF):
    """An A4 page layout that mirrors for right-to-left languages: text starts on the right and tables read from
    the right."""

    def __init__(self, *, rtl: bool):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.rtl = rtl
        self.start = Align.R if rtl else Align.L
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=22)
        for family, stem in FONTS.items():
            self.add_font(family, "", FONT_DIR / f"{stem}-Regular.ttf")
            self.add_font(family, "B", FONT_DIR / f"{stem}-Bold.ttf")
        self.set_fallback_fonts([family for family in FONTS if family != "sans"])
        self.set_text_color(*INK)
        self.writing("interface")

    def writing(self, kind: str) -> None:
        """Interface text runs in the document's direction; what people typed finds its own from its first letter
        (as `dir="auto"` does on the pages)."""
        if kind == "interface":
            self.set_text_shaping(True, direction=TextDirection.RTL if self.rtl else TextDirection.LTR)
        else:
            self.set_text_shaping(True)

    def keep_room(self, height: float) -> None:
        """Start a new page unless `height` millimetres still fit on this one (no heading alone at a page's foot)."""
        if self.will_page_break(height):
            self.add_page()

    def heading(self, text: str, *, level: int = 1) -> None:
        size = 16 if level == 1 else 12.5
        self.keep_room(_line_height(size) + 22)
        self.start_section(_clean(text), level=level - 1)
        self.writing("interface")
        self.set_font("sans", "B", size)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, _line_height(size), _clean(text), align=self.start, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if level == 1:
            self.set_draw_color(*RULE)
            self.set_line_width(0.3)
            self.line(self.l_margin, self.get_y() + 0.8, self.w - self.r_margin, self.get_y() + 0.8)
            self.ln(3)
        else:
            self.ln(1)
        self.set_text_color(*INK)

    def paragraph(
        self,
        text: str,
        *,
        kind: str = "typed",
        size: float = TEXT_SIZE,
        style: str = "",
        color=INK,
        own_side: bool = False,
    ):
        """A paragraph on the document's starting side, or (`own_side`, for a text people typed) on the side its
        own first letter starts from, as `dir="auto"` places it on the pages."""
        self.writing(kind)
        self.set_font("sans", style, size)
        self.set_text_color(*color)
        text = _clean(text)
        align = self.start
        if own_side:
            align = Align.R if auto_detect_base_direction(text) == TextDirection.RTL else Align.L
        self.multi_cell(0, _line_height(size), text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(1.5)

    def numbered(self, lines: Sequence[str]) -> None:
        """A numbered list, the numbers on the side the text starts from."""
        height, gutter = _line_height(TEXT_SIZE), 9
        for number, line in enumerate(lines, start=1):
            self.set_font("sans", "", TEXT_SIZE)
            self.keep_room(height)
            top = self.get_y()
            self.writing("interface")
            self.set_xy(self.w - self.r_margin - gutter if self.rtl else self.l_margin, top)
            self.cell(gutter, height, f"{formats.number_format(number)}.", align=self.start)
            self.writing("typed")
            self.set_xy(self.l_margin if self.rtl else self.l_margin + gutter, top)
            self.multi_cell(
                self.epw - gutter, height, _clean(line), align=self.start, new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.ln(0.8)
        self.ln(1.5)

    def grid(self, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        """A table whose long cells wrap, whose headings repeat on every page it runs over, read from the side the
        language starts from."""
        order = slice(None, None, -1) if self.rtl else slice(None)
        self.writing("typed")
        self.set_font("sans", "", TABLE_SIZE)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        with self.table(
            col_widths=tuple(widths)[order],
            width=self.epw,
            text_align=self.start,
            v_align=VAlign.T,
            line_height=_line_height(TABLE_SIZE),
            padding=(1.6, 2),
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL, color=INK),
            borders_layout="HORIZONTAL_LINES",
            repeat_headings=1,
        ) as table:
            for row in (headings, *rows):
                cells = table.row()
                for value in tuple(row)[order]:
                    cells.cell(_clean(value))
        self.ln(4)

    def facts(self, rows: Sequence[tuple[str, str]]) -> None:
        """Label and value pairs (the title page's details), the labels on the side the text starts from."""
        order = slice(None, None, -1) if self.rtl else slice(None)
        self.writing("typed")
        self.set_font("sans", "", TEXT_SIZE)
        with self.table(
            col_widths=(52, 82)[order],
            width=134,
            align=self.start,
            text_align=self.start,
            v_align=VAlign.T,
            line_height=_line_height(TEXT_SIZE),
            padding=(1.4, 2),
            first_row_as_headings=False,
            borders_layout="NONE",
        ) as table:
            for label, value in rows:
                cells = table.row()
                for text, style in ((label, FontFace(emphasis="BOLD", color=MUTED)), (value, None))[order]:
                    cells.cell(_clean(text), style=style)

    def number_pages(self) -> None:
        """ "Page X of Y" at the foot of every page, written after the last page so Y is known."""
        total = self.page
        self.set_auto_page_break(False)
        for number in range(1, total + 1):
            self.page = number
            self.writing("interface")
            self.set_font("sans", "", 8.5)
            self.set_text_color(*MUTED)
            self.set_xy(self.l_margin, self.h - 14)
            label = _("Page %(number)s of %(total)s") % {"number": number, "total": total}
            self.cell(self.epw, 5, label, align=Align.C)
        self.page = total


def _measured_by(outcome) -> str:
    """The goals measuring an outcome, one a line, each followed by its service unless its name already says it."""
    goals = [
        goal.display_name if goal.name_includes_service else f"{goal.display_name} ({goal.service.name})"
        for goal in outcome.measured_by.all()
    ]
    return "\n".join(goals) or "—"


def render_strategic_plan(
    *, plan: StrategicPlan, pilots: Sequence[Pilot], printed_on: date, language: str | None = None
) -> bytes:
    """The plan version (loaded by `selectors.strategic_plan`) and its pilots (`selectors.strategic_plan_pilots`) as
    PDF bytes in `language` (the active language by default). Reads no rows itself."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    with translation.override(language):
        rtl = translation.get_language_bidi()
        pdf = PlanDocument(rtl=rtl)
        cluster = plan.cluster
        document_title = f"{_clean(plan.title)} — {_clean(cluster.name)}"
        pdf.set_title(document_title)
        pdf.set_subject(_("Strategic plan"))
        pdf.set_author(_clean(cluster.name))
        pdf.set_creator(_("Regional clusters platform"))
        pdf.set_lang(language)
        pdf.viewer_preferences = ReadingOrder(rtl=rtl)
        _title_page(pdf, plan, printed_on)
        _vision(pdf, plan)
        _logic_model(pdf, plan)
        _timeline(pdf, plan)
        _pilots(pdf, pilots)
        pdf.number_pages()
        return bytes(pdf.output())


def _title_page(pdf: PlanDocument, plan: StrategicPlan, printed_on: date) -> None:
    pdf.add_page()
    pdf.set_y(62)
    pdf.paragraph(_("Strategic plan"), kind="interface", size=13, color=MUTED)
    pdf.paragraph(plan.cluster.name, size=15, style="B", color=ACCENT)
    pdf.ln(2)
    pdf.paragraph(plan.title, size=24, style="B")
    pdf.ln(1)
    versions = _("Version %(version)s, %(first)s–%(last)s") % {
        "version": plan.version,
        "first": f"{plan.starts_year:d}",
        "last": f"{plan.ends_year:d}",
    }
    pdf.paragraph(versions, kind="interface", size=13)
    pdf.ln(8)
    approved_on = _day(plan.approved_at) if plan.approved_at else _("Not approved by the board yet")
    pdf.facts(
        [
            (_("Status"), str(plan.get_status_display())),
            (_("Approved by the board on"), approved_on),
            (_("Printed on"), _day(printed_on)),
        ]
    )
    approvals = list(plan.approvals.all())
    pdf.ln(6)
    pdf.heading(_("Board approvals"), level=2)
    if approvals:
        pdf.grid(
            [_("Board member"), _("Approved on")],
            [(str(approval.approved_by), _day(approval.approved_at)) for approval in approvals],
            (120, 54),
        )
    else:
        pdf.paragraph(_("None yet."), kind="interface", color=MUTED)


def _vision(pdf: PlanDocument, plan: StrategicPlan) -> None:
    pdf.add_page()
    pdf.heading(_("Vision"))
    pdf.paragraph(plan.vision, own_side=True)
    pdf.ln(2)
    pdf.heading(_("Strategic goals"), level=2)
    if plan.goal_lines:
        pdf.numbered(plan.goal_lines)
    else:
        pdf.paragraph("—", kind="interface")


def _logic_model(pdf: PlanDocument, plan: StrategicPlan) -> None:
    pdf.heading(_("Logic model"))
    outcomes = list(plan.outcomes.all())
    channel_order = {value: index for index, value in enumerate(Channel.values)}
    for value, label in Horizon.choices:
        pdf.heading(str(label), level=2)
        items = sorted((o for o in outcomes if o.horizon == value), key=lambda o: (channel_order[o.channel], o.pk))
        if not items:
            pdf.paragraph(_("No outcome at this horizon yet."), kind="interface", color=MUTED)
            continue
        pdf.grid(
            [_("Outcome"), _("Action channel"), _("Measured by")],
            [(o.title, str(o.get_channel_display()), _measured_by(o)) for o in items],
            (72, 26, 76),
        )


def _timeline(pdf: PlanDocument, plan: StrategicPlan) -> None:
    pdf.heading(_("Timeline"))
    milestones = list(plan.milestones.all())
    if not milestones:
        pdf.paragraph(_("No milestones yet."), kind="interface", color=MUTED)
        return
    pdf.grid(
        [_("Due on"), _("Action channel"), _("Milestone")],
        [(_day(m.due_on), str(m.get_channel_display()), m.title) for m in milestones],
        (26, 30, 118),
    )


def _pilots(pdf: PlanDocument, pilots: Sequence[Pilot]) -> None:
    pdf.heading(_("Pilots"))
    if not pilots:
        pdf.paragraph(_("No pilot in the work plans of the plan's years."), kind="interface", color=MUTED)
        return
    pdf.paragraph(
        _(
            "Each pilot is measured %(measurement)s months after it starts and reviewed at %(review)s months: "
            "continue, scale up or stop."
        )
        % {
            "measurement": settings.CLUSTERS_PILOT_MEASUREMENT_MONTHS,
            "review": settings.CLUSTERS_PILOT_REVIEW_MONTHS,
        },
        kind="interface",
        size=9.5,
        color=MUTED,
    )
    pdf.grid(
        [
            _("Pilot"),
            _("Outcome served"),
            _("Starts on"),
            _("Measurement by"),
            _("Decision review by"),
            _("Decision"),
        ],
        [
            (
                f"{pilot.item.title} ({pilot.item.plan.year:d})",
                pilot.item.outcome.title if pilot.item.outcome else "—",
                _day(pilot.starts_on),
                _day(pilot.measurement_due_on),
                _day(pilot.review_due_on),
                str(pilot.get_decision_display()) if pilot.decision else _("Not decided yet"),
            )
            for pilot in pilots
        ],
        (36, 32, 22, 29, 29, 26),
    )
