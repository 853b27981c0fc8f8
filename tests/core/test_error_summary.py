"""The error summary (templates/gds/layout/error_summary.html) links every error to an element of
the page, a group of radios or checkboxes included (crispy-forms-gds gives the group no id)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template

from standards.forms import DateField

PAGE = Template("{% load crispy_forms_tags crispy_forms_gds %}{% error_summary form %}{% crispy form %}")


class ChoicesForm(forms.Form):
    colour = forms.ChoiceField(choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect)
    sizes = forms.MultipleChoiceField(choices=[("s", "Small"), ("m", "Medium")], widget=forms.CheckboxSelectMultiple)
    name = forms.CharField()

    def clean(self):
        raise ValidationError("Something is wrong with the whole form")


def _links(form: forms.Form) -> tuple[list[str], str]:
    html = PAGE.render(Context({"form": form}))
    summary = html[html.index("govuk-error-summary") : html.index("</ul>")]
    return re.findall(r'href="#([^"]+)"', summary), html


def test_every_link_lands_on_an_input():
    targets, html = _links(ChoicesForm(data={"colour": "green", "sizes": ["xl"]}))
    # The form's own error goes to its first field: here a radio group.
    assert targets == ["id_colour_1", "id_colour_1", "id_sizes_1", "id_name"]
    assert all(html.count(f'id="{target}"') == 1 for target in targets)


def test_a_prefixed_form():
    targets, html = _links(ChoicesForm(data={}, prefix="pick"))
    assert targets == ["id_pick-colour_1", "id_pick-colour_1", "id_pick-sizes_1", "id_pick-name"]
    assert all(f'id="{target}"' in html for target in targets)


class DayForm(forms.Form):
    day = DateField(what="the first day", label="From")


def test_a_date_missing_two_parts_is_one_message_marking_both_boxes():
    # A month alone: one message naming both parts missing, in the summary once (not once a box),
    # linking to the first box in error, and both boxes marked.
    form = DayForm(data={"day_1": "3"})
    targets, html = _links(form)
    assert form.errors["day"] == ["The first day must include a day and year"]
    assert targets == ["id_day_0"]
    assert html.count("The first day must include a day and year") == 2  # the summary and the field
    assert html.count("govuk-input--error") == 2
    # One part missing keeps its own message.
    assert DayForm(data={"day_0": "1", "day_1": "3"}).errors["day"] == ["The first day must include a year"]
