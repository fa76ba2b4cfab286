"""Rows rendered once per content: the same shown values give the HTML kept, any other value or language a new one."""

from datetime import date

from django.utils import translation

from accounts.memo import Memo, render_each

ROW = "oversight/reports/includes/queue_row.html"


def _context(**changes):
    context = {
        "pk": 7,
        "cluster": "Galil <b>Elyon</b>",
        "period": "2026 Q1",
        "due_on": date(2026, 4, 30),
        "number": 1,
        "state": "Submitted",
        "first_submitted_at": None,
        "on_time": None,
    }
    return {**context, **changes}


def test_the_same_context_is_rendered_once_and_any_change_renders_again():
    memo = Memo(16)
    with translation.override("en"):
        [first] = render_each(memo, ROW, [_context()])
        [again] = render_each(memo, ROW, [_context()])
        assert again is first and len(memo.entries) == 1
        assert "Galil &lt;b&gt;Elyon&lt;/b&gt;" in first and 'href="/oversight/reports/7/"' in first
        [returned] = render_each(memo, ROW, [_context(state="Returned")])
        assert "Returned" in returned and "Submitted" not in returned
        # equal in Python, shown differently: True and 1 are different keys
        [as_true] = render_each(memo, ROW, [_context(number=True)])
        assert ">True</td>" in as_true and ">1</td>" not in as_true
        assert len(memo.entries) == 3
    with translation.override("he"):
        [hebrew] = render_each(memo, ROW, [_context()])
    assert hebrew != first and 'data-label="גרסה"' in hebrew
    assert len(memo.entries) == 4


def test_a_memo_keeps_only_its_size():
    memo = Memo(2)
    with translation.override("en"):
        render_each(memo, ROW, [_context(pk=pk) for pk in (1, 2, 3)])
    assert len(memo.entries) == 2
