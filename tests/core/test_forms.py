"""The filters' select (core.forms.Select), which writes its options in Python: escaped as Django
escapes, one option selected, as Django's select does."""

import re

from django import forms
from django.utils.safestring import mark_safe

from core.forms import Select


def _options(html: str) -> list[str]:
    return re.findall(r"<option [^>]*>[^<]*(?:<b>[^<]*</b>)?</option>", html)


def test_the_options_are_escaped_and_the_value_chosen_once():
    widget = Select(
        attrs={"class": "app-filter"},
        choices=[("", "Any team"), ("none", "None"), (1, 'Bins & "recycling"'), (3, "Three"), ("3", "Three again")],
    )
    html = widget.render("team", "3", attrs={"id": "id_team", "aria-describedby": "id_team_hint"})
    assert html.startswith('<select name="team" aria-describedby="id_team_hint" class="app-filter" id="id_team">')
    assert _options(html) == [
        '<option value="">Any team</option>',
        '<option value="none">None</option>',
        '<option value="1">Bins &amp; &quot;recycling&quot;</option>',
        # Django's select marks only the first option with the value.
        '<option value="3" selected>Three</option>',
        '<option value="3">Three again</option>',
    ]


def test_a_hostile_value_selects_nothing_and_is_not_written():
    widget = Select(choices=[("", "Any"), ("1", "One")])
    html = widget.render("team", '"><script>alert(1)</script>')
    assert "<script>" not in html and " selected" not in html


def test_a_label_already_safe_is_not_escaped_twice_and_none_is_the_empty_value():
    widget = Select(choices=[(None, "Not known"), ("b", mark_safe("<b>Bold</b>"))])
    # No value chooses the empty one, as in Django's select.
    assert _options(widget.render("x", None)) == [
        '<option value="" selected>Not known</option>',
        '<option value="b"><b>Bold</b></option>',
    ]


def test_a_bound_fields_value_is_chosen_as_in_djangos_own_select():
    class Form(forms.Form):
        team = forms.TypedChoiceField(choices=[("", "Any"), ("2", "Two")], coerce=int, required=False, widget=Select)

    assert '<option value="2" selected>Two</option>' in str(Form({"team": "2"})["team"])
    assert " selected" not in str(Form({"team": "9"})["team"])
