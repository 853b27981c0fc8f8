"""The error summary (templates/gds/layout/error_summary.html) links every error to an element of
the page, a group of radios or checkboxes included (crispy-forms-gds gives the group no id)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template

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
